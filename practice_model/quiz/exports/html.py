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
from .common import stem_with_vignette


def _view(number: int, p, render, vignettes, practice: bool) -> dict:
    item = p.item
    view = {
        "number": number, "id": item.id, "type": item.type,
        "stem": Markup(render.html(stem_with_vignette(item, vignettes))),
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
    practice = mode == "practice"
    items = [_view(n, p, render, vignettes, practice) for n, p in enumerate(presented, start=1)]
    checks = {v["id"]: v.pop("check") for v in items if "check" in v}
    page = render_template(
        "quiz/learner.html.j2", title=title, learner=learner, items=items, time_limit=time_limit, practice=practice, quiz_id=quiz_id,
        checks=Markup(json.dumps(checks, sort_keys=True).replace("</", "<\\/")) if practice else "",
    )
    return page.encode("utf-8")
