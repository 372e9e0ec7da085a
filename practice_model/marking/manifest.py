"""Reading a quiz manifest: its shape is checked up front, so a tampered or old one is a clear error, not a traceback.

The shape is a JSON Schema (``schema/quiz-manifest.schema.json``); what a schema
cannot say (a learner's item missing from ``items``, an option order that does
not fit the item's options) is checked here by working out each learner's key.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema

from ..errors import UserError
from ..quiz.learners import check_manifest_learners
from ..quiz.notation import answer_for
from ..quiz.variants import Presented
from .files import Refused, as_text, read_bytes
from .score import item_from_manifest

SCHEMA = Path(__file__).parent.parent / "schema" / "quiz-manifest.schema.json"
REMAKE = "make it again with 'practice-model quiz' (same blueprint and --seed), or give the manifest.json it wrote"


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def load_manifest(path: Path) -> dict:
    try:
        data = json.loads(as_text(read_bytes(path)), parse_constant=_refuse_constant)
    except Refused as exc:
        if exc.message.startswith("file not found"):
            raise UserError("manifest not found; give the manifest.json written by 'practice-model quiz'", str(path)) from None
        raise UserError(f"not a quiz manifest: {exc.message}", str(path), exc.line) from None
    except json.JSONDecodeError as exc:
        raise UserError(f"not a quiz manifest (the JSON is damaged: {exc.msg}); {REMAKE}", str(path), exc.lineno) from None
    except ValueError as exc:
        raise UserError(f"not a quiz manifest ({exc}); {REMAKE}", str(path)) from None
    if isinstance(data, dict) and "manifest_version" in data and not str(data["manifest_version"]).startswith("1"):
        raise UserError(f"manifest version {data['manifest_version']} is not one this version of practice-model can read; {REMAKE}", str(path))
    check_manifest(data, str(path))
    check_manifest_learners(data, str(path))
    return data


def check_manifest(data, where: str) -> None:
    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is not None:
        at = "/".join(str(part) for part in error.absolute_path) or "the top level"
        raise UserError(f"this manifest has been changed or is damaged (at {at}: {error.message}); {REMAKE}", where)
    seen = set()
    for number, learner in enumerate(data["learners"]):
        if learner["id"] in seen:
            raise UserError(f"learner '{learner['id']}' appears twice in this manifest; {REMAKE}", where)
        seen.add(learner["id"])
        for presented in learner["items"]:
            item = data["items"].get(presented["id"])
            if item is None:
                raise UserError(f"learner '{learner['id']}' was given item '{presented['id']}', which is not among the manifest's "
                                f"items (at learners/{number}); {REMAKE}", where)
            every = list(range(len(item["choices"])))  # 'quiz' writes each order as a shuffle of all the options
            if sorted(presented["order"]) != every or sorted(presented["right_order"]) != (every if item["type"] == "matching" else []):
                raise UserError(f"learner '{learner['id']}', item '{presented['id']}': the option order does not fit the item's "
                                f"{len(every)} options, so it cannot be marked; {REMAKE}", where)
            try:
                answer_for(Presented(item_from_manifest(presented["id"], item), presented["slot"], presented["order"], presented["right_order"]))
            except (IndexError, ValueError, StopIteration):
                raise UserError(f"learner '{learner['id']}', item '{presented['id']}': the option order does not fit the item's "
                                f"options, so it cannot be marked; {REMAKE}", where) from None
