"""Where a handbook project's files are, and whether its built model is current."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import UserError
from .frameworks import BUILTIN_DIR


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def source(self) -> Path:
        return self.root / "docs"

    @property
    def html(self) -> Path:
        return self.root / "_build" / "html"

    @property
    def default_model(self) -> Path:
        return self.html / "practice-model.json"

    def source_files(self):
        yield self.root / "conf.py"
        yield from (p for p in self.source.rglob("*") if p.is_file() and "_build" not in p.parts)
        yield from BUILTIN_DIR.glob("*.toml")

    def newest_source(self) -> float:
        return max((p.stat().st_mtime for p in self.source_files()), default=0.0)


def find_project(start: Path | None = None) -> Project:
    """The nearest folder, from ``start`` upwards, holding ``conf.py`` and ``docs/``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "conf.py").is_file() and (folder / "docs").is_dir():
            return Project(folder)
    raise UserError("not inside a handbook project (no conf.py with a docs/ folder here or above); "
                    "run this in the project folder or pass --project DIR", str(here))
