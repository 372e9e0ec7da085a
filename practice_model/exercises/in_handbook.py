"""The handbook's Exercises section: for each standard and module, its exercises and Word downloads.

Pages are added with ``html-collect-pages`` from the same templates and
model the command uses. Word files are rewritten only when their Markdown
changed, so an incremental build does not pay for all of them again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from markupsafe import Markup

from ..errors import UserError
from ..exercise_links import FOLDER, enabled
from ..export import model_of_build
from ..model import Model
from ..outputs import write_atomic
from ..templating import environment
from .catalogue import KINDS, LENSES
from .formats import html_fragment, to_docx
from .generate import kinds_and_lenses, render_exercise
from .plan import Plan, worked_reflections

SUBJECTS = ("standard", "module")


def _model(app) -> Model:
    return Model(model_of_build(app), Path(app.outdir) / "practice-model.json")


def collect_pages(app):
    if not enabled(app.builder):
        return
    model = _model(app)
    override = Path(app.srcdir) / "_templates" / "exercises"
    env = environment(override)
    try:
        exercise_plan = Plan(override, *kinds_and_lenses(env))
        exercise_plan.check_subjects({o["id"] for o in model.data["objects"] if o["kind"] in SUBJECTS})
        worked = worked_reflections(override)
    except UserError as exc:
        from ..warnings_ import PMWarning, warn

        warn(str(exc), PMWarning.TEMPLATE, None)
        return
    outdir = Path(app.outdir) / FOLDER
    cache_path = outdir / ".digests.json"
    cache = json.loads(cache_path.read_text()) if cache_path.exists() else {}
    fresh = {}
    # Pages are written only when they would change: their text, or the site's navigation and version around them.
    # The copyright line, the feedback link and the permanent address are part of the frame too (feedback.py).
    frame = hashlib.sha256(repr((sorted(app.env.toctree_includes.items()), app.config.release, app.config.project, app.config.copyright,
                                 app.config.pm_feedback_contact, app.config.pm_base_url)).encode()).hexdigest()
    for obj in sorted((o for o in model.data["objects"] if o["kind"] in SUBJECTS), key=lambda o: o["id"]):
        sections = []
        combinations = exercise_plan.combinations(obj["id"])
        for kind, lens in combinations:
            try:
                exercise = render_exercise(env, model, obj["id"], kind, lens, worked, obj["id"] in exercise_plan.joint)
            except UserError as exc:
                from ..warnings_ import PMWarning, warn

                warn(str(exc), PMWarning.TEMPLATE, None)
                return
            digest = hashlib.sha256(exercise.markdown.encode()).hexdigest()
            name = f"{exercise.stem}.docx"
            fresh[name] = digest
            if cache.get(name) != digest or not (outdir / name).exists():
                write_atomic(outdir / name, to_docx(exercise))
            body = html_fragment(exercise.markdown)
            for level in (3, 2, 1):  # each exercise sits under the page's h1, so every heading moves down one
                body = body.replace(f"<h{level}>", f"<h{level + 1}>").replace(f"</h{level}>", f"</h{level + 1}>")
            # The fragment is HTML already: Markdown rendered with raw HTML turned off (formats.html_fragment).
            sections.append({"kind": kind, "download": name, "lens": LENSES.get(lens, lens), "body": Markup(body)})
        page_body = env.get_template("handbook/exercise-page.html.j2").render(
            title=obj["title"], url=obj["url"], contents=[(k, KINDS.get(k, k)) for k, _ in combinations], sections=sections)
        page_key = f"{obj['id']}.html"
        fresh[page_key] = hashlib.sha256((frame + page_body).encode()).hexdigest()
        if cache.get(page_key) == fresh[page_key] and (outdir / page_key).exists():
            continue
        yield f"{FOLDER}/{obj['id']}", {"title": f"Reflective exercises: {obj['title']}", "body": page_body,
                                        "display_toc": False, "sourcename": "", "meta": {}}, "page.html"
    for stale in outdir.glob("*.docx"):  # an exercise the plan no longer has
        if stale.name not in fresh:
            stale.unlink()
    write_atomic(cache_path, json.dumps(fresh, indent=1, sort_keys=True).encode())
