"""Search that speaks social work, on top of Sphinx's own search.

After each HTML build, ``_static/pm-search-data.js`` is written from the
model and from ``search_words.toml`` (never from a list kept in JavaScript):

* ``aliases``: every glossary acronym, synonym and older term -> the term's
  title, so "DV", "LAC" or "s47" search for what they mean, and the plain
  phrases of ``search_words.toml`` ("baby not born yet" -> pre-birth);
* ``stopwords`` and ``hidden``: the handbook's extra stop words, and the
  folders of editors' and integrators' pages left out of default results;
* ``pages``: each page's kind (practice standard, CPD module, glossary...)
  and its topic words (titles and acronyms of the objects it defines), used
  by our scorer to put the page *about* a topic above pages that mention it.

Words are stemmed with Sphinx's own stemmer for the build's search language
(snowball "porter" on Sphinx 8, "english" on Sphinx 9); ``pm-search.js`` stems
the query with the same stemmer (the ``Stemmer`` of Sphinx's
``language_data.js``), so the two sides cannot drift.
"""

from __future__ import annotations

import functools
import json
import math
import re
import tomllib
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from docutils import nodes

from .kinds import KINDS
from .outputs import write_atomic

WORD_LISTS = tomllib.loads((Path(__file__).parent / "search_words.toml").read_text(encoding="utf-8"))
STOP = frozenset(WORD_LISTS["stop_words"])
PHRASES: dict[str, str] = WORD_LISTS["phrases"]
HIDDEN_FOLDERS: list[str] = WORD_LISTS["hidden_folders"]
MIN_HOME_SCORE = 6.0
TOP_WORDS = 120  # words kept per page at read time
TOP_WEIGHTS = 50  # weighted words per page in the search data


@functools.cache
def sphinx_stemmer(language: str = "en") -> Callable[[str], str]:
    """The stemmer Sphinx's search uses for ``language`` (as ``sphinx.search.IndexBuilder`` chooses it), cached per word."""
    from sphinx.search import SearchLanguage, languages

    found = languages.get(language) or languages.get(language.partition("_")[0]) or SearchLanguage
    if isinstance(found, str):
        module, name = found.rsplit(".", 1)
        found = getattr(import_module(module), name)
    return functools.lru_cache(maxsize=65536)(found({}).stem)


def search_language(app) -> str:
    return app.config.html_search_language or app.config.language or "en"


def stem(word: str, language: str = "en") -> str:
    return sphinx_stemmer(language)(word)


def words(text: str, language: str = "en") -> list[str]:
    stemmer = sphinx_stemmer(language)
    return [stemmer(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP]


def key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def search_data(model: dict, page_titles: dict[str, str], page_sections: dict[str, str] | None = None,
                page_words: dict[str, dict[str, int]] | None = None, language: str = "en") -> dict:
    # A page's summary: its standard's or module's one-minute summary, else its section headings.
    split = functools.partial(words, language=language)
    pages: dict[str, dict] = {name: {"kind": "Page", "title": sorted(set(split(title))),
                                     "summary": sorted(set(split((page_sections or {}).get(name, "")))) }
                              for name, title in page_titles.items()}
    terms = []
    for obj in model["objects"]:
        page = pages.setdefault(obj["source"]["docname"], {"kind": "Page", "title": [], "summary": []})
        kind = KINDS[obj["kind"]]
        if kind.page_level:
            page["kind"] = kind.label
            page["summary"] = sorted(set(split(obj["text"])))
        elif obj["kind"] == "term":
            terms.append(obj)
            if page["kind"] == "Page":
                page["kind"] = "Glossary"
    # How rare each word is across page titles and summaries: rare words say more about what a page is for.
    df: dict[str, int] = {}
    for page in pages.values():
        for w in set(page["title"]) | set(page["summary"]):
            df[w] = df.get(w, 0) + 1
    idf = {w: math.log((len(pages) + 1) / (n + 0.5)) for w, n in df.items()}

    aliases: dict[str, str] = {}
    homes: dict[str, str] = {}
    for term in terms:
        names = [term["title"], term["fields"].get("acronym", ""), *term["fields"].get("synonyms", [])]
        vocabulary = {w for n in names for w in split(n)}
        definition = set(split(term["text"])) - vocabulary
        best, best_score = None, 0.0
        for docname, page in pages.items():
            if page["kind"] == "Glossary":
                continue
            title, summary = set(page["title"]), set(page["summary"])
            named = vocabulary & (title | summary)
            if not named:
                continue  # the definition alone is too weak a link
            matched = named | (definition & title)
            score = sum(3 * idf.get(w, 0) for w in vocabulary & title) + sum(idf.get(w, 0) for w in vocabulary & summary)
            score += sum(idf.get(w, 0) for w in definition & title)
            score *= 1 + len(matched)  # covering more of the term's words beats sharing one common word
            score *= {"Practice standard": 1.5, "CPD module": 0.5}.get(page["kind"], 1.0)  # the standard is the page about a topic
            if score > best_score + 1e-9:
                best, best_score = docname, score
        if best_score < MIN_HOME_SCORE:
            best = None  # no page is clearly about this term: better no home than a wrong one
        for name in names:
            k = key(name)
            if not k:
                continue
            if k != key(term["title"]):
                aliases.setdefault(k, term["title"])
            if best:
                homes.setdefault(k, best)
    for docname, page in pages.items():
        page["weights"] = weights((page_words or {}).get(docname, {}), page_words or {})
    for phrase, meaning in PHRASES.items():
        aliases.setdefault(key(phrase), meaning)  # the glossary's own names come first
    return {"aliases": dict(sorted(aliases.items())), "homes": dict(sorted(homes.items())), "pages": dict(sorted(pages.items())),
            "stopwords": sorted(STOP), "hidden": HIDDEN_FOLDERS}


def weights(counts: dict[str, int], all_pages: dict[str, dict[str, int]]) -> dict[str, float]:
    """TF-IDF of a page's frequent words, scaled so the page's strongest word is 1."""
    if not counts:
        return {}
    n = len(all_pages)
    scored = {}
    top = max(counts.values())
    for word, count in counts.items():
        df = sum(1 for other in all_pages.values() if word in other)
        scored[word] = (0.5 + 0.5 * count / top) * math.log((n + 1) / (df + 0.5))
    best = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_WEIGHTS]
    peak = best[0][1] if best and best[0][1] > 0 else 1.0
    return {word: round(value / peak, 3) for word, value in best if value > 0}


def section_titles(env, docname: str) -> str:
    toc = env.tocs.get(docname)
    return " ".join(ref.astext() for ref in toc.findall(nodes.reference)) if toc is not None else ""


def write_search_data(app, model: dict) -> None:
    titles = {name: node.astext() for name, node in app.env.titles.items() if name in app.env.found_docs}
    sections = {name: section_titles(app.env, name) for name in titles}
    page_words = {name: counts for name, counts in app.env.get_domain("pm").data["words"].items() if name in titles}
    data = search_data(model, titles, sections, page_words, search_language(app))
    text = "window.PM_SEARCH = " + json.dumps(data, sort_keys=True, ensure_ascii=False) + ";\n"
    write_atomic(Path(app.outdir) / "_static" / "pm-search-data.js", text.encode("utf-8"))


def add_search_scripts(app, pagename, templatename, context, doctree) -> None:
    """Only the search page needs the alias data and the ranking script."""
    if pagename == "search":
        app.add_js_file("pm-search-data.js", priority=900, loading_method="defer")
        app.add_js_file("pm-search.js", priority=901, loading_method="defer")
