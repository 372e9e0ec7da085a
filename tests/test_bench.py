"""The benchmark keeps working: a tiny corpus, one run. (It times nothing here; figures are in the docs.)"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TOOLS = Path(__file__).parent.parent / "tools"
sys.path.insert(0, str(TOOLS))

import bench  # noqa: E402
import synth  # noqa: E402


def test_synthetic_corpus_is_deterministic(tmp_path):
    for name in ("a", "b"):
        synth.write_project(tmp_path / name, 12, 7, pm=True)
    for path in (tmp_path / "a").rglob("*.md"):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()


def test_quick_benchmark_runs(tmp_path):
    assert bench.main(["--sizes", "12", "--runs", "1", "--out", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "results.json").read_text())
    row = report["sizes"][0]
    assert row["pages"] == 12 and row["one_page_edit_model_correct"] is True
    for key in ("overhead", "overhead_without_exercises", "edit_vs_full", "quiz_30_all_formats_s", "peak_mib", "search_index_mib"):
        assert row[key] > 0
    assert "| 12 |" in (tmp_path / "results.md").read_text()
