"""Word documents, fast: the body is built with lxml and packaged inside python-docx's own default template.

python-docx's object model costs about 40 ms a document (style look-ups and
package handling); the handbook writes thousands of exercise files and a
30-learner quiz must be ready in under a second. So documents are written
here as WordprocessingML into python-docx's template package (its styles,
numbering and relationships), with A4 pages and fixed dates, and the tests
open every file with python-docx to prove it reads them.
"""

from __future__ import annotations

import functools
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .outputs import zip_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>"""


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


DYNAMIC = ("word/document.xml", "docProps/core.xml")


@functools.lru_cache(maxsize=1)
def _template_zip() -> bytes:
    """The shipped Word template (python-docx's default, MIT; see templates/word/) without the parts each
    document replaces, compressed once."""
    path = Path(__file__).parent / "templates" / "word" / "default.docx"
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist() if name not in DYNAMIC}
    return zip_bytes(parts, first=["[Content_Types].xml"])


class WordDocument:
    def __init__(self):
        self.body = etree.Element(_w("body"), nsmap={"w": W})

    def _paragraph(self, runs: list[Run], style: str | None) -> etree._Element:
        p = etree.SubElement(self.body, _w("p"))
        if style:
            etree.SubElement(etree.SubElement(p, _w("pPr")), _w("pStyle"), {_w("val"): style})
        for run in runs:
            self._run(p, run)
        return p

    @staticmethod
    def _run(parent, run: Run) -> None:
        r = etree.SubElement(parent, _w("r"))
        if run.bold or run.italic:
            props = etree.SubElement(r, _w("rPr"))
            if run.bold:
                etree.SubElement(props, _w("b"))
            if run.italic:
                etree.SubElement(props, _w("i"))
        lines = run.text.split("\n")
        for index, line in enumerate(lines):
            if index:
                etree.SubElement(r, _w("br"))
            t = etree.SubElement(r, _w("t"))
            t.text = line
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def heading(self, text: str | list[Run], level: int = 1) -> None:
        self._paragraph([Run(text)] if isinstance(text, str) else text, "Title" if level == 0 else f"Heading{min(level, 3)}")

    def paragraph(self, text: str | list[Run], style: str | None = None) -> None:
        self._paragraph([Run(text)] if isinstance(text, str) else text, style)

    def bullet(self, text: str | list[Run]) -> None:
        self.paragraph(text, "ListBullet")

    def numbered(self, text: str | list[Run]) -> None:
        self.paragraph(text, "ListNumber")

    def table(self, rows: list[list[str | list[Run]]], header: bool = True) -> None:
        tbl = etree.SubElement(self.body, _w("tbl"))
        props = etree.SubElement(tbl, _w("tblPr"))
        etree.SubElement(props, _w("tblStyle"), {_w("val"): "TableGrid"})
        etree.SubElement(props, _w("tblW"), {_w("w"): "5000", _w("type"): "pct"})
        columns = max(len(r) for r in rows)
        grid = etree.SubElement(tbl, _w("tblGrid"))
        for _ in range(columns):
            etree.SubElement(grid, _w("gridCol"), {_w("w"): str(9000 // columns)})
        for number, row in enumerate(rows):
            tr = etree.SubElement(tbl, _w("tr"))
            if header and number == 0:
                etree.SubElement(etree.SubElement(tr, _w("trPr")), _w("tblHeader"))
            for cell in list(row) + [""] * (columns - len(row)):
                tc = etree.SubElement(tr, _w("tc"))
                p = etree.SubElement(tc, _w("p"))
                runs = [Run(cell, bold=header and number == 0)] if isinstance(cell, str) else cell
                for run in runs:
                    self._run(p, run)
        etree.SubElement(self.body, _w("p"))  # Word needs a paragraph between adjacent tables

    def write_space(self, lines: int) -> None:
        """A box to write in."""
        self.table([["\n" * max(1, lines)]], header=False)

    def to_bytes(self, title: str = "", author: str = "") -> bytes:
        section = etree.SubElement(self.body, _w("sectPr"))
        etree.SubElement(section, _w("pgSz"), {_w("w"): "11906", _w("h"): "16838"})  # A4
        etree.SubElement(section, _w("pgMar"), {_w(k): v for k, v in (("top", "1134"), ("right", "1134"), ("bottom", "1134"),
                                                                      ("left", "1134"), ("header", "709"), ("footer", "709"), ("gutter", "0"))})
        document = etree.Element(_w("document"), nsmap={"w": W})
        document.append(self.body)
        xml = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
        escape = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # noqa: E731
        core = CORE.format(title=escape(title), author=escape(author)).encode("utf-8")
        # Append to the pre-compressed template: the large style parts are not compressed again.
        return zip_bytes({"word/document.xml": xml, "docProps/core.xml": core}, first=DYNAMIC, base=_template_zip())
