"""Writing a release: the model snapshot, the amendments page and the what's-new text.

A release writes files into the repository (staged and moved into place by
``release_transaction.py``) and prints the git commands to commit and tag
it; it never commits. Reading releases (versions, what changed, the marks on
pages) is in ``releases.py``.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UserError
from .kinds import KINDS, slugify
from .model import Model
from .release_preview import describe
from .release_transaction import commit
from .releases import Changes, compare, existing, next_version, parse_version, releases_dir

TRACKED = ("standard", "module", "outcome", "term", "question", "principle", "prompt", "vignette")


def section_texts(obj: dict) -> dict[str, str]:
    """Section anchor (as ':cites:' names it) -> its text; a part's anchor names its section's text."""
    texts = {}
    for section in obj.get("sections", []):
        text = section.get("text") or ""
        texts[slugify(section["title"])] = text
        for part in section.get("parts", []):
            texts.setdefault(slugify(part), text)
    return dict(sorted(texts.items()))


def snapshot(model: Model, version: str, date: str, next_update: str) -> dict:
    objects = {}
    for obj in model.data["objects"]:
        if obj["kind"] not in TRACKED:
            continue
        objects[obj["id"]] = {
            "kind": obj["kind"], "title": obj["title"], "digest": obj["digest"], "url": obj["url"],
            "last_reviewed": obj["fields"].get("last-reviewed", ""), "change_note": obj["fields"].get("change-note", ""),
            "re_read": obj["fields"].get("re-read", "") == "yes",
            # The words, so a later release (and 'reviewed') can say which section changed and how.
            "text": obj.get("text") or "", "sections": section_texts(obj),
        }
    return {"version": version, "date": date, "next_update": next_update, "objects": dict(sorted(objects.items()))}


def _reason(obj: dict, status: str) -> str:
    if obj.get("change_note"):
        return obj["change_note"]
    return {"new": "New in this release.", "updated": "Content revised; see the page.", "removed": "Removed.",
            "reviewed": "Reviewed with no change to content."}[status]


def _row(oid: str, obj: dict, status: str) -> str:
    reread = "Yes" if obj.get("re_read") else "No"
    link = f"[](#{oid})" if status != "removed" else obj["title"]
    return f"| {link} | {KINDS[obj['kind']].label} | {_reason(obj, status)} | {reread} |"


def amendments_page(current: dict, previous: dict | None, changes: Changes) -> str:
    version, objects = current["version"], current["objects"]
    old = previous["objects"] if previous else {}
    lines = [
        "---",
        "orphan: true",
        "---",
        "",
        f"# Amendments: release {version}",
        "",
        f"Released {current['date']}. The next update is planned for {current['next_update']}.",
        "",
        f"{len(changes.new)} new, {len(changes.updated)} updated, {len(changes.removed)} removed, "
        f"{len(changes.reviewed)} reviewed with no change" + (f", compared with release {previous['version']}." if previous else "."),
        "",
        "\"Re-read\" says whether practitioners should read the page again because practice has changed.",
    ]
    header = ["| Item | Kind | Reason | Re-read |", "| --- | --- | --- | --- |"]
    rereads = [oid for oid in changes.new + changes.updated if objects[oid].get("re_read")]
    if rereads:  # what practitioners must read again comes before everything else
        lines += ["", "## Please re-read", "", *(f"- [](#{oid}): {_reason(objects[oid], 'new' if oid in changes.new else 'updated')}"
                                                 for oid in sorted(rereads, key=lambda i: objects[i]["title"].lower()))]
    for title, ids, status, source in (("New", changes.new, "new", objects), ("Updated", changes.updated, "updated", objects),
                                       ("Removed", changes.removed, "removed", old), ("Reviewed, no change", changes.reviewed, "reviewed", objects)):
        if not ids:
            continue
        lines += ["", f"## {title}", "", *header, *(_row(oid, source[oid], status) for oid in sorted(ids, key=lambda i: (not source[i].get("re_read"), source[i]["kind"], source[i]["title"].lower())))]
    return "\n".join(lines) + "\n"


def whats_new(current: dict, changes: Changes, organisation: str, base_url: str | None) -> tuple[str, str]:
    objects = current["objects"]
    rereads = [oid for oid in changes.new + changes.updated if objects[oid]["re_read"]]
    pages = [oid for oid in changes.new + changes.updated if objects[oid]["kind"] in ("standard", "module")]
    text = [f"What's new in the practice model handbook: release {current['version']} ({current['date']})", "",
            f"{len(changes.new)} new and {len(changes.updated)} updated items. Next update planned: {current['next_update']}.", ""]
    if rereads:
        text += ["Please re-read:"] + [f"- {objects[o]['title']}" for o in rereads] + [""]
    if pages:
        text += ["Standards and modules that changed:"] + [f"- {objects[o]['title']}: {_reason(objects[o], 'new' if o in changes.new else 'updated')}" for o in pages] + [""]
    where = f"{base_url}releases/{current['version']}.html" if base_url else f"releases/{current['version']}.html in the handbook"
    text += [f"The full list of amendments is at {where}.", f"From the principal social worker, {organisation}."]
    plain = "\n".join(text) + "\n"
    body = "".join(f"<p>{html.escape(line)}</p>" if line and not line.startswith("- ") else (f"<li>{html.escape(line[2:])}</li>" if line else "") for line in text)
    rich = f'<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>{html.escape(text[0])}</title></head><body>{body}</body></html>\n'
    return plain, rich


def bank_reviews(bank_items, changes: Changes, root: Path, version: str = "") -> list[dict]:
    changed = set(changes.updated) | set(changes.removed)
    pending = []
    for item in bank_items:
        hits = sorted(changed.intersection(item.tests))
        if hits:
            path, _, line = item.location.rpartition(":")
            pending.append({"item": item.id, "changed": hits, "location": f"{Path(path).relative_to(root / 'quizzes')}:{line}",
                            "cites": item.cites, "tests": sorted(item.tests), "release": version})
    return pending


def check_new_version(source: Path, version: str) -> list[str]:
    """Refuse an existing or older version; returns the existing versions, oldest first."""
    versions = existing(source)
    wanted = parse_version(version)
    if version in versions:
        raise UserError(f"release {version} already exists ({releases_dir(source) / (version + '.json')}); choose a new version number")
    if versions and wanted <= parse_version(versions[-1]):
        raise UserError(f"release {version} is older than the latest release {versions[-1]}; versions only go up (e.g. {next_version(versions[-1])})")
    return versions


DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(label: str, value: str) -> datetime.date:
    """A real calendar date written YYYY-MM-DD (Python alone would also take 20270115 or 2027-W03)."""
    if not DATE.match(value):
        raise UserError(f"{label} '{value}' is not a date written YYYY-MM-DD; for example {label} 2027-01-15")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{label} '{value}' is not a real date (check the month and the day); write YYYY-MM-DD") from None


def release_dates(date: str | None, next_update: str | None) -> tuple[str, str]:
    """The release date (default today) and the planned next update (default six months on), checked."""
    released = parse_date("--date", date) if date else datetime.date.today()
    planned = parse_date("--next-update", next_update) if next_update else released + datetime.timedelta(days=182)
    if planned <= released:
        raise UserError(f"--next-update {planned} is not after the release date {released}; plan the next update later")
    return released.isoformat(), planned.isoformat()


@dataclass
class ReleasePlan:
    version: str
    files: dict[Path, bytes]  # everything the release writes; the version's JSON (its marker) is last
    changes: Changes
    pending: list[dict]
    current: dict = field(default_factory=dict)  # the new snapshot
    previous: dict | None = None  # the last release's snapshot
    waiting: list[dict] = field(default_factory=list)  # every quiz item on the review list once released

    def describe(self) -> list[str]:
        return describe(self.current, self.previous, self.changes, self.pending, self.waiting)

    @property
    def marker(self) -> Path:
        return next(reversed(self.files))

    def digest(self, root: Path) -> str:
        """What would be written, as one fingerprint: confirmed once, checked again just before writing."""
        h = hashlib.sha256()
        for path in sorted(self.files):
            data = self.files[path]
            h.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode() + data)
        return h.hexdigest()


def plan_release(project, model: Model, version: str, date: str, next_update: str, bank_items) -> ReleasePlan:
    """Every file the release would write, computed from the model and the files now on disk; writes nothing."""
    source = project.source
    versions = check_new_version(source, version)
    date, next_update = release_dates(date, next_update)
    previous = json.loads((releases_dir(source) / f"{versions[-1]}.json").read_text()) if versions else None
    current = snapshot(model, version, date, next_update)
    changes = compare(previous, current)
    folder = releases_dir(source)
    plain, rich = whats_new(current, changes, model.handbook["organisation"], model.handbook.get("base_url"))
    files = {
        folder / f"{version}.md": amendments_page(current, previous, changes).encode(),
        folder / "whats-new" / f"{version}.txt": plain.encode(),
        folder / "whats-new" / f"{version}.html": rich.encode(),
    }
    pending = bank_reviews(bank_items, changes, project.root, version)
    review_file = project.root / "quizzes" / "needs-review.json"
    old = json.loads(review_file.read_text())["items"] if review_file.exists() else []
    merged = {e["item"]: e for e in old}
    for entry in pending:
        merged[entry["item"]] = entry
    waiting = [merged[k] for k in sorted(merged)]
    if pending:
        files[review_file] = (json.dumps({"items": [merged[k] for k in sorted(merged)]}, indent=2) + "\n").encode()
    # Last: the snapshot is what makes the release exist.
    files[folder / f"{version}.json"] = (json.dumps(current, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    return ReleasePlan(version, files, changes, pending, current, previous, waiting)


def write_release(project, plan: ReleasePlan) -> dict:
    """Stage the plan's files and move them into place, the version's JSON last."""
    commit(project.root, plan.files, plan.marker, plan.version)
    return {"changes": plan.changes, "files": sorted(str(p.relative_to(project.root)) for p in plan.files), "pending": plan.pending}


def make_release(project, model: Model, version: str, date: str, next_update: str, bank_items) -> dict:
    return write_release(project, plan_release(project, model, version, date, next_update, bank_items))
