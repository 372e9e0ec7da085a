"""One item type for every source: assessed banks, handbook practice questions, generated items."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..questions import AUTO_MARKED


@dataclass
class Choice:
    text: str  # Markdown
    correct: bool = False
    feedback: str = ""
    match: str = ""  # matching: the right-hand side


@dataclass
class Item:
    id: str
    type: str
    stem: str  # Markdown
    choices: list[Choice]
    explanation: str = ""
    scaffold: str = ""
    guidance: str = ""
    tests: list[str] = field(default_factory=list)
    difficulty: int = 2
    source: str = "bank"  # bank, handbook or generated
    location: str = ""  # file:line, for messages
    vignette: str = ""
    level: str = ""  # recall, application or analysis (assessed items)
    cites: str = ""  # the handbook object, or object#section, that supports the key
    scenario: str = ""
    digest: str = ""
    items: list[str] = field(default_factory=list)  # framework items it evidences (filled from the model)
    allow: frozenset[str] = frozenset()  # item-writing rules its opening line's pm-allow markers turn off
    bands: list[tuple[int, str]] = field(default_factory=list)  # essay: (level, descriptor), for markers only

    @property
    def auto_marked(self) -> bool:
        return self.type in AUTO_MARKED

    @property
    def generated(self) -> bool:
        return self.source == "generated"
