"""Checking a blueprint against ``schema/blueprint.schema.json``, with file:line for each problem.

The schema says what a blueprint may contain; this module only runs it and
turns each problem into a sentence for an ASYE lead, at the line of the key
(found by a scan of the TOML text, as tomllib gives no positions).
"""

from __future__ import annotations

import difflib
import json
import math
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError, validators

from ..errors import UserError
from ..tomlfile import line_of_key

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "blueprint.schema.json"

TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "string": "text in quotes",
    "array": "a list in square brackets",
    "boolean": "true or false, without quotes",
    "object": "a table",
}


def _is_integer(checker, instance) -> bool:
    # Python's bool is an int: `count = true` must not pass as 1.
    return isinstance(instance, int) and not isinstance(instance, bool)


def _is_number(checker, instance) -> bool:
    # TOML allows nan and inf, which compare false with every bound.
    return isinstance(instance, (int, float)) and not isinstance(instance, bool) and math.isfinite(instance)


def _unique_by(validator, key, instance, schema):
    """The schema's ``uniqueBy`` keyword: no two tables in the list share ``key`` (e.g. two slots one name)."""
    if not validator.is_type(instance, "array"):
        return
    seen: set[str] = set()
    for index, entry in enumerate(instance):
        value = entry.get(key) if isinstance(entry, dict) else None
        if isinstance(value, str):
            if value in seen:
                yield ValidationError(f"is '{value}', like an earlier one; give each its own {key}", path=(index, key))
            seen.add(value)


@cache
def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator():
    kind = validators.extend(
        Draft202012Validator, {"uniqueBy": _unique_by},
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine_many({"integer": _is_integer, "number": _is_number}),
    )
    return kind(_schema())


def _description(path: tuple) -> str:
    """What the schema says the value at ``path`` should be: the deepest 'description' on the way."""
    root = _schema()
    schema, found = root, ""
    for step in path:
        schema = schema.get("items" if isinstance(step, int) else "properties", {})
        schema = schema.get(step, {}) if isinstance(step, str) else schema
        own = schema.get("description")  # next to a $ref, it is about this key; the referenced one is generic
        if "$ref" in schema:
            schema = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
        found = own or schema.get("description", found)
    return found


def _describe(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value} (not a usable number)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {json.dumps(value)}"
    if isinstance(value, list):
        return "a list"
    return "a table"


def _where(data: dict, path: tuple) -> str:
    """``[[slots]] 'Name': 'types'`` for a path such as ("slots", 0, "types", 2)."""
    table, rest = "", path
    if len(path) >= 2 and path[0] == "slots" and isinstance(path[1], int):
        slots = data.get("slots")
        name = slots[path[1]].get("name") if isinstance(slots, list) and isinstance(slots[path[1]], dict) else None
        table = f"[[slots]] '{name}'" if isinstance(name, str) else f"[[slots]] number {path[1] + 1}"
        rest = path[2:]
    elif path and path[0] in ("coverage", "evidence"):
        table, rest = f"[{path[0]}]", path[1:]
    key = f"'{rest[0]}'" if rest and isinstance(rest[0], str) else ""
    if len(rest) > 1 and isinstance(rest[1], int):
        key += f" (entry {rest[1] + 1})"
    return ": ".join(part for part in (table, key) if part)


def _message(data: dict, error: ValidationError) -> str:
    path = tuple(error.absolute_path)
    where = _where(data, path) or "the blueprint"
    kind, expected = error.validator, error.validator_value
    hint = _description(path)
    hint = f"; {hint}" if hint and hint not in TYPE_WORDS.values() else ""
    if kind == "required":
        missing = [k for k in expected if k not in error.instance][0]
        return f"{where} has no '{missing}'; add it ({_description(path + (missing,))})"
    if kind == "type":
        return f"{where} is {_describe(error.instance)}, but should be {TYPE_WORDS.get(expected, expected)}{hint}"
    if kind == "enum":
        return f"{where} is {_describe(error.instance)}; use one of {', '.join(json.dumps(v) for v in expected)}"
    if kind == "minItems":
        return f"{where} is an empty list; give at least {expected}{hint}"
    if kind == "uniqueItems":
        return f"{where} lists the same value twice; remove the repeat"
    if kind in ("minimum", "maximum"):
        return f"{where} is {_describe(error.instance)}, but should be {'at least' if kind == 'minimum' else 'at most'} {expected}{hint}"
    if kind in ("pattern", "not"):
        # The schema that holds the pattern says best what it allows (one line, a relative path).
        return f"{where} is {_describe(error.instance)}, but should be {error.schema.get('description', 'different')}"
    if kind == "uniqueBy":
        return f"{where} {error.message}"
    return f"{where}: {error.message}"


def _unknown_keys(data: dict, text: str, error: ValidationError) -> list[tuple[int | None, str]]:
    """One problem per misspelt or unsupported key, each at its own line, with the nearest known key."""
    path = tuple(error.absolute_path)
    known = sorted(error.schema.get("properties", {}))
    table = _where(data, path) or "the blueprint"
    problems = []
    for key in sorted(set(error.instance) - set(known)):
        close = difflib.get_close_matches(key, known, n=1)
        guess = f"did you mean '{close[0]}'? " if close else ""
        problems.append((line_of_key(text, path + (key,)),
                         f"unknown key '{key}' in {table}; {guess}the keys allowed here are {', '.join(known)}"))
    return problems


def check_blueprint(data: dict, text: str, path: Path) -> None:
    """Raise a UserError naming every problem, each as ``file:line: message``, or return if there are none."""
    problems = []
    for error in _validator().iter_errors(data):
        if error.validator == "additionalProperties":
            problems.extend(_unknown_keys(data, text, error))
        else:
            problems.append((line_of_key(text, tuple(error.absolute_path)), _message(data, error)))
    if not problems:
        return
    problems.sort(key=lambda p: (p[0] or 0, p[1]))
    (line, first), rest = problems[0], problems[1:]
    more = "".join(f"\n{path}{':' + str(n) if n else ''}: {message}" for n, message in rest)
    raise UserError(first + more, str(path), line)
