"""The ``pm`` Sphinx domain: where every practice-model object is registered and resolved.

Domain data (all picklable, all keyed by document so ``clear_doc`` and
``merge_domaindata`` stay exact under incremental and parallel builds):

``objects``   ID -> list of claims (entry dicts); more than one claim is a
              duplicate, reported once all documents are read.
``refs``      docname -> IDs that document cross-references.
``listings``  docname -> kinds whose objects that document lists.
``words``     docname -> its most frequent words (for search ranking).
``snapshot``  ID -> how the object looked after the previous read; used by
              ``env-get-updated`` to re-write pages that show it.
"""

from __future__ import annotations

from typing import Any, Iterable

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from .indices import INDICES
from .kinds import KINDS, ObjectEntry, kind_of_id


class ObjectRole(XRefRole):
    """``{pm:ref}`id``` and per-kind roles; empty text shows the object's title."""


class PracticeModelDomain(Domain):
    name = "pm"
    label = "Practice model"
    object_types = {k.name: ObjType(k.label, k.name, "ref") for k in KINDS.values()}
    roles = {"ref": ObjectRole(warn_dangling=True), "cite": ObjectRole(warn_dangling=True),
             **{k.name: ObjectRole(warn_dangling=True) for k in KINDS.values()}}
    indices = INDICES
    initial_data = {"objects": {}, "refs": {}, "listings": {}, "words": {}, "snapshot": {}}
    data_version = 2

    # --- registration ------------------------------------------------
    @property
    def objects(self) -> dict[str, list[ObjectEntry]]:
        return self.data["objects"]

    # Derived views, rebuilt only after the data changes (lookups happen per object per page).
    _cache: dict | None = None

    def _views(self) -> dict:
        if self._cache is None:
            canonical = {oid: claims[0] for oid, claims in sorted(self.objects.items()) if claims}
            backlinks: dict[str, dict[str, list[str]]] = {}
            for entry in canonical.values():
                for link, targets in entry["links"].items():
                    for target in targets:
                        backlinks.setdefault(target, {}).setdefault(f"{entry['kind']}.{link}", []).append(entry["id"])
            self._cache = {"canonical": canonical, "backlinks": backlinks}
        return self._cache

    def _changed(self) -> None:
        self._cache = None

    def add_object(self, entry: ObjectEntry) -> None:
        self._changed()
        claims = self.objects.setdefault(entry["id"], [])
        claims.append(entry)
        claims.sort(key=lambda e: (e["docname"], e["line"]))

    def note_reference(self, docname: str, target: str) -> None:
        self.data["refs"].setdefault(docname, set()).add(target)

    def note_listing(self, docname: str, kinds: Iterable[str]) -> None:
        self.data["listings"].setdefault(docname, set()).update(kinds)

    def get(self, object_id: str) -> ObjectEntry | None:
        """The canonical claim for an ID (the first by document and line)."""
        claims = self.objects.get(object_id)
        return claims[0] if claims else None

    def canonical(self) -> dict[str, ObjectEntry]:
        return self._views()["canonical"]

    def of_kind(self, kind: str) -> list[ObjectEntry]:
        return [e for e in self.canonical().values() if e["kind"] == kind]

    def backlinks(self, object_id: str) -> dict[str, list[str]]:
        """Link field name -> IDs of objects linking to ``object_id`` through it."""
        return {k: list(v) for k, v in self._views()["backlinks"].get(object_id, {}).items()}

    # --- environment bookkeeping --------------------------------------
    def clear_doc(self, docname: str) -> None:
        self._changed()
        for oid in list(self.objects):
            kept = [e for e in self.objects[oid] if e["docname"] != docname]
            if kept:
                self.objects[oid] = kept
            else:
                del self.objects[oid]
        self.data["refs"].pop(docname, None)
        self.data["listings"].pop(docname, None)
        self.data["words"].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        self._changed()
        docnames = set(docnames)
        for claims in otherdata["objects"].values():
            for entry in claims:
                if entry["docname"] in docnames:
                    self.add_object(entry)
        for key in ("refs", "listings"):
            for docname, values in otherdata[key].items():
                if docname in docnames:
                    self.data[key].setdefault(docname, set()).update(values)
        for docname, counts in otherdata["words"].items():
            if docname in docnames:
                self.data["words"][docname] = counts

    # --- resolution -----------------------------------------------------
    def _refnode(self, builder, fromdocname: str, entry: ObjectEntry, contnode: nodes.Element, explicit: bool = False) -> nodes.Element:
        if not explicit or not contnode.astext():
            contnode = nodes.inline(entry["title"], entry["title"], classes=["pm-xref", f"pm-xref-{entry['kind']}"])
        return make_refnode(builder, fromdocname, entry["docname"], entry["anchor"], contnode, entry["title"])

    def resolve_xref(self, env, fromdocname, builder, typ, target, node: pending_xref, contnode):
        entry = self.get(target)
        kind = "source" if typ == "cite" else typ
        if entry is None or (kind != "ref" and entry["kind"] != kind):
            return None
        return self._refnode(builder, fromdocname, entry, contnode, node.get("refexplicit", False))

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        if kind_of_id(target) is None:
            return []
        entry = self.get(target)
        if entry is None:
            return []
        explicit = node.get("refexplicit", True) and node.get("reftype") != "any"
        return [(f"pm:{entry['kind']}", self._refnode(builder, fromdocname, entry, contnode, explicit))]

    def get_objects(self):
        """Objects for the search index, named by title (as Sphinx's glossary terms are).

        Sphinx's search rebuilds an anchor equal to the name from the display
        name, so the name must not be the ID; acronyms are added so "MASH" finds its term.
        """
        for entry in self.canonical().values():
            if entry["kind"] in ("theme", "prompt", "outcome", "question"):
                continue
            acronym = entry["fields"].get("acronym")
            name = f"{entry['title']} ({acronym})" if acronym else entry["title"]
            yield name, name, entry["kind"], entry["docname"], entry["anchor"], 1

    def get_full_qualified_name(self, node):
        return node.get("reftarget")
