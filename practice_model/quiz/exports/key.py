"""The answer key, for assessors only: CSV (learner,item,question,answer,needs_marker,rationale,permalink,marks,bands),
JSON and HTML.

Each row shows the question's opening beside its ID, so the key reads without the quiz beside it, and says
whether the item needs a marker. An essay's row carries its marker guidance, its mark bands and what it is
worth (its slot's weight).
"""

from __future__ import annotations

import json

from ...outputs import csv_bytes
from ..notation import answer_for

OPENING = 140  # characters of the question shown beside its ID


def opening(text: str, limit: int = OPENING) -> str:
    """The question's first words, cut at a word and marked as cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def rows(variants, render, links=None) -> list[dict]:
    """``links``: a HandbookLinks for the folder the key is written to; without it, the model's own permalinks."""
    result = []
    for learner, presented in variants.items():
        for p in presented:
            target = next((t for t in p.item.tests if render.model.get(t)), "")
            essay = p.item.type == "essay"
            rationale = render.text(p.item.guidance if essay else p.item.explanation)
            link = (links.object(target) if links else render.permalink(target)) if target else ""
            result.append({
                "learner": learner, "item": p.item.id, "type": p.item.type, "question": opening(render.text(p.item.stem)),
                "answer": answer_for(p), "needs_marker": "no" if p.item.auto_marked else "yes",
                "rationale": rationale, "permalink": link,
                "marking": "auto" if p.item.auto_marked else "marker",
                "marks": p.weight,
                "bands": " | ".join(f"{level}: {render.text(text)}" for level, text in p.item.bands) if essay else "",
                "band_list": [{"level": level, "text": text} for level, text in p.item.bands] if essay else [],
            })
    return result


def as_csv(key_rows: list[dict]) -> bytes:
    return csv_bytes(key_rows, ["learner", "item", "question", "answer", "needs_marker", "rationale", "permalink", "marks", "bands"])


def as_json(key_rows: list[dict], notation_doc: str) -> bytes:
    return (json.dumps({"notation": notation_doc, "rows": key_rows}, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def as_html(title: str, quiz_id: str, key_rows: list[dict]) -> bytes:
    from ...templating import render

    return render("quiz/key.html.j2", title=title, quiz_id=quiz_id, rows=key_rows).encode("utf-8")
