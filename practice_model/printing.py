"""Print and offline copies: a tagged PDF of the whole handbook (WeasyPrint) and an EPUB (Sphinx).

Every printed page says which version it is, when it was released, and that
printed copies go out of date. Dates come from the release, never the clock,
so the same release gives the same files.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from .errors import UserError
from .outputs import zip_bytes
from .project import Project
from .releases import existing, releases_dir

PRINT_CSS = """
@page {{
  size: A4; margin: 20mm 16mm 22mm 16mm;
  @top-center {{ content: "{title}, {edition}"; font-size: 8pt; color: #444; }}
  @bottom-left {{ content: "Printed copies go out of date. Check the online handbook before relying on this page."; font-size: 7.5pt; color: #444; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #444; }}
}}
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, .bd-footer-article, .prev-next-area, .headerlink,
.bd-header-article, .skip-link, #pst-back-to-top, .bd-search, .pst-async-banner-revealer, .sd-summary-state-marker {{ display: none !important; }}
.bd-main, .bd-content, .bd-article-container, .bd-page-width {{ max-width: none !important; width: auto !important; }}
body {{ font-size: 10.5pt; }}
details.pm-answer {{ display: none; }}
h1 {{ break-before: page; }}
.pm-object, table, figure {{ break-inside: avoid; }}
a {{ color: inherit; text-decoration: none; }}
/* Each standard on a new page; a contents list with page numbers (sections marked by prepare_for_print). */
.pm-print-new-page {{ break-before: page; }}
nav.pm-print-contents {{ break-after: page; }}
nav.pm-print-contents ul {{ list-style: none; padding-left: 0; margin: 0; }}
nav.pm-print-contents ul ul {{ padding-left: 1.5em; }}
nav.pm-print-contents a::after {{ content: leader(". ") target-counter(attr(href), page); }}
/* Web-only text and controls stay off paper; amendment boxes always print. */
.pm-web-only, .pm-copy-link, .pm-feedback-link, .pm-page-footer, .pm-search-note {{ display: none !important; }}
ol.pm-steps {{ list-style: decimal; padding-left: 1.5em; }}
ol.pm-steps > li {{ border-left: none; padding-left: 0; }}
ol.pm-steps > li::before {{ content: none; }}
.pm-amendment {{ display: block !important; break-inside: avoid; }}
"""

# Removed from the printed copy (paper cannot search or copy a link); an amendment box is never removed.
WEB_ONLY = ("pm-web-only", "pm-copy-link", "pm-feedback-link", "pm-page-footer", "pm-search-note")
CONTENTS_DEPTH = 2


def release_info(project: Project) -> tuple[str, str]:
    versions = existing(project.source)
    if not versions:
        return "draft", ""
    data = json.loads((releases_dir(project.source) / f"{versions[-1]}.json").read_text())
    return versions[-1], data["date"]


def _sphinx(project: Project, builder: str, out: Path, env: dict | None = None, *extra: str) -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", builder, "-c", str(project.root), *extra,
                             str(project.source), str(out)], env={**os.environ, **(env or {})}, capture_output=True, text=True)
    if result.returncode != 0:
        raise UserError(f"the {builder} build failed:\n{result.stderr[-1500:]}", str(project.source))


# Same bytes every time: WeasyPrint (Pango, HarfBuzz, fontconfig) keeps font state for the life of a
# process, so a second print in one process could embed a different font subset than the first. Each
# print therefore runs in a fresh process with a pinned environment, from a fresh single-page build.
PINNED_ENV = {"PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8", "TZ": "UTC"}


def build_pdf(project: Project, target: Path) -> Path:
    import importlib.util
    import shutil
    import subprocess
    import sys
    import tempfile

    if importlib.util.find_spec("weasyprint") is None:
        raise UserError("printing a PDF needs WeasyPrint: install it with pip install 'practice-model[print]' "
                        "(and Debian's libpango, which chromium brings)")
    version, date = release_info(project)
    edition = f"version {version}, released {date}" if version != "draft" else "draft, not yet released"
    css = PRINT_CSS.format(title="Practice model handbook", edition=edition)
    target.parent.mkdir(parents=True, exist_ok=True)
    single = project.root / "_build" / "print"
    shutil.rmtree(single, ignore_errors=True)
    # The website theme's full-height layout is for screens; print from Sphinx's plain theme.
    _sphinx(project, "singlehtml", single, PINNED_ENV, "-E", "-D", "html_theme=basic")
    with tempfile.TemporaryDirectory(prefix=".print-", dir=target.parent) as work:
        tmp = Path(work) / "handbook.pdf"
        result = subprocess.run([sys.executable, "-m", "practice_model.printing", str(single / "index.html"), str(tmp)],
                                input=css, env={**os.environ, **PINNED_ENV}, capture_output=True, text=True)
        if result.returncode != 0 or not tmp.exists():
            raise UserError(f"printing failed:\n{result.stderr[-1500:]}", str(project.source))
        os.replace(tmp, target)
    return target


def _base_url(built: Path) -> str:
    model = built / "practice-model.json"
    if model.exists():
        return json.loads(model.read_text(encoding="utf-8"))["handbook"].get("base_url") or ""
    return ""


def point_links_at_the_website(page, base_url: str) -> None:
    """A link to another built page means nothing on paper (and would embed this machine's paths):
    point it at the published handbook when its address is set, otherwise keep the text without a link."""
    for link in page.iter("a"):
        href = link.get("href") or ""
        if not href or href.startswith("#") or "://" in href or href.startswith("mailto:"):
            continue
        if base_url:
            link.set("href", base_url.rstrip("/") + "/" + href.removeprefix("./"))
        else:
            del link.attrib["href"]


def _has_class(element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def _by_class(page, name: str) -> list:
    return page.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


def _document_sections(page) -> list:
    """The section each handbook page became in the single-page build (Sphinx marks its start with span#document-*)."""
    found = []
    for marker in page.xpath("//span[starts-with(@id, 'document-')]"):
        following = marker.getnext()
        if following is not None and following.tag == "section" and following.get("id"):
            found.append(following)
    return found


def _heading_text(section) -> str:
    heading = next((child for child in section if child.tag in ("h1", "h2", "h3", "h4", "h5", "h6")), None)
    if heading is None:
        return ""
    return "".join(t for t in heading.itertext() if t != "\u00b6").strip()


def prepare_for_print(page) -> None:
    """Shape the single-page build for paper: web-only parts removed, each standard's page starting a new
    printed page, and a contents list whose links the print CSS follows to page numbers."""
    import lxml.html

    def web_only(element) -> bool:
        keep = _has_class(element, "pm-amendment") or element.xpath(".//*[contains(@class, 'pm-amendment')]")
        return not keep and any(_has_class(element, name) for name in WEB_ONLY)

    doomed = [e for name in WEB_ONLY for e in _by_class(page, name) if web_only(e)]
    # A section holding nothing but web-only text (the search tips) goes, heading and all.
    doomed += [s for s in {id(e.getparent()): e.getparent() for e in doomed if e.getparent() is not None}.values()
               if s.tag == "section" and all(c.tag in ("h1", "h2", "h3", "h4", "h5", "h6") or web_only(c) for c in s)]
    for element in doomed:
        if element.getparent() is not None and not any(a in doomed for a in element.iterancestors()):
            element.drop_tree()
    for box in _by_class(page, "pm-amendment"):
        if box.tag == "details":
            box.set("open", "open")
    documents = _document_sections(page)
    for standard in _by_class(page, "pm-standard"):
        home = next((s for s in standard.iterancestors("section") if s in documents), None)
        home = home if home is not None else next(standard.iterancestors("section"), None)
        if home is not None:
            home.set("class", ((home.get("class") or "") + " pm-print-new-page").strip())
    if not documents:
        return
    depth = {id(s): sum(1 for a in s.iterancestors("section") if a in documents) for s in documents}
    items = [(depth[id(s)], s.get("id"), _heading_text(s)) for s in documents if depth[id(s)] < CONTENTS_DEPTH]
    nav = lxml.html.Element("nav", {"class": "pm-print-contents", "aria-label": "Contents"})
    lxml.html.etree.SubElement(nav, "h2").text = "Contents"
    lists = [lxml.html.etree.SubElement(nav, "ul")]
    for level, target, title in items:
        while len(lists) > level + 1:
            lists.pop()
        while len(lists) < level + 1:
            parent = lists[-1][-1] if len(lists[-1]) else lxml.html.etree.SubElement(lists[-1], "li")
            lists.append(lxml.html.etree.SubElement(parent, "ul"))
        entry = lxml.html.etree.SubElement(lxml.html.etree.SubElement(lists[-1], "li"), "a", {"href": f"#{target}"})
        entry.text = title
    first = documents[0]
    first.addprevious(nav)


def render_pdf(index_html: Path, out: Path, css: str) -> None:
    """Render one single-page HTML file to a tagged PDF (PDF/UA-1); run in its own process by build_pdf."""
    import lxml.html
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    page = lxml.html.parse(str(index_html))
    point_links_at_the_website(page, _base_url(index_html.parent))
    prepare_for_print(page)
    document = HTML(string=lxml.html.tostring(page, encoding="unicode"), base_url=str(index_html),
                    url_fetcher=URLFetcher(allowed_protocols={"file"}))  # local files only
    document.write_pdf(str(out), stylesheets=[CSS(string=css)], pdf_variant="pdf/ua-1", uncompressed_pdf=False,
                       custom_metadata=True)


def normalise_epub(path: Path) -> None:
    """Fixed entry dates, mimetype first and stored: the same release gives the same EPUB."""
    with zipfile.ZipFile(path) as source:
        files = {name: source.read(name) for name in source.namelist()}
    tmp = path.with_suffix(".epub.tmp")
    tmp.write_bytes(zip_bytes(files, first=["mimetype"], stored=["mimetype"]))
    os.replace(tmp, path)


def build_epub(project: Project, target: Path) -> Path:
    import datetime

    _, date = release_info(project)
    when = datetime.date.fromisoformat(date) if date else datetime.date(2000, 1, 1)
    epoch = str(int(datetime.datetime(when.year, when.month, when.day, tzinfo=datetime.timezone.utc).timestamp()))
    out = project.root / "_build" / "epub"
    _sphinx(project, "epub", out, {"SOURCE_DATE_EPOCH": epoch})
    built = next(out.glob("*.epub"))
    normalise_epub(built)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(built, target)
    return target


if __name__ == "__main__":
    import sys

    render_pdf(Path(sys.argv[1]), Path(sys.argv[2]), sys.stdin.read())
