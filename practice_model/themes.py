"""Inspection themes as data: the file the ``pm:themes`` directive renders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import UserError
from .kinds import kind_of_id
from .tomlfile import line_of, read_toml


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    description: str
    judgement: str
    sources: tuple[str, ...]
    line: int


def load_themes(path: Path) -> list[Theme]:
    data, text = read_toml(path)
    themes, seen = [], set()
    for raw in data.get("themes", []):
        tid = raw.get("id", "")
        line = line_of(text, tid) if tid else None
        if kind_of_id(tid) != "theme":
            raise UserError(f"theme ID '{tid}' should start with 'theme-'", str(path), line)
        if tid in seen:
            raise UserError(f"theme '{tid}' is listed twice", str(path), line)
        for key in ("title", "description"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise UserError(f"theme '{tid}' needs a '{key}'", str(path), line)
        seen.add(tid)
        themes.append(Theme(tid, raw["title"], raw["description"], raw.get("judgement", ""), tuple(raw.get("sources", ())), line or 0))
    if not themes:
        raise UserError("no themes found; list them as [[themes]] tables with id, title and description", str(path))
    return themes
