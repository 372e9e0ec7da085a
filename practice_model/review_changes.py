"""Quiz items waiting for review after a release: choosing several at once, and what changed in what they cite.

A release lists in ``quizzes/needs-review.json`` the items that test changed content. For
each, the reviewer needs the change, not just the item ID: the changed object's change note
and a short diff of the section the item's ``:cites:`` names, from the release snapshots.
"""

from __future__ import annotations

import difflib
import json
import textwrap
from pathlib import Path

from .errors import UserError
from .releases import existing, releases_dir

MAX_DIFF_LINES = 12


def select(pending: list[dict], items: list[str], standard: str | None, all_shown: bool, where: str) -> list[dict]:
    """The entries named by ID, by the standard they test or cite, or all of them; unknown names are errors."""
    known = {e["item"] for e in pending}
    unknown = sorted(set(items) - known)
    if unknown:
        raise UserError(f"not waiting for review: {', '.join(unknown)}; run 'practice-model reviewed' with no items to "
                        "see the list", where)
    chosen = set(items)
    if standard:
        hits = {e["item"] for e in pending if standard in e.get("changed", []) or standard in e.get("tests", [])
                or e.get("cites", "").split("#")[0] == standard}
        if not hits:
            raise UserError(f"no item waiting for review tests or cites '{standard}'; run 'practice-model reviewed' "
                            "with no items to see the list", where)
        chosen |= hits
    if all_shown:
        chosen |= known
    return [e for e in pending if e["item"] in chosen]


def _snapshots(source: Path, version: str) -> tuple[dict | None, dict | None]:
    """The release an entry came from (default the newest) and the one before it."""
    versions = existing(source)
    if version not in versions:
        version = versions[-1] if versions else ""
    if not version:
        return None, None
    at = versions.index(version)
    load = lambda v: json.loads((releases_dir(source) / f"{v}.json").read_text(encoding="utf-8"))  # noqa: E731
    return load(version), (load(versions[at - 1]) if at else None)


def _diff(before: str, after: str) -> list[str]:
    wrap = lambda text: [line for para in text.splitlines() for line in (textwrap.wrap(para, 90) or [""])]  # noqa: E731
    lines = [line for line in difflib.unified_diff(wrap(before), wrap(after), lineterm="", n=1)
             if not line.startswith(("---", "+++"))]
    return lines[:MAX_DIFF_LINES] + ([f"... ({len(lines) - MAX_DIFF_LINES} more diff lines)"] if len(lines) > MAX_DIFF_LINES else [])


def explain(entry: dict, source: Path) -> list[str]:
    """What changed in the content this item tests and cites, from the release snapshots."""
    lines = [f"{entry['item']} ({entry['location']})" + (f", cites {entry['cites']}" if entry.get("cites") else "")]
    current, previous = _snapshots(source, entry.get("release", ""))
    cited, _, section = entry.get("cites", "").partition("#")
    for oid in entry.get("changed", []):
        new = (current or {}).get("objects", {}).get(oid)
        old = (previous or {}).get("objects", {}).get(oid)
        shown = (new or old or {}).get("title", oid)
        lines.append(f"  changed: {oid} ({shown})" + ("" if new else ", removed"))
        note = (new or {}).get("change_note")
        lines.append(f"    change note: {note}" if note else "    no change note")
        if not (new and old):
            continue
        if oid == cited and section:
            before, after = old.get("sections", {}).get(section), new.get("sections", {}).get(section)
            label = f"section '{section}'"
        else:
            before, after, label = old.get("text"), new.get("text"), "summary"
        if before is None or after is None:
            lines.append(f"    no earlier text of the {label} to compare (the earlier release kept none); see the page")
        elif before == after:
            lines.append(f"    the {label} is unchanged; the change is elsewhere on the page")
        else:
            lines.append(f"    {label}, before (-) and after (+):")
            lines.extend(f"      {line}" for line in _diff(before, after))
    return lines
