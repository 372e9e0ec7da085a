"""The answer key, for assessors only: CSV (learner,item,answer,rationale,permalink,marks,bands), JSON and HTML.

An essay's row carries its marker guidance, its mark bands and what it is worth (its slot's weight).
"""

from __future__ import annotations

import json

from ...outputs import csv_bytes
from ..notation import answer_for


def rows(variants, render) -> list[dict]:
    result = []
    for learner, presented in variants.items():
        for p in presented:
            target = next((t for t in p.item.tests if render.model.get(t)), "")
            essay = p.item.type == "essay"
            rationale = render.text(p.item.guidance if essay else p.item.explanation)
            result.append({
                "learner": learner, "item": p.item.id, "type": p.item.type, "answer": answer_for(p),
                "rationale": rationale, "permalink": render.permalink(target) if target else "",
                "marking": "auto" if p.item.auto_marked else "marker",
                "marks": p.weight,
                "bands": " | ".join(f"{level}: {render.text(text)}" for level, text in p.item.bands) if essay else "",
                "band_list": [{"level": level, "text": text} for level, text in p.item.bands] if essay else [],
            })
    return result


def as_csv(key_rows: list[dict]) -> bytes:
    return csv_bytes(key_rows, ["learner", "item", "answer", "rationale", "permalink", "marks", "bands"])


def as_json(key_rows: list[dict], notation_doc: str) -> bytes:
    return (json.dumps({"notation": notation_doc, "rows": key_rows}, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def as_html(title: str, quiz_id: str, key_rows: list[dict]) -> bytes:
    from ...templating import render

    return render("quiz/key.html.j2", title=title, quiz_id=quiz_id, rows=key_rows).encode("utf-8")
