"""Links from handbook pages to their Exercises pages (the pages themselves: ``exercises/in_handbook.py``).

Kept in the Sphinx extension's layer so that views link to the exercises without importing the exercises tool.
"""

from __future__ import annotations

from docutils import nodes

FOLDER = "exercises"


def enabled(builder) -> bool:
    from .export import WEBSITE_BUILDERS

    return builder.name in WEBSITE_BUILDERS and builder.config.pm_exercise_pages


def exercises_link(builder, fromdoc: str, object_id: str) -> list[nodes.Node]:
    if not enabled(builder):
        return []
    from sphinx.util.osutil import relative_uri

    uri = relative_uri(builder.get_target_uri(fromdoc), f"{FOLDER}/{object_id}.html")
    return [nodes.reference("", "Reflective exercises for supervision, peer critique and CPD", refuri=uri, internal=True)]
