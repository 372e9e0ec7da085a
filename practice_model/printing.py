"""Print and offline copies: a tagged PDF of the whole handbook (WeasyPrint) and an EPUB (Sphinx).

Every printed page says which version it is, when it was released, and that
printed copies go out of date. Dates come from the release, never the clock,
so the same release gives the same files.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

from .errors import UserError
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
"""


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


def build_pdf(project: Project, target: Path) -> Path:
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    version, date = release_info(project)
    single = project.root / "_build" / "singlehtml"
    # The website theme's full-height layout is for screens; print from Sphinx's plain theme.
    _sphinx(project, "singlehtml", single, None, "-D", "html_theme=basic")
    edition = f"version {version}, released {date}" if version != "draft" else "draft, not yet released"
    css = PRINT_CSS.format(title="Practice model handbook", edition=edition)
    document = HTML(filename=str(single / "index.html"), url_fetcher=URLFetcher(allowed_protocols={"file"}))  # local files only: no network, nothing that changes
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".pdf.tmp")
    document.write_pdf(str(tmp), stylesheets=[CSS(string=css)], pdf_variant="pdf/ua-1", uncompressed_pdf=False,
                       custom_metadata=True)
    os.replace(tmp, target)
    return target


def normalise_epub(path: Path) -> None:
    """Fixed entry dates, mimetype first and stored: the same release gives the same EPUB."""
    source = zipfile.ZipFile(path)
    names = source.namelist()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in ["mimetype"] + sorted(n for n in names if n != "mimetype"):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    source.close()
    tmp = path.with_suffix(".epub.tmp")
    tmp.write_bytes(buffer.getvalue())
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
