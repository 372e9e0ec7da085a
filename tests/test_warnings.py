"""Every bad input is a typed warning naming the file and line, so `-W` builds fail loudly."""

from __future__ import annotations

import pytest

from conftest import warnings_of

EXPECTED = [
    # (file, line, type, words that explain the fix)
    ("b.md", 3, "pm.duplicate-id", "already defined in"),
    ("a.md", 9, "pm.id-prefix", "rename it 'term-wrong-prefix'"),
    ("a.md", 15, "pm.unknown-target", "'term-does-not-exist'"),
    ("a.md", 22, "pm.unknown-framework-item", "'pcf-99'"),
    ("a.md", 28, "pm.missing-field", "has no ':title:'"),
    ("b.md", 9, "pm.bad-date", "YYYY-MM-DD"),
    ("b.md", 23, "pm.bad-question", "mark the right answer"),
    ("b.md", 9, "pm.anatomy", "Why it matters"),
    ("a.md", 33, "pm.missing-field", "'out-unmapped' has no ':maps:'"),
]


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
@pytest.mark.parametrize(("filename", "line", "wtype", "hint"), EXPECTED, ids=[e[2] for e in EXPECTED])
def test_warning_names_file_line_and_type(app, filename, line, wtype, hint):
    app.build()
    found = [w for w in warnings_of(app) if f"[{wtype}]" in w]
    assert found, f"no {wtype} warning in:\n" + "\n".join(warnings_of(app))
    assert any(f"{filename}:{line}:" in w and hint in w for w in found), "\n".join(found)


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_duplicate_is_reported_once_and_first_definition_wins(app):
    app.build()
    dupes = [w for w in warnings_of(app) if "[pm.duplicate-id]" in w]
    assert len(dupes) == 1
    domain = app.env.get_domain("pm")
    assert domain.get("term-twice")["title"] == "First definition"


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True, warningiserror=True)
def test_strict_build_fails(app):
    app.build()
    assert app.statuscode == 1
