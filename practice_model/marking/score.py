"""Marking each learner's responses against their own variant, with partial credit as Moodle gives it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..quiz.items import Choice, Item
from ..quiz.notation import LETTERS, score
from ..quiz.variants import Presented
from .papers import presented_entry
from .responses import Problem, Responses


@dataclass
class Mark:
    learner: str
    item: str
    position: int
    response: str
    fraction: float | None  # None: waiting for a marker
    status: str  # marked, unanswered, awaiting-marker, invalid
    quiz: str = ""


@dataclass
class Marked:
    quiz_id: str
    manifest: dict
    marks: list[Mark] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def for_learner(self, learner: str) -> list[Mark]:
        return [m for m in self.marks if m.learner == learner]


def item_from_manifest(item_id: str, data: dict) -> Item:
    return Item(id=item_id, type=data["type"], stem=data.get("stem_text", ""),
                choices=[Choice(c["text"], c["correct"], "", c.get("match", "")) for c in data["choices"]],
                explanation=data.get("explanation", ""), guidance=data.get("guidance", ""), tests=data["tests"],
                difficulty=data["difficulty"], source=data["source"], items=data["framework_items"])


def _invalid(p: Presented, response: str) -> str | None:
    """Why a response cannot be marked (an option that does not exist), or None."""
    item = p.item
    letters = set(LETTERS[: len(item.choices)])
    if not response.strip() or item.type in ("short", "essay"):
        return None
    if item.type in ("single", "multiple", "ordering"):
        bad = [x for x in response.upper().replace(" ", "").split(";") if x and x not in letters]
        if bad:
            return f"option(s) {', '.join(bad)} do not exist (this item has {', '.join(sorted(letters))})"
    if item.type == "truefalse" and response.strip().lower() not in ("true", "false"):
        return "a true/false response is 'true' or 'false'"
    if item.type == "matching":
        for part in response.split(";"):
            if "=" not in part or part.split("=", 1)[1].strip().upper() not in letters:
                return f"'{part}' is not in the form number=letter with an existing letter"
    return None


def mark(manifest: dict, responses: Responses, marks: dict[tuple[str, str], float] | None = None) -> Marked:
    """``marks``: (learner, item) -> fraction, from the assessors' marks file; the only source of essay marks."""
    marks = marks or {}
    result = Marked(manifest["quiz_id"], manifest)
    learners = {entry["id"]: entry for entry in manifest["learners"]}
    quiz = manifest["quiz_id"]
    for learner_id, entry in learners.items():
        given = responses.given.get(learner_id, {})
        where = responses.where.get(learner_id, {})
        # What Moodle showed them (random questions from the pools), else their own paper.
        shown = responses.shown.get(learner_id)
        # An item Moodle drew that no pool holds is left out here; the report's reader already named it as a problem.
        paper = [p for p in (presented_entry(manifest, learner_id, i) for i in shown) if p] if shown else entry["items"]
        known = {i["id"] for i in paper}
        for item_id in sorted(k for k in given if k not in known):
            result.problems.append(Problem(where.get(item_id, learner_id), f"a response for item '{item_id}', which {learner_id} was not given; not marked"))
        if not any(v.strip() for k, v in given.items() if k in known):
            result.problems.append(Problem(learner_id, f"{learner_id} answered nothing; shown as absent (no evidence) until their responses arrive"))
        for position, presented in enumerate(paper, start=1):
            item = item_from_manifest(presented["id"], manifest["items"][presented["id"]])
            p = Presented(item, presented["slot"], presented["order"], presented["right_order"])
            response = given.get(item.id, "")
            if item.type == "essay":
                fraction = marks.get((learner_id, item.id))
                result.marks.append(Mark(learner_id, item.id, position, response, fraction,
                                         "awaiting-marker" if fraction is None else "marked", quiz))
                continue
            problem = _invalid(p, response)
            if problem:
                result.problems.append(Problem(where.get(item.id, learner_id), f"{learner_id}/{item.id}: {problem}; scored 0"))
                result.marks.append(Mark(learner_id, item.id, position, response, 0.0, "invalid", quiz))
                continue
            fraction = score(p, response)
            result.marks.append(Mark(learner_id, item.id, position, response, fraction, "marked" if response.strip() else "unanswered", quiz))
    return result
