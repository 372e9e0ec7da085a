"""The PSW's preview loop: `make serve` rebuilds on save and reloads the browser, on loopback only (issue 20)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(*args: str) -> str:
    # -n prints the recipe without running it; -o keeps the venv stamp from being (re)made.
    result = subprocess.run(["make", "-n", "-o", ".venv/.installed-stamp", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout


@needs_make
def test_serve_rebuilds_on_save_on_loopback_and_the_chosen_port():
    recipe = dry_run("serve", "PORT=8123")
    assert "sphinx-autobuild" in recipe  # rebuilds on save and reloads the browser
    assert "--host 127.0.0.1" in recipe and "0.0.0.0" not in recipe
    assert "--port 8123" in recipe
    assert re.search(r"-c \. docs _build/html\b", recipe)  # the same source, configuration and output as make html


@needs_make
def test_html_stays_strict_and_does_not_start_a_server():
    recipe = dry_run("html")
    assert "sphinx-build -W --keep-going -c . docs _build/html" in recipe
    assert "autobuild" not in recipe and "http.server" not in recipe


def test_autobuild_is_in_the_handbook_extra_with_a_version_range():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    spec = next(s for s in extras["handbook"] if s.startswith("sphinx-autobuild"))
    assert ">=" in spec and "<" in spec.replace("<=", "")
