"""What a release would change, in words: shown before the PSW confirms, and by ``--dry-run``.

Counts alone do not let the PSW check a release; this lists each new, updated, removed
and reviewed object with its title, what changed and its change note, and the quiz
items that test changed content and still wait for review.
"""

from __future__ import annotations

from .kinds import KINDS


def _label(obj: dict) -> str:
    kind = KINDS[obj["kind"]].label if obj.get("kind") in KINDS else obj.get("kind", "")
    return f"{obj['title']} ({kind})"


def what_changed(old: dict, new: dict) -> str:
    """The parts of an updated object that differ, as far as the two snapshots can tell."""
    said = []
    if old.get("title") != new.get("title"):
        said.append(f"title was '{old.get('title')}'")
    before, after = old.get("sections"), new.get("sections")
    if before is not None and after is not None:
        names = {**before, **after}
        changed = [name for name in names if before.get(name) != after.get(name)]
        said += [f"section '{name}' " + ("added" if name not in before else "removed" if name not in after else "changed")
                 for name in changed]
        if old.get("text") != new.get("text"):
            said.append("summary changed")
    if before is None or after is None:
        said.append("content changed (the earlier release kept no text to compare; see the page)")
    return "; ".join(said) or "content changed"


def describe(current: dict, previous: dict | None, changes, pending: list[dict], waiting: list[dict]) -> list[str]:
    """Lines for the terminal. ``pending`` are the items this release adds to the review list; ``waiting``
    every item on the list after it (including ones left from earlier releases)."""
    objects, old = current["objects"], (previous or {}).get("objects", {})
    to_review: dict[str, list[str]] = {}
    for entry in waiting:
        for oid in entry.get("changed", []):
            to_review.setdefault(oid, []).append(entry["item"])
    lines = []

    def section(title, ids, source, detail):
        if not ids:
            return
        lines.append(f"{title} ({len(ids)}):")
        for oid in sorted(ids, key=lambda i: (source[i]["kind"], source[i]["title"].lower())):
            obj = source[oid]
            lines.append(f"  {oid}: {_label(obj)}")
            lines.extend(f"      {line}" for line in detail(oid, obj) if line)
            if oid in to_review:
                lines.append(f"      not yet reviewed: quiz item(s) {', '.join(sorted(to_review[oid]))}")

    def note(obj):
        return f"change note: {obj['change_note']}" if obj.get("change_note") else "no change note"

    section("New", changes.new, objects, lambda oid, obj: [note(obj), "re-read: yes" if obj.get("re_read") else ""])
    section("Updated", changes.updated, objects,
            lambda oid, obj: [f"what changed: {what_changed(old[oid], obj)}", note(obj), "re-read: yes" if obj.get("re_read") else ""])
    section("Removed", changes.removed, old, lambda oid, obj: [])
    section("Reviewed with no change", changes.reviewed, objects, lambda oid, obj: [f"last reviewed {obj.get('last_reviewed')}"])
    if not changes.changed and not changes.reviewed:
        lines.append("Nothing changed since the last release.")
    if waiting:
        added = {e["item"] for e in pending}
        lines.append(f"Quiz items not yet reviewed ({len(waiting)}; {len(added)} added by this release):")
        for entry in waiting:
            lines.append(f"  {entry['item']} ({entry['location']}) tests changed {', '.join(entry['changed'])}"
                         + (" [new]" if entry["item"] in added else ""))
    return lines
