"""The answer notation used by the key's ``answer`` column and by response sheets.

Options are lettered A, B, C ... in the order that learner saw them.

=========  ==================================  ================
type       notation                            example
=========  ==================================  ================
single     the letter                          ``B``
multiple   letters, any order, ``;``-separated  ``A;C``
truefalse  ``true`` or ``false``               ``false``
matching   left number = right letter          ``1=C;2=A;3=B``
ordering   letters in order, ``;``-separated   ``C;A;B``
short      the answer text (key: ``|`` between accepted answers)
essay      the text (marks come only from the assessors' marks file)
=========  ==================================  ================
"""

from __future__ import annotations

import string

from . import weights
from .variants import Presented

LETTERS = string.ascii_uppercase


def answer_for(p: Presented) -> str:
    item = p.item
    if item.type in ("single", "multiple"):
        return ";".join(sorted(LETTERS[pos] for pos, idx in enumerate(p.order) if item.choices[idx].correct))
    if item.type == "truefalse":
        return next(c.text.strip().lower() for c in item.choices if c.correct)
    if item.type == "matching":
        lefts = [idx for idx in p.order if item.choices[idx].text]
        rights = [item.choices[idx].match for idx in p.right_order]
        return ";".join(f"{n}={LETTERS[rights.index(item.choices[idx].match)]}" for n, idx in enumerate(lefts, start=1))
    if item.type == "ordering":
        return ";".join(LETTERS[p.order.index(idx)] for idx in range(len(item.choices)))
    if item.type == "short":
        return "|".join(c.text for c in item.choices)
    return ""


def score(p: Presented, response: str) -> float | None:
    """Fraction of the mark (0 to 1) for a response in the notation; None when a person must mark it."""
    item = p.item
    response = (response or "").strip()
    if item.type == "essay":
        return None  # an assessor marks it (``mark --marks``); nothing a learner writes is a mark
    if not response:
        return 0.0
    key = answer_for(p)
    if item.type == "single":
        return 1.0 if response.upper() == key else 0.0
    if item.type == "truefalse":
        return 1.0 if response.lower() == key else 0.0
    if item.type == "short":
        return 1.0 if response.lower() in {a.strip().lower() for a in key.split("|")} else 0.0
    if item.type == "multiple":
        right = set(key.split(";"))
        chosen = {c.strip().upper() for c in response.split(";") if c.strip()}
        # The same weights as the LMS exports, so mark and Moodle agree (rounded as Moodle displays marks).
        given = weights.fraction(weights.for_item(item), len(chosen & right), len(chosen - right))
        return float(round(given, 6))
    if item.type == "matching":
        pairs = dict(part.split("=", 1) for part in key.split(";"))
        answered = dict(part.strip().split("=", 1) for part in response.split(";") if "=" in part)
        return round(sum(1 for k, v in pairs.items() if answered.get(k, "").strip().upper() == v) / len(pairs), 6)
    if item.type == "ordering":
        return 1.0 if [x.strip().upper() for x in response.split(";")] == key.split(";") else 0.0
    return 0.0


def valid_letters(p: Presented) -> set[str]:
    return set(LETTERS[: len(p.item.choices)])
