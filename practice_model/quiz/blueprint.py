"""Quiz blueprints: TOML files in ``quizzes/`` saying what to draw, how many, and the rules.

Format (documented for ASYE leads in the handbook)::

    title = "ASYE 3-month review"
    seed = 3001              # default seed; --seed overrides; always recorded
    time_limit = 30          # minutes
    pass_mark = 70           # percent of the auto-marked marks
    mode = "assessed"        # or "practice" (published questions and generated items only)
    banks = ["banks/*.md"]   # globs, relative to the blueprint
    generated = true         # also draw items generated from the model

    [[slots]]
    name = "The practice model"
    count = 3
    tests = ["prin-*", "mod-practice-model"]   # items testing any of these (wildcards allowed)
    types = ["single", "multiple"]              # optional
    difficulty = [1, 2]                         # optional
    sources = ["bank", "generated"]             # optional

    [coverage]
    every_item_of = ["kss-cf-2018"]   # each learner gets at least one item per framework item
"""

from __future__ import annotations

import glob
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from ..questions import TYPES
from ..tomlfile import line_of, read_toml

SOURCES = ("bank", "handbook", "generated")


@dataclass
class Slot:
    name: str
    count: int
    tests: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=lambda: list(TYPES))
    difficulty: list[int] = field(default_factory=lambda: [1, 2, 3])
    sources: list[str] = field(default_factory=list)
    scenario: bool = False  # draw whole scenarios (a vignette with its items)


@dataclass
class Blueprint:
    path: Path
    title: str
    seed: int
    time_limit: int
    pass_mark: float
    mode: str
    banks: list[Path]
    generated: bool
    slots: list[Slot]
    coverage: list[str]
    raw: dict

    @property
    def name(self) -> str:
        return self.path.stem


def _fail(path: Path, text: str, message: str, near: str | None = None) -> UserError:
    return UserError(message, str(path), line_of(text, near) if near else None)


def load_blueprint(path: Path) -> Blueprint:
    if not path.is_file():
        raise UserError("blueprint not found; give the path to a .toml file in quizzes/", str(path))
    data, text = read_toml(path)
    for key in ("title", "slots"):
        if key not in data:
            raise _fail(path, text, f"the blueprint has no '{key}'; see the format on the ASYE leads' page")
    mode = data.get("mode", "assessed")
    if mode not in ("assessed", "practice"):
        raise _fail(path, text, f"mode '{mode}' should be 'assessed' or 'practice'", mode)
    default_sources = ["bank", "generated"] if mode == "assessed" else ["handbook", "generated"]
    try:
        pass_mark = float(data.get("pass_mark", 60))
        time_limit = int(data.get("time_limit", 0))
        seed = int(data.get("seed", 1))
    except (TypeError, ValueError):
        raise _fail(path, text, "pass_mark, time_limit and seed should be numbers") from None
    if not 0 <= pass_mark <= 100:
        raise _fail(path, text, f"pass_mark {pass_mark} should be a percentage from 0 to 100", "pass_mark")
    slots = []
    for number, raw in enumerate(data["slots"], start=1):
        name = raw.get("name") or f"Slot {number}"
        where = f"[[slots]] '{name}'"
        count = raw.get("count")
        if not isinstance(count, int) or count < 1:
            raise _fail(path, text, f"{where}: 'count' should be a whole number of items, 1 or more", name)
        types = raw.get("types", list(TYPES))
        bad = [t for t in types if t not in TYPES and t != "scenario"]
        if bad:
            raise _fail(path, text, f"{where}: unknown type(s) {', '.join(bad)}; use {', '.join(TYPES)} or scenario", name)
        sources = raw.get("sources", default_sources)
        bad = [s for s in sources if s not in SOURCES]
        if bad:
            raise _fail(path, text, f"{where}: unknown source(s) {', '.join(bad)}; use {', '.join(SOURCES)}", name)
        if mode == "assessed" and "handbook" in sources:
            raise _fail(path, text, f"{where}: an assessed quiz cannot use the published handbook questions (learners can read their answers); remove 'handbook'", name)
        if mode == "practice" and "bank" in sources:
            raise _fail(path, text, f"{where}: a practice quiz never draws from the assessed banks; remove 'bank'", name)
        difficulty = raw.get("difficulty", [1, 2, 3])
        if any(d not in (1, 2, 3) for d in difficulty):
            raise _fail(path, text, f"{where}: difficulty values are 1, 2 or 3", name)
        slots.append(Slot(name, count, list(raw.get("tests", [])), [t for t in types if t != "scenario"],
                          list(difficulty), list(sources), scenario="scenario" in types))
    bank_paths: list[Path] = []
    if mode == "assessed":
        for pattern in data.get("banks", ["banks/*.md"]):
            matches = sorted(Path(p) for p in glob.glob(str(path.parent / pattern)))
            if not matches:
                raise _fail(path, text, f"banks: '{pattern}' matches no files (relative to the blueprint's folder)", pattern)
            bank_paths.extend(matches)
    return Blueprint(
        path=path, title=data["title"], seed=seed, time_limit=time_limit, pass_mark=pass_mark, mode=mode,
        banks=bank_paths, generated=bool(data.get("generated", True)), slots=slots,
        coverage=list(data.get("coverage", {}).get("every_item_of", [])), raw=data,
    )
