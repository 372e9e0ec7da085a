"""Search that speaks social work, on top of Sphinx's own search.

After each HTML build, ``_static/pm-search-data.js`` is written from the
model (never from a hand-kept list):

* ``aliases``: every glossary acronym, synonym and older term -> the term's
  title, so "DV", "LAC" or "s47" search for what they mean;
* ``pages``: each page's kind (practice standard, CPD module, glossary...)
  and its topic words (titles and acronyms of the objects it defines), used
  by our scorer to put the page *about* a topic above pages that mention it.

``pm-search.js`` expands the query before Sphinx searches, re-scores the
results (``html_search_scorer``-style, via ``Scorer.score``) and labels each
result with its kind.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .export import write_atomic
from .kinds import KINDS

STOP = {"a", "an", "and", "the", "of", "in", "on", "for", "to", "with", "from", "at", "by", "or", "our", "we", "is", "are", "be"}
TOPIC_KINDS = ("standard", "module", "principle", "vignette")


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP]


def search_data(model: dict) -> dict:
    aliases: dict[str, str] = {}
    pages: dict[str, dict] = {}
    for obj in model["objects"]:
        docname = obj["source"]["docname"]
        page = pages.setdefault(docname, {"kind": "", "topic": []})
        if obj["kind"] in TOPIC_KINDS and KINDS[obj["kind"]].page_level:
            page["kind"] = KINDS[obj["kind"]].label
        if obj["kind"] in ("standard", "module"):
            page["topic"] += words(obj["title"])
        if obj["kind"] == "term":
            title = obj["title"]
            names = [obj["fields"].get("acronym", ""), *obj["fields"].get("synonyms", [])]
            for name in names:
                key = " ".join(re.findall(r"[a-z0-9]+", name.lower()))
                if key and key != " ".join(words(title)):
                    aliases.setdefault(key, title)
            if not page["kind"]:
                page["kind"] = "Glossary"
    for page in pages.values():
        page["topic"] = sorted(set(page["topic"]))
        if not page["kind"]:
            page["kind"] = "Page"
    return {"aliases": dict(sorted(aliases.items())), "pages": dict(sorted(pages.items()))}


def write_search_data(app, model: dict) -> None:
    data = search_data(model)
    text = "window.PM_SEARCH = " + json.dumps(data, sort_keys=True, ensure_ascii=False) + ";\n"
    write_atomic(Path(app.outdir) / "_static" / "pm-search-data.js", text.encode("utf-8"))


def add_search_scripts(app, pagename, templatename, context, doctree) -> None:
    """Only the search page needs the alias data and the ranking script."""
    if pagename == "search":
        app.add_js_file("pm-search-data.js", priority=900, loading_method="defer")
        app.add_js_file("pm-search.js", priority=901, loading_method="defer")
