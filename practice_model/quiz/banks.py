"""Reading assessed question banks (``quizzes/banks/*.md``).

Banks use the handbook's own syntax: MyST's parser finds the
``pm:question`` blocks and MyST's directive parser reads their options, with
the same option table as the handbook directive; ``questions.parse_question``
reads the body. So an item that builds in the handbook loads here, and the
reverse. Banks are never part of the handbook build or its model.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from docutils.parsers.rst import Directive
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.directives import MarkupError, parse_directive_text
from myst_parser.parsers.mdit import create_md_parser

from ..allow import MARKER, allowed_checks, markers
from ..errors import UserError
from ..kinds import KINDS
from ..questions import QuestionError, parse_question
from ..validation import validate_object
from .items import Choice, Item

FENCE_INFO = re.compile(r"^\{pm:question\}\s*(.*)$")
# Characters XML 1.0 forbids (tab, newline and carriage return are allowed): the Word, Moodle and QTI
# exports cannot hold them. Word's line and page breaks arrive as \x0b and \x0c when its text is pasted.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CONTROL_NAMES = {"\x0b": "a line break from Word (Shift+Enter)", "\x0c": "a page break from Word", "\x1b": "an escape character"}


class _QuestionOptions(Directive):
    """The handbook question directive's options, for MyST's option parser."""

    required_arguments = 1
    has_content = True
    option_spec = {f.name: (lambda v: v) for f in KINDS["question"].fields}


def _parser():
    return create_md_parser(MdParserConfig(enable_extensions={"colon_fence"}), RendererHTML)


def load_bank(path: Path) -> list[Item]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError("the bank is not UTF-8 text; save it as UTF-8 (in Word: Save As, Plain Text, Unicode UTF-8)",
                        str(path), raw[: exc.start].count(b"\n") + 1) from None
    _refuse_control_characters(path, text)
    items = []
    for token in _parser().parse(text):
        if token.type not in ("colon_fence", "fence"):
            continue
        match = FENCE_INFO.match(token.info.strip())
        if not match:
            continue
        items.append(_item(path, text, token, match.group(1).strip()))
    if not items:
        raise UserError("no questions found; each item is a ':::{pm:question} q-ID' block (see the ASYE leads' guide)", str(path))
    return items


def _refuse_control_characters(path: Path, text: str) -> None:
    match = XML_ILLEGAL.search(text)
    if match:
        char = match.group()
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        name = CONTROL_NAMES.get(char, "a control character")
        raise UserError(f"column {column} has {name} (U+{ord(char):04X}), which quiz files cannot hold; delete it "
                        "(retype the line, or paste from Word as plain text) and use a blank line to start a new paragraph",
                        str(path), line)


def _item(path: Path, text: str, token, first_line: str) -> Item:
    line = token.map[0] + 1
    where = f"{path}:{line}"
    problems = [m.problem for m in markers(first_line) if m.problem]
    if problems:
        raise UserError(problems[0], str(path), line)
    allow = frozenset(allowed_checks(first_line))
    first_line = MARKER.sub("", first_line).strip()  # the allow markers are not the directive's argument
    try:
        parsed = parse_directive_text(_QuestionOptions, first_line, token.content, line=line)
    except MarkupError as exc:
        raise UserError(f"the question's options cannot be read ({exc}); write each as ':name: value'", str(path), line) from None
    if parsed.warnings:
        raise UserError(f"question options: {parsed.warnings[0].msg}", str(path), line)
    qid = parsed.arguments[0] if parsed.arguments else ""
    # The handbook directive's rules, from the same table; a bank has no page for ':tests:' to default to.
    options = validate_object(KINDS["question"], qid, parsed.options, parent_required=True)
    if options.problems:
        raise UserError(options.problems[0].message, str(path), line)
    qtype = options.fields.get("type")
    tests = options.links["tests"]
    body_start = line + 1 + parsed.body_offset
    try:
        q = parse_question(parsed.body, qtype)
    except QuestionError as exc:
        raise UserError(f"question '{qid}': {exc}", str(path), body_start + exc.line) from None
    if q.type == "essay" and not q.bands:
        raise UserError(f"question '{qid}': an assessed essay needs '**Mark bands**', one line per level from 0, such as "
                        "'- 0: No reflection beyond description' (see the ASYE leads' guide)", str(path), line)
    block = "\n".join(text.splitlines()[token.map[0]:token.map[1]])
    return Item(
        id=qid,
        type=q.type,
        stem=q.stem.text,
        choices=[Choice(o.text.text, o.correct, o.feedback.text, o.match) for o in q.options],
        explanation=q.explanation.text,
        scaffold=q.scaffold.text,
        guidance=q.guidance.text,
        bands=[(band.level, band.text) for band in q.bands],
        tests=tests,
        difficulty=int(options.fields.get("difficulty", "2")),
        source="bank",
        location=where,
        vignette=(options.links.get("vignette") or [""])[0],
        scenario=options.fields.get("scenario", ""),
        level=options.fields.get("level", ""),
        cites=options.fields.get("cites", ""),
        digest="sha256:" + hashlib.sha256(block.encode("utf-8")).hexdigest(),
        allow=allow,
    )


def load_banks(paths: list[Path]) -> list[Item]:
    """Every item in the files, in file order; an ID used twice is an error naming both places."""
    seen: dict[str, Item] = {}
    result = []
    for path in paths:
        for item in load_bank(path):
            if item.id in seen:
                where, line = item.location.rsplit(":", 1)
                raise UserError(f"duplicate item ID '{item.id}' (first at {seen[item.id].location}); give one a new ID",
                                where, int(line))
            seen[item.id] = item
            result.append(item)
    return result


def bank_digest(paths: list[Path]) -> dict[str, str]:
    return {p.name: "sha256:" + hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
