"""``practice-model check``: what the PSW (and CI) runs before publishing.

Errors (exit 1): structure, personal data, broken links, bank items that do
not resolve. Warnings (exit 0): reviews overdue or due soon, items not yet
mapped to a framework that is not active.
"""

from __future__ import annotations

import datetime
import json
import logging
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import cast

from docutils import nodes
from sphinx.util import logging as sphinx_logging

from .errors import UserError
from .kinds import KINDS, SECTION_PARTS
from .model import Model
from .privacy import scan_project
from .project import Project
from .warnings_ import PMWarning


@dataclass(frozen=True)
class Finding:
    severity: str  # error or warning
    check: str  # structure, currency, personal-data, links, framework, quiz, raw-html
    where: str
    message: str


def structure(model: Model) -> list[Finding]:
    """What only the whole model shows. Options and page anatomy are the build's warnings (``validation.py``),
    already among the findings, so they are not checked again here."""
    found = []
    for obj in model.data["objects"]:
        where = f"docs/{obj['source']['file']}:{obj['source']['line']}"
        kind = KINDS[obj["kind"]]
        if kind.name == "standard":
            for section in obj.get("sections", []):
                wanted = SECTION_PARTS.get(section["title"].strip())
                lacking = [p for p in wanted or () if p.lower() not in {t.strip().lower() for t in section.get("parts", [])}]
                if lacking:
                    found.append(Finding("error", "structure", where, f"{obj['id']}: its '{section['title']}' section needs the "
                                         f"labelled part(s) {'; '.join(repr('### ' + p) for p in lacking)}: the law, cited, "
                                         "apart from our own practice"))
        if obj["kind"] == "module":
            outcomes = obj["backlinks"].get("outcome.module", [])
            if not outcomes:
                found.append(Finding("error", "structure", where, f"{obj['id']} has no learning outcomes"))
            elif len(outcomes) < 3:
                found.append(Finding("warning", "structure", where, f"{obj['id']} has {len(outcomes)} learning outcome(s); modules normally have at least 3"))
        if obj["kind"] == "question" and not obj["links"].get("tests"):
            found.append(Finding("error", "structure", where, f"{obj['id']} is an orphan: it tests nothing; add :tests: or put it on a standard's page"))
        if obj["kind"] == "prompt" and not obj["links"].get("for"):
            found.append(Finding("error", "structure", where, f"{obj['id']} is an orphan: add :for: or put it on a standard's or module's page"))
    return found


def currency(model: Model, today: datetime.date, due_days: int) -> list[Finding]:
    found = []
    for obj in model.data["objects"]:
        due = obj["fields"].get("next-review")
        if not due:
            continue
        where = f"docs/{obj['source']['file']}:{obj['source']['line']}"
        days = (datetime.date.fromisoformat(due) - today).days
        if days < 0:
            found.append(Finding("warning", "currency", where, f"{obj['id']} review is overdue by {-days} day(s) (was due {due}); owner: {obj['fields'].get('owner', 'none')}"))
        elif days <= due_days:
            found.append(Finding("warning", "currency", where, f"{obj['id']} review is due in {days} day(s) ({due}); owner: {obj['fields'].get('owner', 'none')}"))
    return found


SOURCE_CHECK_DAYS = 365  # a source not checked against the published text for a year may have changed
LAW_SOURCE_TYPES = ("legislation", "case-law", "practice-direction")  # sources whose statements are law, not guidance
MIN_SOURCES_PER_STANDARD = 3


def law_and_sources(model: Model, today: datetime.date) -> list[Finding]:
    """Statements of law that cite nothing, law written as local 'should', and sources not checked for a year."""
    found = []
    sources = {s["id"]: s for s in model.of_kind("source")}
    for obj in model.data["objects"]:
        file = f"docs/{obj['source']['file']}"
        for statement in obj.get("law", []):
            where, text = f"{file}:{statement['line']}", statement["text"]
            if statement["reads_as_law"] and not statement["cited"]:
                found.append(Finding("error", "law", where, f"reads as law but cites no source: '{text}'. Cite the law where it is "
                                     "stated ({pm:cite}`src-...`), or, if it is our own practice, say 'should' and put it under 'Our practice'"))
            elif statement["says_should"] and not re.search(r"\bmust\b", text, re.IGNORECASE) and any(
                    sources.get(s, {}).get("fields", {}).get("type") in LAW_SOURCE_TYPES for s in statement["cited"]):
                found.append(Finding("warning", "law", where, f"cites legislation but says 'should': '{text}'. If the law requires it, "
                                     "say 'must'; if it is our practice, move it to 'Our practice' without the legal citation"))
        if obj["kind"] == "standard" and len(obj["links"].get("sources", [])) < MIN_SOURCES_PER_STANDARD:
            found.append(Finding("warning", "law", f"{file}:{obj['source']['line']}", f"{obj['id']} cites "
                                 f"{len(obj['links'].get('sources', []))} source(s); every standard cites at least {MIN_SOURCES_PER_STANDARD}"))
    for source in sources.values():
        where = f"docs/{source['source']['file']}:{source['source']['line']}"
        checked = source["fields"].get("checked")
        if not checked:
            found.append(Finding("error", "sources", where, f"{source['id']} has no :checked: date; check it against the published text and add the date"))
            continue
        age = (today - datetime.date.fromisoformat(checked)).days
        if age > SOURCE_CHECK_DAYS:
            found.append(Finding("error", "sources", where, f"{source['id']} was last checked against the published text on {checked} "
                                 f"({age} days ago); check it again (the law may have changed) and update :checked:"))
    return found


