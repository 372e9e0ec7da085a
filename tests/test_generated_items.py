"""Issue 16 item 4: generated items worth asking.

Term items take distractors from terms of the same area and never echo the
term's words in the key; acronym items are practice only; no double-keyed
home-visit items and no items about the curriculum's own mappings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from practice_model.model import Model, load_model
from practice_model.quiz.blueprint import load_blueprint
from practice_model.quiz.generated import generate_items
from practice_model.quiz.item_rules import content_words
from practice_model.quiz.run import collect_items

REPO = Path(__file__).resolve().parent.parent
ASYE = [REPO / "quizzes" / f"asye-{n}-month.toml" for n in (3, 6, 12)]


@pytest.fixture(scope="module")
def real_model(handbook):
    return load_model(handbook / "practice-model.json")


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end == -1 else text[: end + 1]


def term_items(model: Model):
    return [i for i in generate_items(model, assessed=True) if i.id.startswith("q-gen-term-")]


def test_term_distractors_are_terms_of_the_keys_area(real_model):
    by_text = {first_sentence(t["text"]): t for t in real_model.of_kind("term")}
    items = term_items(real_model)
    assert len(items) >= 20, "the glossary should still give a pool of term items"
    for item in items:
        term = real_model.get(item.tests[0])
        areas = {by_text[c.text]["fields"].get("area") for c in item.choices}
        assert areas == {term["fields"]["area"]}, f"{item.id}: options from areas {sorted(map(str, areas))}"


def test_no_term_item_key_shares_a_word_with_the_term(real_model):
    for item in term_items(real_model):
        term = real_model.get(item.tests[0])
        key = next(c.text for c in item.choices if c.correct)
        shared = content_words(key) & content_words(f"{term['title']} {term['fields'].get('acronym', '')}")
        assert not shared, f"{item.id}: the key repeats {sorted(shared)}"


def test_acronym_items_are_for_practice_quizzes_only(real_model):
    def acronyms(items):
        return [i.id for i in items if i.id.startswith("q-gen-acronym-")]

    assert acronyms(generate_items(real_model, assessed=False)), "practice quizzes keep the acronym items"
    assert not acronyms(generate_items(real_model, assessed=True))
    for path in ASYE:
        assert not acronyms(collect_items(load_blueprint(path), real_model)), path.name


def test_no_home_visit_or_mapping_items(real_model):
    for assessed in (True, False):
        ids = [i.id for i in generate_items(real_model, assessed=assessed)]
        assert not [i for i in ids if i.startswith(("q-gen-visit-", "q-gen-maps-"))], ids


def term(tid: str, title: str, area: str | None, text: str, acronym: str = "") -> dict:
    fields = {k: v for k, v in (("area", area), ("acronym", acronym)) if v}
    return {"id": tid, "kind": "term", "title": title, "text": text, "fields": fields}


def test_a_term_is_asked_only_with_a_clean_key_and_three_siblings_of_its_area():
    model = Model({"objects": [
        term("term-genogram", "Genogram", "tool", "A diagram of a family across generations."),
        term("term-ecomap", "Ecomap", "tool", "A diagram of a family's links with services."),
        term("term-chronology", "Chronology", "tool", "A record of events in date order."),
        term("term-dash", "DASH risk checklist", "tool", "A checklist of the risk of serious harm.", "DASH"),  # echoes
        term("term-cpp", "Child protection plan", "plan", "The plan agreed at a conference.", "CPP"),  # echoes 'plan'
        term("term-pep", "Personal education plan", "plan", "Sets out a child in care's schooling."),  # only 2 plans
        term("term-iro", "Independent reviewing officer", None, "Chairs reviews of a child's care plan."),  # no area
    ]}, Path("model.json"))
    items = {i.id: i for i in generate_items(model, assessed=True)}
    assert sorted(items) == ["q-gen-term-chronology", "q-gen-term-ecomap", "q-gen-term-genogram"]
    options = {c.text for c in items["q-gen-term-genogram"].choices}
    assert options == {"A diagram of a family across generations.", "A diagram of a family's links with services.",
                       "A record of events in date order.", "A checklist of the risk of serious harm."}
