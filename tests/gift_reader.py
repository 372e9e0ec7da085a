"""A GIFT reader that follows Moodle's importer (question/format/gift/format.php) for the parts we emit.

Used only by the tests, to read our GIFT back and compare it with the source
items: answer block between the first unescaped '{' and '}', type detection
in Moodle's order, escape sequences undone as Moodle does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MOODLE_GRADES = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0]


@dataclass
class GiftQuestion:
    name: str
    text: str
    type: str
    answers: list[dict] = field(default_factory=list)
    general_feedback: str = ""
    idnumber: str = ""
    tags: list[str] = field(default_factory=list)
    category: str = ""


def unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _split_unescaped(text: str, chars: str) -> list[tuple[str, str]]:
    """Split on unescaped marker characters; returns (marker, segment) pairs."""
    parts, current, marker, i = [], [], "", 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i:i + 2])
            i += 2
            continue
        if ch in chars:
            parts.append((marker, "".join(current)))
            current, marker = [], ch
        else:
            current.append(ch)
        i += 1
    parts.append((marker, "".join(current)))
    return parts


def _find_unescaped(text: str, ch: str, start: int = 0) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == ch:
            return i
        i += 1
    return -1


def _feedback(segment: str) -> tuple[str, str]:
    pos = _find_unescaped(segment, "#")
    if pos == -1:
        return unescape(segment.strip()), ""
    return unescape(segment[:pos].strip()), unescape(segment[pos + 1:].strip())


def parse(text: str) -> list[GiftQuestion]:
    assert "\r" not in text
    questions, category = [], ""
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        meta = [line for line in lines if line.startswith("//")]
        body = "\n".join(line for line in lines if not line.startswith("//"))
        if body.startswith("$CATEGORY:"):
            category = body[len("$CATEGORY:"):].strip()
            continue
        idnumber = next((m.group(1) for line in meta for m in [re.search(r"\[id:([^\]]+)\]", line)] if m), "")
        tags = [t for line in meta for t in re.findall(r"\[tag:([^\]]+)\]", line)]
        name = ""
        if body.startswith("::"):
            end = body.index("::", 2)
            name, body = unescape(body[2:end]), body[end + 2:]
        start = _find_unescaped(body, "{")
        end = _find_unescaped(body, "}", start + 1)
        assert start != -1 and end != -1, f"no answer block in {block!r}"
        assert not body[end + 1:].strip(), "text after '}' would make a missing-word question"
        qtext = body[:start]
        answer = body[start + 1:end].strip()
        general = ""
        gpos = answer.find("####")
        if gpos != -1:
            answer, general = answer[:gpos].strip(), unescape(answer[gpos + 4:].strip())
        question = GiftQuestion(name, unescape(qtext), "", general_feedback=general, idnumber=idnumber, tags=tags, category=category)
        plain = re.sub(r"\\.", "", answer)
        if answer == "":
            question.type = "essay"
        elif answer.startswith("#"):
            question.type = "numerical"
        elif "~" in plain:
            question.type = "multichoice"
            for marker, segment in _split_unescaped(answer, "~="):
                if not marker:
                    assert not segment.strip(), f"text before the first answer: {segment!r}"
                    continue
                weight = None
                seg = segment.strip()
                if seg.startswith("%"):
                    close = seg.index("%", 1)
                    weight = float(seg[1:close])
                    assert any(abs(abs(weight) - g) < 0.00001 for g in MOODLE_GRADES), f"weight {weight} is not a Moodle grade"
                    seg = seg[close + 1:]
                text_part, fb = _feedback(seg)
                fraction = weight if weight is not None else (100.0 if marker == "=" else 0.0)
                question.answers.append({"text": text_part, "fraction": fraction, "feedback": fb})
        elif "=" in plain and "->" in answer:
            question.type = "matching"
            for marker, segment in _split_unescaped(answer, "="):
                if not marker:
                    continue
                left, right = segment.split("->", 1)
                question.answers.append({"text": unescape(left.strip()), "match": unescape(right.strip())})
        elif answer.split("#")[0].strip() in ("T", "TRUE", "F", "FALSE"):
            question.type = "truefalse"
            parts = _split_unescaped(answer, "#")
            value = parts[0][1].strip()
            question.answers.append({"text": "true" if value in ("T", "TRUE") else "false",
                                     "wrong_feedback": unescape(parts[1][1].strip()) if len(parts) > 1 else "",
                                     "right_feedback": unescape(parts[2][1].strip()) if len(parts) > 2 else ""})
        else:
            question.type = "shortanswer"
            for marker, segment in _split_unescaped(answer, "="):
                if marker:
                    text_part, fb = _feedback(segment)
                    question.answers.append({"text": text_part, "feedback": fb})
        questions.append(question)
    return questions
