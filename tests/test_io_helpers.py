"""One writer for each rule (#14 items 3 and 4): reproducible zips, the quiz's format table, the version, no import cycle."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from io import BytesIO
from pathlib import Path

from practice_model.cli import parser
from practice_model.outputs import zip_bytes

REPO = Path(__file__).parent.parent


def test_zip_writer_gives_the_same_bytes_with_mimetype_first_and_stored():
    files = {"OEBPS/b.xhtml": b"<b/>" * 50, "mimetype": b"application/epub+zip", "META-INF/container.xml": b"<c/>" * 50}
    reordered = dict(reversed(list(files.items())))
    first = zip_bytes(files, first=["mimetype"], stored=["mimetype"])
    assert first == zip_bytes(reordered, first=["mimetype"], stored=["mimetype"])
    archive = zipfile.ZipFile(BytesIO(first))
    assert archive.namelist() == ["mimetype", "META-INF/container.xml", "OEBPS/b.xhtml"]
    assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    assert first[30:38] == b"mimetype"  # the first local header names it, uncompressed: how readers detect an EPUB
    for info in archive.infolist():
        assert info.date_time == (2000, 1, 1, 0, 0, 0) and info.external_attr >> 16 == 0o644
        assert info.compress_type == zipfile.ZIP_STORED or info.filename != "mimetype"
        assert archive.read(info) == files[info.filename]
    assert zipfile.ZipFile(BytesIO(zip_bytes(files))).namelist() == sorted(files)


def test_zip_writer_appends_to_a_base_in_the_order_given():
    base = zip_bytes({"[Content_Types].xml": b"t", "a.xml": b"a"}, first=["[Content_Types].xml"])
    whole = zip_bytes({"word/document.xml": b"d", "docProps/core.xml": b"c"}, first=["word/document.xml", "docProps/core.xml"],
                      base=base)
    names = zipfile.ZipFile(BytesIO(whole)).namelist()
    assert names == ["[Content_Types].xml", "a.xml", "word/document.xml", "docProps/core.xml"]


def _format_choices(command: str) -> list[str]:
    """The formats a subcommand's --format help lists ('comma list of a, b, or 'all'')."""
    sub = next(a for a in parser()._actions if a.dest == "command").choices[command]
    help_text = next(a for a in sub._actions if "--format" in a.option_strings).help
    return re.fullmatch(r"comma list of (.+), or 'all' \(default\)", help_text).group(1).split(", ")


def test_quiz_exporter_table_is_the_cli_format_choices():
    from practice_model.quiz.exporters import EXPORTERS
    from practice_model.quiz.run import parse_formats

    assert list(EXPORTERS) == _format_choices("quiz") == parse_formats("all")


def test_exercise_format_table_is_the_cli_format_choices():
    from practice_model.exercises.formats import FORMATS
    from practice_model.exercises.run import parse_formats

    assert list(FORMATS) == _format_choices("exercises") == parse_formats("all")


def test_version_is_written_once():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "practice_model.version.__version__"}


def test_search_data_writer_does_not_import_the_model_export():
    """The one import cycle was export <-> search (for write_atomic); both now take it from outputs."""
    code = "import sys, practice_model.search; print('practice_model.export' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "False"
