"""Rendering an exercise from the templates: the one intermediate (Markdown) every format comes from.

Templates are looked up first in the PSW's override folder
(``docs/_templates/exercises/``, or ``--templates DIR``), then in the
package (``templating.environment``), so adding or replacing a template
needs no Python. A template
error is reported with the template's file and line.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass

import jinja2

from ..errors import UserError
from ..model import Model
from .catalogue import KINDS, LENSES
from .context import object_context


@dataclass(frozen=True)
class Exercise:
    object_id: str
    kind: str
    lens: str
    markdown: str

    @property
    def title(self) -> str:
        """The first heading, as written (its capitals kept)."""
        return self.markdown.splitlines()[0].lstrip("# ").strip()

    @property
    def stem(self) -> str:
        return f"{self.object_id}--{self.kind}--{self.lens}"


def _template_location(exc: BaseException) -> tuple[str | None, int | None]:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.filename, exc.lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno
    return None, None


def kinds_and_lenses(env: jinja2.Environment) -> tuple[list[str], list[str]]:
    """Built-in kinds and lenses, plus any the PSW added as templates."""
    names = env.list_templates(filter_func=lambda n: n.endswith(".md.j2"))
    kinds = sorted(set(KINDS) | {n.split("/")[-1].removesuffix(".md.j2") for n in names if n.startswith("exercises/kinds/")})
    lenses = sorted(set(LENSES) | {n.split("/")[-1].removesuffix(".md.j2") for n in names if n.startswith("exercises/lenses/")})
    return kinds, lenses


def timings(stages: list[tuple[str, int, str]], minutes: int) -> list[tuple[str, int, str]]:
    """Stages scaled to the session's length in whole 5 minutes, adding up exactly (the longest stage takes the rounding)."""
    base = sum(m for _, m, _ in stages)
    scaled = [max(5, round(m * minutes / base / 5) * 5) for _, m, _ in stages]
    longest = scaled.index(max(scaled))
    scaled[longest] += minutes - sum(scaled)
    return [(name, scaled[i], what) for i, (name, _, what) in enumerate(stages)]


def render_exercise(env: jinja2.Environment, model: Model, object_id: str, kind: str, lens: str,
                    worked: dict | None = None, joint: bool = False) -> Exercise:
    context = object_context(model, object_id, lens, worked, joint)
    try:
        template = env.get_template(f"exercises/kinds/{kind}.md.j2")
        text = template.render(object=context, kind=kind, lens=lens, kind_title=KINDS.get(kind, kind.replace("-", " ").capitalize()),
                               lens_title=LENSES.get(lens, lens.replace("-", " ").capitalize()), timings=timings)
    except jinja2.TemplateNotFound as exc:
        raise UserError(f"no template '{exc.name}'; add it to the exercise templates folder") from None
    except jinja2.TemplateError as exc:
        path, line = _template_location(exc)
        raise UserError(f"template error: {exc.message or exc}; fix the template", path, line) from None
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return Exercise(object_id, kind, lens, text)
