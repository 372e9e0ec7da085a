"""Shared fixtures: Sphinx's own testing fixtures, with our test projects in tests/roots/."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import lxml.html
import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def read_model(app) -> dict:
    return json.loads((Path(app.outdir) / "practice-model.json").read_text(encoding="utf-8"))


def warnings_of(app) -> list[str]:
    """Warning lines with ANSI colour removed."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium, or a skip (a failure when PM_REQUIRE_BROWSER=1, as in CI)."""
    path = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if path is None:
        message = "Chromium is not installed (apt-get install chromium); browser tests need it"
        if os.environ.get("PM_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


AXE = REPO / "tools" / "browser" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script (from npm), or a skip (a failure when PM_REQUIRE_BROWSER=1, as in CI)."""
    if not AXE.exists():
        message = "axe-core is not installed (npm ci --prefix tools/browser); accessibility tests need it"
        if os.environ.get("PM_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def handbook(tmp_path_factory) -> Path:
    """The real handbook, built once with warnings as errors (as `make html` does)."""
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("handbook") / "html"
    code = build_main(["-q", "-W", "--keep-going", "-c", str(REPO), str(REPO / "docs"), str(out)])
    assert code == 0, "the handbook does not build cleanly; run `make html` to see why"
    return out


def findings_blocks(page: str, theme_id: str) -> dict[str, tuple[str, str]]:
    """For one theme: each findings block's kind -> (its heading, its list's text)."""
    section = lxml.html.fromstring(page).get_element_by_id(theme_id)
    blocks = {}
    for block in section.find_class("pm-findings"):
        kind = next(c for c in block.classes if c.startswith("pm-findings-")).removeprefix("pm-findings-")
        heading = block.xpath("./h3")
        assert heading, f"{theme_id}: the {kind} findings have no heading"
        blocks[kind] = (heading[0].text_content().strip(), " ".join(block.xpath("./ul")[0].text_content().split()))
    return blocks


def copy_project(tmp_path: Path, conf_extra: str = "") -> Path:
    """test-basic laid out like a real project: conf.py at the top, sources in docs/."""
    root = ROOTS / "test-basic"
    shutil.copytree(root, tmp_path / "docs", ignore=shutil.ignore_patterns("conf.py", "_build"))
    conf = (root / "conf.py").read_text().replace('"_data/themes.toml"', '"docs/_data/themes.toml"')
    (tmp_path / "conf.py").write_text(conf + conf_extra)
    return tmp_path


QUIZ_FIXTURE = ROOTS.parent / "fixtures" / "quiz"


@pytest.fixture(scope="module")
def model_path(tmp_path_factory) -> Path:
    """The model of the test-basic project, built strictly once per test module (quiz, mark and rules tests)."""
    from sphinx.cmd.build import build_main

    base = tmp_path_factory.mktemp("model")
    shutil.copytree(ROOTS / "test-basic", base / "src")
    assert build_main(["-q", "-W", str(base / "src"), str(base / "html")]) == 0
    return base / "html" / "practice-model.json"


@pytest.fixture()
def quiz_dir(tmp_path) -> Path:
    """A copy of the test quiz fixture (blueprints and banks) that a test may change."""
    shutil.copytree(QUIZ_FIXTURE, tmp_path / "quizzes")
    return tmp_path / "quizzes"


class PlainRenderer:
    """Text as HTML-escaped paragraphs, without Markdown: isolates an export format's own escaping."""

    model = None

    def html(self, text):
        return html.escape(text)

    inline_html = html

    def text(self, text):
        return text
