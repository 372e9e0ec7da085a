"""The one Jinja environment every template is rendered with: quiz pages and key, marking reports, exercises.

HTML and XML templates are escaped automatically; Markdown templates (the
exercises) are not, as Markdown is escaped when it becomes HTML. A name that
is not in the context is an error, not an empty string, so a typo in a
template (the PSW's own, too) is reported with its file and line. Block tags
on their own line leave no blank line behind.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
ESCAPED = (".html.j2", ".xml.j2", ".html", ".xml")


def _escape(name: str | None) -> bool:
    return name is None or name.lower().endswith(ESCAPED)


@cache
def _package_environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES)), autoescape=_escape,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)


def environment(exercise_overrides: Path | None = None) -> jinja2.Environment:
    """The environment; with the PSW's exercise templates folder, the same one looking there first.

    The override folder mirrors the package's ``exercises/`` folder
    (``docs/_templates/exercises/`` or ``--templates DIR``).
    """
    env = _package_environment()
    if exercise_overrides is None or not exercise_overrides.is_dir():
        return env
    overrides = jinja2.PrefixLoader({"exercises": jinja2.FileSystemLoader(str(exercise_overrides))})
    assert env.loader is not None  # the package environment always has one
    return env.overlay(loader=jinja2.ChoiceLoader([overrides, env.loader]))


def render(name: str, **context) -> str:
    return environment().get_template(name).render(**context)