def framework_gaps(model: Model, framework_id: str) -> list[Finding]:
    frameworks = {f["id"]: f for f in model.data["frameworks"]}
    if framework_id not in frameworks:
        raise UserError(f"no framework '{framework_id}'; the handbook has {', '.join(sorted(frameworks))}")
    framework = frameworks[framework_id]
    active = framework_id in model.handbook["active_frameworks"]
    item_ids = {i["id"] for i in framework["items"]}
    found = []
    outcomes = model.of_kind("outcome")
    for outcome in outcomes:
        if not item_ids.intersection(outcome["fields"].get("maps", [])):
            found.append(Finding("error" if active else "warning", "framework", f"docs/{outcome['source']['file']}:{outcome['source']['line']}",
                                 f"{outcome['id']} is not mapped to any {framework['short']} item"))
    for item in framework["items"]:
        count = sum(1 for o in outcomes if item["id"] in o["fields"].get("maps", []))
        if count == 0:
            found.append(Finding("warning", "framework", framework_id, f"{framework['short']} {item['number']} ({item['title']}) has no learning outcomes"))
    return found


def personal_data(project: Project, model: Model, bank_paths: list[Path]) -> list[Finding]:
    """Personal data in every file the build reads and in the quiz banks (see privacy.py)."""
    return [Finding("error", "personal-data", f"{f.path}:{f.line}" if f.line else f.path, f"{f.message}: '{f.text}'")
            for f in scan_project(project.root, model, bank_paths)]


LINK_TYPES = ("ref", "myst.xref", PMWarning.UNKNOWN_TARGET.full_name, PMWarning.WRONG_TARGET.full_name)


class BuildRecorder(logging.Handler):
    """Collects the build's warnings and errors from Sphinx's log records: location, type and subtype as logged.

    Attached first on Sphinx's logger, it reads each record before Sphinx's own handlers rewrite its
    message and location for display, and skips what Sphinx would not show (``suppress_warnings``,
    repeats of a once-only message).
    """

    def __init__(self, app, root: Path):
        super().__init__(logging.WARNING)
        self.app, self.root = app, root
        self.once = sphinx_logging.OnceFilter()
        self.seen: set[logging.LogRecord] = set()
        self.findings: list[Finding] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record in self.seen:
            return  # Sphinx holds some warnings back and replays the same records to every handler
        self.seen.add(record)
        # Untyped records carry None, which Sphinx's check accepts (and never suppresses) despite its str hints.
        rtype, rsubtype = cast(str, getattr(record, "type", None)), cast(str, getattr(record, "subtype", None))
        wtype = ".".join(filter(None, (rtype, rsubtype)))
        if sphinx_logging.is_suppressed_warning(rtype, rsubtype, self.app.config.suppress_warnings) or not self.once.filter(record):
            return
        check = "links" if wtype.startswith(LINK_TYPES) else "structure"
        if wtype == PMWarning.RAW_HTML.full_name:
            check = "raw-html"  # script in a page: not a structure problem, and the build left it out
        message = logging.LogRecord.getMessage(record)  # the message alone, without Sphinx's location prefix
        self.findings.append(Finding("error", check, self.where(getattr(record, "location", None)),
                                     message + (f" [{wtype}]" if wtype else "")))

    def where(self, location) -> str:
        """``file:line`` relative to the project, from any form of location Sphinx accepts."""
        if isinstance(location, nodes.Node):
            location = sphinx_logging.get_node_location(location)
        elif isinstance(location, tuple):
            docname, line = location
            location = f"{self.app.env.doc2path(docname)}:{line}" if docname and line else (
                str(self.app.env.doc2path(docname)) if docname else None)
        elif location and ":" not in location:
            location = str(self.app.env.doc2path(location))
        if not location:
            return ""
        path, line = location, ""
        match = re.fullmatch(r"(.*?):(\d*)", location)
        if match:
            path, line = match.groups()
        try:
            path = str(Path(path).resolve().relative_to(self.root))
        except ValueError:
            pass
        return f"{path}:{line}" if line else path


