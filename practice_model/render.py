"""Small builders for the sphinx-design components the objects render with.

Nodes carry sphinx-design's own classes (and its dropdown component, which
sphinx-design turns into ``<details>``), so the look follows the theme and
works without any JavaScript of ours.
"""

from __future__ import annotations

from docutils import nodes
from sphinx_design.shared import create_component

from .kinds import KINDS

KIND_COLOURS = {
    "principle": "info",
    "standard": "primary",
    "module": "success",
    "outcome": "secondary",
    "term": "dark",
    "question": "warning",
    "prompt": "info",
    "vignette": "danger",
    "theme": "secondary",
    "source": "secondary",
}


class pm_links(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder: an object's links both ways, filled in when the page is written."""


class pm_listing(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder: a view drawn from the model (e.g. all terms), filled in when written."""


def badge(text: str, colour: str, outline: bool = False) -> nodes.inline:
    classes = ["sd-badge", f"sd-outline-{colour}", f"sd-text-{colour}"] if outline else ["sd-badge", f"sd-bg-{colour}", f"sd-bg-text-{colour}"]
    return nodes.inline(text, text, classes=classes)


def kind_badge(kind: str) -> nodes.inline:
    return badge(KINDS[kind].label, KIND_COLOURS[kind])


def copy_link(object_id: str, docname: str) -> nodes.reference:
    """The object's permanent link (``go/<ID>.html``); pm-copy-link.js copies it to the clipboard when clicked.

    Without script the link still leads to the permanent address, which the browser then shows."""
    target = "../" * docname.count("/") + f"go/{object_id}.html"
    link = nodes.reference("", "", refuri=target, classes=["pm-copy-link"])
    link += nodes.Text("Copy link")
    link += nodes.inline("", " (permanent link)", classes=["pm-visually-hidden"])
    return link


def card(object_id: str, kind: str) -> tuple[nodes.container, nodes.container]:
    """A card whose anchor is the object ID; returns (card, body)."""
    outer = nodes.container(
        classes=["sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm", "pm-object", f"pm-{kind}"],
        ids=[object_id],
    )
    body = nodes.container(classes=["sd-card-body"])
    outer += body
    return outer, body


def dropdown(title: str, children: list[nodes.Node], classes: list[str] | None = None) -> nodes.container:
    component = create_component(
        "dropdown",
        opened=False,
        type="dropdown",
        has_title=True,
        icon=None,
        chevron=None,
        container_classes=["sd-mb-3", *(classes or [])],
        title_classes=[],
        body_classes=[],
    )
    component += nodes.rubric(title, title)
    component.extend(children)
    return component


def field_list(rows: list[tuple[str, list[nodes.Node]]], classes: list[str] | None = None) -> nodes.field_list:
    result = nodes.field_list(classes=["pm-fields", *(classes or [])])
    for name, value in rows:
        para = nodes.paragraph()
        para.extend(value)
        result += nodes.field("", nodes.field_name(name, name), nodes.field_body("", para))
    return result


def join(items: list[nodes.Node], separator: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for index, item in enumerate(items):
        if index:
            out.append(nodes.Text(separator))
        out.append(item)
    return out
