"""What a template knows about the object an exercise is about, all read from the model."""

from __future__ import annotations

from ..model import Model

SECTION_KEYS = {
    "what good looks like": "good",
    "common pitfalls": "pitfalls",
    "why it matters": "why",
    "activities": "activities",
    "evidence of learning and impact": "evidence",
    "expectations": "expectations",
}


def _sentences(text: str, limit: int = 3) -> list[str]:
    parts = [p.strip() for p in text.replace("\n", " ").split(". ") if len(p.strip()) > 20]
    return [p if p.endswith(".") else p + "." for p in parts[:limit]]


def object_context(model: Model, object_id: str) -> dict:
    obj = model.objects[object_id]
    sections = {}
    for section in obj.get("sections", []):
        key = SECTION_KEYS.get(section["title"].strip().lower())
        if key:
            sections[key] = _sentences(section["text"])
    prompts = [model.get(p) for p in sorted(obj["backlinks"].get("prompt.for", []))]
    principles = [model.objects[p] for p in obj["links"].get("principles", []) if p in model.objects]
    outcomes = [model.get(o) for o in sorted(obj["backlinks"].get("outcome.module", []))]
    teaches = [model.objects[s] for s in obj["links"].get("teaches", []) if s in model.objects]
    all_principles = {p["id"]: p for p in model.of_kind("principle")}
    return {
        "id": obj["id"],
        "kind": obj["kind"],
        "title": obj["title"],
        "summary": " ".join(obj["text"].split()),
        "permalink": obj["absolute_permalink"] or "",  # a relative link would break in a downloaded file
        "good": sections.get("good", []),
        "pitfalls": sections.get("pitfalls", []),
        "why": sections.get("why", []),
        "activities": sections.get("activities", []),
        "evidence": sections.get("evidence", []),
        "prompts": [{"text": p["text"], "stage": p["fields"].get("stage", "")} for p in prompts if p],
        "principles": [{"title": p["title"], "text": p["text"], "in_supervision": p["fields"].get("in-supervision", "")} for p in principles],
        "outcomes": [o["text"] for o in outcomes if o],
        "teaches": [s["title"] for s in teaches],
        "trauma_principles": [{"title": p["title"], "visit": p["fields"].get("in-a-visit", ""), "record": p["fields"].get("in-a-record", "")}
                              for p in sorted(all_principles.values(), key=lambda p: p["id"]) if p["fields"].get("group") == "trauma-informed"],
        "organisation": model.handbook["organisation"],
    }
