"""Choosing each learner's items and option orders.

A learner's variant depends only on the seed, the blueprint and their ID, so
adding a learner never changes anyone else's quiz. Within each slot the
choice favours a mean difficulty close to the pool's, so variants are of
similar difficulty; coverage rules are met by swapping items within a slot.
"""

from __future__ import annotations

import fnmatch
import hashlib
import random
from dataclasses import dataclass, field

from ..errors import UserError
from ..model import Model
from .blueprint import Blueprint, Slot
from .items import Item

SHUFFLED_TYPES = ("single", "multiple", "matching", "ordering")


@dataclass
class Presented:
    """One item as one learner sees it: the option order (indices into item.choices)."""

    item: Item
    slot: str
    order: list[int] = field(default_factory=list)
    right_order: list[int] = field(default_factory=list)  # matching: order of the right-hand choices


def evidence(item: Item, model: Model) -> list[str]:
    """Framework items an item evidences, through what it tests."""
    found: set[str] = set()
    for target in item.tests:
        obj = model.get(target)
        if obj is None:
            continue
        outcomes: list[str] = []
        if obj["kind"] == "outcome":
            outcomes = [target]
        elif obj["kind"] == "module":
            outcomes = obj["backlinks"].get("outcome.module", [])
        elif obj["kind"] == "standard":
            for module_id in obj["backlinks"].get("module.teaches", []):
                module = model.get(module_id)
                outcomes += module["backlinks"].get("outcome.module", []) if module else []
        for oid in outcomes:
            outcome = model.get(oid)
            found.update(outcome["fields"].get("maps", []) if outcome else [])
    return sorted(found)


def eligible(slot: Slot, items: list[Item]) -> list[Item]:
    def matches(item: Item) -> bool:
        if item.source not in slot.sources or item.difficulty not in slot.difficulty:
            return False
        if slot.scenario != bool(item.scenario):
            return False
        if not slot.scenario and item.type not in slot.types:
            return False
        return not slot.tests or any(fnmatch.fnmatchcase(t, p) for t in item.tests for p in slot.tests)
    return sorted((i for i in items if matches(i)), key=lambda i: i.id)


def units_of(items: list[Item]) -> list[list[Item]]:
    """Scenario items travel together (in ID order); others alone."""
    groups: dict[str, list[Item]] = {}
    units = []
    for item in items:
        if item.scenario:
            groups.setdefault(item.scenario, []).append(item)
        else:
            units.append([item])
    units.extend(sorted(group, key=lambda i: i.id) for _, group in sorted(groups.items()))
    return sorted(units, key=lambda u: u[0].id)


def rng_for(seed: int, blueprint: Blueprint, learner: str) -> random.Random:
    digest = hashlib.sha256(f"{seed}\x00{blueprint.name}\x00{learner}".encode("utf-8")).hexdigest()
    return random.Random(int(digest, 16))


def check_supply(blueprint: Blueprint, pools: dict[str, list[list[Item]]], model: Model) -> None:
    """Refuse a blueprint the banks cannot satisfy, naming the slot and the shortfall."""
    for slot in blueprint.slots:
        available = sum(len(u) for u in pools[slot.name])
        if available < slot.count:
            raise UserError(
                f"[[slots]] '{slot.name}' asks for {slot.count} items but only {available} match its tests, types, "
                f"difficulty and sources (short by {slot.count - available}); add items to the banks or widen the slot",
                str(blueprint.path))
    frameworks = {f["id"]: f for f in model.data["frameworks"]}
    for framework_id in blueprint.coverage:
        if framework_id not in frameworks:
            raise UserError(f"[coverage] names framework '{framework_id}', which the handbook does not have", str(blueprint.path))
        offered = {x for units in pools.values() for u in units for i in u for x in i.items}
        missing = [i["id"] for i in frameworks[framework_id]["items"] if i["id"] not in offered]
        if missing:
            raise UserError(f"[coverage] needs an item for every {framework_id} item, but no eligible item evidences "
                            f"{', '.join(missing)}; add bank items that test outcomes mapped to them", str(blueprint.path))


def _choose(slot: Slot, units: list[list[Item]], rng: random.Random, used: set[str]) -> list[list[Item]]:
    free = [u for u in units if u[0].id not in used]
    target = sum(i.difficulty for u in units for i in u) / max(1, sum(len(u) for u in units))
    best: list[list[Item]] | None = None
    best_gap = float("inf")
    for attempt in range(40):
        # A small random sample is enough to fill a slot; shuffle everything only if whole scenarios need it.
        if attempt < 30 and len(free) > slot.count + 8:
            order = rng.sample(free, slot.count + 8)
        else:
            order = free[:]
            rng.shuffle(order)
        picked, size = [], 0
        for unit in order:
            if size + len(unit) <= slot.count:
                picked.append(unit)
                size += len(unit)
            if size == slot.count:
                break
        if size != slot.count:
            continue
        mean = sum(i.difficulty for u in picked for i in u) / size
        gap = abs(mean - target)
        if gap < best_gap - 1e-9:
            best, best_gap = picked, gap
    if best is None:
        raise UserError(f"[[slots]] '{slot.name}': cannot make exactly {slot.count} items from whole scenarios; change the count")
    return best


def _cover(blueprint, chosen, pools, needed: list[str]) -> None:
    def covered():
        return {x for units in chosen.values() for u in units for i in u for x in i.items}

    for target in needed:
        if target in covered():
            continue
        for slot in blueprint.slots:
            in_use = {u[0].id for units in chosen.values() for u in units}
            candidates = [u for u in pools[slot.name] if u[0].id not in in_use and any(target in i.items for i in u)]
            swapped = False
            for candidate in candidates:
                for index, current in enumerate(chosen[slot.name]):
                    if len(current) != len(candidate):
                        continue
                    trial = chosen[slot.name][:index] + [candidate] + chosen[slot.name][index + 1:]
                    before = covered() & set(needed)
                    saved = chosen[slot.name]
                    chosen[slot.name] = trial
                    if before <= covered():
                        swapped = True
                        break
                    chosen[slot.name] = saved
                if swapped:
                    break
            if swapped:
                break


def make_variant(blueprint: Blueprint, pools, seed: int, learner: str, model: Model) -> list[Presented]:
    rng = rng_for(seed, blueprint, learner)
    chosen: dict[str, list[list[Item]]] = {}
    used: set[str] = set()
    for slot in blueprint.slots:
        chosen[slot.name] = _choose(slot, pools[slot.name], rng, used)
        used.update(u[0].id for u in chosen[slot.name])
    needed = [i["id"] for f in model.data["frameworks"] if f["id"] in blueprint.coverage for i in f["items"]]
    _cover(blueprint, chosen, pools, needed)
    covered = {x for units in chosen.values() for u in units for i in u for x in i.items}
    missing = [item for item in needed if item not in covered]
    if missing:
        raise UserError(f"[coverage] cannot be met for learner {learner}: no room for items on {', '.join(missing)} "
                        "within the slots' counts; raise a slot's count or add items that cover several statements",
                        str(blueprint.path))
    result = []
    for slot in blueprint.slots:
        units = chosen[slot.name][:]
        rng.shuffle(units)
        for unit in units:
            for item in unit:
                order = list(range(len(item.choices)))
                right = list(range(len(item.choices)))
                if item.type in SHUFFLED_TYPES:
                    rng.shuffle(order)
                    rng.shuffle(right)
                result.append(Presented(item, slot.name, order, right if item.type == "matching" else []))
    return result
