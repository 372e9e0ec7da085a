"""Reading releases: versions, what changed between two snapshots, and the 'new'/'updated' marks on pages.

Snapshots live in ``docs/releases/`` as ``<version>.json``; the handbook's
version is the newest snapshot's. This is what a build needs (``conf.py``,
the object badges, the releases list); writing a release is in
``release_writer.py``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UserError

VERSION = re.compile(r"^(\d{4})\.(\d+)$")


def parse_version(text: str) -> tuple[int, int]:
    match = VERSION.match(text)
    if not match:
        raise UserError(f"'{text}' is not a release version; use YEAR.N, for example 2027.1")
    return int(match.group(1)), int(match.group(2))


def releases_dir(source: Path) -> Path:
    return source / "releases"


def existing(source: Path) -> list[str]:
    found = [p.stem for p in releases_dir(source).glob("*.json") if VERSION.match(p.stem)]
    return sorted(found, key=parse_version)


def current_version(source: Path, default: str = "draft") -> str:
    """The newest released version (used by conf.py for the handbook's version)."""
    versions = existing(Path(source))
    return versions[-1] if versions else default


@dataclass
class Changes:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    reviewed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> list[str]:
        return self.new + self.updated + self.removed


def compare(previous: dict | None, current: dict) -> Changes:
    before = previous["objects"] if previous else {}
    after = current["objects"]
    changes = Changes()
    for oid, obj in after.items():
        old = before.get(oid)
        if old is None:
            changes.new.append(oid)
        elif old["digest"] != obj["digest"]:
            changes.updated.append(oid)
        elif old["last_reviewed"] != obj["last_reviewed"]:
            changes.reviewed.append(oid)
    changes.removed = sorted(set(before) - set(after))
    return changes


def next_version(version: str) -> str:
    year, number = parse_version(version)
    return f"{year}.{number + 1}"


def release_marks(source: Path) -> dict[str, str]:
    """Object ID -> 'new' or 'updated' in the newest release, for markers on pages."""
    versions = existing(source)
    if not versions:
        return {}
    current = json.loads((releases_dir(source) / f"{versions[-1]}.json").read_text())
    previous = json.loads((releases_dir(source) / f"{versions[-2]}.json").read_text()) if len(versions) > 1 else None
    if previous is None:
        return {}
    changes = compare(previous, current)
    return {**{o: "updated" for o in changes.updated}, **{o: "new" for o in changes.new}}


_marks_cache: dict[tuple, dict[str, str]] = {}


def release_marks_for(source, version: str) -> dict[str, str]:
    """Markers for this build, read once per version rather than per object."""
    key = (str(source), version)
    if key not in _marks_cache:
        _marks_cache[key] = release_marks(Path(source)) if version else {}
    return _marks_cache[key]
