"""The question body grammar, shared by the handbook directive and the assessed banks.

A question's body is Markdown with one list of options::

    Stem text (any Markdown).

    - [x] A correct option
      > Feedback shown for this option.
    - [ ] A wrong option
      > Why it is wrong.

    Text after the list explains the answer (general feedback).

This module only splits the body into parts and checks them; each part stays
Markdown, so the directive renders it with MyST and the quiz tools read it from
the model. It has no Sphinx dependency so banks use exactly the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPTION_LINE = re.compile(r"^- \[( |x|X)\]\s+(.*)$")


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
    correct: bool
    feedback: Part = field(default_factory=Part)


@dataclass
class ParsedQuestion:
    type: str
    stem: Part
    options: list[Option]
    explanation: Part


def _dedent(line: str) -> str:
    return line[2:] if line.startswith("  ") else line.lstrip()


def parse_question(lines: list[str], declared_type: str | None = None) -> ParsedQuestion:
    """Split a question body into stem, options and explanation, and check it."""
    stem = Part(line=0)
    options: list[Option] = []
    explanation = Part()
    state = "stem"
    for index, raw in enumerate(lines):
        match = OPTION_LINE.match(raw)
        if match and state in ("stem", "options"):
            state = "options"
            options.append(Option(Part([match.group(2)], index), match.group(1) != " "))
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

    if not stem.text:
        raise QuestionError("the question has no text before its options; write the question first", 0)
    if len(options) < 2:
        raise QuestionError(
            "a question needs at least two options, each on a line starting '- [x] ' (correct) or '- [ ] '",
            len(lines) - 1 if lines else 0,
        )
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
