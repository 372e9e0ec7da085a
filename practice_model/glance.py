"""Answers first: key lines on each standard's card, the timescales page, processes step by step.

Write once, show twice. Authors mark, inside an Expectations bullet, the phrase a
reader needs at a glance with ``{pm:key}`phrase```. When a page is read each
bullet of a labelled part (``### The law says``, ``### Our practice``) is given an
anchor and recorded in the model (``views.record_page`` calls ``part_items``),
with its key phrases and the sentences that state a timescale. The standard's
card and the "Timescales at a glance" page are drawn from those records when
pages are written, so there is no second copy of any line to keep in step.
A bullet under "The law says" is statutory; one under "Our practice" is local.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import make_refnode

from .citations import source_line, statements
from .kinds import SECTION_PARTS, slugify
from .warnings_ import PMWarning, warn

LAW_PART = "The law says"
KEY_CLASS = "pm-key"
STEPS_CLASS = "pm-steps"

_NUMBER = r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
_UNIT = r"(?:working days?|days?|weeks?|months?|hours?|years?)"
TIMESCALE = re.compile(
    rf"\b{_NUMBER}[\s-]+{_UNIT}\b(?![\s-]+old)"  # "10 working days", "six weeks", "72 hours" (not "16 years old")
    r"|\bsame (?:working )?day\b|\b(?:weekly|fortnightly|monthly|annually)\b"
    r"|\b(?:every|each|once a|twice a) (?:working day|day|week|month|year)\b",
    re.IGNORECASE,
)

# The timescales page's groups, in the order a reader meets them; each timescale goes in the first group,
# by ``CLASSIFY`` order (most specific first), whose pattern its sentence matches.
GROUPS = {
    "visits": "Visits",
    "strategy": "Strategy discussions",
    "conferences": "Child protection conferences",
    "core-groups": "Core groups",
    "reviews": "Reviews",
    "assessments": "Assessments",
    "pre-birth": "Pre-birth milestones",
    "care-planning": "Care planning reviews",
    "pathway": "Pathway plans and care leavers",
    "immediate": "Immediate protection and court",
    "front-door": "Contacts, allocation, transfer and closure",
    "supervision": "Supervision and management oversight",
    "other": "Other timescales",
}
CLASSIFY = [
    ("core-groups", r"core group"),
    ("conferences", r"conference"),
    ("pathway", r"pathway plan|care leaver|personal adviser|former relevant|relevant child|staying put"),
    ("care-planning", r"care plan|independent reviewing|\bIRO\b|looked[- ]after review|children in care review"),
    ("pre-birth", r"pregnan|unborn|pre-birth|birth plan|before the birth|due date"),
    ("visits", r"\bvisit|\bseen\b|\bsee (?:the|each|every|them|him|her)\b"),
    ("strategy", r"strategy (?:discussion|meeting)"),
    ("immediate", r"emergency protection|police protection|legal planning|proceedings|court"),
    ("supervision", r"supervis|oversight"),
    ("front-door", r"allocat|transfer|clos|front door|contact|referral|change of worker"),
    ("assessments", r"assess"),
    ("reviews", r"review"),
]


def timescales_in(text: str) -> list[str]:
    """The sentences of ``text`` that state a timescale."""
    return [s for s in statements(text) if TIMESCALE.search(s)]


def group_of(sentence: str) -> str:
    for group, pattern in CLASSIFY:
        if re.search(pattern, sentence, re.IGNORECASE):
            return group
    return "other"


# --- markup ----------------------------------------------------------------
class KeyRole(SphinxRole):
    """``{pm:key}`phrase```: the phrase of an Expectations bullet shown on the standard's card."""

    def run(self):
        return [nodes.inline(self.text, self.text, classes=[KEY_CLASS])], []


