"""GIFT, escaped exactly as Moodle's importer expects.

Text goes in ``[html]`` format: special characters are backslash-escaped
as Moodle's own exporter does, and what backslashes cannot protect (``->``,
``%`` at the start of an answer, a leading ``[``) becomes an HTML entity,
which the HTML format displays as the character. Weights come from Moodle's
list of grades. Ordering is exported as matching (each step to its place).
Moodle's GIFT importer gives an essay an empty response template and grader
information, and one default mark: so the scaffold goes into the question
text (one line per prompt), and the marker guidance, mark bands and weight are
left out (never into learner-visible text): the summary says so.
"""

from __future__ import annotations

from .. import weights
from ..items import Item
from .common import Pool, ordering_as_matching, scaffold_markdown, stem_with_vignette, tags

SPECIAL = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:"}


def escape(text: str) -> str:
    text = text.replace("\r", "").replace("->", "-&gt;")
    out = "".join(SPECIAL.get(ch, ch) for ch in text)
    if out.startswith("%"):
        out = "&\\#37;" + out[1:]
    if out.startswith("["):
        out = "&\\#91;" + out[1:]
    return out.replace("\n", "\\n")


def question(item: Item, render, vignettes, warnings: list[str]) -> str:
    if item.type == "ordering":
        item = ordering_as_matching(item)
    html = render.html
    head = f"// [id:{item.id}] " + " ".join(f"[tag:{t}]" for t in tags(item))
    question_text = stem_with_vignette(item, vignettes)
    if item.type == "essay" and item.scaffold:
        question_text += "\n\n" + scaffold_markdown(item.scaffold)
    stem = f"::{escape(item.id)}::[html]{escape(html(question_text))}"
    general = f"####{escape(html(item.explanation))}" if item.explanation else ""
    if item.type in ("single", "multiple"):
        scale = weights.for_item(item) if item.type == "multiple" else None
        parts = []
        for choice in item.choices:
            text = escape(render.inline_html(choice.text))
            feedback = f"#{escape(render.inline_html(choice.feedback))}" if choice.feedback else ""
            if item.type == "single":
                parts.append(("=" if choice.correct else "~") + text + feedback)
            else:
                assert scale is not None  # a multiple-response item always has weights
                weight = weights.percent(scale.right if choice.correct else scale.wrong)
                parts.append(f"~%{weight}%{text}{feedback}")
        body = "\n".join(parts)
    elif item.type == "truefalse":
        right = next(c for c in item.choices if c.correct)
        wrong = next(c for c in item.choices if not c.correct)
        value = "TRUE" if right.text.strip().lower() == "true" else "FALSE"
        body = f"{value}#{escape(render.inline_html(wrong.feedback))}#{escape(render.inline_html(right.feedback))}"
    elif item.type == "matching":
        body = "\n".join(f"={escape(render.inline_html(c.text))} -> {escape(render.text(c.match))}" for c in item.choices)
    elif item.type == "short":
        body = " ".join(f"={escape(render.text(c.text))}" for c in item.choices)
    else:  # essay
        warnings.append(f"{item.id}: GIFT has no place for an essay's marker guidance, mark bands or weight (its scaffold is in the "
                        "question text); use the Moodle XML file, or mark from the answer key")
        body = ""
    if not body and not general:
        return f"{head}\n{stem}{{}}"
    # No blank line may fall inside a question: GIFT reads it as the end of the question.
    return "\n".join(part for part in (head, stem + "{", body, general, "}") if part)


def _category(name: str) -> str:
    """One level of a category path: '/' would add a level, and a line break would end the line."""
    return " ".join(name.replace("/", "-").split())


def export(title: str, pools: list[Pool], render, vignettes, warnings: list[str]) -> bytes:
    blocks = []
    for pool in pools:
        path = f"$course$/top/{_category(title)}/{_category(pool.name)}"
        for case, items in pool.groups():  # a case slot: one subcategory per case, so a case is added whole
            blocks.append(f"$CATEGORY: {path}/{_category(case)}" if case else f"$CATEGORY: {path}")
            blocks.extend(question(item, render, vignettes, warnings) for item in items)
    return ("\n\n".join(blocks) + "\n").encode("utf-8")
