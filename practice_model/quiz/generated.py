"""Items generated from the model's structure, marked as generated.

Distractors are always sibling objects of the same kind (other terms, other
framework items), never invented text. Generation is deterministic: the same
model gives the same items. What is not generated, and why:

* a term item whose key shares a word with the term's name (the echo gives it
  away), or whose term has no ``:area:`` (its distractors must be terms of the
  same area, such as other plans for a plan, or they are ruled out at a glance);
* acronym items in assessed quizzes: the glossary holds no other expansions
  with the same initials, so the one option whose initials spell the acronym is
  the key. They stay in practice quizzes, where a cue costs nothing;
* "on a home visit, which shows principle X" items: a good visit shows several
  principles at once, so more than one option is defensible;
* items on which framework item the curriculum maps an outcome to: that tests
  our own paperwork, not practice.
"""

from __future__ import annotations

import hashlib

from ..model import Model
from .item_rules import content_words
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


def _name_words(term: dict) -> set[str]:
    return content_words(f"{term['title']} {term['fields'].get('acronym', '')}")


def term_items(model: Model) -> list[Item]:
    """Which description fits a term: the key its definition, distractors the definitions of terms of its area."""
    terms = [t for t in model.of_kind("term") if t["text"] and t["fields"].get("area")]
    items = []
    for term in terms:
        key = _first_sentence(term["text"])
        if content_words(key) & _name_words(term):
            continue  # "Care order: a court order ... in the care of" answers itself
        area = [t for t in terms if t["fields"]["area"] == term["fields"]["area"] and _first_sentence(t["text"]) != key]
        distractors = _pick(area, term["id"], term["id"])
        if len(distractors) < 3:
            continue
        name = term["fields"].get("acronym") or term["title"]
        items.append(Item(
            id=f"q-gen-{term['id']}", type="single",
            stem=f"Which of these best describes **{name}**?",
            choices=[Choice(key, True, "")]
                    + [Choice(_first_sentence(d["text"]), False, f"This describes {d['title']}.") for d in distractors],
            explanation=f"See the glossary: [{term['title']}](#{term['id']}).",
            tests=[term["id"]], difficulty=1, source="generated",
        ))
    return items


def acronym_items(model: Model) -> list[Item]:
    """What an acronym stands for: practice quizzes only (see the module's docstring)."""
    terms = [t for t in model.of_kind("term") if t["text"] and t["fields"].get("acronym")]
    items = []
    for term in terms:
        wrong = _pick(terms, term["id"], "acronym:" + term["id"])
        if len(wrong) < 3:
            continue
        items.append(Item(
            id=f"q-gen-acronym-{term['id'].removeprefix('term-')}", type="single",
            stem=f"What does **{term['fields']['acronym']}** stand for?",
            choices=[Choice(term["title"], True)] + [Choice(w["title"], False, f"That is {w['fields']['acronym']}.") for w in wrong],
            explanation=f"[{term['title']}](#{term['id']}).", tests=[term["id"]], difficulty=1, source="generated",
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


def generate_items(model: Model, assessed: bool = False) -> list[Item]:
    items = term_items(model) + ([] if assessed else acronym_items(model))
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
