"""Print and offline copies: a tagged PDF and an EPUB, each page marked with its version; same release, same bytes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conftest import copy_project

from practice_model.cli import main

ROOT = Path(__file__).parent / "roots" / "test-basic"


@pytest.fixture()
def project(tmp_path):
    copy_project(tmp_path)
    return tmp_path


def test_pdf_is_tagged_marked_and_reproducible(project, capsys):
    pypdf = pytest.importorskip("pypdf")
    try:
        import weasyprint  # noqa: F401  (needs Debian's libpango, which chromium brings)
    except OSError as exc:
        pytest.skip(f"WeasyPrint cannot load its system libraries: {exc}")
    out = project / "handbook.pdf"
    assert main(["print", "pdf", "--project", str(project), "--out", str(out)]) == 0
    first = out.read_bytes()
    reader = pypdf.PdfReader(out)
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert len(reader.pages) >= 2
    for page in reader.pages:
        text = page.extract_text()
        assert "Printed copies go out of date" in text and "draft, not yet released" in text
    assert main(["print", "pdf", "--project", str(project), "--out", str(out)]) == 0
    assert out.read_bytes() == first


def test_epub_is_reproducible(project):
    out = project / "handbook.epub"
    assert main(["print", "epub", "--project", str(project), "--out", str(out)]) == 0
    first = out.read_bytes()
    archive = zipfile.ZipFile(out)
    assert archive.namelist()[0] == "mimetype" and archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    assert not any(n.endswith("practice-model.json") or n.startswith("EPUB/go/") for n in archive.namelist())
    assert main(["print", "epub", "--project", str(project), "--out", str(out)]) == 0
    assert out.read_bytes() == first
