"""Competency frameworks as data: one TOML file per framework version.

Adding a framework (for example the 2027 child and family early career
standards) is adding a file to a framework folder; no code changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import UserError
from .kinds import ID_PATTERN
from .tomlfile import line_of, read_toml

BUILTIN_DIR = Path(__file__).parent / "frameworks"
STATUSES = ("current", "upcoming", "retired")


@dataclass(frozen=True)
class FrameworkItem:
    id: str
    number: str
    title: str
    group: str = ""


@dataclass(frozen=True)
class Framework:
    id: str
    title: str
    short: str
    publisher: str
    status: str
    verified: bool
    note: str
    items: tuple[FrameworkItem, ...]
    path: str
    audiences: tuple[str, ...] = ()

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "short": self.short,
            "publisher": self.publisher,
            "status": self.status,
            "verified": self.verified,
            "note": self.note,
            "audiences": list(self.audiences),
            "items": [
                {"id": i.id, "number": i.number, "title": i.title, "group": i.group} for i in self.items
            ],
        }


def _require(data: dict, key: str, path: Path, text: str, where: str = "") -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        line = line_of(text, where) if where else 1
        raise UserError(f"missing '{key}' (text) {('in item ' + where) if where else 'at the top of the file'}", str(path), line)
    return value


def load_framework(path: Path) -> Framework:
    data, text = read_toml(path)
    fid = _require(data, "id", path, text)
    status = data.get("status", "current")
    if status not in STATUSES:
        raise UserError(f"status '{status}' is not one of {', '.join(STATUSES)}", str(path), line_of(text, status))
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise UserError("a framework needs its items, each in an [[items]] table with id, number and title", str(path))
    items, seen = [], set()
    for raw in raw_items:
        iid = _require(raw, "id", path, text)
        if not ID_PATTERN.match(iid):
            raise UserError(f"item ID '{iid}' should be lower case words joined by hyphens, e.g. 'pcf-5'", str(path), line_of(text, iid))
        if iid in seen:
            raise UserError(f"item ID '{iid}' appears twice; give each item its own ID", str(path), line_of(text, iid))
        seen.add(iid)
        items.append(FrameworkItem(iid, str(raw.get("number", "")), _require(raw, "title", path, text, iid), raw.get("group", "")))
    return Framework(
        id=fid,
        title=_require(data, "title", path, text),
        short=data.get("short", fid),
        publisher=data.get("publisher", ""),
        status=status,
        verified=bool(data.get("verified", True)),
        note=data.get("note", ""),
        items=tuple(items),
        path=str(path),
        audiences=tuple(data.get("audiences", ())),
    )


@dataclass
class FrameworkSet:
    frameworks: dict[str, Framework] = field(default_factory=dict)
    item_index: dict[str, tuple[Framework, FrameworkItem]] = field(default_factory=dict)

    def item(self, item_id: str) -> tuple[Framework, FrameworkItem] | None:
        return self.item_index.get(item_id)

    def paths(self) -> list[str]:
        return sorted(f.path for f in self.frameworks.values())


def load_frameworks(directories: list[Path]) -> FrameworkSet:
    """Every ``*.toml`` in the folders, in order; an ID defined twice is an error."""
    result = FrameworkSet()
    for directory in directories:
        if not directory.is_dir():
            raise UserError("framework folder not found; check pm_framework_dirs in conf.py", str(directory))
        for path in sorted(directory.glob("*.toml")):
            fw = load_framework(path)
            if fw.id in result.frameworks:
                raise UserError(f"framework '{fw.id}' is already defined in {result.frameworks[fw.id].path}", str(path))
            for item in fw.items:
                if item.id in result.item_index:
                    other = result.item_index[item.id][0]
                    raise UserError(f"item '{item.id}' is already defined by framework '{other.id}'", str(path))
                result.item_index[item.id] = (fw, item)
            result.frameworks[fw.id] = fw
    return result
