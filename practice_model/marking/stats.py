"""Classical item analysis, as Moodle reports it.

* Facility: mean mark / max mark for the item.
* Discrimination: Moodle's discrimination index, the correlation between the
  item's mark and the rest of the test (the total minus this item), x 100.
* Cronbach's alpha over quiz positions (Moodle treats each position of a
  random-question quiz as one question); learners with no mark yet are left out.
* Distractors: how many learners chose each option.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

SMALL = 10  # below this many responses an item's statistics are not to be trusted


def _mean(values):
    return statistics.fmean(values) if values else float("nan")


def correlation(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r, or None with fewer than three pairs or when either side does not vary."""
    if len(xs) < 3:
        return None
    try:
        return statistics.correlation(xs, ys)
    except statistics.StatisticsError:  # a constant input
        return None


def cronbach_alpha(matrix: list[list[float]]) -> float | None:
    """Rows are learners, columns are positions; None when it cannot be computed."""
    if len(matrix) < 2 or not matrix[0]:
        return None
    k = len(matrix[0])
    if k < 2:
        return None

    variance = statistics.variance
    item_variances = sum(variance([row[j] for row in matrix]) for j in range(k))
    total_variance = variance([sum(row) for row in matrix])
    if total_variance == 0:
        return None
    return k / (k - 1) * (1 - item_variances / total_variance)


@dataclass
class ItemStats:
    item: str
    n: int
    facility: float
    discrimination: float | None
    distractors: dict[str, int] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)


def item_statistics(marks, choices_of) -> list[ItemStats]:
    """``marks``: Mark objects (several quizzes allowed); ``choices_of(item, learner, response)`` -> chosen option texts."""
    totals: dict[tuple, float] = defaultdict(float)
    for m in marks:
        if m.fraction is not None:
            totals[(m.learner, m.quiz)] += m.fraction
    by_item: dict[str, list] = defaultdict(list)
    for m in marks:
        if m.fraction is not None:
            by_item[m.item].append(m)
    result = []
    for item_id, item_marks in sorted(by_item.items()):
        scores = [m.fraction for m in item_marks]
        rest = [totals[(m.learner, m.quiz)] - m.fraction for m in item_marks]
        r = correlation(scores, rest)
        distractors: dict[str, int] = {}
        for text in choices_of(item_id, None, None):
            distractors[text] = 0
        for m in item_marks:
            for text in choices_of(item_id, m, m.response):
                distractors[text] = distractors.get(text, 0) + 1
        stats = ItemStats(item_id, len(item_marks), _mean(scores), None if r is None else r * 100, distractors)
        if stats.discrimination is not None and stats.discrimination < 0:
            stats.flags.append("negative discrimination")
        if stats.facility < 0.2:
            stats.flags.append("very hard (facility below 0.2)")
        if stats.facility > 0.95:
            stats.flags.append("very easy (facility above 0.95)")
        unused = [t for t, count in distractors.items() if count == 0]
        if distractors and unused:
            stats.flags.append(f"{len(unused)} option(s) nobody chose")
        if stats.n < SMALL:
            stats.flags.append(f"only {stats.n} responses: too few to trust")
        result.append(stats)
    return result
