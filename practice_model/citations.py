"""Citations: which object cites which source, and which sentences read as law.

Read from the doctree when a page has been read (never from the Markdown), so
the model records, for each object, the sources it cites (its ``sources``
link) and each sentence that reads as a statement of law with the sources
cited beside it. ``practice-model check`` judges those sentences; the build
only records them, so it never depends on anything but the sources.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.addnodes import pending_xref

from .kinds import kind_of_id

# Words that make a sentence read as a statement of law.
LAW_WORDS = re.compile(
    r"\b(?:must|duty|duties|statutory|section \d+[A-Z]*|s\d+[A-Z]*|regulations? \d+|(?:Act|Regulations) (?:19|20)\d\d)\b",
    re.IGNORECASE,
)
SHOULD = re.compile(r"\bshould\b", re.IGNORECASE)
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'‘“])")
# Objects whose text is a scenario or an exercise, not the handbook's own statement of law.
NOT_STATEMENTS = ("question", "prompt", "vignette", "outcome", "source", "theme")


def _is_apparatus(node: nodes.Node) -> bool:
    """The object's own header (kind and ID) and its field lists (e.g. 'Also called') are labels, not statements."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.field_list) or "pm-object-header" in parent.get("classes", []):
            return True
        parent = parent.parent
    return "pm-object-header" in node.get("classes", [])


def _owner(node: nodes.Node, page_object: str | None) -> str | None:
    """The object a paragraph belongs to: the card it sits in, else the page's own object."""
    parent = node.parent
    while parent is not None:
        if "pm-object" in parent.get("classes", []) and parent.get("ids"):
            return parent["ids"][0]
        parent = parent.parent
    return page_object


def source_line(node: nodes.Node) -> int | None:
    """The first source line docutils recorded on the node or one of its ancestors."""
    while node is not None:
        if getattr(node, "line", None):
            return node.line
        node = node.parent
    return None


def cited_sources(node: nodes.Node) -> list[str]:
    return sorted({ref.get("reftarget", "") for ref in node.findall(pending_xref) if kind_of_id(ref.get("reftarget", "")) == "source"})


def statements(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_BREAK.split(" ".join(text.split())) if s.strip()]


def record_citations(app, doctree: nodes.document) -> None:
    env = app.env
    domain = env.get_domain("pm")
    docname = env.docname
    entries = {e["id"]: e for claims in domain.objects.values() for e in claims if e["docname"] == docname}
    if not entries:
        return
    page_entries = env.temp_data.get("pm_page_entries", [])
    page_object = page_entries[0]["id"] if page_entries else None
    for paragraph in doctree.findall(nodes.paragraph):
        owner = _owner(paragraph, page_object)
        entry = entries.get(owner or "")
        if entry is None or entry["kind"] in NOT_STATEMENTS or _is_apparatus(paragraph):
            continue
        cited = cited_sources(paragraph)
        if cited:
            entry["links"]["sources"] = sorted(set(entry["links"].get("sources", [])) | set(cited))
        for sentence in statements(paragraph.astext()):
            reads_as_law = bool(LAW_WORDS.search(sentence))
            if reads_as_law or (cited and SHOULD.search(sentence)):
                entry.setdefault("law", []).append({"line": source_line(paragraph) or entry["line"], "text": sentence[:240],
                                                    "cited": cited, "reads_as_law": reads_as_law,
                                                    "says_should": bool(SHOULD.search(sentence))})
