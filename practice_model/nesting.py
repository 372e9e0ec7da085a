"""Content the Markdown parser drops because it is nested too deeply is a warning, not a silent loss.

markdown-it stops reading blocks nested ``maxNesting`` (20) token levels deep:
each list level takes two (the list and its item), so a list item about ten
levels down loses its text, and the enclosing list swallows every line to
the end of the page or directive. The parser sets no flag, so a core rule
marks the first container opened at the limit, and rendering that mark
warns with file and line (``pm.nesting``, so ``-W`` builds fail).
"""

from __future__ import annotations

from markdown_it.token import Token
from myst_parser.config.main import TopmatterReadError, merge_file_level, read_topmatter
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning

from .warnings_ import PMWarning, warn

MARK = "pm_nesting_limit"
# Opening tokens whose content is inline text, not blocks read by the (limited) block parser.
INLINE_CONTAINERS = frozenset({"paragraph_open", "heading_open", "table_open", "thead_open", "tbody_open", "tr_open",
                               "th_open", "td_open"})


def _mark_dropped_content(state) -> None:
    limit = state.md.options.maxNesting
    for index, token in enumerate(state.tokens):
        if token.nesting == 1 and token.block and token.level >= limit - 1 and token.type not in INLINE_CONTAINERS:
            mark = Token(MARK, "", 0, map=token.map, block=True, level=token.level + 1, meta={"limit": limit})
            state.tokens.insert(index + 1, mark)
            return  # one warning per page or directive body: all after this point is lost together


def watch_nesting(md, document) -> None:
    """Make ``md`` (myst's parser for ``document``) warn where content is nested beyond its limit."""
    md.core.ruler.after("block", MARK, _mark_dropped_content)

    def report(node) -> None:
        first, last = node.map[0], node.map[1] - 1  # 1-based by now, and offset for directive bodies
        levels = node.meta["limit"] // 2
        warn(f"content is nested deeper than the Markdown parser reads (about {levels} levels of lists or quotes): "
             f"lines {first}-{last} are left out of the page; flatten the list, or split it into shorter ones",
             PMWarning.NESTING, (document.settings.env.docname, first))

    md.renderer.rules[f"render_{MARK}"] = report


class NestingCheckedParser(MystParser):
    """myst-parser's Sphinx parser, plus :func:`watch_nesting` (``parse`` mirrors myst-parser 5's)."""

    def parse(self, inputstring: str, document) -> None:
        config = document.settings.env.myst_config
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            pass  # myst reports it while rendering
        else:
            if topmatter:
                def warning(wtype, msg):
                    return create_warning(document, msg, wtype, line=1, append_to=document)

                config = merge_file_level(config, topmatter, warning)
        parser = create_md_parser(config, SphinxRenderer)
        watch_nesting(parser, document)
        parser.options["document"] = document
        parser.render(inputstring)


def setup(app) -> None:
    app.add_source_parser(NestingCheckedParser, override=True)
