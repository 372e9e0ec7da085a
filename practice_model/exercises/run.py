"""``practice-model exercises``: every requested object x kind x lens, in every requested format."""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from ..model import Model
from ..outputs import parse_formats as _parse_formats
from ..outputs import staged_folder, write
from ..templating import environment
from .catalogue import NATURAL_LENS
from .formats import EXTENSIONS, FORMATS
from .generate import kinds_and_lenses, render_exercise

SUBJECT_KINDS = ("standard", "module")


def parse_formats(value: str) -> list[str]:
    return _parse_formats(value, FORMATS)


def plan(model: Model, ids: list[str], everything: bool, kind: str | None, lens: str | None, templates: Path | None):
    env = environment(templates)
    kinds, lenses = kinds_and_lenses(env)
    if everything:
        ids = [o["id"] for o in model.data["objects"] if o["kind"] in SUBJECT_KINDS]
    if not ids:
        raise UserError("nothing to do: give --for ID (a standard or module) or --all")
    for object_id in ids:
        obj = model.get(object_id)
        if obj is None or obj["kind"] not in SUBJECT_KINDS:
            raise UserError(f"'{object_id}' is not a standard or module in the handbook; exercises are about std- and mod- objects")
    if kind and kind not in kinds:
        raise UserError(f"unknown kind '{kind}'; choose from {', '.join(kinds)}")
    if lens and lens not in lenses:
        raise UserError(f"unknown lens '{lens}'; choose from {', '.join(lenses)}")
    jobs = [(object_id, k, lens or NATURAL_LENS.get(k, "rolfe")) for object_id in ids for k in ([kind] if kind else kinds)]
    return env, jobs


def run_exercises(model: Model, ids: list[str], everything: bool, kind: str | None, lens: str | None, formats: list[str],
                  out: Path, force: bool = False, templates: Path | None = None, progress=None) -> int:
    env, jobs = plan(model, ids, everything, kind, lens, templates)
    exercises = [render_exercise(env, model, *job) for job in (progress(jobs, "Writing exercises") if progress else jobs)]
    count = 0
    with staged_folder(out, force, "exercises", [model.path, *([templates] if templates else [])]) as stage:
        for exercise in exercises:
            for fmt in formats:
                write(stage, f"{exercise.stem}.{EXTENSIONS[fmt]}", FORMATS[fmt](exercise))
                count += 1
    return count
