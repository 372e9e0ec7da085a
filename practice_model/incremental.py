"""Keeping incremental builds exact, and the checks that need every page read.

After reading, each object's *appearance* (what other pages show of it) is
compared with the previous build's. A page is re-written when an object it
shows appeared, vanished or changed: pages that cross-reference it, pages
of objects linked to or from it, and pages that list its kind.
"""

from __future__ import annotations

import json

from .kinds import KINDS, ObjectEntry, kind_of_id
from .warnings_ import PMWarning, warn


def _appearance(entry: ObjectEntry) -> str:
    return json.dumps(
        [entry["kind"], entry["title"], entry["docname"], entry["anchor"], entry["fields"], entry["links"], entry["text"][:300],
         # what the timescales page shows of it
         [[i["part"], i["anchor"], i.get("timescales")] for s in entry.get("sections", []) for i in s.get("items", [])]],
        sort_keys=True,
    )


def pages_to_rewrite(app, env) -> list[str]:
    domain = env.get_domain("pm")
    old: dict[str, dict] = domain.data["snapshot"]
    new = {oid: {"look": _appearance(e), "kind": e["kind"], "docname": e["docname"], "links": sorted({t for ts in e["links"].values() for t in ts})}
           for oid, e in domain.canonical().items()}
    changed = {oid for oid in old.keys() | new.keys() if old.get(oid, {}).get("look") != new.get(oid, {}).get("look")}
    domain.data["snapshot"] = new
    if not changed:
        return []

    affected_ids = set(changed)
    for oid in changed:
        for state in (old.get(oid), new.get(oid)):
            if state:
                affected_ids.update(state["links"])  # pages showing its backlinks
    for oid, state in new.items():
        if changed.intersection(state["links"]):
            affected_ids.add(oid)  # pages showing it as a link
    changed_kinds = {(old.get(oid) or new[oid])["kind"] for oid in changed}

    docs = set()
    for oid in affected_ids:
        for state in (old.get(oid), new.get(oid)):
            if state:
                docs.add(state["docname"])
    for docname, targets in domain.data["refs"].items():
        if changed.intersection(targets):
            docs.add(docname)
    for docname, kinds in domain.data["listings"].items():
        if changed_kinds.intersection(kinds):
            docs.add(docname)
    return sorted(d for d in docs if d in env.all_docs)


def check_model(app, env) -> None:
    """Duplicates and links to unknown objects: only knowable once every page is read."""
    domain = env.get_domain("pm")
    for oid, claims in sorted(domain.objects.items()):
        for other in claims[1:]:
            first = claims[0]
            warn(f"duplicate ID '{oid}': already defined in {env.doc2path(first['docname'])}:{first['line']}; "
                 f"give one of them a new ID", PMWarning.DUPLICATE_ID, (other["docname"], other["line"]))
    for entry in domain.canonical().values():
        spec = KINDS[entry["kind"]]
        for name, targets in sorted(entry["links"].items()):
            field = spec.field(name)
            allowed = field.targets if field else ()
            for target in targets:
                found = domain.get(target)
                if found is None:
                    hint = "" if kind_of_id(target) else " (IDs start with a kind prefix such as 'std-' or 'mod-')"
                    warn(f"{spec.label.lower()} '{entry['id']}' links to '{target}' in ':{name}:', but no object has that ID{hint}; "
                         f"check the spelling or create it", PMWarning.UNKNOWN_TARGET, (entry["docname"], entry["line"]))
                elif allowed and found["kind"] not in allowed:
                    warn(f"':{name}:' of '{entry['id']}' must point at a {' or '.join(allowed)}, but '{target}' is a {found['kind']}",
                         PMWarning.WRONG_TARGET, (entry["docname"], entry["line"]))
