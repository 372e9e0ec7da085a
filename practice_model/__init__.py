"""The practice model handbook: a Sphinx domain for the model, and the tools that read it."""

from __future__ import annotations

__version__ = "0.1.0"


def _resolve_paths(app, config) -> None:
    """Make data paths absolute (relative to conf.py) once, so directives need not know the conf dir."""
    from pathlib import Path

    confdir = Path(app.confdir)
    config.pm_framework_dirs = [str((confdir / p).resolve()) for p in config.pm_framework_dirs]
    config.pm_themes_file = str((confdir / config.pm_themes_file).resolve()) if config.pm_themes_file else ""


def setup(app):
    from . import citations, export, incremental, nesting, rawhtml, render, views
    from .coverage import setup_coverage
    from .directives import object_directives
    from .domain import PracticeModelDomain
    from .warning_types import WarningTypesDirective

    app.setup_extension("sphinx_design")
    app.add_config_value("pm_organisation", "Our organisation", "env", types=[str])
    app.add_config_value("pm_logo", "", "html", types=[str])
    app.add_config_value("pm_base_url", "", "html", types=[str])
    app.add_config_value("pm_feedback_contact", "", "html", types=[str])
    app.add_config_value("pm_frameworks_active", ["pcf-2018", "kss-cf-2018", "kss-as-2015", "swe-2019"], "env", types=[list])
    app.add_config_value("pm_framework_dirs", [], "env", types=[list])
    app.add_config_value("pm_themes_file", "", "env", types=[str])
    app.add_config_value("pm_version", "", "env", types=[str])
    app.add_config_value("pm_exercise_pages", True, "html", types=[bool])  # the handbook's Exercises section  # the newest release; changes re-read every page

    app.add_domain(PracticeModelDomain)
    for name, directive in object_directives().items():
        app.add_directive_to_domain("pm", name, directive)
    app.add_directive_to_domain("pm", "related", views.RelatedDirective)
    app.add_directive_to_domain("pm", "list", views.ListDirective)
    app.add_directive_to_domain("pm", "themes", views.ThemesDirective)
    app.add_directive_to_domain("pm", "releases", views.ReleasesDirective)
    app.add_directive_to_domain("pm", "warning-types", WarningTypesDirective)
    for node in (render.pm_links, render.pm_listing):
        app.add_node(node)

    setup_coverage(app)
    rawhtml.setup(app)
    nesting.setup(app)
    from . import glance

    glance.setup(app)
    from . import feedback

    feedback.setup(app)

    app.connect("config-inited", _resolve_paths)
    app.connect("doctree-read", views.record_page)
    app.connect("doctree-read", citations.record_citations)
    app.connect("doctree-resolved", views.fill_placeholders)
    app.connect("env-get-updated", incremental.pages_to_rewrite)
    app.connect("env-check-consistency", incremental.check_model)
    app.connect("env-updated", _label_indices)
    app.connect("build-finished", export.write_outputs)
    app.connect("html-collect-pages", _exercise_pages)
    from .search import add_search_scripts

    app.connect("html-page-context", add_search_scripts)
    app.add_css_file("practice-model.css")
    app.add_js_file("pm-copy-link.js", loading_method="defer")
    app.connect("builder-inited", _add_static)
    return {"version": __version__, "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}


def _label_indices(app, env):
    """Let pages link to our domain indices with {ref}`pm-by-principle` (Sphinx labels only its own)."""
    from .indices import INDICES

    std = env.get_domain("std")
    for index in INDICES:
        name = f"pm-{index.name}"
        std.labels[name] = (name, "", index.localname)
        std.anonlabels[name] = (name, "")
    return []


def _exercise_pages(app):
    from .exercises.in_handbook import collect_pages

    yield from collect_pages(app)


def _add_static(app) -> None:
    from pathlib import Path

    app.config.html_static_path.append(str(Path(__file__).parent / "static"))
