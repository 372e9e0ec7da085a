"""Writing ``practice-model.json`` and the ``go/<ID>.html`` permalinks after an HTML build.

Everything is sorted and free of timestamps, so the same sources give the
same bytes. Files are written beside their destination and renamed into
place, so a reader never sees half a file.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from sphinx.application import ENV_PICKLE_FILENAME

from .frameworks_cache import frameworks_for
from .kinds import KINDS, ObjectEntry
from .outputs import write_atomic
from .version import __version__

SCHEMA_VERSION = "1.1"
MODEL_FILE = "practice-model.json"
SCHEMA_FILE = "practice-model.schema.json"
SCHEMA_SOURCE = Path(__file__).parent / "schema" / SCHEMA_FILE


def build_model(app) -> dict:
    env, builder, config = app.env, app.builder, app.config
    domain = env.get_domain("pm")
    base = config.pm_base_url.rstrip("/") + "/" if config.pm_base_url else ""
    frameworks = frameworks_for(env)
    objects = [object_record(entry, builder.get_target_uri(entry["docname"]), domain.backlinks(oid), base)
               for oid, entry in domain.canonical().items()]
    counts = {kind: sum(1 for o in objects if o["kind"] == kind) for kind in KINDS}
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"practice-model {__version__}",
        "handbook": {
            "title": config.project,
            "version": config.release or config.version,
            "organisation": config.pm_organisation,
            "base_url": base or None,
            "feedback_contact": config.pm_feedback_contact,
            "active_frameworks": list(config.pm_frameworks_active),
        },
        "frameworks": [fw.as_json() for _, fw in sorted(frameworks.frameworks.items())],
        "counts": counts,
        "objects": objects,
    }


def object_record(entry: ObjectEntry, page_uri: str, backlinks: dict[str, list[str]], base: str) -> dict:
    """An object as the model file shows it: the domain's entry with its addresses and backlinks."""
    oid = entry["id"]
    url = f"{page_uri}#{entry['anchor']}"
    record: dict[str, Any] = {
        "id": oid,
        "kind": entry["kind"],
        "title": entry["title"],
        "fields": entry["fields"],
        "links": {k: v for k, v in sorted(entry["links"].items()) if v},
        "backlinks": {k: sorted(v) for k, v in sorted(backlinks.items())},
        "text": entry["text"],
        "url": url,
        "permalink": f"go/{oid}.html",
        "absolute_url": base + url if base else None,
        "absolute_permalink": f"{base}go/{oid}.html" if base else None,
        "source": {"file": entry["source"], "line": entry["line"], "end_line": entry.get("end_line", entry["line"]),
                   "docname": entry["docname"]},
        "digest": entry["digest"],
    }
    for extra in ("question", "sections", "word_count", "law"):
        if extra in entry:
            record[extra] = entry[extra]
    return record


# The exercise pages (html-collect-pages) and the model file, permalinks and search data (build-finished)
# read the same model: built the first time one asks, dropped when the next build starts reading. Kept on
# the application, not the environment, so it is never pickled.
_BUILD_MODEL = "_pm_build_model"


def model_of_build(app) -> dict:
    """This build's model, built once (shared: copy before changing it)."""
    model = getattr(app, _BUILD_MODEL, None)
    if model is None:
        model = build_model(app)
        setattr(app, _BUILD_MODEL, model)
    return model


def forget_model(app, *_args) -> None:
    setattr(app, _BUILD_MODEL, None)


def dump_model(model: dict) -> bytes:
    return (json.dumps(model, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


REDIRECT = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{target}">
</head>
<body>
<p>This is a permanent link to <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


WEBSITE_BUILDERS = ("html", "dirhtml")  # not singlehtml or epub: the model and permalinks belong to the website


def write_outputs(app, exception) -> None:
    if exception is not None or app.builder.name not in WEBSITE_BUILDERS:
        return
    model = dict(model_of_build(app))  # a copy: the exercise pages share the build's model
    warnings = app._warncount  # Sphinx's own count (after suppress_warnings); no public API before the build ends
    if warnings:
        # A build with warnings (a failed one under -W) still writes its model, for 'check' to read, but
        # marked, so tools rebuild or refuse rather than use it. Warnings are re-emitted only when pages
        # are re-read: dropping the saved environment makes the next build re-read them all.
        model["build"] = {"ok": False, "warnings": warnings}
        (Path(app.doctreedir) / ENV_PICKLE_FILENAME).unlink(missing_ok=True)
    outdir = Path(app.outdir)
    for record in model["objects"]:
        target = html.escape("../" + record["url"], quote=True)
        page = REDIRECT.format(title=html.escape(record["title"]), target=target)
        path = outdir / record["permalink"]
        data = page.encode("utf-8")
        # Tiny redirect pages: written in place (a temporary file each would cost more than the page).
        if not path.exists() or path.read_bytes() != data:
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
    write_atomic(outdir / SCHEMA_FILE, SCHEMA_SOURCE.read_bytes())
    write_atomic(outdir / MODEL_FILE, dump_model(model))
    from .search import write_search_data

    write_search_data(app, model)
