"""The practice model handbook: a Sphinx domain for the model, and the tools that read it."""

from __future__ import annotations

from .version import __version__


def setup(app):
    from . import citations, export, incremental, nesting, rawhtml, render
    from .anatomy import setup_anatomy
    from .config import setup_config
    from .coverage import setup_coverage
    from .directives import object_directives
    from .domain import PracticeModelDomain
    from .page_words import setup_page_words
    from .pages import setup_pages
    from .titles import setup_titles
    from .views import setup_views
    from .warning_types import WarningTypesDirective

    app.setup_extension("sphinx_design")
    setup_config(app)

    # The domain registers its indices' labels ({ref}`pm-by-principle`) itself: Sphinx's Domain.setup().
    app.add_domain(PracticeModelDomain)
    for name, directive in object_directives().items():
        app.add_directive_to_domain("pm", name, directive)
    app.add_directive_to_domain("pm", "warning-types", WarningTypesDirective)
    for node in (render.pm_links, render.pm_listing):
        app.add_node(node)

    setup_coverage(app)
    setup_views(app)
    rawhtml.setup(app)
    nesting.setup(app)
    from . import glance

    glance.setup(app)
    from . import feedback

    feedback.setup(app)
    from . import amendments, header, practice_templates

    header.setup(app)
    amendments.setup(app)
    practice_templates.setup(app)

    # When a page has been read: each concern its own handler, in this order.
    setup_pages(app)
    setup_page_words(app)
    setup_titles(app)
    setup_anatomy(app)
    app.connect("doctree-read", citations.record_citations)

    app.connect("env-get-updated", incremental.pages_to_rewrite)
    app.connect("env-check-consistency", incremental.check_model)
    app.connect("env-before-read-docs", export.forget_model)
    app.connect("build-finished", export.write_outputs)
    app.connect("html-collect-pages", _exercise_pages)
    from .search import add_search_scripts

    app.connect("html-page-context", add_search_scripts)
    app.add_css_file("practice-model.css")
    app.add_js_file("pm-copy-link.js", loading_method="defer")
    app.connect("builder-inited", _add_static)
    return {"version": __version__, "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}


def _exercise_pages(app):
    from .exercises.in_handbook import collect_pages

    yield from collect_pages(app)


def _add_static(app) -> None:
    from pathlib import Path

    app.config.html_static_path.append(str(Path(__file__).parent / "static"))
