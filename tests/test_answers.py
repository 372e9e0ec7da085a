"""Answers first (#18 items 1, 3 and 7): key lines on each standard's card drawn from its Expectations,
the timescales page, step lists, practitioner labels, the feedback link and the organisation's name."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from conftest import REPO, copy_project
from practice_model.check import settings
from practice_model.feedback import mailto
from practice_model.glance import TIMESCALE, group_of, timescales_in

STANDARDS = sorted(p.stem for p in (REPO / "docs" / "standards").glob("*.md") if p.stem != "index")


def page(handbook: Path, path: str):
    return lxml.html.parse(str(handbook / path)).getroot()


def words(node) -> str:
    return " ".join(node.text_content().split())


# --- item 1: answer-first pages --------------------------------------------
@pytest.mark.parametrize("name", STANDARDS)
def test_card_key_lines_are_drawn_from_the_expectations_bullets(handbook, name):
    root = page(handbook, f"standards/{name}.html")
    card = root.get_element_by_id(f"std-{name}")
    glance = card.find_class("pm-glance")
    assert glance, f"std-{name}: its card shows no key timescales and duties; mark them with {{pm:key}} in its Expectations"
    parts = [words(p) for p in glance[0].find_class("pm-glance-part")]
    assert parts == ["The law says (statutory)", "Our practice (local)"], f"std-{name}: {parts}"
    for link in glance[0].xpath(".//a"):
        anchor = link.get("href").lstrip("#")
        bullet = root.get_element_by_id(anchor)  # the line links to its bullet in Expectations ...
        assert bullet.tag == "li"
        key = bullet.find_class("pm-key")  # ... where the one written copy of it is
        assert any(words(k).lower() == words(link).lower() for k in key), f"std-{name}: '{words(link)}' is not in #{anchor}"


def test_model_records_each_bullet_with_its_key_phrases_and_timescales(handbook):
    model = json.loads((handbook / "practice-model.json").read_text(encoding="utf-8"))
    cp = next(o for o in model["objects"] if o["id"] == "std-child-protection")
    expectations = next(s for s in cp["sections"] if s["title"] == "Expectations")
    items = expectations["items"]
    assert {i["part"] for i in items} == {"The law says", "Our practice"}
    core = next(i for i in items if "first core group within 10 working days" in i["text"])
    assert core["key"] and core["timescales"] and core["anchor"].startswith("our-practice-")
    assert not any("src-" in i["text"] or "()" in i["text"] for i in items), "citations leave IDs or empty brackets"


def test_timescale_pattern_and_groups():
    assert timescales_in("You should visit within 10 working days. Be kind.") == ["You should visit within 10 working days."]
    assert TIMESCALE.search("a review at least every six months") and TIMESCALE.search("on the same day")
    assert not TIMESCALE.search("a 16 years old young person") and not TIMESCALE.search("every child matters")
    assert group_of("We expect the first core group within 10 working days of the conference") == "core-groups"
    assert group_of("You should start the pathway plan at 16 and review it every six months") == "pathway"
    assert group_of("We expect the initial child protection conference within 15 working days of the strategy discussion") == "conferences"


def test_timescales_page_lists_every_timescale_in_the_model_marked_and_linked(handbook):
    model = json.loads((handbook / "practice-model.json").read_text(encoding="utf-8"))
    expected = [(o["id"], i["anchor"], t) for o in model["objects"] for s in o.get("sections", [])
                for i in s.get("items", []) for t in i.get("timescales", [])]
    root = page(handbook, "timescales.html")
    rows = root.find_class("pm-timescale")
    assert len(rows) == len(expected) > 60
    statutory = [r for r in rows if words(r).startswith("Statutory:")]
    local = [r for r in rows if words(r).startswith("Local:")]
    assert statutory and local and len(statutory) + len(local) == len(rows)
    headings = [words(h) for h in root.xpath("//article//*[contains(@class, 'rubric')]")]
    for group in ("Visits", "Strategy discussions", "Child protection conferences", "Core groups", "Reviews", "Assessments",
                  "Pre-birth milestones", "Care planning reviews", "Pathway plans and care leavers"):
        assert group in headings, f"no '{group}' group on the timescales page: {headings}"
    for row in rows:
        href = row.xpath(".//a")[-1].get("href")
        target, anchor = href.split("#")
        assert page(handbook, target).get_element_by_id(anchor) is not None
    assert "10 working days of the initial conference" in words(root)
    for linking in ("index.html", "standards/index.html"):
        assert any(a.get("href", "").endswith("timescales.html") for a in page(handbook, linking).xpath("//article//a"))


def test_process_steps_are_a_step_by_step_list(handbook):
    for name in ("pre-birth", "child-protection"):
        steps = page(handbook, f"standards/{name}.html").find_class("pm-steps")
        assert steps and steps[0].tag == "ol", f"{name}: its numbered steps are not shown step by step"


def test_a_key_phrase_outside_the_expectations_warns(tmp_path):
    from sphinx.cmd.build import build_main

    project = copy_project(tmp_path)
    standard = project / "docs" / "standard.md"
    text = standard.read_text().replace("Because.", "Because {pm:key}`within a day`.")
    standard.write_text(text.replace("Should.", "- {pm:key}`Within 2 working days`, we write.\n"))
    out = tmp_path / "out"
    from io import StringIO

    errors = StringIO()
    import contextlib

    with contextlib.redirect_stderr(errors):
        build_main(["-q", "-c", str(project), str(project / "docs"), str(out)])
    log = errors.getvalue()
    assert "standard.md" in log and "pm.misplaced" in log and "within a day" in log
    assert "Within 2 working days" not in log
    card = lxml.html.parse(str(out / "standard.html")).getroot().get_element_by_id("std-chronologies")
    assert "Within 2 working days" in words(card.find_class("pm-glance")[0])


# --- item 3: practitioner labels --------------------------------------------
RAW_ID = re.compile(r"\b(?:std|mod|prompt|prin|vig|src|term|q)-[a-z0-9]+(?:-[a-z0-9]+)*\b")
FIELD_NAMES = re.compile(r"\b(?:Stage|Difficulty|Type|Re read|Group|Scenario):|\((?:reflective prompts|practice questions|"
                         r"practice standards|cpd modules|glossary terms)\)|Reflective prompt|practice-model [a-z]+|make html")


def practitioner_pages(handbook: Path) -> list[Path]:
    skip = ("contributing/", "integrators/", "releases/", "_static/", "go/", "search.html", "genindex.html")
    return [p for p in sorted(handbook.rglob("*.html")) if not any(s in p.relative_to(handbook).as_posix() for s in skip)]


def test_practitioner_pages_show_no_ids_field_names_or_commands(handbook):
    problems = []
    for path in practitioner_pages(handbook):
        article = lxml.html.parse(str(path)).getroot().xpath("//article")
        if not article:
            continue
        text = words(article[0])
        for pattern in (RAW_ID, FIELD_NAMES):
            found = pattern.search(text)
            if found:
                problems.append(f"{path.relative_to(handbook)}: '{found.group(0)}' in '…{text[max(0, found.start() - 60):found.end() + 20]}…'")
    assert not problems, "\n".join(problems[:20])


def test_cards_offer_a_copy_link_to_the_permanent_address(handbook):
    root = page(handbook, "standards/pre-birth.html")
    link = root.get_element_by_id("std-pre-birth").find_class("pm-copy-link")[0]
    assert link.get("href") == "../go/std-pre-birth.html" and (handbook / "go" / "std-pre-birth.html").exists()
    assert words(link).startswith("Copy link")
    assert (handbook / "_static" / "pm-copy-link.js").exists()


def test_editors_and_integrators_are_not_in_the_main_navigation(handbook):
    root = page(handbook, "standards/pre-birth.html")
    nav = " ".join(words(n) for n in root.xpath("//nav[contains(@class, 'navbar-nav')] | //*[contains(@class, 'bd-navbar-elements')]"))
    assert "Standards" in nav and "For editors" not in nav and "For integrators" not in nav
    footer = root.find_class("pm-page-footer")[0]
    assert [a.get("href") for a in footer.find_class("pm-behind-the-scenes")[0].xpath(".//a")] == [
        "../contributing/index.html", "../integrators/index.html"]


# --- item 7: contact and feedback --------------------------------------------
def test_every_page_has_tell_us_about_this_page_with_its_permanent_link(handbook):
    # every page written from the sources or the exercises (the generated indices pm-by-*.html have no body to add to)
    for path in [p for p in practitioner_pages(handbook) if not p.name.startswith("pm-by-")] + [handbook / "contributing" / "index.html"]:
        links = [a for a in lxml.html.parse(str(path)).getroot().xpath("//a") if words(a) == "Tell us about this page"]
        assert len(links) == 1, f"{path.relative_to(handbook)} has no feedback link"
        href = urlsplit(links[0].get("href"))
        assert href.scheme == "mailto" and href.path == "practice.model@example.invalid"
        body = parse_qs(href.query)["body"][0]
        # a standard's or module's page: its permanent link; any other page: its own address
        owner = lxml.html.parse(str(path)).getroot().xpath("//article//*[contains(@class, 'pm-standard') or contains(@class, 'pm-module')]/@id")
        expected = f"go/{owner[0]}.html" if owner else path.relative_to(handbook).as_posix()
        assert f"Link: {expected}" in body, f"{path.relative_to(handbook)}: {body!r}"


def test_feedback_message_is_escaped():
    href = mailto("team@example.org", 'Fathers & "others" <b>', "https://x.example/go/std-a.html?x=1&y=2")
    query = parse_qs(urlsplit(href).query)
    assert query["subject"] == ['About the handbook page: Fathers & "others" <b>']
    assert "Link: https://x.example/go/std-a.html?x=1&y=2" in query["body"][0]
    assert not re.search(r'[\s"<>]', href)


@pytest.fixture(scope="module")
def named_handbook(tmp_path_factory) -> Path:
    """The real handbook built with the organisation's name set (as a council would, here with -D)."""
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("named") / "html"
    code = build_main(["-q", "-W", "--keep-going", "-c", str(REPO), "-D", "pm_organisation=Exampleshire Council",
                       "-D", "pm_base_url=https://handbook.example.gov.uk/", str(REPO / "docs"), str(out)])
    assert code == 0
    return out


