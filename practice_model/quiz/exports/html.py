"""The single-file learner page: works offline, keyboard-usable, saves responses as a file.

In assessed mode the page is built only from what the learner may see:
stems, options in their order, scaffolds. Correct answers, feedback and
rationales are never passed to the template. In practice mode they are,
for instant feedback.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from ...templating import render as render_template
from ..notation import LETTERS, answer_for
from .common import case_text


def _view(number: int, p, render, vignettes, practice: bool, case: str) -> dict:
    """``case``: the case study's text when this item is the first of its case on the page ("" otherwise)."""
    item = p.item
    view = {
        "number": number, "id": item.id, "type": item.type,
        "case": Markup(render.html(case)) if case else "", "in_case": bool(item.scenario and item.vignette in vignettes),
        "stem": Markup(render.html(item.stem)),
        "options": [], "lefts": [], "rights": [], "scaffold": render.text(item.scaffold) if item.scaffold else "",
    }
    if item.type in ("single", "multiple", "truefalse", "ordering"):
        view["options"] = [{"letter": LETTERS[pos], "html": Markup(render.inline_html(item.choices[idx].text))}
                           for pos, idx in enumerate(p.order)]
    if item.type == "matching":
        view["lefts"] = [{"number": n, "html": Markup(render.inline_html(item.choices[idx].text))}
                         for n, idx in enumerate([i for i in p.order if item.choices[i].text], start=1)]
        view["rights"] = [{"letter": LETTERS[pos], "html": Markup(render.inline_html(item.choices[idx].match))}
                          for pos, idx in enumerate(p.right_order)]
    if practice:
        # Only the answer goes to the page script, which shows it as text; the feedback HTML
        # (rendered here with raw HTML escaped) goes in <template>s the script copies as nodes.
        view["check"] = {"answer": answer_for(p)}
        view["feedback"] = Markup(render.html(item.explanation))
        view["option_feedback"] = [(LETTERS[pos], Markup(render.inline_html(item.choices[idx].feedback)))
                                   for pos, idx in enumerate(p.order) if item.choices[idx].feedback]
    return view


def learner_page(title: str, learner: str, presented, render, vignettes, time_limit: int, mode: str, quiz_id: str) -> bytes:
    """``time_limit``: this learner's minutes, extra time included (0: untimed), shown as a countdown."""
    practice = mode == "practice"
    items, shown = [], None
    for n, p in enumerate(presented, start=1):
        # A case's text once, before its first question: its questions follow it on the page (on an LMS,
        # where a platform may draw them apart, each question carries the case instead).
        case_id = p.item.vignette if p.item.scenario and p.item.vignette in vignettes else None
        items.append(_view(n, p, render, vignettes, practice, case_text(vignettes[case_id]) if case_id and case_id != shown else ""))
        shown = case_id
    checks = {v["id"]: v.pop("check") for v in items if "check" in v}
    page = render_template(
        "quiz/learner.html.j2", title=title, learner=learner, items=items, time_limit=time_limit, practice=practice, quiz_id=quiz_id,
        checks=Markup(json.dumps(checks, sort_keys=True).replace("</", "<\\/")) if practice else "",
    )
    return page.encode("utf-8")
