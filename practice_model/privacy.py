"""Finding personal data in the handbook's sources, line by line.

The handbook must hold none. Every line of every file the build reads (pages,
included files, data files: see build_inputs.py) and of the quiz banks is
checked, after normalising it (escapes, entities, Unicode NFKC, zero-width
characters, any run of spaces) so that spacing and look-alike characters
cannot hide anything:

- NHS numbers (however the ten digits are spaced, with a valid check digit),
  postcodes (in any case), phone numbers, email addresses and dates of birth;
- full names: a name not on the cast list of fictional names
  (``docs/_data/cast.toml``) is reported wherever it is: prose, a heading, a
  table cell, a data file. Citations and source objects are exempt: cited
  authors and named cases are public, not personal data.

A reviewed false positive is allowed by a marker that names the check (see
allow.py)::

    Call 0300 123 4567 for the national helpline. <!-- pm-allow phone: public helpline number -->
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .allow import markers

# --- normalising a line -------------------------------------------------------------------------

# Escapes that show as something else: TOML/JSON \uXXXX, \t and Markdown's backslash before punctuation.
ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([tnrfb])|([!-/:-@\[-`{-~]))")
PUNCTUATION = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'",
                             "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-"})
SPACES = re.compile(r"\s+")
HEX_DIGEST = re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{16,}\b")  # content hashes, not numbers


def _unescape(m: re.Match) -> str:
    if m.group(1) or m.group(2):
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else " "
    return " " if m.group(3) else m.group(4)


def normalise(line: str) -> str:
    """The line as a reader sees it: escapes and entities decoded, NFKC (non-breaking and other
    spaces become spaces, full-width digits become digits), invisible format characters
    (zero-width spaces, soft hyphens) dropped, curly apostrophes straightened, spaces collapsed."""
    line = html.unescape(ESCAPE.sub(_unescape, line))
    line = unicodedata.normalize("NFKC", line)
    line = "".join(ch for ch in line if unicodedata.category(ch) != "Cf")
    return SPACES.sub(" ", line.translate(PUNCTUATION))


# --- what personal data looks like --------------------------------------------------------------

DIGIT_SEP = r"[ .\-/]"  # what people put between groups of digits
NHS = re.compile(rf"(?<!\d)(?<!\d{DIGIT_SEP})\d(?:{DIGIT_SEP}?\d){{9}}(?!{DIGIT_SEP}?\d)")
POSTCODE = re.compile(r"\b[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?[ .\-]?\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE)
PHONE = re.compile(rf"(?<![\w.\-/])(?<!\d{DIGIT_SEP})(?:\+ ?44 ?\(?0?\)? ?|\(?0)(?:\d\)?[ .\-]?){{9,10}}(?!\d)")
EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
SAFE_EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "example.invalid")
SAFE_EMAIL_TLDS = (".example", ".invalid", ".test")
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
         r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE = (rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{4}}[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}"
        rf"|{DAY}(?: of)? {MONTH},? \d{{2,4}}|{MONTH} {DAY},? \d{{2,4}})")
DOB = re.compile(rf"(?:\bd ?\.? ?o ?\.? ?b\b\.?|\bdate of birth\b|\bbirth ?date\b|\bborn\b(?: on)?)[\s:=()\-]*(?:is |was )?{DATE}",
                 re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    path: str
    line: int  # 0 when the finding is about the whole file
    kind: str  # a check name from allow.CHECKS, or "allow-marker"
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


def _email_is_example(address: str) -> bool:
    domain = address.rsplit("@", 1)[1].casefold()
    return domain.endswith(SAFE_EMAIL_TLDS) or any(domain == d or domain.endswith("." + d) for d in SAFE_EMAIL_DOMAINS)


def scan_text(path: str, text: str, cast: set[str], exempt_lines: set[int] | None = None,
              ordinary: frozenset[str] = frozenset(), acronyms: frozenset[str] = frozenset()) -> list[Finding]:
    """Findings in one file. ``exempt_lines`` are lines of source objects, where names are not checked;
    ``ordinary`` words (see :func:`ordinary_words`) and glossary ``acronyms`` are never names."""
    names = _Names(cast, ordinary, acronyms)
    findings = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = normalise(raw)
        allowed = set()
        for marker in markers(line):
            if marker.problem:
                findings.append(Finding(path, number, "allow-marker", raw.strip(), marker.problem))
            else:
                allowed.add(marker.check)
        # The marker stays in the scanned text: HTML comments are published in the page's source.
        found = _line_findings(HEX_DIGEST.sub(" ", line))
        if not exempt_lines or number not in exempt_lines:
            found += [("name", full, NAME_MESSAGE) for full in names.in_line(line)]
        findings += [Finding(path, number, kind, found_text, f"{message}; if it is public, not personal, add "
                             f"<!-- pm-allow {kind}: why --> to the line") for kind, found_text, message in found if kind not in allowed]
    return findings


NAME_MESSAGE = ("a full name that is not on the cast list of fictional names; if it is invented, add it to "
                "docs/_data/cast.toml; if it is a cited author or a named case, cite it ({cite} or a src- source); otherwise remove it")


def _is_section_reference(text: str) -> bool:
    """'s31ZA', 'ss17ZA', 's16EA': section numbers of an Act have a postcode's shape. A postcode written
    without a space is caught when it is in capitals ('SW1A1AA'); in mixed or lower case with no space it
    is read as a section reference."""
    return not re.search(r"[ .\-]", text) and text != text.upper()


def _line_findings(line: str) -> list[tuple[str, str, str]]:
    found = []
    for m in NHS.finditer(line):
        if nhs_number_valid(re.sub(r"\D", "", m.group(0))):
            found.append(("nhs-number", m.group(0), "looks like an NHS number (valid check digit); remove it"))
    for m in POSTCODE.finditer(line):
        if _is_section_reference(m.group(0)):
            continue
        found.append(("postcode", m.group(0), "looks like a UK postcode; remove it or use a made-up place"))
    for m in PHONE.finditer(line):
        found.append(("phone", m.group(0).strip(" .-"), "looks like a phone number; remove it"))
    for m in EMAIL.finditer(line):
        if not _email_is_example(m.group(0)):
            found.append(("email", m.group(0), "looks like an email address; use a role address on example.org in examples"))
    for m in DOB.finditer(line):
        found.append(("date-of-birth", m.group(0), "looks like a date of birth; describe the age instead"))
    return found


# --- full names ---------------------------------------------------------------------------------

WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
MARKUP = re.compile(r"(?<!\w)[*_]+|[*_]+(?!\w)|`")  # emphasis and code marks: *Jane* **Doe** still reads "Jane Doe"
# Citations: a {cite} role, any role or link whose target is a source object (src-...).
CITATION = re.compile(r"\{(?:cite(?::[\w-]+)*|pm:cite|pm:source)\}`[^`]*`"
                      r"|\{[\w:.-]+\}`[^`]*<#?src-[^>`]*>`"
                      r"|\[[^\]]*\]\(#?src-[^)]*\)")
# A name followed by a year or "et al." is an author being cited: "Graham Gibbs (1988)", "(Ruch, 2005)".
CITED_AFTER = re.compile(r"\s*\((?:\d{4}[a-z]?|n\.d\.)\s*[),;]|\s+et al\b|,\s*\d{4}[a-z]?\s*[),;]")
NAME_PREFIXES = ("Mc", "Mac", "Fitz")
POSSESSIVE_NOUN = re.compile(r"'s ([^\W\d_]+)")
URL_OR_EMAIL = re.compile(r"\S+@\S+|\b(?:https?|mailto):\S+")

# Capitalised words common in our writing that are not people's names (compared case-insensitively).
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
    "Under", "Over", "With", "Without", "From", "To", "By", "Of", "As", "Before", "During", "Since", "Until",
    "Unless", "While", "Because", "Although", "Then", "There", "Here", "These", "Those", "And", "But", "Or", "So",
    "Ask", "Tell", "See", "Dear", "Hi", "Hello", "Thanks",
    "Year", "Assessed", "Supported", "OK", "Your", "My", "His", "Her", "Their", "Its", "We", "You", "Each", "Every",
    # Software we name.
    "Sphinx", "Moodle", "Word", "Python",
    # Authors of reflective models, cited as theory rather than people in case studies.
    "Gibbs", "Kolb", "Rolfe", "Schön", "Ruch", "Morrison", "Wonnacott",
}
# A run of capitalised words ending in one of these names an organisation, programme, law or
# report ("Anyshire Council", "Families First Partnership", "Clare's Law"), not a person.
INSTITUTIONS = {
    "Framework", "Programme", "Program", "Council", "Partnership", "Act", "Law", "Court", "Trust", "Board", "Service",
    "Services", "Team", "Unit", "Centre", "Center", "Agency", "Department", "Panel", "Inquiry", "Review", "Report",
    "Standard", "Standards", "Guidance", "Regulations", "Order", "Foundation", "Institute", "University", "College",
    "School", "Academy", "Hospital", "Society", "Association", "Network", "Office", "Commission", "Strategy", "Policy",
    "Model", "Project", "Hub", "Forum", "Alliance", "Committee", "Authority", "Principle", "Principles",
    "Mechanism", "Schema", "Checklist", "Toolkit", "Scale", "Index", "Register", "Scheme", "Rule", "Rules",
    "Test", "Guidelines", "Competence",
    # Offices, not people: "Home Secretary", "Secretary of State", "Lord Chancellor".
    "Secretary", "Minister", "Chancellor", "Commissioner", "Ombudsman",
}
NOT_NAMES_CF = {w.casefold() for w in NOT_NAMES}
INSTITUTIONS_CF = {w.casefold() for w in INSTITUTIONS}


def _title_part(part: str) -> bool:
    """One capitalised word: Jane, Siobhán, McDonald, MacLeod, O'Brien, D'Souza."""
    if "'" in part:
        head, _, tail = part.partition("'")
        return len(head) == 1 and head.isupper() and _title_part(tail)
    for prefix in NAME_PREFIXES:
        if part.startswith(prefix) and len(part) > len(prefix) + 1 and part[len(prefix)].isupper():
            return _title_part(part[len(prefix):])
    return len(part) >= 2 and part[0].isupper() and part[1:].islower()


def _name_shaped(word: str) -> bool:
    """Capitalised (each part of a double-barrelled name too) or in capitals, as names are in records."""
    letters = word.replace("'", "").replace("-", "")
    if letters.isupper():  # JANE DOE, O'BRIEN; but not acronyms without a vowel (NHS, PCF)
        plain = unicodedata.normalize("NFD", letters).casefold()
        return len(letters) >= 2 and any(v in plain for v in "aeiouy")
    return all(_title_part(part) for part in word.split("-"))


def ordinary_words(texts: list[str], min_files: int = 1) -> frozenset[str]:
    """Words the handbook itself writes in lower case (in at least ``min_files`` files): ordinary
    words, so "Critical Reflection" or "Choose QTI" in title case is not a name. Names are not written
    in lower case in running text; addresses and links, where they might be, are left out, and IDs
    such as vig-jane-doe are one hyphenated word, not "jane" and "doe"."""
    files_with: dict[str, int] = {}
    for text in texts:
        plain = URL_OR_EMAIL.sub(" ", normalise(text))
        for word in {w for w in WORD.findall(plain) if w.islower()}:
            files_with[word] = files_with.get(word, 0) + 1
    return frozenset(w for w, n in files_with.items() if n >= min_files)


class _Names:
    def __init__(self, cast: set[str], ordinary: frozenset[str] = frozenset(), acronyms: frozenset[str] = frozenset()):
        self.cast = {normalise(name).casefold() for name in cast}
        self.first_names = {name.split()[0] for name in self.cast if name}
        self.ordinary = ordinary
        self.acronyms = acronyms

    def in_line(self, line: str) -> list[str]:
        """Full names in the line that are not on the cast list, citations left out."""
        line = MARKUP.sub("", CITATION.sub(" | ", line))
        found = []
        for run in self._runs(line):
            if run[-1][0].casefold() in INSTITUTIONS_CF or CITED_AFTER.match(line, run[-1][2]):
                continue
            named_after = POSSESSIVE_NOUN.match(line, run[-1][2])
            if named_after and named_after.group(1).casefold() in INSTITUTIONS_CF:
                continue  # "Under Clare's Law": a law or scheme named after someone
            flagged = [i for i in range(len(run) - 1) if self._is_unknown_name(run[i][0], run[i + 1][0])]
            for group in _chains(flagged):
                found.append(line[run[group[0]][1]:run[group[-1] + 1][2]])
        return found

    def _runs(self, line: str) -> list[list[tuple[str, int, int]]]:
        """Runs of name-shaped words with one space between them, as (word, start, end)."""
        runs: list[list[tuple[str, int, int]]] = []
        current: list[tuple[str, int, int]] = []
        possessive = False
        for m in WORD.finditer(line):
            word = m.group(0)
            ends_possessive = word.endswith("'s")
            word = word[:-2] if ends_possessive else word
            adjacent = current and not possessive and line[current[-1][2]:m.start()] == " "
            if not _name_shaped(word) or word in self.acronyms:
                if len(current) >= 2:
                    runs.append(current)
                current, possessive = [], False
                continue
            if not adjacent:
                if len(current) >= 2:
                    runs.append(current)
                current = []
            current.append((word, m.start(), m.start() + len(word)))
            possessive = ends_possessive  # "Jane Doe's mother": the name ends at the possessive
        if len(current) >= 2:
            runs.append(current)
        return runs

    def _is_unknown_name(self, first: str, last: str) -> bool:
        first_cf, last_cf = first.casefold(), last.casefold()
        if first_cf in NOT_NAMES_CF or last_cf in NOT_NAMES_CF or f"{first_cf} {last_cf}" in self.cast:
            return False
        if first_cf in self.ordinary and last_cf in self.ordinary:
            return False  # "Critical Reflection": two ordinary words in title case
        return last_cf not in self.first_names  # "Tell Sharon": a word before an invented first name


def _chains(indexes: list[int]) -> list[list[int]]:
    """Consecutive pair indexes grouped, so "Mary Ann Smith" is one finding, not two."""
    groups: list[list[int]] = []
    for i in indexes:
        if groups and groups[-1][-1] == i - 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def scan_project(root: Path, model, bank_paths: list[Path]) -> list[Finding]:
    """Findings in every file the build reads and in the quiz banks, with paths relative to the project."""
    from .build_inputs import build_inputs

    root = root.resolve()
    cast_file = root / "docs" / "_data" / "cast.toml"
    listed = read_cast(cast_file) if cast_file.exists() else set()
    in_vignettes = {n for v in model.of_kind("vignette") for n in v["fields"].get("cast", [])}
    sources = _source_object_lines(root / "docs", model)
    texts = {}
    for path in dict.fromkeys([*build_inputs(root), *(p.resolve() for p in sorted(bank_paths))]):
        raw = path.read_bytes()
        if b"\0" not in raw:  # else not text (an image under docs/ without a usual suffix)
            texts[path] = raw.decode("utf-8", errors="replace")
    ordinary = ordinary_words(list(texts.values()))
    acronyms = frozenset(str(t["fields"]["acronym"]) for t in model.of_kind("term") if t["fields"].get("acronym"))
    found = []
    for path, text in texts.items():
        shown = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        found += scan_text(shown, text, listed | in_vignettes, sources.get(path), ordinary, acronyms)
    if cast_file.exists():
        for name in sorted(in_vignettes - listed):
            found.append(Finding(str(cast_file.relative_to(root)), 0, "name", name,
                                 f"'{name}' is in a vignette's :cast: but not on the cast list of fictional names; "
                                 "add it after checking it is invented"))
    return found


def _source_object_lines(source: Path, model) -> dict[Path, set[int]]:
    """Lines of each file inside a source object (kind 'source', IDs src-...): citations, where names are public."""
    spans: dict[Path, set[int]] = {}
    for obj in model.data["objects"]:
        if obj["kind"] == "source" or obj["id"].startswith("src-"):
            where = obj["source"]
            spans.setdefault((source / where["file"]).resolve(), set()).update(
                range(where["line"], where.get("end_line", where["line"]) + 1))
    return spans


def read_cast(path: Path) -> set[str]:
    from .tomlfile import read_toml

    data, _ = read_toml(path)
    return {str(n).strip() for n in data.get("names", [])}
