"""What every exporter needs: the items in pools by slot, text rendering, and the conversions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..items import Choice, Item

ORDINALS = ["1st", "2nd", "3rd"] + [f"{n}th" for n in range(4, 21)]


@dataclass
class Pool:
    """A slot's eligible items: the LMS formats export pools, so the platform draws per attempt."""

    name: str
    count: int
    items: list[Item] = field(default_factory=list)


def ordering_as_matching(item: Item) -> Item:
    """Ordering becomes matching (each step to its position): the faithful form where a format has no ordering type."""
    return Item(
        id=item.id, type="matching",
        stem=item.stem + "\n\nMatch each step to its place in the order.",
        choices=[Choice(c.text, True, c.feedback, ORDINALS[n]) for n, c in enumerate(item.choices)],
        explanation=item.explanation, tests=item.tests, difficulty=item.difficulty, source=item.source,
        location=item.location, vignette=item.vignette, scenario=item.scenario, digest=item.digest, items=item.items,
    )


# A vignette ends with its reflective prompts ("To think about: ..."); they point at the answers.
PROMPTS = re.compile(r"^\W*(?:questions\s+)?to\s+think\s+about\b", re.IGNORECASE)


def case_text(vignette: str) -> str:
    """The case as a quiz shows it: the vignette up to, not including, its "to think about" prompts."""
    kept = []
    for paragraph in re.split(r"\n\s*\n", vignette):
        if PROMPTS.match(paragraph.strip()):
            break
        kept.append(paragraph)
    return "\n\n".join(kept).strip()


def stem_with_vignette(item: Item, vignettes: dict[str, str]) -> str:
    """Scenario items carry their case study (never its prompts), so each stands alone when a platform draws it."""
    if item.scenario and item.vignette and item.vignette in vignettes:
        return f"{case_text(vignettes[item.vignette])}\n\n---\n\n{item.stem}"
    return item.stem


def tags(item: Item) -> list[str]:
    return sorted(set(item.tests) | set(item.items) | ({"generated"} if item.generated else set()))
