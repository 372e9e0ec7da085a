"""The question body grammar, shared by the handbook directive and the assessed banks.

A question's body is Markdown: the stem, then one list of options, then an
optional explanation::

    Stem text (any Markdown).

    - [x] A correct option
      > Feedback shown for this option.
    - [ ] A wrong option
      > Why it is wrong.

    Text after the list explains the answer (general feedback).

Other types change only the list:

* ``matching``: ``- Left text => Right text`` (three pairs or more);
  ``- => Right text`` adds a distractor with no left side.
* ``ordering``: ``1. First step``, ``2. Second step`` ... in the right order.
* ``short``: ``- [x] accepted answer`` for each accepted answer.
* ``essay``: no list; ``**Scaffold**`` and ``**Marker guidance**`` lines start
  the scaffold shown to the learner (its line breaks kept) and the guidance for
  the marker. An optional ``**Mark bands**`` line starts the bands, one per
  level from 0 up, each ``- 0: descriptor`` (an indented line continues it);
  assessed banks require them. Bands, like guidance, are for markers only.

This module only splits the body into parts and checks them; each part stays
Markdown. It has no Sphinx dependency so banks use exactly the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .kinds import QUESTION_TYPES

# The text after a marker may be missing (editors strip the trailing space of '- [x] '):
# such an option is still an option, so it is reported as empty rather than read as prose.
CHOICE_LINE = re.compile(r"^- \[( |x|X)\](?:\s+(.*))?$")
MATCH_LINE = re.compile(r"^- (.*?)\s*=>\s*(.*)$")
ORDER_LINE = re.compile(r"^(\d+)\.(?:\s+(.*))?$")
ESSAY_MARKERS = {"**scaffold**": "scaffold", "**marker guidance**": "guidance", "**mark bands**": "bands"}
BAND_LINE = re.compile(r"^- (\d+)\s*[:.)-]?(?:\s+(.*))?$")
AUTO_MARKED = tuple(t for t in QUESTION_TYPES if t != "essay")  # an essay is marked by a person


class QuestionError(ValueError):
    """A malformed question; ``line`` is the 0-based line within the body."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


@dataclass
class Part:
    """Lines of Markdown and the 0-based body line where they start."""

    lines: list[str] = field(default_factory=list)
    line: int = 0

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


@dataclass
class Option:
    text: Part
    correct: bool = False
    feedback: Part = field(default_factory=Part)
    match: str = ""  # matching: the right-hand side


@dataclass
class Band:
    """One level of an essay's mark scheme: 0 is the lowest."""

    level: int
    text: str


@dataclass
class ParsedQuestion:
    type: str
    stem: Part
    options: list[Option]
    explanation: Part
    scaffold: Part = field(default_factory=Part)
    guidance: Part = field(default_factory=Part)
    bands: list[Band] = field(default_factory=list)


def _dedent(line: str) -> str:
    return line[2:] if line.startswith("  ") else line.lstrip()


def _option_start(raw: str, qtype: str | None) -> Option | None:
    if qtype == "matching":
        m = MATCH_LINE.match(raw)
        return Option(Part([m.group(1)]), True, match=m.group(2).strip()) if m else None
    if qtype == "ordering":
        m = ORDER_LINE.match(raw)
        return Option(Part([m.group(2) or ""]), True) if m else None
    m = CHOICE_LINE.match(raw)
    return Option(Part([m.group(2) or ""]), m.group(1) != " ") if m else None


def _parse_essay(lines: list[str]) -> ParsedQuestion:
    parts = {"stem": Part(line=0), "scaffold": Part(), "guidance": Part(), "bands": Part()}
    current = "stem"
    for index, raw in enumerate(lines):
        marker = ESSAY_MARKERS.get(raw.strip().lower())
        if marker:
            current = marker
            parts[current].line = index + 1
            continue
        parts[current].lines.append(raw)
    if not parts["stem"].text:
        raise QuestionError("the essay question has no prompt; write it before '**Scaffold**'", 0)
    if not parts["guidance"].text:
        raise QuestionError("an essay question needs '**Marker guidance**' followed by guidance for whoever marks it",
                            len(lines) - 1 if lines else 0)
    bands = _parse_bands(parts["bands"]) if parts["bands"].line else []
    return ParsedQuestion("essay", parts["stem"], [], Part(), parts["scaffold"], parts["guidance"], bands)


def _parse_bands(part: Part) -> list[Band]:
    """'- 0: descriptor' lines, levels 0, 1, 2 ... in order; an indented line continues the band above."""
    bands: list[Band] = []
    for offset, raw in enumerate(part.lines):
        line = part.line + offset
        if not raw.strip():
            continue
        match = BAND_LINE.match(raw)
        if match:
            level, text = int(match.group(1)), (match.group(2) or "").strip()
            if level != len(bands):
                raise QuestionError(f"mark band {level} is out of order; number the bands 0, 1, 2 ... from the lowest", line)
            if not text:
                raise QuestionError(f"mark band {level} has no descriptor; say what an answer at this level shows", line)
            bands.append(Band(level, text))
        elif raw.startswith(" ") and bands:
            bands[-1].text += " " + raw.strip()
        else:
            raise QuestionError("each mark band is a line '- 0: what an answer at this level shows' (0 is the lowest)", line)
    if len(bands) < 2:
        raise QuestionError("'**Mark bands**' needs at least two bands, '- 0: ...' and '- 1: ...'", part.line - 1)
    return bands


