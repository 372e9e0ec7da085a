"""The words practitioners read on a page: one name for one thing, and no field names or IDs.

Editors write options (``:stage:``, ``:difficulty:``) and IDs; readers see plain
labels. The names are documented in docs/contributing/authoring.md ("Names readers see").
"""

from __future__ import annotations

from .kinds import KINDS

# Options that are data for tools (quizzes, exercises, the personal-data check), not for readers.
HIDDEN_FIELDS = ("title", "change-note", "cast", "re-read", "stage", "difficulty", "type", "group", "scenario")

# How a link reads from its target's side, where the kind's own wording would repeat itself
# ("Reflective questions (reflective questions)") or read as a field name.
BACKLINK_LABELS = {
    "prompt.for": "Reflective questions",
    "question.tests": "Practice questions",
    "question.vignette": "Practice questions",
    "standard.related": "Related standards",
    "standard.principles": "Standards that apply it",
    "standard.themes": "Standards that answer it",
    "standard.vignettes": "Used in these standards",
    "module.teaches": "Taught in these CPD modules",
    "module.pre-reading": "Pre-reading for these CPD modules",
    "module.prerequisites": "Needed before these CPD modules",
    "term.see-also": "See also",
}
EXERCISES = "Reflective exercises"  # the worksheets made from a standard or module (docs/exercises)


def field_label(name: str) -> str:
    return name.replace("-", " ").capitalize()


def backlink_label(key: str) -> str:
    """``key`` is ``kind.field`` of the objects that link here."""
    if key in BACKLINK_LABELS:
        return BACKLINK_LABELS[key]
    kind_name, field_name = key.split(".", 1)
    kind = KINDS[kind_name]
    field = kind.field(field_name)
    if not (field and field.inverse):
        return kind.plural
    inverse = field.inverse.capitalize()
    return inverse if kind.plural.lower() in inverse.lower() else f"{inverse}: {kind.plural.lower()}"


def only_this_page(targets: list, fromdoc: str) -> bool:
    """A card's link back to the page it sits on (a question's 'Tests', a prompt's 'For') tells the reader nothing."""
    return bool(targets) and all(t["docname"] == fromdoc and KINDS[t["kind"]].page_level for t in targets)
