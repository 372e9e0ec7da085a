"""What to suggest a learner next: the two or three modules and exercises tied to the items they missed.

A missed item points at modules three ways, strongest first: a module holding an outcome the item tests
(3 points), a module teaching a standard the item tests (2), a module whose outcomes map to the framework
items the item evidences (1 each). Only modules at the ASYE level are suggested: the learners are newly
qualified, and modules for experienced staff and managers (supervising others, say) are not theirs yet.
Exercises come from the exercise plan: the first exercise planned for each standard the missed items test.
"""

from __future__ import annotations

from collections import Counter

from ..errors import UserError
from ..exercises.catalogue import KINDS, LENSES, NATURAL_LENS
from ..exercises.plan import Plan
from ..model import Model

LEVEL = "asye"
LIMIT = 3


def standards_of(model: Model, tests: list[str]) -> list[str]:
    found = []
    for target in tests:
        obj = model.get(target)
        if obj is None:
            continue
        if obj["kind"] == "standard":
            found.append(target)
        elif obj["kind"] == "outcome":
            for module in obj["links"].get("module", []):
                found += (model.get(module) or {}).get("links", {}).get("teaches", [])
        elif obj["kind"] == "module":
            found += obj["links"].get("teaches", [])
    return sorted(set(found))


def _for_asye(module: dict) -> bool:
    return LEVEL in module["fields"].get("level", [])


def suggested_modules(model: Model, missed: list[dict], links, limit: int = LIMIT) -> list[dict]:
    """``missed``: the manifest entries of the items the learner did not get full marks on."""
    mapped: dict[str, set[str]] = {}  # framework item -> modules whose outcomes map to it
    for outcome in model.of_kind("outcome"):
        for item_id in outcome["fields"].get("maps", []):
            mapped.setdefault(item_id, set()).update(outcome["links"].get("module", []))
    points: Counter[str] = Counter()
    for data in missed:
        for target in data["tests"]:
            obj = model.get(target) or {}
            if obj.get("kind") == "outcome":
                points.update({m: 3 for m in obj["links"].get("module", [])})
            elif obj.get("kind") == "standard":
                points.update({m: 2 for m in obj.get("backlinks", {}).get("module.teaches", [])})
            elif obj.get("kind") == "module":
                points[target] += 3
        for item_id in data["framework_items"]:
            points.update(mapped.get(item_id, set()))
    objects = model.objects  # ID -> object; suggestions name only objects the model has
    ranked = sorted((m for m in points if m in objects and _for_asye(objects[m])), key=lambda m: (-points[m], objects[m]["title"]))
    result = []
    for module_id in ranked[:limit]:
        module = objects[module_id]
        reading = [{"title": objects[r]["title"], "link": links.object(r)} for r in module["links"].get("pre-reading", []) if r in objects]
        result.append({"id": module_id, "title": module["title"], "link": links.object(module_id),
                       "length": module["fields"].get("length", ""), "reading": reading})
    return result


def suggested_exercises(model: Model, missed: list[dict], links, plan: Plan | None, limit: int = LIMIT) -> list[dict]:
    counts: Counter[str] = Counter(s for data in missed for s in standards_of(model, data["tests"]))
    result = []
    objects = model.objects
    for standard in sorted((s for s in counts if s in objects), key=lambda s: (-counts[s], objects[s]["title"]))[:limit]:
        planned = plan.combinations(standard) if plan else []
        kind, lens = planned[0] if planned else ("critical-reflection", NATURAL_LENS["critical-reflection"])
        title = objects[standard]["title"]
        result.append({"title": f"{KINDS.get(kind, kind)}: {title}", "lens": LENSES.get(lens, lens),
                       "link": links.page(f"exercises/{standard}.html#{kind}")})
    return result


def default_plan() -> Plan | None:
    """The package's exercise plan (the one the handbook's exercise pages follow unless the PSW overrides it)."""
    try:
        return Plan(None, list(KINDS), list(LENSES))
    except UserError:  # an unreadable plan leaves the natural lens: suggestions are a courtesy, not a check
        return None
