"""Reading an object's options against the kinds table: the one place the option rules live.

``validate_object`` is pure: it returns the typed fields, the links and the
problems, and each caller reports problems its own way. The directive makes
them typed warnings at the directive's line; the bank loader makes the first a
``file:line`` error; ``practice-model check`` reports the build's warnings, so
it never checks an option again.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .kinds import ID_PATTERN, Kind, kind_of_id, split_ids, split_list
from .warnings_ import PMWarning


@dataclass(frozen=True)
class Problem:
    subtype: PMWarning
    message: str


@dataclass
class Validated:
    fields: dict = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def id_problems(kind: Kind, oid: str) -> list[Problem]:
    if not ID_PATTERN.match(oid):
        return [Problem(PMWarning.BAD_ID, f"'{oid}' is not a {kind.name} ID: use lower-case words joined by hyphens, "
                                          f"starting '{kind.prefix}-' (e.g. '{kind.prefix}-chronologies')")]
    if kind_of_id(oid) != kind.name:
        return [Problem(PMWarning.ID_PREFIX, f"'{oid}' is a {kind.label.lower()} but its ID does not start with "
                                             f"'{kind.prefix}-'; rename it '{kind.prefix}-{oid.split('-', 1)[-1]}'")]
    return []


def validate_object(kind: Kind, oid: str, options: Mapping[str, object], *, page_object: str | None = None,
                    parent_required: bool = False, item_exists: Callable[[str], bool] | None = None) -> Validated:
    """Check ``oid`` and ``options`` (raw option text by name) against ``kind``'s fields.

    ``page_object``: the page's standard or module, which an omitted parent
    field (``kind.parent_field``) defaults to. ``parent_required``: there is no
    page to default to (a question bank), so the parent field must be given.
    ``item_exists``: whether a framework item ID exists; None when the
    framework data could not be read (the caller says why), and then item
    fields are left empty.
    """
    result = Validated(problems=id_problems(kind, oid))
    for spec in kind.fields:
        raw = options.get(spec.name)
        value = "" if raw is None else str(raw).strip()
        if not value:
            if spec.required:
                result.problems.append(Problem(PMWarning.MISSING_FIELD, f"{kind.label.lower()} '{oid}' has no ':{spec.name}:'; add it"))
            continue
        if spec.type == "date":
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                result.problems.append(Problem(PMWarning.BAD_DATE, f"':{spec.name}: {value}' is not a date; write it as "
                                                                   "YYYY-MM-DD, e.g. 2027-03-31"))
                continue
            result.fields[spec.name] = value
        elif spec.type in ("choice", "choices"):
            chosen = split_ids(value) if spec.type == "choices" else [value]
            wrong = [c for c in chosen if c not in spec.choices]
            if wrong:
                result.problems.append(Problem(PMWarning.BAD_CHOICE, f"':{spec.name}: {', '.join(wrong)}' is not allowed; "
                                                                     f"choose from {', '.join(spec.choices)}"))
                continue
            result.fields[spec.name] = chosen if spec.type == "choices" else value
        elif spec.type == "list":
            result.fields[spec.name] = split_list(value)
        elif spec.type == "ids":
            result.links[spec.name] = split_ids(value)
        elif spec.type == "items":
            result.fields[spec.name] = _known_items(split_ids(value), item_exists, result.problems)
        else:
            result.fields[spec.name] = value
    _default_parent(kind, oid, result, page_object, parent_required)
    return result


def _known_items(item_ids: list[str], item_exists: Callable[[str], bool] | None, problems: list[Problem]) -> list[str]:
    if item_exists is None:
        return []
    known = []
    for item_id in item_ids:
        if item_exists(item_id):
            known.append(item_id)
        else:
            problems.append(Problem(PMWarning.UNKNOWN_FRAMEWORK_ITEM, f"'{item_id}' is not an item of any framework; check the "
                                                                      "spelling against the framework files (e.g. 'pcf-6', 'kss-cf-7', 'swe-3')"))
    return known


def _default_parent(kind: Kind, oid: str, result: Validated, page_object: str | None, parent_required: bool) -> None:
    """An omitted parent field (a question's ``:tests:``) names the page's standard or module."""
    parent = kind.field(kind.parent_field) if kind.parent_field else None
    if parent is None or result.links.get(parent.name):
        return
    if page_object and kind_of_id(page_object) in parent.targets:
        result.links[parent.name] = [page_object]
    elif parent_required:
        result.problems.append(Problem(PMWarning.MISSING_FIELD, f"{kind.label.lower()} '{oid}' has no ':{parent.name}:'; name "
                                                                f"the objects it is for ({', '.join(parent.targets)} IDs)"))


def missing_sections(kind: Kind, titles: list[str]) -> list[str]:
    """The '## ' sections of ``kind``'s anatomy that a page-level object's page lacks (compared ignoring case)."""
    have = {title.strip().lower() for title in titles}
    return [heading for heading in kind.anatomy if heading.lower() not in have]
