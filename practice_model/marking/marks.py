"""The assessors' marks file: the only source of marks for written answers (essays).

Marks CSV (documented on the ASYE leads' page)::

    learner,item,mark

``mark`` is out of 100 (decimals allowed); a blank ``mark`` means not marked
yet. Other columns (a comment, the assessor's name) are ignored. Marks never
come from ``--responses``: that is where learners' own files arrive.

This is the assessor's own file, so any mistake in it stops marking with the
file and line, rather than leaving a learner with a wrong result.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

from ..errors import UserError
from .files import Refused, as_text, read_bytes

COLUMNS = ("learner", "item", "mark")


def parse_mark(text: str, where: str, line: int) -> float:
    """A mark out of 100 as a fraction of the item's marks; anything else is an error at file:line."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise UserError(f"mark '{text}' should be a number from 0 to 100 (such as 70 or 62.5)", where, line)
    return value / 100


def read_marks(paths: list[Path], manifests: dict[str, dict]) -> dict[str, dict[tuple[str, str], float]]:
    """quiz ID -> (learner, item) -> fraction of the item's marks."""
    given = {(entry["id"], presented["id"]): quiz_id for quiz_id, manifest in sorted(manifests.items())
             for entry in manifest["learners"] for presented in entry["items"]}
    learners = {learner for learner, _ in given}
    result: dict[str, dict[tuple[str, str], float]] = {quiz_id: {} for quiz_id in manifests}
    first_seen: dict[tuple[str, str], str] = {}
    for path in paths:
        try:
            text = as_text(read_bytes(path))
        except Refused as exc:
            raise UserError(f"the marks file cannot be read: {exc.message}", str(path), exc.line) from None
        reader = csv.DictReader(io.StringIO(text))
        header = [(name or "").strip().lower() for name in reader.fieldnames or []]
        if not set(COLUMNS) <= set(header):
            hint = " (the columns are separated by ';': save it as CSV UTF-8, comma delimited)" if any(";" in h for h in header) else ""
            raise UserError(f"a marks file needs the columns {','.join(COLUMNS)}; found {','.join(header) or 'nothing'}{hint}", str(path), 1)
        for row in reader:
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str) or v is None}
            line = reader.line_num
            if not any(row.get(c) for c in COLUMNS):
                continue
            if not row.get("mark"):
                continue  # not marked yet
            fraction = parse_mark(row["mark"], str(path), line)
            key = (row.get("learner", ""), row.get("item", ""))
            if key[0] not in learners:
                raise UserError(f"learner '{key[0]}' is not in any manifest given; check the ID", str(path), line)
            if key not in given:
                raise UserError(f"{key[0]} was not given item '{key[1]}'; check the item ID against key.csv", str(path), line)
            quiz_id = given[key]
            if manifests[quiz_id]["items"][key[1]]["type"] != "essay":
                raise UserError(f"item '{key[1]}' is marked automatically; only written answers (essays) take a mark here", str(path), line)
            if key in first_seen and result[quiz_id][key] != fraction:
                raise UserError(f"a second, different mark for {key[0]}/{key[1]} (the first is at {first_seen[key]}); keep one",
                                str(path), line)
            first_seen.setdefault(key, f"{path}:{line}")
            result[quiz_id][key] = fraction
    return result
