"""The exercise plan: which kinds of exercise, with which lens, each standard and module gets.

The plan is one TOML table (``plan.toml``) the principal social worker can
edit: a copy in the template override folder replaces the package's whole.
Worked reflections for the vignettes live beside it (``worked-reflections.toml``).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from ..tomlfile import line_of_key, read_toml

PACKAGE_FOLDER = Path(__file__).parent
SETTINGS = ("joint",)


def _pick(override: Path | None, name: str) -> Path:
    if override is not None and (override / name).is_file():
        return override / name
    return PACKAGE_FOLDER / name


class Plan:
    def __init__(self, override: Path | None, kinds: list[str], lenses: list[str]):
        self.path = _pick(override, "plan.toml")
        data, text = read_toml(self.path)
        self.tables: dict[str, dict[str, str]] = {}
        self.joint: set[str] = set()
        for subject, table in data.items():
            if not isinstance(table, dict):
                raise UserError(f"'{subject}' should be a [table] of kind = \"lens\" lines", str(self.path), line_of_key(text, (subject,)))
            combos = {}
            for kind, lens in table.items():
                where = (str(self.path), line_of_key(text, (subject, kind)))
                if kind == "joint":
                    if lens is True:
                        self.joint.add(subject)
                    continue
                if kind not in kinds:
                    raise UserError(f"unknown kind '{kind}' for {subject}; choose from {', '.join(kinds)}", *where)
                if not isinstance(lens, str) or lens not in lenses:
                    raise UserError(f"unknown lens {lens!r} for {subject}'s {kind}; choose from {', '.join(lenses)}", *where)
                combos[kind] = lens
            self.tables[subject] = combos
        self._text = text

    def check_subjects(self, known: set[str]) -> None:
        """In the PSW's own plan, a table for a standard or module the handbook does not have is a typo worth
        stopping for. (The built-in plan names this handbook's subjects; other projects simply do not use them.)"""
        if self.path.parent == PACKAGE_FOLDER:
            return
        for subject in self.tables:
            if subject != "default" and subject not in known:
                raise UserError(f"'{subject}' is not a standard or module in the handbook; fix or remove its table",
                                str(self.path), line_of_key(self._text, (subject,)))

    def combinations(self, subject: str) -> list[tuple[str, str]]:
        return list(self.tables.get(subject, self.tables.get("default", {})).items())


def worked_reflections(override: Path | None) -> dict[str, dict[str, str]]:
    path = _pick(override, "worked-reflections.toml")
    data, text = read_toml(path)
    for vignette, entry in data.items():
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("description", "analysis")):
            raise UserError(f"'{vignette}' needs description = \"...\" and analysis = \"...\"", str(path), line_of_key(text, (vignette,)))
    return data
