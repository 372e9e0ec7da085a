# Sphinx configuration for the practice model handbook.
# Build with `make html`, or `sphinx-build -c . docs _build/html`.

# ---------------------------------------------------------------------------
# Council settings: the one place a council changes to make the handbook its own.
# (Documented in docs/integrators/settings.md.) Keep values plain strings and
# lists so incremental builds stay incremental.
# ---------------------------------------------------------------------------
pm_organisation = "Our council"  # shown in pages as {{ organisation }}
pm_logo = ""  # path to a logo image, relative to this file; empty for none
pm_base_url = ""  # published address, e.g. "https://handbook.example.gov.uk/"
pm_feedback_contact = "practice.model@example.invalid"  # where readers send feedback
# Where each practice template is in your case recording system (menu path); a template written as Markdown in
# docs/_data/templates/ (chronology.md, cp-plan.md) is a Word download instead. Replace these with your system's.
pm_templates_location = {
    "pre-birth-plan": "the case recording system's pre-birth plan form (ask your team manager for its place)",
    "birth-plan": "the case recording system's birth plan form (ask your team manager for its place)",
}
pm_frameworks_active = ["pcf-2018", "kss-cf-2018", "kss-as-2015", "swe-2019"]
pm_framework_dirs = []  # extra folders of framework files (the built-in ones are always read)
pm_themes_file = "docs/_data/inspection-themes.toml"

# ---------------------------------------------------------------------------
from pathlib import Path

from practice_model.releases import current_version

project = "Practice model handbook"
author = pm_organisation
copyright = f"2026, {pm_organisation}"
# The version is the newest release in docs/releases/ ("draft" before the first).
release = version = pm_version = current_version(Path(__file__).parent / "docs")
language = "en_GB"

extensions = ["myst_parser", "sphinx_design", "practice_model"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_data", "_build", "_templates", "releases/whats-new", "integrators/performance-results.md", "integrators/performance-real.md", "**/.ipynb_checkpoints"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "substitution", "attrs_inline"]
myst_heading_anchors = 3
myst_substitutions = {"organisation": pm_organisation}
suppress_warnings = []

try:  # the website's theme is an extra (pip install 'practice-model[handbook]'); make html installs it
    import pydata_sphinx_theme  # noqa: F401

    html_theme = "pydata_sphinx_theme"
except ImportError:
    print("note: pydata-sphinx-theme is not installed; building in Sphinx's basic theme "
          "(pip install 'practice-model[handbook]')")
    html_theme = "basic"
html_title = project
html_logo = pm_logo or None
html_static_path = []
html_last_updated_fmt = None  # no build dates in pages: same sources, same bytes
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "navigation_depth": 2,
    "collapse_navigation": True,
    "show_toc_level": 2,
    "navbar_align": "left",
    # One row from 1024 px: short top links with Glossary among them (practice_model/header.py), and a visible
    # search field whose accessible name is its visible label, "Search" (WCAG 2.5.3).
    "navbar_center": ["pm-navbar-nav"],
    "navbar_persistent": ["pm-search-field"],
    "navbar_end": ["theme-switcher"],
    "footer_start": ["copyright"],
    "footer_end": [],
    "secondary_sidebar_items": ["page-toc"],
    "article_header_start": ["breadcrumbs"],
    "use_edit_page_button": False,
}
if html_theme == "basic":
    html_theme_options = {}  # the options above are the pydata theme's
html_context = {"default_mode": "light"}
