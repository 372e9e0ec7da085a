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
    weight: int = 1  # marks each essay in the pool is worth
    cases: bool = False  # a case slot: count is in whole cases, each of several items

    def groups(self) -> list[tuple[str, list[Item]]]:
        """The pool's cases (scenario ID, its items) in a case slot; else one unnamed group of every item."""
        if not self.cases:
            return [("", self.items)]
        found: dict[str, list[Item]] = {}
        for item in self.items:
            found.setdefault(item.scenario, []).append(item)
        return sorted(found.items())


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


PROMPTS_ANYWHERE = re.compile(r"(?:questions\s+)?to\s+think\s+about\s*:", re.IGNORECASE)


def case_text(vignette: str) -> str:
    """The case as a quiz shows it: the vignette up to, not including, its "to think about" prompts (a paragraph
    of their own, or run on at the end of the last paragraph when the model's text is flattened)."""
    kept = []
    for paragraph in re.split(r"\n\s*\n", vignette):
        if PROMPTS.match(paragraph.strip()):
            break
        kept.append(paragraph)
    text = "\n\n".join(kept)
    return PROMPTS_ANYWHERE.split(text, maxsplit=1)[0].strip()


def stem_with_vignette(item: Item, vignettes: dict[str, str]) -> str:
    """Scenario items carry their case study (never its prompts), so each stands alone when a platform draws it."""
    if item.scenario and item.vignette and item.vignette in vignettes:
        return f"{case_text(vignettes[item.vignette])}\n\n---\n\n{item.stem}"
    return item.stem


def scaffold_markdown(scaffold: str) -> str:
    """Each line of a scaffold its own paragraph: Markdown would join them into one line."""
    return "\n\n".join(line.strip() for line in scaffold.splitlines() if line.strip())


def marker_notes(item: Item, weight: int = 1) -> str:
    """An essay's guidance for markers (never learners), as Markdown: the guidance, then the mark bands."""
    parts = [item.guidance] if item.guidance else []
    if item.bands:
        top = item.bands[-1][0]
        marks = "1 mark" if weight == 1 else f"{weight} marks"
        parts.append(f"**Mark bands** (the essay is worth {marks}; in the marks file, band b of {top} is 100 × b / {top}):")
        parts.append("\n".join(f"- Band {level} ({round(100 * level / top)}): {text}" for level, text in item.bands))
    return "\n\n".join(parts)


def tags(item: Item) -> list[str]:
    return sorted(set(item.tests) | set(item.items) | ({"generated"} if item.generated else set()))
