"""Raw HTML that could run script is reported and left out of the published page.

Authors may write a little HTML in Markdown (``<br>``, ``<kbd>``), but a
``<script>``, an ``onerror=`` attribute or a ``javascript:`` link in a page
would run in every reader's browser. Each such raw HTML node is a typed
warning (``pm.raw-html``, so ``-W`` builds and ``practice-model check`` fail)
and is removed, so even a non-strict build never publishes it.
"""

from __future__ import annotations

from html.parser import HTMLParser

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .warnings_ import PMWarning, warn

ACTIVE_TAGS = frozenset({"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base"})
URL_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


class _ActiveContent(HTMLParser):
    """Collects what in a piece of HTML could run script (the parser decodes entities, as browsers do)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") and name != "open":  # every event handler is on...; <details open> is not one
                self.found.append(f"{name}=")
            # Browsers ignore whitespace and control characters inside a URL scheme ("java\tscript:").
            url = "".join(c for c in (value or "") if c > " ").lower()
            if url.startswith(URL_SCHEMES):
                self.found.append(f"{name}={url.split(':')[0]}:")

    handle_startendtag = handle_starttag


def active_content(html: str) -> list[str]:
    """The script-running parts of ``html`` (tags, event attributes, script URLs), in order."""
    parser = _ActiveContent()
    parser.feed(html)
    parser.close()
    return parser.found


class RawHtmlCheck(SphinxTransform):
    default_priority = 200  # after parsing, before anything copies the page's nodes

    def apply(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.raw)):
            if "html" not in node.get("format", "").split():
                continue
            found = active_content(node.astext())
            if found:
                warn(f"raw HTML with {', '.join(dict.fromkeys(found))} is not published (it could run script in "
                     "readers' browsers); remove it, or use Markdown or a directive instead", PMWarning.RAW_HTML, node)
                node.parent.remove(node)


def setup(app) -> None:
    app.add_transform(RawHtmlCheck)
