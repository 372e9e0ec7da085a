"""Reading the project's TOML data files with errors that name the file and line."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from .errors import UserError


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed data and the raw text (kept to find lines for later errors)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read the file ({exc.strerror})", str(path)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError("the file is not UTF-8 text; save it as UTF-8", str(path), line) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise UserError(
            f"not valid TOML ({exc}); check quotes, brackets and '=' signs", str(path),
            int(match.group(1)) if match else None,
        ) from None


def line_of(text: str, value: str) -> int | None:
    """The 1-based line where a quoted value first appears, to point errors at it."""
    for number, line in enumerate(text.splitlines(), start=1):
        if f'"{value}"' in line or f"'{value}'" in line:
            return number
    return None


TABLE_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(?:#.*)?$")


def line_of_key(text: str, path) -> int | None:
    """The 1-based line of the key at a JSON path such as ``("slots", 1, "count")``.

    tomllib gives no positions, so this is a plain scan: ``[table]`` and
    ``[[array]]`` headers open sections (the Nth ``[[slots]]`` is ``slots``
    index N-1) and ``key =`` lines are looked for in the deepest section on the
    path. When the key is not written there (a missing key, an inline table),
    the section's header line is given; None at the top level.
    """
    lines = text.splitlines()
    sections: list[tuple[tuple, int | None]] = [((), None)]  # (JSON path, 0-based header line)
    last_index: dict[tuple, int] = {}  # an array of tables -> its latest index
    for number, line in enumerate(lines):
        match = TABLE_HEADER.match(line)
        if not match:
            continue
        names = [part.strip().strip("\"'") for part in match.group(2).split(".")]
        is_array = match.group(1) == "[["
        resolved: tuple = ()
        for position, name in enumerate(names):
            resolved += (name,)
            last = position == len(names) - 1
            if resolved in last_index and not (is_array and last):
                resolved += (last_index[resolved],)
        if is_array:
            last_index[resolved] = last_index.get(resolved, -1) + 1
            resolved += (last_index[resolved],)
        sections.append((resolved, number))
    path = tuple(path)
    for section, header in sections:  # the key is itself a [table] or an [[array]] of them
        if path and header is not None and section[: len(path)] == path and len(section) <= len(path) + 1:
            return header + 1
    depth, header = max(((len(p), h) for p, h in sections if path[: len(p)] == p), key=lambda x: x[0])
    rest = path[depth:]
    if rest and isinstance(rest[0], str):
        key = re.escape(rest[0])
        pattern = re.compile(rf"^\s*(?:{key}|\"{key}\"|'{key}')\s*[=.]")
        start = 0 if header is None else header + 1
        for number in range(start, len(lines)):
            if TABLE_HEADER.match(lines[number]):
                break
            if pattern.match(lines[number]):
                return number + 1
    return None if header is None else header + 1