def build_warnings(project: Project) -> tuple[Path, list[Finding]]:
    """Build the handbook in-process, collecting every warning: unresolved links and model errors are errors here."""
    from sphinx.application import Sphinx
    from sphinx.cmd.build import handle_exception
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    out = project.html
    app = recorder = None
    try:
        with patch_docutils(str(project.root)), docutils_namespace():
            app = Sphinx(str(project.source), str(project.root), str(out), str(out / ".doctrees"), "html",
                         status=None, warning=sys.stderr)
            recorder = BuildRecorder(app, project.root)
            sphinx_logger = logging.getLogger(sphinx_logging.NAMESPACE)
            sphinx_logger.handlers.insert(0, recorder)  # before Sphinx's handlers rewrite the record for display
            try:
                app.build()
            finally:
                sphinx_logger.removeHandler(recorder)
    except Exception as exc:  # as sphinx-build does: say what went wrong; the model check below reports what is missing
        handle_exception(app, SimpleNamespace(pdb=False, verbosity=0, traceback=False), exc)
    return out / "practice-model.json", recorder.findings if recorder else []


def bank_findings(model: Model, bank_paths: list[Path]) -> list[Finding]:
    from .quiz.banks import load_banks
    from .quiz.item_rules import check_items, reference_from
    from .quiz.run import validate_items

    if not bank_paths:
        return []
    try:
        items = load_banks(bank_paths)
        validate_items(items, model)
    except UserError as exc:
        return [Finding("error", "quiz", f"{exc.path}:{exc.line}" if exc.line else str(exc.path or ""), exc.message)]
    # Item-writing rules (quiz/item_rules.py): the same findings 'quiz' stops on or lists.
    return [Finding(f.severity, "items", f.where, f"[{f.rule}] {f.message}") for f in check_items(items, reference_from(model))]


def tracked_outputs(project: Project) -> list[Finding]:
    """Tool outputs committed to git: answer keys and learner IDs in the repository (a folder holding the
    output marker, or a cohort CSV). Nothing is reported when git or the repository is absent."""
    import subprocess

    from .outputs import MARKER

    try:
        listed = subprocess.run(["git", "-C", str(project.root), "ls-files", "-z"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return []
    if listed.returncode != 0:
        return []
    files = [f for f in listed.stdout.split("\0") if f]
    folders = sorted({str(Path(f).parent) for f in files if Path(f).name == MARKER})
    cohort = sorted(f for f in files if Path(f).name.startswith("cohort") and f.endswith(".csv"))
    found = [Finding("warning", "outputs", folder, f"this folder is a tool output ({MARKER}) tracked by git: it may hold answer "
                     f"keys and learner IDs; remove it from git (git rm -r --cached '{folder}') and keep outputs in "
                     "private-outputs/, which git ignores") for folder in folders]
    found += [Finding("warning", "outputs", name, "a cohort list is tracked by git: learner IDs belong outside the repository; "
                      f"remove it (git rm --cached '{name}')") for name in cohort]
    return found


def review_findings(project: Project) -> list[Finding]:
    """Quiz items linked to changed content, until each is marked reviewed (written by 'release')."""
    path = project.root / "quizzes" / "needs-review.json"
    if not path.exists():
        return []
    pending = json.loads(path.read_text(encoding="utf-8"))
    return [Finding("warning", "quiz", f"quizzes/{entry['location']}", f"{entry['item']} tests changed content ({', '.join(entry['changed'])}); "
                    f"review it, then run 'practice-model reviewed {entry['item']}'") for entry in pending.get("items", [])]


def settings(project: Project, model: Model) -> list[Finding]:
    """A notice (not an error: a draft may keep it) while the organisation's name is still the placeholder."""
    from .feedback import PLACEHOLDERS

    name = model.data.get("handbook", {}).get("organisation", "")
    if name not in PLACEHOLDERS:
        return []
    conf = project.root / "conf.py"
    lines = conf.read_text(encoding="utf-8").splitlines() if conf.exists() else []
    line = next((n for n, text in enumerate(lines, start=1) if text.lstrip().startswith("pm_organisation")), None)
    return [Finding("warning", "settings", f"conf.py:{line}" if line else "conf.py",
                    f"pm_organisation is still the placeholder '{name}': pages say '{name}' where your organisation's name "
                    f"belongs. Set it in conf.py, e.g. pm_organisation = \"Exampleshire County Council\"")]


def as_json(findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    return json.dumps({"errors": errors, "warnings": len(findings) - errors, "findings": [asdict(f) for f in findings]}, indent=2)
