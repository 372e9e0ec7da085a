"""Multiple-response weights that do not reward guessing: one rule for Moodle XML, GIFT, QTI and ``mark``.

Each right option earns 1/c of the mark (c right options) and each wrong option
costs enough that the w wrong options together cost at least everything the right
ones earn: ticking every box scores 0, and the item never scores below 0.
Moodle accepts only its own list of grades (``question_bank::fraction_options``,
stored to 7 decimals), so both weights are taken from that list, and the
arithmetic is done in exact decimals on the values Moodle stores:

* right = the grade for 1/c (1/3 is stored as 0.3333333, so 3 right make 0.9999999,
  which Moodle shows as 100%; ``mark`` rounds to 6 places as Moodle's display does);
* wrong = the smallest grade g with w x g >= c x right, so ticking everything is
  c x right - w x g <= 0 and floors at exactly 0 (with 2 right and 3 wrong, 0.3333333
  would leave 1.0 - 0.9999999 = 0.0000001, so the wrong weight is 0.4).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..errors import UserError

# Moodle's grades (question/engine/bank.php, fraction_options), as stored: 7 decimal places.
MOODLE_GRADES = tuple(Decimal(g) for g in (
    "1.0", "0.9", "0.8333333", "0.8", "0.75", "0.7", "0.6666667", "0.6", "0.5", "0.4", "0.3333333", "0.3",
    "0.25", "0.2", "0.1666667", "0.1428571", "0.125", "0.1111111", "0.1", "0.05"))


@dataclass(frozen=True)
class Weights:
    right: Decimal  # the fraction each right option earns
    wrong: Decimal  # the fraction each wrong option costs (negative)


SINGLE_ANSWER = Weights(Decimal(1), Decimal(0))  # single answer: the key earns everything, the rest nothing


def _grade_for_share(count: int) -> Decimal:
    """Moodle's stored grade for 1/count (Moodle lists 1/1 .. 1/10)."""
    share = Decimal(1) / count
    grade = min(MOODLE_GRADES, key=lambda g: abs(g - share))
    if abs(grade - share) >= Decimal("0.00001"):
        raise ValueError(f"Moodle has no grade for 1/{count}; a multiple-response item may have at most 10 right options")
    return grade


def multiple_response(correct: int, wrong: int) -> Weights:
    """The weights for a multiple-response item with ``correct`` right and ``wrong`` wrong options."""
    if correct < 1:
        raise ValueError("a multiple-response item needs at least one right option")
    right = _grade_for_share(correct)
    if wrong == 0:
        return Weights(right, Decimal(0))
    earned = correct * right
    enough = [g for g in MOODLE_GRADES if wrong * g >= earned]
    if not enough:  # only 6 right with 1 wrong (6 x 0.1666667 > 1) or more than 20 wrong
        raise ValueError(f"Moodle's grades cannot make ticking every box score 0 with {correct} right and {wrong} wrong options")
    return Weights(right, -min(enough))


def for_item(item) -> Weights:
    """The weights for a multiple-response item, or a UserError naming its file and line."""
    correct = sum(1 for c in item.choices if c.correct)
    try:
        return multiple_response(correct, len(item.choices) - correct)
    except ValueError as error:
        path, _, line = item.location.rpartition(":")
        raise UserError(f"item '{item.id}': {error}; change how many of its options are right or wrong",
                        path or None, int(line) if line.isdigit() else None) from None


def fraction(weights: Weights, right_ticked: int, wrong_ticked: int) -> Decimal:
    """What Moodle gives a response: the chosen fractions summed, floored at 0, capped at 1."""
    total = weights.right * right_ticked + weights.wrong * wrong_ticked
    return min(max(Decimal(0), total), Decimal(1))


def percent(value: Decimal) -> str:
    """A stored fraction as a percentage in the fewest digits: 0.3333333 -> '33.33333', -0.4 -> '-40'."""
    text = format((value * 100).normalize(), "f")
    return "0" if text in ("-0", "0") else text
