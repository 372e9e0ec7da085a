"""Markdown to HTML and plain text for exports, with handbook links turned into permalinks.

Raw HTML in item text is escaped, never passed through, so ``<script>``
shows as text in every format.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html
from markdown_it import MarkdownIt

from ..model import Model

LINK = re.compile(r"\[([^\]]*)\]\(#([a-z][a-z0-9-]*)\)")
_md = MarkdownIt("commonmark", {"html": False, "linkify": False})


class Renderer:
    """Renders item text; memoised, since every LMS format renders the same pooled items."""

    def __init__(self, model: Model, href=None):
        """``href``: object ID -> the link to give it (a HandbookLinks' ``object``); default: absolute links only."""
        self.model = model
        self.base = model.handbook.get("base_url") or ""
        self.href = href
        self._cache: dict[tuple[str, str], str] = {}

    def _memo(self, kind: str, text: str, make) -> str:
        key = (kind, text)
        if key not in self._cache:
            self._cache[key] = make(text)
        return self._cache[key]

    def permalink(self, object_id: str) -> str:
        obj = self.model.get(object_id)
        if obj is None:
            return ""
        return obj["absolute_permalink"] or obj["permalink"]

    def _links(self, text: str, keep_links: bool) -> str:
        def replace(match: re.Match) -> str:
            label, target = match.group(1), match.group(2)
            obj = self.model.get(target)
            title = label or (obj["title"] if obj else target)
            title = title.replace("[", "\\[").replace("]", "\\]")
            if keep_links and obj and self.href:
                return f"[{title}](<{self.href(target)}>)"
            if keep_links and obj and self.base:
                return f"[{title}]({obj['absolute_permalink']})"
            return title
        return LINK.sub(replace, text)

    def html(self, text: str) -> str:
        return self._memo("html", text, lambda t: _md.render(self._links(t, keep_links=True)).strip())

    def inline_html(self, text: str) -> str:
        return self._memo("inline", text, self._inline)

    def _inline(self, text: str) -> str:
        rendered = self.html(text)
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            return rendered[3:-4]
        return rendered

    def text(self, text: str) -> str:
        return self._memo("text", text, self._text)

    def _text(self, text: str) -> str:
        rendered = _md.render(self._links(text, keep_links=False))
        if not rendered.strip():
            return ""
        fragment = lxml_html.fragment_fromstring(rendered, create_parent="div")
        for block in fragment.iter("p", "li", "blockquote"):
            block.tail = "\n" + (block.tail or "")
        return re.sub(r"\n{3,}", "\n\n", fragment.text_content()).strip()
