"""One allow-marker syntax for every line check: ``<!-- pm-allow CHECK: reason -->``.

A reviewed false positive is allowed by a marker on its line that names the
check it turns off and says why::

    Call 0300 123 4567 for the national helpline. <!-- pm-allow phone: public helpline number -->

A marker turns off only the check it names, only on its own line. A marker
that names no check, names an unknown one or gives no reason is itself a
finding (the personal-data scan, which reads every line, reports it; other
checks only ask :func:`allowed_checks`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Every check a marker can name, with what it finds (the one place these names live).
CHECKS = {
    "nhs-number": "an NHS number (10 digits with a valid check digit)",
    "postcode": "a UK postcode",
    "phone": "a UK phone number",
    "email": "an email address that is not on an example domain",
    "date-of-birth": "a date after DOB, date of birth or born",
    "name": "a full name that is not on the cast list of fictional names",
    "raw-html": "raw HTML (a script, an event attribute) in a page",
    # Item-writing rules for assessed bank items (quiz/item_rules.py); a marker on the item's opening line.
    "key-longest": "a key noticeably longer than every distractor",
    "key-hedged": "a key that is the only hedged or qualified option",
    "stem-key-overlap": "words the stem shares with the key and with no distractor",
    "absolute-distractor": "absolute terms (always, never, only, all, none) in distractors only",
    "all-none-above": "an 'all of the above' or 'none of the above' option",
    "negative-stem": "a negative question (NOT, EXCEPT, never) without emphasis",
    "all-but-one": "a bank whose multiple-response items are mostly 'all but one option correct'",
    "true-false-balance": "a bank whose true/false items are mostly keyed one way",
    "duplicate-stem": "two assessed items with the same or nearly the same stem",
    "published-duplicate": "an assessed item nearly the same as a published handbook question",
    "vignette-prompts": "a stem that prints a vignette's 'to think about' prompts",
    "id-gives-answer": "an item ID with words of the key that the stem and distractors do not use",
    "level": "an assessed item that does not say its level (recall, application or analysis)",
    "cites": "an assessed item whose :cites: is missing or names no handbook object or section",
}

MARKER = re.compile(r"<!--\s*pm-allow\b(?P<body>.*?)-->", re.IGNORECASE)
BODY = re.compile(r"\s+(?P<check>[\w-]+)\s*:(?P<reason>.*)", re.DOTALL)
EXAMPLE = "<!-- pm-allow phone: national helpline, public number -->"


@dataclass(frozen=True)
class Marker:
    check: str | None  # None when the marker is malformed
    problem: str | None  # why the marker is not valid, None when it is


def markers(line: str) -> list[Marker]:
    """The allow markers on a line, each valid or with the reason it is not."""
    found = []
    for m in MARKER.finditer(line):
        body = BODY.fullmatch(m.group("body"))
        names = ", ".join(CHECKS)
        if body is None:
            found.append(Marker(None, f"an allow marker must name the check it allows and say why, e.g. {EXAMPLE} "
                                      f"(checks: {names})"))
            continue
        check = body.group("check").lower()
        if check not in CHECKS:
            found.append(Marker(None, f"the allow marker names an unknown check '{body.group('check')}'; use one of: {names}"))
        elif not body.group("reason").strip():
            found.append(Marker(None, f"an allow marker must say why, e.g. {EXAMPLE}"))
        else:
            found.append(Marker(check, None))
    return found


def allowed_checks(line: str) -> set[str]:
    """The checks that valid markers on this line turn off."""
    return {m.check for m in markers(line) if m.check}

