"""Items generated from the model's structure, marked as generated.

Distractors are always sibling objects of the same kind (other terms, other
principles, other framework items), never invented text. Generation is
deterministic: the same model gives the same items.
"""

from __future__ import annotations

import hashlib

from ..model import Model
from .items import Choice, Item

QUADRANTS = [
    ("High challenge and high support", "WITH: restorative, working with the family"),
    ("High challenge and low support", "TO: punitive, doing things to the family"),
    ("Low challenge and high support", "FOR: permissive, doing things for the family"),
    ("Low challenge and low support", "NOT: neglectful, doing nothing"),
]


def _pick(pool: list[dict], avoid: str, salt: str, count: int = 3) -> list[dict]:
    """Deterministic distractors: siblings ordered by a hash of the item they serve."""
    others = [o for o in pool if o["id"] != avoid]
    others.sort(key=lambda o: hashlib.sha256(f"{salt}:{o['id']}".encode()).hexdigest())
    return others[:count]


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end == -1 else text[: end + 1]


def term_items(model: Model) -> list[Item]:
    terms = [t for t in model.of_kind("term") if t["text"]]
    items = []
    for term in terms:
        distractors = _pick(terms, term["id"], term["id"])
        if len(distractors) < 3:
            continue
        name = term["fields"].get("acronym") or term["title"]
        items.append(Item(
            id=f"q-gen-{term['id']}", type="single",
            stem=f"Which of these best describes **{name}**?",
            choices=[Choice(_first_sentence(term["text"]), True, "")]
                    + [Choice(_first_sentence(d["text"]), False, f"This describes {d['title']}.") for d in distractors],
            explanation=f"See the glossary: [{term['title']}](#{term['id']}).",
            tests=[term["id"]], difficulty=1, source="generated",
        ))
        acronym = term["fields"].get("acronym")
        others = [t for t in terms if t["fields"].get("acronym") and t["id"] != term["id"]]
        if acronym and len(others) >= 3:
            wrong = _pick(others, term["id"], "acronym:" + term["id"])
            items.append(Item(
                id=f"q-gen-acronym-{term['id'].removeprefix('term-')}", type="single",
                stem=f"What does **{acronym}** stand for?",
                choices=[Choice(term["title"], True)] + [Choice(w["title"], False, f"That is {w['fields']['acronym']}.") for w in wrong],
                explanation=f"[{term['title']}](#{term['id']}).", tests=[term["id"]], difficulty=1, source="generated",
            ))
    return items


def principle_items(model: Model) -> list[Item]:
    principles = [p for p in model.of_kind("principle") if p["fields"].get("in-a-visit")]
    items = []
    for principle in principles:
        wrong = _pick(principles, principle["id"], principle["id"])
        if len(wrong) < 3:
            continue
        items.append(Item(
            id=f"q-gen-visit-{principle['id'].removeprefix('prin-')}", type="single",
            stem=f"On a home visit, which of these shows the principle of **{principle['title'].lower()}** in practice?",
            choices=[Choice(principle["fields"]["in-a-visit"], True)]
                    + [Choice(w["fields"]["in-a-visit"], False, f"This shows {w['title'].lower()}.") for w in wrong],
            explanation=f"See [{principle['title']}](#{principle['id']}).", tests=[principle["id"]], difficulty=2, source="generated",
        ))
    return items


def window_item() -> Item:
    return Item(
        id="q-gen-social-discipline-window", type="matching",
        stem="Match each combination of challenge and support with its place in the social discipline window.",
        choices=[Choice(left, True, match=right) for left, right in QUADRANTS],
        explanation="Restorative practice works WITH families: high challenge and high support together.",
        tests=["prin-working-with"], difficulty=1, source="generated",
    )


def outcome_items(model: Model) -> list[Item]:
    """Which framework item an outcome serves (distractors: other items of the same framework)."""
    index = model.framework_items()
    items = []
    for outcome in model.of_kind("outcome"):
        for item_id in outcome["fields"].get("maps", [])[:1]:
            framework, item = index[item_id]
            mapped = set(outcome["fields"].get("maps", []))
            siblings = [{"id": i["id"], "title": i["title"]} for i in framework["items"] if i["id"] not in mapped]
            wrong = _pick(siblings, item_id, outcome["id"])
            if len(wrong) < 3:
                continue
            items.append(Item(
                id=f"q-gen-maps-{outcome['id'].removeprefix('out-')}", type="single",
                stem=f"Which {framework['short']} item does this learning outcome evidence most directly?\n\n> {outcome['text']}",
                choices=[Choice(item["title"], True)] + [Choice(w["title"], False) for w in wrong],
                explanation=f"The outcome [{outcome['id']}](#{outcome['id']}) is mapped to {framework['short']} {item['number']}.",
                tests=[outcome["id"]], difficulty=2, source="generated",
            ))
    return items


def generate_items(model: Model) -> list[Item]:
    items = term_items(model) + principle_items(model) + outcome_items(model)
    if model.get("prin-working-with"):
        items.append(window_item())
    return sorted(items, key=lambda i: i.id)


def handbook_items(model: Model) -> list[Item]:
    """Published practice questions, for practice mode only."""
    items = []
    for q in model.of_kind("question"):
        data = q.get("question")
        if not data:
            continue
        items.append(Item(
            id=q["id"], type=q["fields"].get("type", "single"), stem=data["stem"],
            choices=[Choice(o["text"], o["correct"], o["feedback"], o.get("match", "")) for o in data["options"]],
            explanation=data["explanation"], scaffold=data.get("scaffold", ""), guidance=data.get("guidance", ""),
            tests=q["links"].get("tests", []), difficulty=int(q["fields"].get("difficulty", 2)), source="handbook",
            location=f"{q['source']['file']}:{q['source']['line']}", digest=q["digest"],
            vignette=(q["links"].get("vignette") or [""])[0],
        ))
    return items
