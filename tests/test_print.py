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


def _streams(pdf: bytes) -> list[bytes]:
    import re
    import zlib

    found = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            found.append(zlib.decompress(match.group(1)))
        except zlib.error:
            found.append(match.group(1))
    return found


def test_pdf_is_the_same_wherever_it_is_written_and_embeds_no_local_path(project, tmp_path_factory):
    """Two prints to different folders give the same bytes; links to built pages never carry this machine's paths."""
    pytest.importorskip("pypdf")
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        pytest.skip(f"WeasyPrint cannot load its system libraries: {exc}")
    first = tmp_path_factory.mktemp("one") / "a.pdf"
    second = tmp_path_factory.mktemp("two") / "deeper" / "b.pdf"
    assert main(["print", "pdf", "--project", str(project), "--out", str(first)]) == 0
    assert main(["print", "pdf", "--project", str(project), "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    for stream in [first.read_bytes(), *_streams(first.read_bytes())]:
        assert b"file://" not in stream and str(project).encode() not in stream