def parse_question(lines: list[str], declared_type: str | None = None) -> ParsedQuestion:
    """Split a question body into stem, options and explanation, and check it."""
    if declared_type is not None and declared_type not in QUESTION_TYPES:
        raise QuestionError(f"unknown question type '{declared_type}'; use one of {', '.join(QUESTION_TYPES)}", 0)
    if declared_type == "essay":
        return _parse_essay(lines)
    stem = Part(line=0)
    options: list[Option] = []
    explanation = Part()
    state = "stem"
    for index, raw in enumerate(lines):
        option = _option_start(raw, declared_type) if state in ("stem", "options") else None
        if option is not None:
            state = "options"
            option.text.line = index
            options.append(option)
            continue
        if state == "stem":
            stem.lines.append(raw)
        elif state == "options":
            if not raw.strip():
                continue
            if raw.startswith(" "):
                body = _dedent(raw)
                current = options[-1]
                if body.startswith(">"):
                    if not current.feedback.lines:
                        current.feedback.line = index
                    current.feedback.lines.append(body[1:].lstrip())
                elif current.feedback.lines:
                    current.feedback.lines.append(body)
                else:
                    current.text.lines.append(body)
                continue
            state = "explanation"
            explanation.line = index
            explanation.lines.append(raw)
        else:
            explanation.lines.append(raw)
    return _check(declared_type, stem, options, explanation, lines)


def _same(text: str) -> str:
    """Text as a learner or the marking sees it: case and spacing do not tell two options apart."""
    return " ".join(text.split()).casefold()


def _check_options(declared_type: str | None, options: list[Option]) -> None:
    """No empty or repeated options: a learner cannot tell them apart, and the key names only the first."""
    word = {"short": "accepted answer", "ordering": "step", "matching": "pair"}.get(declared_type or "", "option")
    seen: dict[str, int] = {}
    answers: dict[str, int] = {}
    for number, option in enumerate(options, start=1):
        text = _same(option.text.text)
        if not text and declared_type != "matching":  # '- => Right' is a matching distractor
            raise QuestionError(f"{word} {number} is empty; write its text or delete the line", option.text.line)
        if text in seen:
            raise QuestionError(f"{word} {number} repeats {word} {seen[text]} ('{option.text.text}'); "
                                "make each different or delete one", option.text.line)
        if text:
            seen[text] = number
        if declared_type == "matching":
            answer = _same(option.match)
            if not answer:
                raise QuestionError(f"pair {number} has no answer after '=>'", option.text.line)
            if answer in answers:
                raise QuestionError(f"pair {number} has the same answer as pair {answers[answer]} ('{option.match}'); "
                                    "each left side needs its own answer (reword one, or merge the pairs)", option.text.line)
            answers[answer] = number


def _check(declared_type, stem, options, explanation, lines) -> ParsedQuestion:
    last = len(lines) - 1 if lines else 0
    if not stem.text:
        raise QuestionError("the question has no text before its options; write the question first", 0)
    _check_options(declared_type, options)
    shapes = {
        "matching": "'- Left => Right'",
        "ordering": "'1. First step', '2. Next step'",
        "short": "'- [x] an accepted answer'",
    }
    if declared_type == "short":
        if not options:
            raise QuestionError(f"a short-answer question needs its accepted answers, each as {shapes['short']}", last)
        if not all(o.correct for o in options):
            raise QuestionError("every listed answer of a short-answer question is accepted; mark each '- [x] '", options[0].text.line)
        return ParsedQuestion("short", stem, options, explanation)
    if declared_type == "matching":
        pairs = [o for o in options if o.text.text]
        if len(pairs) < 3:
            raise QuestionError(f"a matching question needs at least three pairs, each as {shapes['matching']}", last)
        return ParsedQuestion("matching", stem, options, explanation)
    if declared_type == "ordering":
        if len(options) < 3:
            raise QuestionError(f"an ordering question needs at least three steps, as {shapes['ordering']}", last)
        return ParsedQuestion("ordering", stem, options, explanation)
    if len(options) < 2:
        raise QuestionError("a question needs at least two options, each on a line starting '- [x] ' (correct) or '- [ ] '", last)
    correct = [o for o in options if o.correct]
    if not correct:
        raise QuestionError("no option is marked correct; mark the right answer with '- [x] '", options[0].text.line)
    qtype = declared_type or ("single" if len(correct) == 1 else "multiple")
    if qtype in ("single", "truefalse") and len(correct) != 1:
        raise QuestionError(
            f"a '{qtype}' question has exactly one correct option, but {len(correct)} are marked '- [x] '",
            correct[1].text.line,
        )
    if qtype == "truefalse":
        texts = sorted(o.text.text.lower() for o in options)
        if texts != ["false", "true"]:
            raise QuestionError("a 'truefalse' question has exactly two options: 'True' and 'False'", options[0].text.line)
    return ParsedQuestion(qtype, stem, options, explanation)
