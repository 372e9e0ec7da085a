"""``practice-model exercises``: the planned exercises for each requested object, in every requested format."""

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
from .plan import Plan, worked_reflections

SUBJECT_KINDS = ("standard", "module")


def parse_formats(value: str) -> list[str]:
    return _parse_formats(value, FORMATS)


def jobs_for(exercise_plan: Plan, object_id: str, kind: str | None = None, lens: str | None = None) -> list[tuple[str, str, str]]:
    """The plan's kinds and lenses for one subject; --kind and --lens narrow or override them."""
    planned = exercise_plan.combinations(object_id)
    if kind:
        return [(object_id, kind, lens or dict(planned).get(kind) or NATURAL_LENS.get(kind, "rolfe"))]
    return [(object_id, k, lens or planned_lens) for k, planned_lens in planned]


def plan(model: Model, ids: list[str], everything: bool, kind: str | None, lens: str | None, templates: Path | None):
    env = environment(templates)
    kinds, lenses = kinds_and_lenses(env)
    exercise_plan = Plan(templates, kinds, lenses)
    subjects = [o["id"] for o in model.data["objects"] if o["kind"] in SUBJECT_KINDS]
    exercise_plan.check_subjects(set(subjects))
    if everything:
        ids = subjects
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
    jobs = [job for object_id in ids for job in jobs_for(exercise_plan, object_id, kind, lens)]
    return env, jobs, exercise_plan


def run_exercises(model: Model, ids: list[str], everything: bool, kind: str | None, lens: str | None, formats: list[str],
                  out: Path, force: bool = False, templates: Path | None = None, progress=None) -> int:
    env, jobs, exercise_plan = plan(model, ids, everything, kind, lens, templates)
    worked = worked_reflections(templates)
    exercises = [render_exercise(env, model, object_id, kind_name, lens_name, worked=worked, joint=object_id in exercise_plan.joint)
                 for object_id, kind_name, lens_name in (progress(jobs, "Writing exercises") if progress else jobs)]
    count = 0
    with staged_folder(out, force, "exercises", [model.path, *([templates] if templates else [])]) as stage:
        for exercise in exercises:
            for fmt in formats:
                write(stage, f"{exercise.stem}.{EXTENSIONS[fmt]}", FORMATS[fmt](exercise))
                count += 1
    return count