def test_no_placeholder_in_any_page_when_the_organisation_is_set(named_handbook):
    found = [p.relative_to(named_handbook).as_posix() for p in named_handbook.rglob("*.html")
             if re.search(r"Our council|Our organisation", p.read_text(encoding="utf-8"))]
    assert not found, f"the placeholder is still in: {found[:10]}"
    assert "Exampleshire Council" in (named_handbook / "index.html").read_text(encoding="utf-8")
    href = page(named_handbook, "standards/pre-birth.html").xpath("//a[.='Tell us about this page']")[0].get("href")
    assert "Link: https://handbook.example.gov.uk/go/std-pre-birth.html" in parse_qs(urlsplit(href).query)["body"][0]


def test_check_gives_a_notice_while_the_organisation_is_the_placeholder(tmp_path):
    from types import SimpleNamespace

    (tmp_path / "conf.py").write_text('project = "x"\npm_organisation = "Our council"  # shown in pages\n')
    project = SimpleNamespace(root=tmp_path)
    found = settings(project, SimpleNamespace(data={"handbook": {"organisation": "Our council"}}))
    assert [(f.severity, f.check, f.where) for f in found] == [("warning", "settings", "conf.py:2")]
    assert "pm_organisation" in found[0].message and "Our council" in found[0].message
    assert settings(project, SimpleNamespace(data={"handbook": {"organisation": "Exampleshire Council"}})) == []


