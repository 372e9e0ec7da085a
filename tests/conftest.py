"""Shared fixtures: Sphinx's own testing fixtures, with our test projects in tests/roots/."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

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
