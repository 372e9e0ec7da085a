"""What a template knows about the object an exercise is about, all read from the model.

Only parts that keep their shape in the model are used as text: the
summary, the "Common pitfalls" list, prompts, vignettes, practice questions,
inspection findings and outcomes. (Sections with sub-headings arrive as one
run of text, so their headings would run into the sentences after them.)
"""

from __future__ import annotations

import re

from ..model import Model
from .catalogue import MODELS

SECTION_KEYS = {
    "what good looks like": "good",
    "common pitfalls": "pitfalls",
    "why it matters": "why",
    "activities": "activities",
    "evidence of learning and impact": "evidence",
    "expectations": "expectations",
}
DEFAULT_SESSION_MINUTES = 90  # the reflective case discussion module's session
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4}


def _sentences(text: str, limit: int = 3) -> list[str]:
    parts = [p.strip() for p in text.replace("\n", " ").split(". ") if len(p.strip()) > 20]
    return [p if p.endswith(".") else p + "." for p in parts[:limit]]


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def session_minutes(length: str) -> int | None:
    """A session length the module states ("a 90-minute group", "a two-hour peer critique"), if it states one."""
    minutes = re.search(r"\b(\d+)-minute", length)
    if minutes:
        return int(minutes.group(1))
    hours = re.search(r"\b(one|two|three|four|\d)-hour", length, re.IGNORECASE)
    if hours:
        word = hours.group(1).lower()
        return 60 * (NUMBERS[word] if word in NUMBERS else int(word))
    return None


def _case(model: Model, vignette_ids: list[str], worked: dict) -> dict | None:
    for vid in vignette_ids:
        vignette = model.get(vid)
        if not vignette:
            continue
        paragraphs = _paragraphs(vignette["text"])
        think = [p for p in paragraphs if p.lower().startswith("to think about")]
        return {"id": vid, "title": vignette["title"], "paragraphs": [p for p in paragraphs if p not in think],
                "think": think[0].split(":", 1)[1].strip() if think else "", "worked": worked.get(vid)}
    return None


def _findings(model: Model, theme_ids: list[str]) -> list[dict]:
    found = []
    for tid in theme_ids:
        theme = model.get(tid)
        if not theme:
            continue
        for finding in theme["fields"].get("findings", []):
            found.append({"theme": theme["title"], "kind": finding.get("kind", ""), "text": finding.get("text", ""),
                          "source": finding.get("source", "")})
    return found


class Asker:
    """Hands out the subject's own questions to a model's stages, each once: its prompts for that stage
    first, then any prompt, then a pitfall or an inspection finding turned into a question."""

    def __init__(self, prompts: list[dict], pitfalls: list[str], gaps: list[dict]):
        self.prompts = list(prompts)
        self.others = [f"Pitfall to test: *{p}* Is any of this in the work?" for p in pitfalls[:3]]
        self.others += [f"Inspectors found: *{g['text']}* How does this work compare?" for g in gaps[:2]]

    def __call__(self, stage: str = "") -> str:
        for prompt in self.prompts:
            if prompt["stage"] == stage:
                self.prompts.remove(prompt)
                return prompt["text"]
        if self.prompts:
            return self.prompts.pop(0)["text"]
        return self.others.pop(0) if self.others else ""


def object_context(model: Model, object_id: str, lens: str = "", worked: dict | None = None, joint: bool = False) -> dict:
    obj = model.objects[object_id]  # the caller checked the subject exists
    sections = {}
    for section in obj.get("sections", []):
        key = SECTION_KEYS.get(section["title"].strip().lower())
        if key:
            sections[key] = _sentences(section["text"], limit=7 if key == "pitfalls" else 3)
    # A module's subject matter is the standards it teaches; a standard's is its own.
    standards = [obj] if obj["kind"] == "standard" else [s for s in (model.get(i) for i in obj["links"].get("teaches", [])) if s]
    pitfalls = sections.get("pitfalls", [])
    if obj["kind"] != "standard":
        for standard in standards:
            for section in standard.get("sections", []):
                if section["title"].strip().lower() == "common pitfalls":
                    pitfalls += [f"{p}" for p in _sentences(section["text"], limit=2)]
    prompt_ids = [p for s in standards for p in sorted(s["backlinks"].get("prompt.for", []))]
    prompts = [model.get(p) for p in prompt_ids][: 7 if obj["kind"] == "standard" else 4]
    question_ids = [q for s in standards for q in sorted(s["backlinks"].get("question.tests", []))]
    situations = [q["text"] for q in (model.get(i) for i in question_ids) if q and len(q["text"]) > 80][:3]
    vignette_ids = [v for s in standards for v in s["links"].get("vignettes", [])]
    findings = _findings(model, [t for s in standards for t in s["links"].get("themes", [])])
    principles = [model.get(p) for p in obj["links"].get("principles", []) if model.get(p)]
    outcomes = [model.get(o) for o in sorted(obj["backlinks"].get("outcome.module", []))]
    teaches = [model.objects[s] for s in obj["links"].get("teaches", []) if s in model.objects]
    all_principles = {p["id"]: p for p in model.of_kind("principle")}
    length = obj["fields"].get("length", "")
    minutes = session_minutes(length) if length else None
    joint = joint or obj["fields"].get("audience") == "joint"
    lens_model = dict(MODELS.get(lens, {"title": lens.replace("-", " ").capitalize(), "about": "", "source": "", "citation": ""}))
    source = model.get(lens_model["source"]) if lens_model["source"] else None
    if source:  # the handbook's own entry is the citation of record
        lens_model["citation"] = source["fields"].get("full-title", lens_model["citation"])
        lens_model["link"] = source.get("absolute_permalink") or ""
    else:
        lens_model["link"] = ""
    prompt_list = [{"text": p["text"], "stage": p["fields"].get("stage", "")} for p in prompts if p]
    gaps = [f for f in findings if f["kind"] == "gap"][:3]
    return {
        "ask": Asker(prompt_list, pitfalls, gaps),
        "id": obj["id"],
        "kind": obj["kind"],
        "title": obj["title"],
        "summary": " ".join(obj["text"].split()),
        "permalink": obj["absolute_permalink"] or "",  # a relative link would break in a downloaded file
        "good": sections.get("good", []),
        "pitfalls": pitfalls[:7],
        "why": sections.get("why", []),
        "activities": sections.get("activities", []),
        "evidence": sections.get("evidence", []),
        "prompts": prompt_list,
        "case": _case(model, vignette_ids, worked or {}),
        "situations": situations,
        "gaps": gaps,
        "strengths": [f for f in findings if f["kind"] == "strength"][:2],
        "principles": [{"title": p["title"], "text": p["text"], "in_supervision": p["fields"].get("in-supervision", "")}
                       for p in principles if p],
        "outcomes": [o["text"] for o in outcomes if o],
        "teaches": [s["title"] for s in teaches],
        "trauma_principles": [{"title": p["title"], "visit": p["fields"].get("in-a-visit", ""), "record": p["fields"].get("in-a-record", "")}
                              for p in sorted(all_principles.values(), key=lambda p: p["id"]) if p["fields"].get("group") == "trauma-informed"],
        "length": length,
        "minutes": minutes or DEFAULT_SESSION_MINUTES,
        "minutes_from_module": minutes is not None,
        "joint": joint,
        "person": "the child, young person or adult" if joint else "the child",
        "model": lens_model,
        "organisation": model.handbook["organisation"],
    }
