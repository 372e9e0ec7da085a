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
from ..tomlfile import line_of
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
    weight: int = 1  # marks the item is worth (an essay's, from its slot)


def evidence(item: Item, model: Model) -> list[str]:
    """Framework items an item evidences directly: those its tagged outcomes map to.

    A standard, module or principle in ``:tests:`` says what the item is about, not which
    capability it shows: a recall item on a standard's timescale is no evidence for every
    statement that standard's modules map to. Only outcome IDs (``out-...``) count.
    """
    found: set[str] = set()
    for target in item.tests:
        outcome = model.get(target)
        if outcome is not None and outcome["kind"] == "outcome":
            found.update(outcome["fields"].get("maps", []))
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


def slot_pools(blueprint: Blueprint, items: list[Item]) -> dict[str, list[list[Item]]]:
    """Each slot's units, disjoint: a unit that fits several slots belongs to the first of them in the blueprint.

    An LMS draws each slot from its own category, so an item in two categories could appear twice in one attempt.
    Raises UserError (the blueprint's file:line) when that leaves a later slot short.
    """
    taken: dict[str, str] = {}  # a unit's first item ID -> the slot it went to
    pools: dict[str, list[list[Item]]] = {}
    for slot in blueprint.slots:
        units = units_of(eligible(slot, items))
        pools[slot.name] = [u for u in units if u[0].id not in taken]
        lost = [u for u in units if u[0].id in taken]
        available = sum(len(u) for u in pools[slot.name])
        if lost and available < slot.count:
            text = blueprint.path.read_text(encoding="utf-8")
            shared = ", ".join(f"{u[0].id} (in '{taken[u[0].id]}')" for u in lost)
            raise UserError(
                f"[[slots]] '{slot.name}' asks for {slot.count} items but only {available} are its own: {shared} also fit an "
                "earlier slot, and an item belongs to one slot only (else Moodle could draw it twice in one attempt); "
                "narrow the earlier slot's tests, lower this count or add items", str(blueprint.path),
                line_of(text, slot.name))
        taken.update((u[0].id, slot.name) for u in pools[slot.name])
    return pools


def rng_for(seed: int, blueprint: Blueprint, learner: str) -> random.Random:
    digest = hashlib.sha256(f"{seed}\x00{blueprint.name}\x00{learner}".encode("utf-8")).hexdigest()
    return random.Random(int(digest, 16))


def units_wanted(slot: Slot) -> str:
    return "cases" if slot.scenario else "items"


def _size(slot: Slot, unit: list[Item]) -> int:
    """What a unit counts towards the slot's count: a case slot counts cases, other slots items."""
    return 1 if slot.scenario else len(unit)


def coverage_targets(blueprint: Blueprint, model: Model) -> dict[str, str]:
    """Framework item ID -> the [coverage] rule asking for it (its key), in the frameworks' order."""
    frameworks = {f["id"]: f for f in model.data["frameworks"]}
    known = [i["id"] for f in model.data["frameworks"] for i in f["items"]]
    targets: dict[str, str] = {}
    for framework_id in blueprint.coverage:
        if framework_id not in frameworks:
            raise UserError(f"[coverage] every_item_of names framework '{framework_id}', which the handbook does not have; "
                            f"use one of {', '.join(sorted(frameworks))}", str(blueprint.path), blueprint.coverage_lines.get("every_item_of"))
        for item in frameworks[framework_id]["items"]:
            targets.setdefault(item["id"], "every_item_of")
    for item_id in blueprint.coverage_items:
        if item_id not in known:
            raise UserError(f"[coverage] items names '{item_id}', which is no framework's item; use IDs such as "
                            f"{', '.join(known[:3])}", str(blueprint.path), blueprint.coverage_lines.get("items"))
        targets.setdefault(item_id, "items")
    return targets


def _outcomes_mapped_to(model: Model, item_id: str) -> list[str]:
    return sorted(o["id"] for o in model.of_kind("outcome") if item_id in o["fields"].get("maps", []))


def check_supply(blueprint: Blueprint, pools: dict[str, list[list[Item]]], model: Model) -> None:
    """Refuse a blueprint the banks cannot satisfy, naming the slot or rule (file:line) and the shortfall."""
    for slot in blueprint.slots:
        available = sum(_size(slot, u) for u in pools[slot.name])
        if available < slot.count:
            what = units_wanted(slot)
            raise UserError(
                f"[[slots]] '{slot.name}' asks for {slot.count} {what} but only {available} match its tests, types, "
                f"difficulty and sources (short by {slot.count - available}); add {what} to the banks or widen the slot",
                str(blueprint.path), slot.line)
    targets = coverage_targets(blueprint, model)
    offered = {x for units in pools.values() for u in units for i in u for x in i.items}
    missing = [t for t in targets if t not in offered]
    if missing:
        names = {i["id"]: i["title"] for f in model.data["frameworks"] for i in f["items"]}
        lacking = "; ".join(f"{t} ({names.get(t, t)}): tag items with {', '.join(_outcomes_mapped_to(model, t)[:4]) or 'an outcome mapped to it'}"
                            for t in missing)
        raise UserError(f"[coverage] cannot be met: no item the slots can draw directly evidences {lacking}. An item evidences "
                        "only the outcomes in its :tests:; add such items to the banks, widen a slot, or change the rule",
                        str(blueprint.path), blueprint.coverage_lines.get(targets[missing[0]]))


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
            if size + _size(slot, unit) <= slot.count:
                picked.append(unit)
                size += _size(slot, unit)
            if size == slot.count:
                break
        if size != slot.count:
            continue
        if slot.scenario:
            return picked  # cases differ in length and difficulty: balancing them would draw the same few every time
        mean = sum(i.difficulty for u in picked for i in u) / sum(len(u) for u in picked)
        gap = abs(mean - target)
        if gap < best_gap - 1e-9:
            best, best_gap = picked, gap
    if best is None:
        raise UserError(f"[[slots]] '{slot.name}': cannot make exactly {slot.count} items from whole scenarios; change the count")
    return best


def _cover(blueprint, chosen, pools, needed: list[str], rng: random.Random) -> None:
    """Swap units within a slot until every needed framework item is evidenced, never losing one already met."""
    def covered():
        return {x for units in chosen.values() for u in units for i in u for x in i.items}

    for target in needed:
        if target in covered():
            continue
        for slot in blueprint.slots:
            in_use = {u[0].id for units in chosen.values() for u in units}
            candidates = [u for u in pools[slot.name] if u[0].id not in in_use and any(target in i.items for i in u)]
            rng.shuffle(candidates)  # spread exposure over every item that fits, not the first in ID order
            swapped = False
            for candidate in candidates:
                for index, current in enumerate(chosen[slot.name]):
                    if _size(slot, current) != _size(slot, candidate):
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
    targets = coverage_targets(blueprint, model)
    needed = list(targets)
    _cover(blueprint, chosen, pools, needed, rng)
    covered = {x for units in chosen.values() for u in units for i in u for x in i.items}
    missing = [item for item in needed if item not in covered]
    if missing:
        raise UserError(f"[coverage] cannot be met for learner {learner}: no room for items directly evidencing "
                        f"{', '.join(missing)} within the slots' counts; raise a slot's count, add items whose outcomes "
                        "map to several of them, or change the rule", str(blueprint.path), blueprint.coverage_lines.get(targets[missing[0]]))
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
                if item.type == "ordering" and order == sorted(order):
                    order = order[1:] + order[:1]  # shown in answer order, the item would answer itself
                result.append(Presented(item, slot.name, order, right if item.type == "matching" else [],
                                        slot.weight if item.type == "essay" else 1))
    return result
