"""Candidates with no knowledge, each using one test-taking cue, sitting generated papers.

A valid paper gives such a candidate about what blind guessing gives: the
suite asks for a median of at most 35% and at most 1% of papers reaching the
pass mark (issue 16). Each strategy answers every auto-marked item as the
learner sees it (``Presented.order``); where its cue says nothing about an
item, the candidate takes the first option as shown, so the result is
deterministic. Papers are made as ``quiz`` makes them, without writing files,
and scored with ``notation.score``, the scoring ``mark`` uses (so ticking every
box in a multiple-response item earns what the weights give: 0).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import Callable

from ..model import Model
from .blueprint import Blueprint
from .item_rules import content_words, plain
from .notation import LETTERS, score
from .variants import Presented, check_supply, make_variant, slot_pools

PAPERS = 200  # per blueprint: enough for a stable median and a 1% pass rate to mean 2 papers
MAX_MEDIAN = 35.0  # percent
MAX_PASS_RATE = 0.01  # share of papers at or above the pass mark

ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]+)s?\b")  # CPP, ICPC, GCP2; ACEs counts as ACE
SMALL_WORDS = frozenset({"a", "an", "and", "in", "of", "the", "for", "to", "on", "or", "at", "by", "with"})


def _shown(p: Presented) -> list[str]:
    """Option texts in the order this learner sees them."""
    return [plain(p.item.choices[i].text) for i in p.order]


def first_shown(p: Presented) -> str:
    """The fallback: the first option as shown (every left to the first right; an ordering left as shown)."""
    item = p.item
    if item.type in ("single", "multiple"):
        return "A"
    if item.type == "truefalse":
        return plain(item.choices[p.order[0] if p.order else 0].text).lower()
    if item.type == "matching":
        lefts = sum(1 for i in p.order if item.choices[i].text)
        return ";".join(f"{n}=A" for n in range(1, lefts + 1))
    if item.type == "ordering":
        return ";".join(LETTERS[: len(item.choices)])
    return ""  # short answer: nothing to pick from, so nothing to write


def last_shown(p: Presented) -> str:
    item = p.item
    count = len(item.choices)
    if item.type in ("single", "multiple"):
        return LETTERS[count - 1]
    if item.type == "truefalse":
        return plain(item.choices[p.order[-1] if p.order else count - 1].text).lower()
    if item.type == "matching":
        lefts = sum(1 for i in p.order if item.choices[i].text)
        last = LETTERS[len(p.right_order) - 1]
        return ";".join(f"{n}={last}" for n in range(1, lefts + 1))
    if item.type == "ordering":
        return ";".join(reversed(LETTERS[:count]))
    return ""


def _pick(p: Presented, chosen: list[int]) -> str | None:
    """Letters for the chosen shown positions: one (the first) for a single answer, all for multiple response."""
    if not chosen:
        return None
    return LETTERS[chosen[0]] if p.item.type == "single" else ";".join(LETTERS[n] for n in chosen)


def longest(p: Presented) -> str | None:
    if p.item.type not in ("single", "multiple"):
        return None
    lengths = [len(t) for t in _shown(p)]
    if len(set(lengths)) == 1:
        return None
    if p.item.type == "single":
        return _pick(p, [lengths.index(max(lengths))])
    mean = sum(lengths) / len(lengths)
    return _pick(p, [n for n, length in enumerate(lengths) if length > mean])  # the longer options


def stem_words(p: Presented) -> str | None:
    if p.item.type not in ("single", "multiple"):
        return None
    stem = content_words(p.item.stem)
    shared = [len(content_words(t) & stem) for t in _shown(p)]
    if not any(shared):
        return None
    if p.item.type == "single":
        return _pick(p, [shared.index(max(shared))])
    return _pick(p, [n for n, count in enumerate(shared) if count])


def _initials(text: str) -> tuple[str, str]:
    words = [w for w in re.split(r"[\s/-]+", re.sub(r"[^\w\s/-]", "", text)) if w]
    return "".join(w[0] for w in words).upper(), "".join(w[0] for w in words if w.lower() not in SMALL_WORDS).upper()


def acronym(p: Presented) -> str | None:
    if p.item.type not in ("single", "multiple"):
        return None
    acronyms = {m.group(1) for m in ACRONYM.finditer(plain(p.item.stem)) if not m.group(1).isdigit()}
    matching = [n for n, text in enumerate(_shown(p)) if acronyms & set(_initials(text))]
    return _pick(p, matching)


def answer_true(p: Presented) -> str | None:
    return "true" if p.item.type == "truefalse" else None


def tick_every_box(p: Presented) -> str | None:
    return ";".join(LETTERS[: len(p.item.choices)]) if p.item.type == "multiple" else None


# Each strategy's answer for an item, or None where its cue does not apply (then: first option as shown).
STRATEGIES: dict[str, Callable[[Presented], str | None]] = {
    "longest option": longest,
    "most words shared with the stem": stem_words,
    "acronym's initials": acronym,
    "answer True": answer_true,
    "tick every box": tick_every_box,
    "always the first option": first_shown,
    "always the last option": last_shown,
}


def percent(paper: list[Presented], strategy: Callable[[Presented], str | None]) -> float:
    """The paper's percentage of its auto-marked items, as ``mark`` computes it (essays are marked by people)."""
    marked = [p for p in paper if p.item.auto_marked]
    if not marked:
        return 0.0
    earned = 0.0
    for p in marked:
        response = strategy(p)
        earned += score(p, first_shown(p) if response is None else response) or 0.0
    return 100 * earned / len(marked)


def make_papers(blueprint: Blueprint, model: Model, count: int = PAPERS) -> list[list[Presented]]:
    """``count`` papers as ``quiz`` would make them for learners L0001, L0002 ... (nothing is written)."""
    from .run import collect_items

    pools = slot_pools(blueprint, collect_items(blueprint, model))
    check_supply(blueprint, pools, model)
    return [make_variant(blueprint, pools, blueprint.seed, f"L{n:04d}", model) for n in range(1, count + 1)]


@dataclass(frozen=True)
class Result:
    strategy: str
    median: float  # percent
    passed: int  # papers at or above the pass mark
    papers: int

    @property
    def pass_rate(self) -> float:
        return self.passed / self.papers if self.papers else 0.0

    @property
    def acceptable(self) -> bool:
        return self.median <= MAX_MEDIAN and self.pass_rate <= MAX_PASS_RATE


def simulate(blueprint: Blueprint, model: Model, count: int = PAPERS) -> list[Result]:
    papers = make_papers(blueprint, model, count)
    results = []
    for name, strategy in STRATEGIES.items():
        scores = [percent(paper, strategy) for paper in papers]
        results.append(Result(name, statistics.median(scores), sum(s >= blueprint.pass_mark for s in scores), len(scores)))
    return results


def report(name: str, pass_mark: float, results: list[Result]) -> str:
    lines = [f"{name}: no-knowledge candidates on {results[0].papers if results else 0} papers (pass mark {pass_mark:g}%; "
             f"fair: median at most {MAX_MEDIAN:g}%, at most {MAX_PASS_RATE:.0%} of papers pass)"]
    for r in results:
        flag = "" if r.acceptable else "  <- rewards the cue"
        lines.append(f"  {r.strategy}: median {r.median:.1f}%, passes {r.passed}/{r.papers} ({r.pass_rate:.1%}){flag}")
    return "\n".join(lines)
