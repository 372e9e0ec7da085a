"""``practice-model check --items``: how far the banks reward test-taking cues instead of knowledge.

Counted in the source banks (learner files may shuffle options; the source
order is what an unshuffled LMS pool shows). A bank free of cues has the key
longest in about 1/k of single-answer items, keys spread evenly over the
positions, true and false keys balanced and few "all but one" items.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .item_rules import plain
from .items import Item

POSITIONS = "ABCDEFGH"


@dataclass
class CueStats:
    single: int = 0
    key_longest: int = 0  # the key strictly longer than every distractor
    positions: Counter = field(default_factory=Counter)  # position letter of the key in single-answer items
    true: int = 0
    false: int = 0
    multiple: int = 0
    all_but_one: int = 0

    def add(self, item: Item) -> None:
        if item.type == "single":
            lengths = [len(plain(c.text)) for c in item.choices]
            key = next(n for n, c in enumerate(item.choices) if c.correct)
            self.single += 1
            self.key_longest += all(lengths[key] > n for i, n in enumerate(lengths) if i != key)
            self.positions[POSITIONS[min(key, len(POSITIONS) - 1)]] += 1
        elif item.type == "truefalse":
            keyed_true = any(c.correct and plain(c.text).lower() == "true" for c in item.choices)
            self.true += keyed_true
            self.false += not keyed_true
        elif item.type == "multiple":
            self.multiple += 1
            self.all_but_one += sum(not c.correct for c in item.choices) == 1

    def as_dict(self) -> dict:
        return {"single_answer_items": self.single, "key_longest": self.key_longest,
                "key_positions": {p: self.positions.get(p, 0) for p in POSITIONS[:5]} | {
                    p: n for p, n in sorted(self.positions.items()) if p not in POSITIONS[:5]},
                "true_false": {"true": self.true, "false": self.false},
                "multiple_response_items": self.multiple, "all_but_one": self.all_but_one}


def cue_statistics(items: list[Item]) -> dict[str, CueStats]:
    """Per bank file (by the item's location), and 'all banks'."""
    stats: dict[str, CueStats] = {}
    for item in items:
        bank = item.location.rpartition(":")[0]
        stats.setdefault(bank, CueStats()).add(item)
        stats.setdefault("all banks", CueStats()).add(item)
    total = stats.pop("all banks", CueStats())
    return dict(sorted(stats.items())) | {"all banks": total}


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "none"


def report(stats: dict[str, CueStats]) -> str:
    lines = []
    for bank, s in stats.items():
        spread = ", ".join(f"{p} {n}" for p, n in s.as_dict()["key_positions"].items())
        lines += [f"{bank}:",
                  f"  key is the longest option (single answer): {_share(s.key_longest, s.single)}",
                  f"  key position in the source (single answer): {spread}",
                  f"  true/false keys: True {s.true}, False {s.false}",
                  f"  multiple response with all but one option correct: {_share(s.all_but_one, s.multiple)}"]
    return "\n".join(lines)
