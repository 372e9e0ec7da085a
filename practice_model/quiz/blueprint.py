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

    [[slots]]
    name = "A case"
    count = 1                # a case slot counts whole cases (a vignette with all its items)
    types = ["scenario"]

    [[slots]]
    name = "Reflection"
    count = 1
    types = ["essay"]
    weight = 4               # marks each essay is worth (essay slots only; default 1)

    [coverage]               # what every paper evidences directly (through its items' outcome IDs)
    every_item_of = ["kss-cf-2018"]   # at least one item per item of these frameworks
    items = ["pcf-7"]                 # and at least one item on each of these framework items

    frameworks = ["kss-cf-2018", "pcf-2018"]   # the only frameworks reports show (default: every framework)

    [evidence]               # how a learner's score reads in the reports (the assessor decides the review)
    sufficient = 70          # at or above: "sufficient" (default: the pass mark)
    borderline = 50          # at or above: "borderline"; below: "insufficient" (default: 20 below sufficient)
"""

from __future__ import annotations

import glob
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from ..kinds import QUESTION_TYPES
from ..project import find_project
from ..tomlfile import line_of, line_of_key, read_toml
from .blueprint_schema import check_blueprint


@dataclass
class Slot:
    name: str
    count: int
    tests: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=lambda: list(QUESTION_TYPES))
    difficulty: list[int] = field(default_factory=lambda: [1, 2, 3])
    sources: list[str] = field(default_factory=list)
    scenario: bool = False  # draw whole scenarios (a vignette with its items); count is then in cases
    weight: int = 1  # marks each essay in the slot is worth
    line: int | None = None  # of the slot in the blueprint, for messages


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
    coverage: list[str]  # framework IDs: every item of each must be evidenced
    raw: dict
    coverage_items: list[str] = field(default_factory=list)  # framework item IDs each paper must evidence
    coverage_lines: dict[str, int | None] = field(default_factory=dict)  # rule key -> its line, for messages
    frameworks: list[str] = field(default_factory=list)  # the frameworks reports show; empty: every one
    evidence: dict[str, float] = field(default_factory=dict)  # "sufficient" and "borderline" thresholds, percent

    @property
    def name(self) -> str:
        return self.path.stem


def _fail(path: Path, text: str, message: str, near: str | None = None) -> UserError:
    return UserError(message, str(path), line_of(text, near) if near else None)


def _project_folder(blueprint: Path) -> Path:
    """The folder banks must stay inside: the handbook project, or else the quizzes folder holding the blueprint."""
    try:
        return find_project(blueprint.parent).root
    except UserError:
        folder = blueprint.resolve().parent
        return next((f for f in (folder, *folder.parents) if f.name == "quizzes"), folder)


def _bank_paths(path: Path, text: str, patterns: list[str]) -> list[Path]:
    inside = _project_folder(path)
    found: list[Path] = []
    for pattern in patterns:
        matches = sorted(Path(p) for p in glob.glob(str(path.parent / pattern)))
        if not matches:
            raise _fail(path, text, f"banks: '{pattern}' matches no files (relative to the blueprint's folder)", pattern)
        for match in matches:
            # resolve() also follows links, so a bank linked in from elsewhere is refused too.
            if not match.resolve().is_relative_to(inside):
                raise _fail(path, text, f"banks: '{pattern}' reaches {match.resolve()}, outside {inside}; "
                                        "keep banks inside the project, such as in quizzes/banks/", pattern)
        found.extend(matches)
    return found


def load_blueprint(path: Path) -> Blueprint:
    if not path.is_file():
        raise UserError("blueprint not found; give the path to a .toml file in quizzes/", str(path))
    data, text = read_toml(path)
    check_blueprint(data, text, path)  # types, ranges and unknown keys; the rules below need two keys at once
    mode = data.get("mode", "assessed")
    default_sources = ["bank", "generated"] if mode == "assessed" else ["handbook", "generated"]
    slots = []
    for number, raw in enumerate(data["slots"], start=1):
        name = raw.get("name") or f"Slot {number}"
        where = f"[[slots]] '{name}'"
        types = raw.get("types", list(QUESTION_TYPES))
        sources = raw.get("sources", default_sources)
        if mode == "assessed" and "handbook" in sources:
            raise _fail(path, text, f"{where}: an assessed quiz cannot use the published handbook questions (learners can read their answers); remove 'handbook'", name)
        if mode == "practice" and "bank" in sources:
            raise _fail(path, text, f"{where}: a practice quiz never draws from the assessed banks; remove 'bank'", name)
        if "weight" in raw and set(types) != {"essay"}:
            raise UserError(f"{where}: 'weight' sets the marks of essays, which a person marks; give it only to a slot "
                            "with types = [\"essay\"] (other items are worth 1 each)", str(path),
                            line_of_key(text, ("slots", number - 1, "weight")))
        slots.append(Slot(name, raw["count"], list(raw.get("tests", [])), [t for t in types if t != "scenario"],
                          list(raw.get("difficulty", [1, 2, 3])), list(sources), scenario="scenario" in types,
                          weight=raw.get("weight", 1), line=line_of_key(text, ("slots", number - 1))))
    bank_paths = _bank_paths(path, text, data.get("banks", ["banks/*.md"])) if mode == "assessed" else []
    pass_mark = float(data.get("pass_mark", 60))
    evidence = _evidence(path, text, data.get("evidence", {}), pass_mark)
    return Blueprint(
        path=path, title=data["title"], seed=data.get("seed", 1), time_limit=data.get("time_limit", 0),
        pass_mark=pass_mark, mode=mode, banks=bank_paths,
        generated=data.get("generated", True), slots=slots,
        coverage=list(data.get("coverage", {}).get("every_item_of", [])), raw=data,
        coverage_items=list(data.get("coverage", {}).get("items", [])),
        coverage_lines={key: line_of_key(text, ("coverage", key)) for key in ("every_item_of", "items")},
        frameworks=list(data.get("frameworks", [])), evidence=evidence,
    )


def _evidence(path: Path, text: str, table: dict, pass_mark: float) -> dict[str, float]:
    """The [evidence] thresholds: sufficient defaults to the pass mark, borderline to 20 points below sufficient."""
    sufficient = float(table.get("sufficient", pass_mark))
    borderline = float(table.get("borderline", max(0.0, sufficient - 20)))
    if borderline > sufficient:
        raise UserError(f"[evidence]: borderline ({borderline:g}) is above sufficient ({sufficient:g}); "
                        "make borderline the lower of the two", str(path), line_of_key(text, ("evidence", "borderline")))
    return {"sufficient": sufficient, "borderline": borderline}


def check_frameworks(blueprint: Blueprint, known: dict[str, str]) -> None:
    """Every framework the blueprint names is one the handbook has (``known``: ID -> short name)."""
    for framework in blueprint.frameworks:
        if framework not in known:
            text = blueprint.path.read_text(encoding="utf-8")
            choices = ", ".join(f"{i} ({s})" for i, s in sorted(known.items()))
            raise UserError(f"frameworks: '{framework}' is not a framework in the handbook; choose from {choices}",
                            str(blueprint.path), line_of(text, framework))