# --- in a browser, on a phone -------------------------------------------------
@pytest.mark.browser
def test_on_a_phone_key_timescales_are_in_the_summary_card(handbook, chromium_path):
    """At 375px, every standard's key lines are shown, inside its card: reached before scrolling past it."""
    from browser import chromium, serve

    with serve(handbook) as base, chromium(chromium_path) as browser:
        tab = browser.new_page(viewport={"width": 375, "height": 812})
        for name in STANDARDS:
            tab.goto(base + f"standards/{name}.html")
            card = tab.locator(f"#std-{name}").bounding_box()
            glance = tab.locator(f"#std-{name} .pm-glance")
            assert glance.is_visible(), f"std-{name}: key lines hidden on a phone"
            box = glance.bounding_box()
            assert card["y"] <= box["y"] and box["y"] + box["height"] <= card["y"] + card["height"], f"std-{name}: key lines outside the card"
            links = tab.locator(f"#std-{name} .pm-glance a")
            assert links.count() >= 2 and all(links.nth(i).is_visible() for i in range(links.count()))
            assert box["width"] <= 375
        tab.goto(base + "standards/pre-birth.html")
        first = tab.locator("ol.pm-steps > li").first
        number = first.evaluate("li => getComputedStyle(li, '::before').content")
        assert number not in ("none", "normal", ""), "step numbers are not shown"
        tab.close()
