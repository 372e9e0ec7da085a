"""The object kinds of the practice model: their ID prefixes, typed fields and links.

Kinds are declared as data so the directives, the validation, the export and
the JSON schema all read one table instead of repeating it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NotRequired, TypedDict

ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")


@dataclass(frozen=True)
class Field:
    """One directive option.

    ``type`` is one of: ``text``, ``date`` (ISO ``YYYY-MM-DD``), ``choice``
    (one of ``choices``), ``choices`` (several of ``choices``), ``list``
    (semicolon-separated text), ``int``, ``ids`` (object IDs: a typed link),
    ``items`` (framework item IDs).
    """

    name: str
    type: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()  # kinds an ``ids`` field may point at
    inverse: str = ""  # how the link reads from the target's side


@dataclass(frozen=True)
class Kind:
    name: str
    prefix: str
    label: str
    plural: str
    fields: tuple[Field, ...] = ()
    # A page-level object is the subject of its whole page: its digest covers
    # the page and its page sections are checked against ``anatomy``.
    page_level: bool = False
    anatomy: tuple[str, ...] = ()
    # Field that, when omitted, defaults to the page's page-level object.
    parent_field: str = ""
    title_required: bool = True

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None


REVIEW_FIELDS = (
    Field("owner", required=True),
    Field("last-reviewed", "date", required=True),
    Field("next-review", "date", required=True),
    Field("change-note"),
    Field("re-read", "choice", choices=("yes", "no")),
)

STANDARD_ANATOMY = (
    "Scope and who it is for",
    "Why it matters",
    "What good looks like",
    "Expectations",
    "How the principles apply",
    "Tools and templates",
    "Common pitfalls",
    "Reflective questions for supervision",
    "Practice questions",
    "Related modules and standards",
)

# Labelled parts a section must have: the law (cited) apart from our own practice (local, "should").
SECTION_PARTS = {"Expectations": ("The law says", "Our practice")}

MODULE_ANATOMY = (
    "Learning outcomes",
    "Pre-reading",
    "Activities",
    "Evidence of learning and impact",
)

AUDIENCES = ("children", "adults", "joint")
LEVELS = ("asye", "experienced", "manager")
# What kind of thing a glossary term names. Generated term items take their distractors from terms of the
# same area, so a wrong option is another plan for a plan, another court order for an order.
TERM_AREAS = ("law", "plan", "meeting", "harm", "role", "child", "body", "framework", "tool", "approach", "service")
FORMATS = (
    "workshop",
    "reflective-space",
    "peer-critique",
    "practice-learning-week",
    "self-directed",
)
SOURCE_TYPES = (
    "legislation",
    "case-law",
    "statutory-guidance",
    "non-statutory-guidance",
    "practice-direction",
    "framework",
    "research",
    "local-procedure",
)
# Where law is stated, the statement cites a source: {pm:cite}`src-...` at the point of the claim
# (recorded as this link), or the ``:sources:`` option.
SOURCES_FIELD = Field("sources", "ids", targets=("source",), inverse="relied on by")
ITEM_LEVELS = ("recall", "application", "analysis")
QUESTION_TYPES = ("single", "multiple", "truefalse", "matching", "ordering", "short", "essay")
OBJECT_KINDS = ("principle", "standard", "module", "outcome", "term", "vignette")

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "principle",
            "prin",
            "Principle",
            "Principles",
            fields=(
                Field("title", required=True),
                Field("group", "choice", choices=("restorative", "trauma-informed", "relational", "values")),
                Field("in-a-visit"),
                Field("in-a-meeting"),
                Field("in-a-record"),
                Field("in-supervision"),
                SOURCES_FIELD,
            ),
        ),
        Kind(
            "standard",
            "std",
            "Practice standard",
            "Practice standards",
            fields=(
                Field("title"),
                *REVIEW_FIELDS,
                Field("principles", "ids", targets=("principle",), inverse="applied in"),
                Field("themes", "ids", targets=("theme",), inverse="answered by"),
                Field("related", "ids", targets=("standard",), inverse="related to"),
                Field("vignettes", "ids", targets=("vignette",), inverse="used in"),
                SOURCES_FIELD,
            ),
            page_level=True,
            anatomy=STANDARD_ANATOMY,
            title_required=False,
        ),
        Kind(
            "module",
            "mod",
            "CPD module",
            "CPD modules",
            fields=(
                Field("title"),
                Field("audience", "choice", required=True, choices=AUDIENCES),
                Field("level", "choices", required=True, choices=LEVELS),
                Field("format", "choices", required=True, choices=FORMATS),
                Field("length", required=True),
                *REVIEW_FIELDS,
                Field("teaches", "ids", targets=("standard",), inverse="taught in"),
                Field("prerequisites", "ids", targets=("module",), inverse="prerequisite for"),
                Field("pre-reading", "ids", targets=OBJECT_KINDS, inverse="pre-reading for"),
                SOURCES_FIELD,
            ),
            page_level=True,
            anatomy=MODULE_ANATOMY,
            title_required=False,
        ),
        Kind(
            "outcome",
            "out",
            "Learning outcome",
            "Learning outcomes",
            fields=(
                Field("module", "ids", targets=("module",), inverse="outcomes"),
                Field("maps", "items", required=True),
            ),
            parent_field="module",
            title_required=False,
        ),
        Kind(
            "term",
            "term",
            "Glossary term",
            "Glossary terms",
            fields=(
                Field("title", required=True),
                Field("area", "choice", choices=TERM_AREAS),
                Field("acronym"),
                Field("synonyms", "list"),
                Field("see-also", "ids", targets=("term",), inverse="see also"),
                SOURCES_FIELD,
            ),
        ),
        Kind(
            "question",
            "q",
            "Practice question",
            "Practice questions",
            fields=(
                Field("tests", "ids", targets=OBJECT_KINDS, inverse="tested by"),
                Field("type", "choice", choices=QUESTION_TYPES),
                Field("difficulty", "choice", choices=("1", "2", "3")),
                Field("vignette", "ids", targets=("vignette",), inverse="questions"),
                Field("scenario"),  # groups assessed items that share a vignette
                # Assessed items: what the item asks for, and the handbook section that supports its key
                # ("std-pre-birth" or "std-pre-birth#expectations"), checked by the item-writing rules.
                Field("level", "choice", choices=ITEM_LEVELS),
                Field("cites"),
            ),
            parent_field="tests",
            title_required=False,
        ),
        Kind(
            "prompt",
            "prompt",
            "Reflective question",  # readers' name for a prompt (labels.py; docs/contributing/authoring.md)
            "Reflective questions",
            fields=(
                Field("for", "ids", targets=("standard", "module", "principle"), inverse="reflective questions"),
                Field("stage", "choice", choices=("experience", "reflection", "analysis", "action")),
            ),
            parent_field="for",
            title_required=False,
        ),
        Kind(
            "vignette",
            "vig",
            "Case vignette (fictional)",
            "Case vignettes (fictional)",
            fields=(
                Field("title", required=True),
                Field("cast", "list", required=True),
            ),
        ),
        Kind(
            "source",
            "src",
            "Source",
            "Law and guidance",
            fields=(
                Field("title", required=True),  # the short citation readers see, e.g. "Children Act 1989, s17"
                Field("full-title", required=True),
                Field("type", "choice", required=True, choices=SOURCE_TYPES),
                Field("url", required=True),
                Field("checked", "date", required=True),  # last checked against the published text
            ),
        ),
        # Themes come from a data file, rendered by the ``pm:themes`` directive.
        Kind("theme", "theme", "Inspection theme", "Inspection themes", fields=(Field("title", required=True),)),
    )
}

PREFIXES = {k.prefix: k.name for k in KINDS.values()}


class ObjectEntry(TypedDict):
    """One object as the ``pm`` domain holds it: what a directive read, and what the page added."""

    id: str
    kind: str
    title: str
    docname: str
    anchor: str
    line: int
    end_line: NotRequired[int]
    source: str  # the file, relative to the source folder
    fields: dict[str, Any]  # typed option values: text, dates, chosen values, lists, framework items
    links: dict[str, list[str]]  # link field -> target IDs
    text: str
    digest: str
    question: NotRequired[dict[str, Any] | None]  # questions: stem, options, explanation (None if unreadable)
    sections: NotRequired[list[dict[str, Any]]]  # page-level objects: the page's '## ' sections
    word_count: NotRequired[int]
    law: NotRequired[list[dict[str, Any]]]  # statements of law and what they cite (citations.py)


def kind_of_id(object_id: str) -> str | None:
    """The kind an ID's prefix announces, or None."""
    return PREFIXES.get(object_id.split("-", 1)[0])


def split_ids(value: str) -> list[str]:
    """IDs in an option: separated by commas and/or spaces."""
    return [part for part in re.split(r"[\s,]+", value.strip()) if part]


def split_list(value: str) -> list[str]:
    """Free-text items in an option, separated by semicolons."""
    return [part.strip() for part in value.split(";") if part.strip()]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
