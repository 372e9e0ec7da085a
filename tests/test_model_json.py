"""The model export: schema-valid, complete, deterministic, and the same in parallel."""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import jsonschema
import pytest

from conftest import read_model
from practice_model.export import SCHEMA_SOURCE

SNAPSHOT = Path(__file__).parent / "snapshots" / "basic-model.json"


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_model_matches_schema_and_snapshot(app):
    app.build()
    model = read_model(app)
    jsonschema.validate(model, json.loads(SCHEMA_SOURCE.read_text()))
    kinds = {o["kind"] for o in model["objects"]}
    assert {"principle", "standard", "module", "outcome", "term", "question", "prompt", "theme"} <= kinds
    text = (Path(app.outdir) / "practice-model.json").read_text()
    previous = SNAPSHOT.read_text() if SNAPSHOT.exists() else ""
    if text == previous:
        return
    diff = snapshot_diff(previous, text)
    if os.environ.get("PM_UPDATE_SNAPSHOTS") == "1":
        # Updating never passes a changed model: it rewrites the snapshot and fails with what changed.
        SNAPSHOT.write_text(text)
        pytest.fail(f"snapshot rewritten; review `git diff tests/snapshots/{SNAPSHOT.name}`, commit it and rerun without "
                    f"PM_UPDATE_SNAPSHOTS:\n{diff}")
    pytest.fail(f"model changed: if intended, rerun with PM_UPDATE_SNAPSHOTS=1 and review the diff:\n{diff}")


def snapshot_diff(old: str, new: str, limit: int = 60) -> str:
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), "snapshot", "this build", lineterm=""))
    return "\n".join(lines[:limit] + ([f"... {len(lines) - limit} more lines"] if len(lines) > limit else []))


def test_schema_checks_theme_findings():
    schema = json.loads(SCHEMA_SOURCE.read_text())
    model = json.loads(SNAPSHOT.read_text())
    theme = next(o for o in model["objects"] if o["kind"] == "theme")
    jsonschema.validate(model, schema)
    for broken in ({"kind": "problem", "text": "t", "source": "s"}, {"kind": "gap", "text": "t"}):
        theme["fields"]["findings"] = [broken]
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(model, schema)


@pytest.mark.sphinx("html", testroot="basic", freshenv=True, confoverrides={"pm_base_url": "https://handbook.example.org"})
def test_absolute_urls_when_base_url_set(app):
    app.build()
    std = next(o for o in read_model(app)["objects"] if o["id"] == "std-chronologies")
    assert std["absolute_url"] == "https://handbook.example.org/standard.html#std-chronologies"
    assert std["absolute_permalink"] == "https://handbook.example.org/go/std-chronologies.html"


def test_parallel_build_gives_the_same_model(make_app, rootdir, tmp_path):
    import shutil

    outputs = []
    for jobs in (1, 2):
        src = tmp_path / f"src{jobs}"
        shutil.copytree(rootdir / "test-basic", src)
        app = make_app("html", srcdir=src, parallel=jobs, freshenv=True)
        app.build()
        outputs.append((Path(app.outdir) / "practice-model.json").read_bytes())
        app.cleanup()
    assert outputs[0] == outputs[1]


def test_same_sources_same_bytes(make_app, rootdir, tmp_path):
    import shutil

    outputs = []
    for run in range(2):
        src = tmp_path / f"run{run}"
        shutil.copytree(rootdir / "test-basic", src)
        app = make_app("html", srcdir=src, freshenv=True)
        app.build()
        outputs.append((Path(app.outdir) / "practice-model.json").read_bytes())
        app.cleanup()
    assert outputs[0] == outputs[1]


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_published_files_are_readable_by_a_web_server(app):
    app.build()
    for name in ("practice-model.json", "practice-model.schema.json", "_static/pm-search-data.js"):
        mode = (Path(app.outdir) / name).stat().st_mode & 0o777
        assert mode & 0o044 == 0o044, f"{name} has mode {oct(mode)}"
