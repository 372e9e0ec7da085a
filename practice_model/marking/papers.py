"""Which items a learner was given, and how: their offline paper, or what Moodle drew from the quiz's pools."""

from __future__ import annotations


def pool_slot(manifest: dict, item_id: str) -> str | None:
    """The slot whose pool (Moodle category) holds an item; None for a manifest written before pools were recorded."""
    return next((slot for slot, ids in manifest.get("pools", {}).items() if item_id in ids), None)


def presented_entry(manifest: dict, learner_id: str, item_id: str) -> dict | None:
    """How a learner saw an item: as on their paper, or, for an item Moodle drew from a pool that is not on their
    paper, with the options in source order (Moodle's report gives option texts, so any fixed order marks the same)."""
    learner = next((e for e in manifest["learners"] if e["id"] == learner_id), None)
    on_paper = next((i for i in learner["items"] if i["id"] == item_id), None) if learner else None
    if on_paper is not None:
        return on_paper
    slot, item = pool_slot(manifest, item_id), manifest["items"].get(item_id)
    if slot is None or item is None:
        return None
    every = list(range(len(item["choices"])))
    return {"id": item_id, "slot": slot, "order": every, "right_order": every if item["type"] == "matching" else []}