class pm_keylines(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder in a standard's card: its key lines, drawn from the model when the page is written."""


class pm_timescales(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder: every timescale in the handbook, drawn from the model when the page is written."""


class TimescalesDirective(SphinxDirective):
    """``pm:timescales``: every timescale the standards' Expectations state, grouped, statutory or local."""

    has_content = False

    def run(self):
        self.env.get_domain("pm").note_listing(self.env.docname, ["standard", "module"])
        return [pm_timescales()]


# --- when a page has been read (before views.record_page) ---------------
def _labelled_parts(section: nodes.section) -> list[nodes.section]:
    wanted = {p.lower() for p in SECTION_PARTS.get(section[0].astext().strip(), ())}
    return [sub for sub in section.children if isinstance(sub, nodes.section) and sub[0].astext().strip().lower() in wanted]


def _bullets(part: nodes.section) -> list[nodes.list_item]:
    return [item for block in part.children if isinstance(block, (nodes.bullet_list, nodes.enumerated_list))
            for item in block.children if isinstance(item, nodes.list_item)]


def prepare_page(app, doctree: nodes.document) -> None:
    """Anchor each bullet of a labelled part, style step lists, and warn about a key phrase out of place."""
    top = next(iter(doctree.findall(nodes.section)), None)
    placed: set[int] = set()
    if top is not None:
        for section in (c for c in top.children if isinstance(c, nodes.section)):
            for part in _labelled_parts(section):
                for number, item in enumerate(_bullets(part), start=1):
                    anchor = f"{slugify(part[0].astext())}-{number}"
                    if anchor not in item["ids"]:
                        item["ids"].append(anchor)
                    placed.update(id(key) for key in item.findall(_is_key))
    for key in doctree.findall(_is_key):
        if id(key) not in placed:
            warn(f"'{{pm:key}}`{key.astext()}`' is only read in a bullet under '### The law says' or '### Our practice' "
                 "in a standard's '## Expectations'; move it there or remove the role", PMWarning.MISPLACED,
                 (app.env.docname, source_line(key)))
    for numbered in doctree.findall(nodes.enumerated_list):
        if _in_steps_section(numbered):
            numbered["classes"].append(STEPS_CLASS)


def _is_key(node: nodes.Node) -> bool:
    return isinstance(node, nodes.inline) and KEY_CLASS in node["classes"]


def _in_steps_section(node: nodes.Element) -> bool:
    """A numbered list directly in a section whose heading says 'step' (e.g. 'The process step by step')."""
    parent = node.parent
    return isinstance(parent, nodes.section) and "step" in parent[0].astext().lower()


def part_items(section: nodes.section) -> list[dict]:
    """What the model records of a section's labelled parts: each bullet, its key phrases and its timescales."""
    items = []
    for part in _labelled_parts(section):
        for item in _bullets(part):
            text = plain_text(item)
            record = {"part": part[0].astext().strip(), "anchor": item["ids"][0] if item["ids"] else "", "text": text}
            keys = [" ".join(k.astext().split()) for k in item.findall(_is_key)]
            if keys:
                record["key"] = keys
            found = timescales_in(text)
            if found:
                record["timescales"] = found
            items.append(record)
    return items


def plain_text(node: nodes.Element) -> str:
    """Words a reader sees, read before links are resolved: a cross-reference without words of its own
    (a citation, ``[](#id)``) has no title yet, only its ID, so it is left out, as are the objects' headers."""
    copy = node.deepcopy()
    apparatus = [n for n in copy.findall(nodes.Element) if "pm-object-header" in n.get("classes", [])]
    untitled = [r for r in copy.findall(pending_xref) if r.astext().strip() in ("", r.get("reftarget", ""))]
    for removed in apparatus + untitled:
        removed.parent.remove(removed)
    paragraphs = []  # kept apart ("\n\n"): tools read a vignette's paragraphs, e.g. to leave out its prompts
    for paragraph in re.split(r"\n\s*\n", copy.astext()):
        text = " ".join(paragraph.split())
        text = re.sub(r"\s*\(\s*[;,]?\s*\)", "", text)  # "(see )" left by a removed link: "()"
        text = re.sub(r"[;,]\s*\)", ")", text)  # "(section 47(1); )"
        text = re.sub(r"\s+([.,;])", r"\1", text)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


def section_text(section: nodes.section) -> str:
    """A section's words after its heading, without citations (the model's ``sections[].text``)."""
    body = nodes.container()
    body.extend(child.deepcopy() for child in section.children[1:])
    return plain_text(body)


# --- when a page is written ------------------------------------------------
def _items(entry: dict) -> list[dict]:
    return [item for section in entry.get("sections", []) for item in section.get("items", [])]


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def keylines(builder, fromdoc: str, entry: dict) -> list[nodes.Node]:
    """A standard's key lines, one a line, under 'The law says' and 'Our practice', each linking to its bullet."""
    by_part: dict[str, list[nodes.Node]] = {}
    for item in _items(entry):
        for phrase in item.get("key", []):
            link = make_refnode(builder, fromdoc, entry["docname"], item["anchor"],
                                nodes.inline(phrase, _sentence_case(phrase)), "")
            by_part.setdefault(item["part"], []).append(nodes.list_item("", nodes.paragraph("", "", link)))
    if not by_part:
        return []
    block = nodes.container(classes=["pm-glance"])
    block += nodes.paragraph("", "", nodes.strong(text="Key timescales and duties"), classes=["pm-glance-title"])
    for part, lines in by_part.items():
        label = "The law says (statutory)" if part == LAW_PART else f"{part} (local)"
        block += nodes.paragraph(text=label, classes=["pm-glance-part"])
        listing = nodes.bullet_list(classes=["pm-glance-lines"])
        listing.extend(lines)
        block += listing
    return [block]


def timescale_rows(domain) -> dict[str, list[tuple[dict, dict, str]]]:
    """Every timescale sentence in the model, by group: (object entry, bullet, sentence)."""
    rows: dict[str, list[tuple[dict, dict, str]]] = {}
    entries = sorted(list(domain.of_kind("standard")) + list(domain.of_kind("module")), key=lambda e: e["title"].lower())
    for entry in entries:
        for item in _items(entry):
            for sentence in item.get("timescales", []):
                rows.setdefault(group_of(sentence), []).append((entry, item, sentence))
    return rows


def timescales_page(builder, fromdoc: str, domain) -> list[nodes.Node]:
    rows = timescale_rows(domain)
    if not rows:
        return [nodes.paragraph(text="No timescales yet.")]
    result: list[nodes.Node] = []
    for group, heading in GROUPS.items():
        found = rows.get(group)
        if not found:
            continue
        block = nodes.container(classes=["pm-timescales", f"pm-timescales-{group}"])
        block += nodes.rubric(heading, heading, ids=[f"timescales-{group}"], **{"heading-level": 2})
        listing = nodes.bullet_list(classes=["pm-timescale-list"])
        for entry, item, sentence in found:
            statutory = item["part"] == LAW_PART
            para = nodes.paragraph(classes=["pm-timescale"])
            para += nodes.strong(text="Statutory: " if statutory else "Local: ",
                                 classes=["pm-statutory" if statutory else "pm-local"])
            para += nodes.Text(sentence + " ")
            where = f"{entry['title']}, {item['part']}"
            link = make_refnode(builder, fromdoc, entry["docname"], item["anchor"], nodes.inline(where, where), "")
            para += nodes.inline("", "", nodes.Text("("), link, nodes.Text(")"), classes=["pm-timescale-where"])
            listing += nodes.list_item("", para)
        block += listing
        result.append(block)
    return result


def fill(app, doctree: nodes.document, docname: str) -> None:
    domain = app.env.get_domain("pm")
    for node in list(doctree.findall(pm_keylines)):
        entry = domain.get(node["object_id"])
        node.replace_self(keylines(app.builder, docname, entry) if entry else [])
    for node in list(doctree.findall(pm_timescales)):
        node.replace_self(timescales_page(app.builder, docname, domain))


def setup(app) -> None:
    app.add_role_to_domain("pm", "key", KeyRole())
    app.add_directive_to_domain("pm", "timescales", TimescalesDirective)
    for node in (pm_keylines, pm_timescales):
        app.add_node(node)
    app.connect("doctree-read", prepare_page, priority=400)  # before views.record_page reads the anchors
    app.connect("doctree-resolved", fill)
