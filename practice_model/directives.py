"""The object directives: ``pm:standard``, ``pm:term``, ``pm:question`` and the rest.

One directive class serves every kind: the kind's field table (``kinds.py``)
drives option parsing and validation, and a per-kind hook renders the body.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from . import render
from .errors import UserError
from .frameworks_cache import frameworks_for
from .glance import plain_text, pm_keylines
from .kinds import KINDS, Kind, ObjectEntry
from .labels import HIDDEN_FIELDS, field_label
from .questions import QuestionError, parse_question
from .releases import release_marks_for
from .validation import Validated, validate_object
from .warnings_ import PMWarning, warn

REVIEW_LINE = re.compile(r"^\s*:?(last-reviewed|next-review|re-read|change-note)\s*:.*$", re.MULTILINE)


def digest(*parts: str) -> str:
    return "sha256:" + hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


class ObjectDirective(SphinxDirective):
    kind_name: ClassVar[str]
    required_arguments = 1
    has_content = True

    @property
    def kind(self) -> Kind:
        return KINDS[self.kind_name]

    @property
    def domain(self):
        return self.env.get_domain("pm")

    # --- reading the options ------------------------------------------
    def item_checker(self) -> Callable[[str], bool] | None:
        """Whether a framework item exists; None (with a warning) when the framework data cannot be read."""
        try:
            frameworks = frameworks_for(self.env)
        except UserError as exc:
            warn(f"framework data could not be read: {exc}", PMWarning.FRAMEWORK, self.get_location())
            return None
        for path in frameworks.paths():
            self.env.note_dependency(path)
        return lambda item_id: frameworks.item(item_id) is not None

    def read_options(self, oid: str) -> Validated:
        """The kind's fields and links, every problem a typed warning at the directive's line."""
        has_items = any(spec.type == "items" and self.options.get(spec.name) for spec in self.kind.fields)
        result = validate_object(self.kind, oid, self.options, page_object=self.env.temp_data.get("pm_page_object"),
                                 item_exists=self.item_checker() if has_items else None)
        for problem in result.problems:
            warn(problem.message, problem.subtype, self.get_location())
        return result

    # --- the object ----------------------------------------------------
    def source_digest(self, fields: dict, links: dict) -> str:
        if self.kind.page_level:
            text = self.env.doc2path(self.env.docname).read_text(encoding="utf-8")
            return digest(REVIEW_LINE.sub("", text))
        options = {k: v for k, v in sorted(self.options.items())}
        return digest(self.kind.name, self.arguments[0], json.dumps(options, sort_keys=True, default=str), "\n".join(self.content))

    def run(self) -> list[nodes.Node]:
        oid = self.arguments[0].strip()
        options = self.read_options(oid)
        fields, links = options.fields, options.links
        valid = not any(p.subtype in (PMWarning.BAD_ID, PMWarning.ID_PREFIX) for p in options.problems)

        outer, body = render.card(oid, self.kind.name)
        header = nodes.paragraph(classes=["pm-object-header"])
        header += render.kind_badge(self.kind.name)
        mark = release_marks_for(self.env.srcdir, self.config.pm_version).get(oid)
        if mark:
            header += nodes.Text(" ")
            header += render.badge(f"{mark.capitalize()} in {self.config.pm_version}", "success" if mark == "new" else "info")
        if self.options.get("re-read", "").strip() == "yes":
            header += nodes.Text(" ")
            header += render.badge("Please re-read", "secondary", outline=True)
        header += nodes.Text(" ")
        header += render.copy_link(oid, self.env.docname)  # the permanent link, not the raw ID
        body += header
        title, text, extra = self.render_body(body, fields)
        title = fields.get("title") or title
        title_field = self.kind.field("title")
        if not title and not self.kind.page_level and not (title_field and title_field.required):
            warn(f"{self.kind.label.lower()} '{oid}' has no text; write it in the block", PMWarning.MISSING_FIELD, self.get_location())
        title = title or ("" if self.kind.page_level else oid)
        if self.kind.name == "standard":
            body += pm_keylines(object_id=oid)  # its key timescales and duties, drawn from its Expectations
        self.render_fields(body, fields)
        body += render.pm_links(object_id=oid, mode="page" if self.kind.page_level else "card")

        if self.kind.page_level:
            self.env.temp_data["pm_page_object"] = oid
        if valid:
            entry: ObjectEntry = {
                "id": oid,
                "kind": self.kind.name,
                "title": title,
                "docname": self.env.docname,
                "anchor": oid,
                "line": self.lineno,
                "end_line": self.lineno + self.block_text.rstrip("\n").count("\n"),  # block_text ends with the closing fence
                "source": str(self.env.doc2path(self.env.docname).relative_to(self.env.srcdir)).replace("\\", "/"),
                "fields": fields,
                "links": links,
                "text": text,
                "digest": self.source_digest(fields, links),
                **extra,
            }
            self.domain.add_object(entry)
            if self.kind.page_level:
                # The page's own objects, for record_page (no scan of the whole model per page).
                cast(list, self.env.temp_data.setdefault("pm_page_entries", [])).append(entry)
        return [outer]

    def render_fields(self, body: nodes.Element, fields: dict) -> None:
        shown = [(name, value) for name, value in fields.items() if name not in HIDDEN_FIELDS]
        rows = []
        for name, value in shown:
            text = ", ".join(value) if isinstance(value, list) else str(value)
            rows.append((field_label(name), [nodes.Text(text)]))
        if rows:
            body += render.field_list(rows)

    def body_line(self, index: int) -> int:
        """The file line of body line ``index`` (MyST's offsets skip the blank line before a body)."""
        if len(self.content):
            block = self.block_text.splitlines()
            for number, text in enumerate(block[1:], start=1):
                if text == self.content[0]:
                    return self.lineno + number + index
        return self.lineno

    def parse_into(self, container: nodes.Element, lines: StringList) -> None:
        self.state.nested_parse(lines, self.content_offset, container)

    def render_body(self, body: nodes.Element, fields: dict) -> tuple[str, str, dict]:
        """Render the content; return (title fallback, plain text, extra entry keys)."""
        content = nodes.container(classes=["pm-object-body"])
        self.parse_into(content, self.content)
        if self.kind.title_required or self.kind.page_level:
            if not self.kind.page_level:
                body += nodes.rubric(fields.get("title", ""), fields.get("title", ""), classes=["pm-object-title"])
        body += content
        text = plain_text(content)  # without citations: at read time they are IDs, not titles
        title = "" if self.kind.page_level else _first_words(text)
        return title, text, {}


def _first_words(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


class TermDirective(ObjectDirective):
    kind_name = "term"

    def render_body(self, body, fields):
        title = fields.get("title", "")
        heading = nodes.rubric(title, title, classes=["pm-object-title"])
        if fields.get("acronym"):
            heading += nodes.Text(f" ({fields['acronym']})")
        body += heading
        content = nodes.container(classes=["pm-object-body"])
        self.parse_into(content, self.content)
        body += content
        return title, content.astext().strip(), {}

    def render_fields(self, body, fields):
        if fields.get("synonyms"):
            body += render.field_list([("Also called", [nodes.Text("; ".join(fields["synonyms"]))])])


class VignetteDirective(ObjectDirective):
    kind_name = "vignette"

    def render_body(self, body, fields):
        title, text, extra = super().render_body(body, fields)
        note = nodes.paragraph(classes=["pm-fictional"])
        note += render.badge("Fictional", "danger")
        note += nodes.Text(" This case study is made up for learning. Any likeness to real people is coincidental.")
        body.insert(2, note)
        return title, text, extra

    def render_fields(self, body, fields):
        """The cast list is data for the personal-data check, not for readers."""


class QuestionDirective(ObjectDirective):
    kind_name = "question"

    def sub(self, part) -> StringList:
        items = [self.content.info(min(part.line + i, len(self.content) - 1)) for i in range(len(part.lines))]
        return StringList(part.lines, items=items)

    def render_body(self, body, fields):
        try:
            parsed = parse_question(list(self.content), fields.get("type"))
        except QuestionError as exc:
            warn(f"question '{self.arguments[0]}': {exc}", PMWarning.BAD_QUESTION, (self.env.docname, self.body_line(exc.line)))
            return self.arguments[0], "", {"question": None}
        stem = nodes.container(classes=["pm-question-stem"])
        self.parse_into(stem, self.sub(parsed.stem))
        body += stem
        reveal = self.render_options(body, parsed)
        if parsed.explanation.lines:
            why = nodes.container(classes=["pm-explanation"])
            self.parse_into(why, self.sub(parsed.explanation))
            reveal.append(why)
        if parsed.guidance.lines:
            guide = nodes.container(classes=["pm-guidance"])
            self.parse_into(guide, self.sub(parsed.guidance))
            reveal.append(guide)
        body += render.dropdown("Show the answer and why" if parsed.type != "essay" else "Show what a good answer covers",
                                reveal, classes=["pm-answer"])
        fields["type"] = parsed.type
        question = {
            "stem": parsed.stem.text,
            "options": [{"text": o.text.text, "correct": o.correct, "feedback": o.feedback.text, "match": o.match}
                        for o in parsed.options],
            "explanation": parsed.explanation.text,
            "scaffold": parsed.scaffold.text,
            "guidance": parsed.guidance.text,
        }
        return _first_words(stem.astext()), stem.astext().strip(), {"question": question}

    def render_options(self, body, parsed) -> list[nodes.Node]:
        """Show what the reader answers; return what the dropdown reveals."""
        def enum(cls):
            return nodes.enumerated_list(enumtype="upperalpha", prefix="", suffix=".", classes=[cls])

        if parsed.type == "essay":
            if parsed.scaffold.lines:
                scaffold = nodes.container(classes=["pm-scaffold"])
                self.parse_into(scaffold, self.sub(parsed.scaffold))
                body += scaffold
            return []
        if parsed.type == "short":
            answers = nodes.paragraph(text="Accepted answers: " + "; ".join(o.text.text for o in parsed.options))
            return [answers]
        shown, answers = enum("pm-options"), enum("pm-answers")
        if parsed.type == "matching":
            lefts = [o for o in parsed.options if o.text.text]
            rights = sorted({o.match for o in parsed.options}, key=str.lower)
            for option in lefts:
                item = nodes.list_item()
                self.parse_into(item, self.sub(option.text))
                shown += item
                answers += nodes.list_item("", nodes.paragraph(text=f"{option.text.text} → {option.match}"))
            body += shown
            body += nodes.paragraph(text="Match each with one of: " + "; ".join(rights) + ".")
            return [answers]
        if parsed.type == "ordering":
            body += nodes.paragraph(text="Put these in order:")
            for option in sorted(parsed.options, key=lambda o: o.text.text.lower()):
                item = nodes.list_item()
                self.parse_into(item, self.sub(option.text))
                shown += item
            body += shown
            order = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".", classes=["pm-answers"])
            for option in parsed.options:
                order += nodes.list_item("", nodes.paragraph(text=option.text.text))
            return [order]
        for option in parsed.options:
            item = nodes.list_item()
            self.parse_into(item, self.sub(option.text))
            shown += item
            verdict = nodes.list_item()
            verdict += nodes.strong(text="Correct. " if option.correct else "Not the best answer. ")
            if option.feedback.lines:
                self.parse_into(verdict, self.sub(option.feedback))
            answers += verdict
        body += shown
        return [answers]


SOURCE_TYPE_LABELS = {
    "legislation": "Legislation",
    "case-law": "Case law",
    "statutory-guidance": "Statutory guidance",
    "non-statutory-guidance": "Non-statutory guidance",
    "practice-direction": "Practice direction (court rules)",
    "framework": "Framework",
    "research": "Research",
    "local-procedure": "Local procedure",
}


class SourceDirective(ObjectDirective):
    """A source of law or guidance: its citation, what kind of source it is, where to read it, when it was checked."""

    kind_name = "source"

    def render_fields(self, body, fields):
        rows = []
        if fields.get("full-title"):
            rows.append(("Full title", [nodes.Text(fields["full-title"])]))
        if fields.get("type"):
            rows.append(("Kind of source", [nodes.Text(SOURCE_TYPE_LABELS[fields["type"]])]))
        if fields.get("url"):
            rows.append(("Read it", [nodes.reference(fields["url"], fields["url"], refuri=fields["url"])]))
        if fields.get("checked"):
            rows.append(("Checked against the published text", [nodes.Text(fields["checked"])]))
        if rows:
            body += render.field_list(rows)


class OutcomeDirective(ObjectDirective):
    kind_name = "outcome"

    def render_fields(self, body, fields):
        items = fields.get("maps", [])
        if not items:
            return
        frameworks = frameworks_for(self.env)
        para = nodes.paragraph(classes=["pm-maps"])
        para += nodes.Text("Maps to: ")
        badges = []
        for item_id in items:
            fw, item = frameworks.item(item_id)
            badges.append(render.badge(f"{fw.short} {item.number}", "secondary", outline=True))
            badges[-1]["classes"].append("pm-item")
            badges[-1]["ids"] = []
        para.extend(render.join(badges, " "))
        body += para


def object_directives() -> dict[str, type[ObjectDirective]]:
    special = {"term": TermDirective, "vignette": VignetteDirective, "question": QuestionDirective, "outcome": OutcomeDirective,
               "source": SourceDirective}
    result = {}
    for kind in KINDS.values():
        if kind.name == "theme":
            continue
        base = special.get(kind.name, ObjectDirective)
        option_spec = {f.name: directives.unchanged for f in kind.fields}
        result[kind.name] = type(f"{kind.name.capitalize()}Directive", (base,), {"kind_name": kind.name, "option_spec": option_spec})
    return result
