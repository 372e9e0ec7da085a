"""The handbook's Exercises section: for each standard and module, its exercises and Word downloads.

Pages are added with ``html-collect-pages`` from the same templates and
model the command uses. Word files are rewritten only when their Markdown
changed, so an incremental build does not pay for all of them again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from docutils import nodes

from ..errors import UserError
from ..export import build_model
from ..model import Model
from ..outputs import write_atomic
from .catalogue import KINDS, LENSES, NATURAL_LENS
from .formats import html_fragment, to_docx
from .generate import environment, render_exercise

FOLDER = "exercises"
SUBJECTS = ("standard", "module")


def _model(app) -> Model:
    return Model(build_model(app), Path(app.outdir) / "practice-model.json")


def enabled(builder) -> bool:
    from ..export import WEBSITE_BUILDERS

    return builder.name in WEBSITE_BUILDERS and builder.config.pm_exercise_pages


def collect_pages(app):
    if not enabled(app.builder):
        return
    model = _model(app)
    env = environment(Path(app.srcdir) / "_templates" / "exercises")
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
        for kind in KINDS:
            lens = NATURAL_LENS[kind]
            try:
                exercise = render_exercise(env, model, obj["id"], kind, lens)
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
            sections.append(f'<section class="pm-exercise" id="{kind}">'
                            f'<p class="pm-download"><a href="{name}" download>Download this exercise for Word</a> '
                            f'({LENSES[lens]})</p>{body}</section>')
        contents = "".join(f'<li><a href="#{k}">{title}</a></li>' for k, title in KINDS.items())
        page_body = (f"<h1>Reflective exercises: {obj['title']}</h1>"
                     f'<p>Exercises about <a href="../{obj["url"]}">{obj["title"]}</a>, generated from the handbook. '
                     f"Each one is also a Word document to print or fill in.</p><ul>{contents}</ul>" + "".join(sections))
        page_key = f"{obj['id']}.html"
        fresh[page_key] = hashlib.sha256((frame + page_body).encode()).hexdigest()
        if cache.get(page_key) == fresh[page_key] and (outdir / page_key).exists():
            continue
        yield f"{FOLDER}/{obj['id']}", {"title": f"Reflective exercises: {obj['title']}", "body": page_body,
                                        "display_toc": False, "sourcename": "", "meta": {}}, "page.html"
    write_atomic(cache_path, json.dumps(fresh, indent=1, sort_keys=True).encode())


def exercises_link(builder, fromdoc: str, object_id: str) -> list[nodes.Node]:
    if not enabled(builder):
        return []
    from sphinx.util.osutil import relative_uri

    uri = relative_uri(builder.get_target_uri(fromdoc), f"{FOLDER}/{object_id}.html")
    return [nodes.reference("", "Reflective exercises for supervision, peer critique and CPD", refuri=uri, internal=True)]
