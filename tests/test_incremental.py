"""An edit to one page updates every page and index that shows its objects; nothing stale or duplicated."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import read_model, warnings_of

OLD_STAMP = 1_000_000_000 * 10**9  # 2001-09-09, in nanoseconds


def build(make_app, src, **kwargs):
    """Build, then release the app (so the next one in this test registers cleanly)."""
    app = make_app("html", srcdir=src, **kwargs)
    app.build()
    app.cleanup()
    return app


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_edit_one_page_updates_dependents(make_app, rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    first = build(make_app, src, freshenv=True)
    out = Path(first.outdir)
    assert "Chronologies and analysis" in (out / "standard.html").read_text()

    # Rename the module and stop it teaching the standard: only module.md changes.
    edit(src / "module.md", "# Chronologies and analysis", "# Analysing chronologies")
    edit(src / "module.md", ":teaches: std-chronologies\n", "")
    second = build(make_app, src)
    assert warnings_of(second) == []
    standard = (out / "standard.html").read_text()
    assert "Taught in" not in standard  # stale backlink gone
    assert "Analysing chronologies" in standard  # still pre-reading, with the new title
    assert "Chronologies and analysis" not in standard
    model = read_model(second)
    ids = [o["id"] for o in model["objects"]]
    assert len(ids) == len(set(ids))
    std = next(o for o in model["objects"] if o["id"] == "std-chronologies")
    assert "module.teaches" not in std["backlinks"]
    assert next(o for o in model["objects"] if o["id"] == "mod-chronologies")["title"] == "Analysing chronologies"


def test_removed_object_leaves_no_trace(make_app, rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    first = build(make_app, src, freshenv=True)
    out = Path(first.outdir)
    edit(src / "glossary.md", "term-mash", "term-multi-agency-hub")
    edit(src / "standard.md", "[](#term-mash)", "[](#term-multi-agency-hub)")
    second = build(make_app, src)
    assert warnings_of(second) == []
    assert "term-mash" not in {o["id"] for o in read_model(second)["objects"]}
    lists = (out / "lists.html").read_text()  # a listing page that was not edited
    assert "glossary.html#term-multi-agency-hub" in lists and "#term-mash" not in lists


def test_principle_index_updates(make_app, rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    build(make_app, src, freshenv=True)
    edit(src / "standard.md", ":principles: prin-safety prin-trust", ":principles: prin-trust")
    second = build(make_app, src)
    index = (Path(second.outdir) / "pm-by-principle.html").read_text()
    assert "Safety" not in index and "Trust" in index
    model_page = (Path(second.outdir) / "model.html").read_text()
    assert model_page.count("standard.html#std-chronologies") == 1


def test_exercise_pages_rewritten_only_when_they_change(make_app, rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    first = build(make_app, src, freshenv=True)
    folder = Path(first.outdir) / "exercises"
    page = folder / "std-chronologies.html"
    # Stamp every output with a time long past, so a rewrite shows whatever the file system's mtime resolution.
    outputs = sorted(p for p in folder.iterdir() if p.suffix in (".html", ".docx"))
    assert page in outputs and any(p.suffix == ".docx" for p in outputs)
    for path in outputs:
        os.utime(path, ns=(OLD_STAMP, OLD_STAMP))
    edit(src / "glossary.md", "Where agencies share information", "Where partner agencies share information")
    build(make_app, src)
    rewritten = [p.name for p in outputs if p.stat().st_mtime_ns != OLD_STAMP]
    assert rewritten == []  # unrelated edit: nothing rewritten
    edit(src / "standard.md", "## Common pitfalls\nPitfall.", "## Common pitfalls\nCopying last year's chronology without reading it again.")
    build(make_app, src)
    assert page.stat().st_mtime_ns != OLD_STAMP
    assert "Copying last year" in page.read_text()
