"""The benchmark keeps working and its figures hang together: a tiny corpus, one run.

Wall-clock times on a tiny corpus are mostly start-up and vary with the machine's load
(a one-page edit measured 115% of a full build at 12 pages on a busy two-core machine),
so speed is checked by the work each build did, and times only for consistency.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

TOOLS = Path(__file__).parent.parent / "tools"
sys.path.insert(0, str(TOOLS))

import bench  # noqa: E402
import synth  # noqa: E402
from practice_model.exercises.plan import PACKAGE_FOLDER  # noqa: E402

PLAN = PACKAGE_FOLDER / "plan.toml"

PAGES = 12
OLD_STAMP = 1_000_000_000 * 10**9  # 2001-09-09, in nanoseconds: any rewrite changes it
FIGURES = {"pages", "full_s", "full_without_exercises_s", "plain_s", "j2_s", "peak_mib", "plain_peak_mib", "one_page_edit_s",
           "one_page_edit_model_correct", "model_mib", "model_load_s", "search_index_mib", "quiz_30_all_formats_s",
           "exercises_all_s", "exercises_files", "overhead", "overhead_without_exercises", "edit_vs_full"}


def test_synthetic_corpus_is_deterministic(tmp_path):
    for name in ("a", "b"):
        synth.write_project(tmp_path / name, 12, 7, pm=True)
    for path in (tmp_path / "a").rglob("*.md"):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()


def test_quick_benchmark_figures_are_consistent(tmp_path, monkeypatch):
    # Keep the benchmark's working folder, to compare its figures with the corpus and builds behind them.
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setattr(bench, "tempfile", SimpleNamespace(TemporaryDirectory=lambda prefix: contextlib.nullcontext(str(work))))
    stamped: dict[str, list[Path]] = {}
    real_edit = bench.edit_one_page

    def edit_after_stamping(project: Path, run: int) -> Path:
        out = project / "_build" / "html"
        stamped["files"] = [p for p in out.rglob("*") if p.suffix in (".html", ".doctree")]
        for path in stamped["files"]:
            os.utime(path, ns=(OLD_STAMP, OLD_STAMP))
        stamped["edited"] = [real_edit(project, run)]
        return stamped["edited"][0]

    monkeypatch.setattr(bench, "edit_one_page", edit_after_stamping)
    assert bench.main(["--sizes", str(PAGES), "--runs", "1", "--out", str(tmp_path / "out")]) == 0
    report = json.loads((tmp_path / "out" / "results.json").read_text())
    assert report["runs"] == 1 and len(report["sizes"]) == 1
    row = report["sizes"][0]
    assert set(row) == FIGURES

    # Page counts match the corpus the benchmark built.
    pm = work / f"corpus-{PAGES}" / "pm"
    counts = synth.split(PAGES)
    for project in (pm, pm.parent / "plain"):
        pages = {kind: len(list((project / "docs" / folder).glob("*.md")))
                 for kind, folder in (("standards", "standards"), ("modules", "modules"), ("glossary", "glossary"))}
        assert pages == counts and sum(pages.values()) == row["pages"] == PAGES
    html = pm / "_build" / "html"
    model = json.loads((html / "practice-model.json").read_text())
    kinds = [o["kind"] for o in model["objects"]]
    assert kinds.count("standard") == counts["standards"] and kinds.count("module") == counts["modules"]
    subjects = counts["standards"] + counts["modules"]
    # The synthetic subjects are not in the exercise plan, so each gets its [default] exercises (#17: no longer every kind).
    default = len(tomllib.loads(PLAN.read_text())["default"])
    assert row["exercises_files"] == subjects * default * 4  # md, html, docx, moodle
    assert row["one_page_edit_model_correct"] is True
    assert row["model_mib"] == round((html / "practice-model.json").stat().st_size / 2**20, 2) > 0
    assert row["search_index_mib"] == round((html / "searchindex.js").stat().st_size / 2**20, 2) > 0

    # Times are real durations, and the ratios are computed from them.
    for key in FIGURES:
        if key.endswith("_s"):
            assert math.isfinite(row[key]) and 0 < row[key] < 600, (key, row[key])
    assert math.isclose(row["overhead"], row["full_s"] / row["plain_s"])
    assert math.isclose(row["overhead_without_exercises"], row["full_without_exercises_s"] / row["plain_s"])
    assert math.isclose(row["edit_vs_full"], row["one_page_edit_s"] / row["full_s"])
    assert 20 < row["plain_peak_mib"] <= 4096 and 20 < row["peak_mib"] <= 4096

    # The one-page edit was incremental: Sphinx re-read only the edited page and rewrote only some pages.
    edited = stamped["edited"][0].relative_to(pm / "docs").with_suffix("")
    rewritten = [p for p in stamped["files"] if p.stat().st_mtime_ns != OLD_STAMP]
    reread = sorted(p.relative_to(html / ".doctrees").with_suffix("") for p in rewritten if p.suffix == ".doctree")
    assert reread == [edited]
    written = [p for p in rewritten if p.suffix == ".html"]
    assert html / edited.with_suffix(".html") in written
    assert len(written) < len([p for p in stamped["files"] if p.suffix == ".html"]) / 2

    # The report shows that one size in both tables, with the same figures.
    table = (tmp_path / "out" / "results.md").read_text()
    rows = [line.split(" | ") for line in table.splitlines() if line.startswith(f"| {PAGES} |")]
    assert len(rows) == 2
    assert rows[0][1] == f"{row['full_s']:.1f} s" and rows[0][4] == f"{row['overhead']:.2f}x"
    assert rows[0][7] == f"{row['edit_vs_full']:.0%}" and "model wrong" not in rows[0][6]
    assert rows[1][4] == f"{row['exercises_all_s']:.1f} s ({row['exercises_files']} files)"
