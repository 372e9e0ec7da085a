"""Inspection themes as data: the file the ``pm:themes`` directive renders.

Each theme is a ``[[themes]]`` table with ``id``, ``title``, ``judgement``,
``description`` and its findings, each a ``[[themes.findings]]`` table::

    [[themes.findings]]
    kind = "strength"      # what inspectors found working; "gap": what needed to change
    text = "Our own short summary of what the inspectors found."
    source = "Ofsted monitoring visit letter, 4-5 October 2022"

A theme's sources are the sources of its findings, in the order they first appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import UserError
from .kinds import kind_of_id
from .tomlfile import line_of, read_toml

FINDING_KINDS = {
    "strength": "What inspectors found working",
    "gap": "What inspectors found needed to change",
}
THEME_KEYS = ("id", "title", "judgement", "description", "findings")
FINDING_KEYS = ("kind", "text", "source")
_FINDINGS_HEADER = re.compile(r"^\s*\[\[\s*themes\s*\.\s*findings\s*\]\]")


@dataclass(frozen=True)
class Finding:
    kind: str  # "strength" or "gap"
    text: str
    source: str
    line: int

    def as_json(self) -> dict:
        return {"kind": self.kind, "source": self.source, "text": self.text}


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    description: str
    judgement: str
    findings: tuple[Finding, ...]
    line: int

    @property
    def strengths(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == "strength")

    @property
    def gaps(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == "gap")

    @property
    def sources(self) -> tuple[str, ...]:
        """Every finding's source, once each, in the order they first appear."""
        return tuple(dict.fromkeys(f.source for f in self.findings))


def _finding_lines(text: str, start: int, end: int | None, count: int) -> list[int | None]:
    """Lines of the theme's ``[[themes.findings]]`` headers (between its line and the next theme's)."""
    lines = text.splitlines()
    stop = (end - 1) if end else len(lines)
    found: list[int | None] = [n for n in range(start, stop + 1) if n <= len(lines) and _FINDINGS_HEADER.match(lines[n - 1])]
    return found if len(found) == count else [None] * count


def _key_line(text: str, key: str, start: int | None, end: int | None) -> int | None:
    """The line of ``key = ...`` within a theme's lines, or the theme's own line."""
    lines = text.splitlines()
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number in range(start or 1, (end - 1 if end else len(lines)) + 1):
        if number <= len(lines) and pattern.match(lines[number - 1]):
            return number
    return start


def _theme_lines(text: str, raws: list) -> list[int | None]:
    return [line_of(text, raw.get("id", "")) if isinstance(raw, dict) and raw.get("id") else None for raw in raws]


def _check_text(value, what: str, path: Path, line: int | None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise UserError(what, str(path), line)
    return " ".join(value.split())


def _load_findings(tid: str, raw, text: str, path: Path, line: int | None, next_line: int | None) -> tuple[Finding, ...]:
    if raw is None or raw == []:
        raise UserError(f"theme '{tid}' has no findings; add one or more [[themes.findings]] tables, each with "
                        f"kind (\"strength\" or \"gap\"), text and source", str(path), line)
    if not isinstance(raw, list) or not all(isinstance(f, dict) for f in raw):
        raise UserError(f"theme '{tid}': 'findings' must be a list of tables ([[themes.findings]]), "
                        f"each with kind, text and source", str(path), line)
    lines = _finding_lines(text, line or 1, next_line, len(raw)) if line else [None] * len(raw)
    findings = []
    for number, (item, fline) in enumerate(zip(raw, lines), start=1):
        where = fline or line
        label = f"theme '{tid}', finding {number}"
        for key in item:
            if key not in FINDING_KEYS:
                raise UserError(f"{label}: unknown key '{key}'; a finding has only {', '.join(FINDING_KEYS)}",
                                str(path), where)
        kind = item.get("kind")
        if kind not in FINDING_KINDS:
            shown = f"'{kind}'" if kind is not None else "no kind"
            raise UserError(f"{label} has {shown}; set kind = \"strength\" (what inspectors found working) "
                            f"or kind = \"gap\" (what they found needed to change)", str(path), where)
        body = _check_text(item.get("text"), f"{label} has no 'text'; say in our own words what inspectors found",
                           path, where)
        source = _check_text(item.get("source"), f"{label} has no 'source'; name the letter or visit and its date, "
                             f"e.g. source = \"Ofsted monitoring visit letter, October 2022\"", path, where)
        findings.append(Finding(kind, body, source, where or 0))
    return tuple(findings)


def load_themes(path: Path) -> list[Theme]:
    data, text = read_toml(path)
    raws = data.get("themes", [])
    if not isinstance(raws, list):
        raise UserError("'themes' must be a list of [[themes]] tables", str(path))
    starts = _theme_lines(text, raws)
    themes, seen = [], set()
    for index, raw in enumerate(raws):
        if not isinstance(raw, dict):
            raise UserError("'themes' must be a list of [[themes]] tables", str(path))
        tid = raw.get("id", "")
        line = starts[index]
        next_line = next((n for n in starts[index + 1:] if n), None)
        if kind_of_id(tid) != "theme":
            raise UserError(f"theme ID '{tid}' should start with 'theme-'", str(path), line)
        if tid in seen:
            raise UserError(f"theme '{tid}' is listed twice", str(path), line)
        for key in raw:
            if key == "sources":
                raise UserError(f"theme '{tid}': 'sources' is no longer used; give each finding its own 'source' "
                                f"in a [[themes.findings]] table", str(path), _key_line(text, key, line, next_line))
            if key not in THEME_KEYS:
                raise UserError(f"theme '{tid}': unknown key '{key}'; a theme has {', '.join(THEME_KEYS)}", str(path),
                                _key_line(text, key, line, next_line))
        for key in ("title", "description"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise UserError(f"theme '{tid}' needs a '{key}'", str(path), line)
        judgement = raw.get("judgement", "")
        if not isinstance(judgement, str):
            raise UserError(f"theme '{tid}': 'judgement' must be text", str(path), line)
        findings = _load_findings(tid, raw.get("findings"), text, path, line, next_line)
        seen.add(tid)
        themes.append(Theme(tid, raw["title"], raw["description"], judgement, findings, line or 0))
    if not themes:
        raise UserError("no themes found; list them as [[themes]] tables with id, title, description and findings", str(path))
    return themes
