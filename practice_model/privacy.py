"""Finding personal data in the handbook's sources, line by line.

The handbook must hold none: case studies are fictional and their names are
on the cast list (a data file). A reviewed false positive is allowed by a
marker on its line that says why::

    Call 0300 123 4567 for the national helpline. <!-- pm-allow: public helpline number -->
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ALLOW = re.compile(r"<!--\s*pm-allow:\s*(.*?)\s*-->")
NHS = re.compile(r"(?<![\d])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d])")
POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})\b")
PHONE = re.compile(r"(?<![\w])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\d\s?-?){9,10}(?![\d])")
EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
DOB = re.compile(
    r"\b(?:DOB|D\.O\.B\.?|date of birth|born(?: on)?)\b[:\s]*"
    r"(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)? (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4})",
    re.IGNORECASE,
)
FULL_NAME = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
SAFE_EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "example.invalid")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    kind: str
    text: str
    message: str


def nhs_number_valid(digits: str) -> bool:
    """The NHS number modulus 11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def scan_text(path: str, text: str, cast: set[str], names_lines: set[int] | None = None) -> list[Finding]:
    """Findings in one file; ``names_lines`` limits the full-name check to case-study lines (None: every line)."""
    findings = []
    for number, line in enumerate(text.splitlines(), start=1):
        if ALLOW.search(line):
            if not ALLOW.search(line).group(1):
                findings.append(Finding(path, number, "allow-marker", line.strip(), "a pm-allow marker must say why, e.g. <!-- pm-allow: public helpline -->"))
            continue
        for m in NHS.finditer(line):
            digits = "".join(m.groups())
            if nhs_number_valid(digits):
                findings.append(Finding(path, number, "nhs-number", m.group(0), "looks like an NHS number (valid check digit); remove it"))
        for m in POSTCODE.finditer(line):
            findings.append(Finding(path, number, "postcode", m.group(0), "looks like a UK postcode; remove it or use a made-up place"))
        for m in PHONE.finditer(line):
            findings.append(Finding(path, number, "phone", m.group(0).strip(), "looks like a phone number; remove it"))
        for m in EMAIL.finditer(line):
            if not m.group(0).lower().endswith(SAFE_EMAIL_DOMAINS):
                findings.append(Finding(path, number, "email", m.group(0), "looks like an email address; use a role address on example.org in examples"))
        for m in DOB.finditer(line):
            findings.append(Finding(path, number, "date-of-birth", m.group(0), "looks like a date of birth; describe the age instead"))
        if names_lines is None or number in names_lines:
            first_names = {name.split()[0] for name in cast}
            for m in FULL_NAME.finditer(line):
                full = m.group(0)
                if m.group(2) in first_names:
                    continue  # "Tell Sharon": a word before an invented first name, not a full name
                if full not in cast and _looks_personal(m.group(1), m.group(2)):
                    findings.append(Finding(path, number, "name", full,
                                            "a full name in a case study that is not on the cast list; add the invented name to the cast list or remove it"))
    return findings


# Capitalised pairs that are common in our writing but are not people.
NOT_NAMES = {
    "Social", "Work", "Children", "Care", "Act", "Family", "Court", "Working", "Together", "Public", "Law", "Outline", "Child",
    "Protection", "Early", "Help", "National", "Framework", "Domestic", "Abuse", "Mental", "Health", "Capacity", "The", "Our",
    "England", "Skills", "For", "Ofsted", "Local", "Authority", "Independent", "Reviewing", "Officer", "Personal", "Adviser",
    "Team", "Manager", "Practice", "Standard", "Standards", "Principal", "Worker", "Young", "People", "Person", "Education",
    "Visitor", "Police", "School", "Designated", "Safeguarding", "Lead", "Strategy", "Discussion", "Initial",
    "Review", "Conference", "Core", "Group", "Plan", "Pathway", "Looked", "After", "Adult", "Services", "Service", "In",
    "On", "At", "A", "An", "If", "When", "What", "Why", "How", "Who", "Where", "She", "He", "They", "It", "This", "That",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November", "December", "Mrs", "Mr", "Ms", "Dr", "Miss",
    "Fictional", "Case", "Study", "Vignette", "Assessment", "Section", "Order", "Emergency", "Primary", "Secondary",
    # Authors of reflective models, cited as theory rather than people in case studies.
    "Gibbs", "Kolb", "Rolfe", "Schön", "Ruch", "Morrison", "Wonnacott",
}


def _looks_personal(first: str, last: str) -> bool:
    return first not in NOT_NAMES and last not in NOT_NAMES


def read_cast(path: Path) -> set[str]:
    from .tomlfile import read_toml

    data, _ = read_toml(path)
    return {str(n).strip() for n in data.get("names", [])}
