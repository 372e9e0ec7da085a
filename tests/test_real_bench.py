"""The real-handbook benchmark: its plain baseline keeps the words, and its page reports what it measured (issue 20)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import bench  # noqa: E402
import plainify  # noqa: E402


def test_plain_page_keeps_the_words_and_drops_the_extension():
    page = (ROOT / "docs" / "standards" / "assessment.md").read_text(encoding="utf-8")
    plain = plainify.plain_markdown(page)
    assert "{pm:" not in plain and ":difficulty:" not in plain
    assert ":::{admonition} standard std-assessment" in plain
    assert "Which sentence belongs in an assessment's analysis rather than its description?" in plain
    # Generated listings have no body in the source; the admonition gets a placeholder so it is valid.
    assert plainify.plain_markdown(":::{pm:list} standard\n:style: exercises\n:::\n") == \
        ":::{admonition} list standard\n\n(generated content)\n:::\n"
    assert plainify.plain_markdown("See [](#std-x) and [the standard](#std-y), {pm:cite}`src-a`.\n") == \
        "See std-x and the standard, `src-a`.\n"


def test_real_figures_page_says_when_printing_passed_the_limit():
    real = {"pages": 80, "plain_s": 10.0, "full_s": 15.0, "overhead": 1.5, "body_edit_s": 3.0, "body_edit_vs_full": 0.2,
            "title_edit_s": 6.0, "title_edit_vs_full": 0.4, "print_pdf_s": None, "print_measured": True,
            "quiz_30_all_formats_s": 1.0, "peak_mib": 300}
    report = {"machine": {"cpus": 2, "platform": "Linux", "python": "3.11", "sphinx": "9"}, "runs": 1, "date": "2026-12-01",
              "real": real}
    text = bench.real_markdown(report)
    assert "> 5 min (stopped)" in text and "2026-12-01" in text and "2 CPUs" in text and "1.50x" in text
