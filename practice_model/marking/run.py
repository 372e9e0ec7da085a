"""``practice-model mark``: responses in; per-learner profiles, cohort item analysis and CSVs out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from ..errors import UserError
from ..links import HandbookLinks
from ..model import Model
from ..outputs import csv_bytes, staged_folder, write
from ..quiz.exports.key import opening
from ..quiz.markup import Renderer
from ..quiz.notation import LETTERS
from ..templating import render
from . import charts
from .evidence import JUDGEMENT, natural_key, thresholds, verdict
from .manifest import load_manifest
from .marks import read_marks
from .moodle_report import coverage_problems
from .papers import presented_entry
from .responses import Problem, read_sources
from .score import Marked, mark
from .stats import SMALL, cronbach_alpha, item_statistics
from .suggest import default_plan, standards_of, suggested_exercises, suggested_modules


@dataclass
class MarkSummary:
    learners: int = 0
    awaiting: int = 0
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    absent: int = 0
    notes: list[str] = field(default_factory=list)


def _framework_names(model: Model) -> dict[str, str]:
    return {i["id"]: f"{f['short']} {i['number']}: {i['title']}" for f in model.data["frameworks"] for i in f["items"]}


def framework_order(model: Model, shown: list[str]) -> dict[str, tuple]:
    """Framework item ID -> its place: the frameworks the blueprint names (in its order; none named: all), each
    framework's items by number, numerically (KSS 2 before KSS 10). Items of other frameworks are left out."""
    frameworks = {f["id"]: f for f in model.data["frameworks"]}
    names = [f for f in shown if f in frameworks] or list(frameworks)
    return {i["id"]: (n, natural_key(str(i["number"])), i["id"]) for n, f in enumerate(names) for i in frameworks[f]["items"]}


def item_weights(manifest: dict) -> dict[tuple[str, str], int]:
    """(learner, item) -> marks the item is worth: an essay its slot's weight, every other item 1."""
    return {(entry["id"], presented["id"]): presented.get("weight", 1)
            for entry in manifest["learners"] for presented in entry["items"]}


def is_absent(marks) -> bool:
    """No response to anything and no marker's mark: the learner did not sit the quiz (or nothing of theirs arrived)."""
    return not any(m.response.strip() or m.status == "marked" for m in marks)


def learner_profile(marked: Marked, learner: str, model: Model, links: HandbookLinks | None = None, plan=None) -> dict:
    manifest = marked.manifest
    links = links or HandbookLinks(model, model.path.parent)
    render = Renderer(model, href=links.object)
    names = _framework_names(model)
    order = framework_order(model, manifest["blueprint"].get("frameworks") or [])
    marks = marked.for_learner(learner)
    weights = item_weights(manifest)
    scored = [(m, m.fraction) for m in marks if m.fraction is not None]
    # A marks-file mark (out of 100) is a share of what the essay is worth: 75 on a 4-mark essay earns 3.
    earned = sum(fraction * weights.get((learner, m.item), 1) for m, fraction in scored)
    auto_total = sum(1 for m in marks if manifest["items"][m.item]["auto_marked"])
    percent = 100 * sum(fraction for m, fraction in scored if manifest["items"][m.item]["auto_marked"]) / auto_total if auto_total else 0.0
    breakdown: dict[str, list[float]] = defaultdict(list)
    by_standard: dict[str, list[float]] = defaultdict(list)
    for m, fraction in scored:
        data = manifest["items"][m.item]
        for item_id in data["framework_items"]:
            if item_id in order:
                breakdown[item_id].append(fraction)
        for standard in standards_of(model, data["tests"]):
            by_standard[standard].append(fraction)
    missed, missed_items = [], []
    for m in marks:
        data = manifest["items"][m.item]
        if m.fraction is not None and m.fraction < 1:
            target = next((t for t in data["tests"] if t in model.objects), "")
            obj = model.objects.get(target)
            explanation = data.get("explanation", "")
            missed.append({"position": m.position, "item": m.item, "score": m.fraction,
                           "question": opening(data.get("stem_text", "")),
                           "rationale_html": Markup(render.html(explanation)) if explanation else "",
                           "rationale": render.text(explanation),
                           # No "Read:" line when the explanation already links to the same page.
                           "read": obj["title"] if obj else "",
                           "link": links.object(target) if obj and f"(#{target})" not in explanation else ""})
            missed_items.append(data)
    # Learners read their profile: never the marker guidance (it is for assessors, like the key).
    awaiting = [{"item": m.item, "position": m.position} for m in marks if m.status == "awaiting-marker"]
    profile = {
        "learner": learner, "quiz": manifest["blueprint"]["title"], "quiz_id": marked.quiz_id,
        "absent": is_absent(marks), "unanswered": sum(1 for m in marks if m.status == "unanswered"),
        "score": round(percent, 1), "earned": round(earned, 2), "out_of": sum(weights.get((learner, m.item), 1) for m in marks), "pass_mark": manifest["blueprint"]["pass_mark"],
        "passed": percent >= manifest["blueprint"]["pass_mark"] and not awaiting,
        "framework": [{"item": names.get(k, k), "mean": round(sum(v) / len(v), 2), "n": len(v)}
                      for k, v in sorted(breakdown.items(), key=lambda kv: order[kv[0]])],
        "standards": [{"standard": model.objects[k]["title"], "mean": round(sum(v) / len(v), 2), "n": len(v)}
                      for k, v in sorted(by_standard.items()) if k in model.objects],
        "missed": missed, "awaiting": awaiting,
        "modules": suggested_modules(model, missed_items, links),
        "exercises": suggested_exercises(model, missed_items, links, plan if plan is not None else default_plan()),
        "judgement": JUDGEMENT,
    }
    profile["evidence"] = verdict(profile, thresholds(manifest))
    return profile


def _choices_of(manifests: dict[str, dict]):
    def choices(item_id, mark_, response):
        manifest = next(m for m in manifests.values() if item_id in m["items"])
        data = manifest["items"][item_id]
        if data["type"] not in ("single", "multiple", "truefalse"):
            return []
        if mark_ is None:
            return [c["text"] for c in data["choices"]]
        order = presented_entry(manifests[mark_.quiz], mark_.learner, item_id)["order"]
        if data["type"] == "truefalse":
            return [c["text"] for c in data["choices"] if c["text"].strip().lower() == (response or "").strip().lower()]
        chosen = [x for x in (response or "").upper().split(";") if x and x in LETTERS[: len(order)]]
        return [data["choices"][order[LETTERS.index(x)]]["text"] for x in chosen]
    return choices


def _csv(rows: list[dict], fields: list[str]) -> bytes:
    return csv_bytes(rows, fields)


def run_mark(manifest_paths: list[Path], response_paths: list[Path], out: Path, model: Model, force: bool = False,
             marks_paths: Sequence[Path] = (), plan=None) -> MarkSummary:
    """``plan``: the exercise plan suggestions follow (default: the package's)."""
    manifests: dict[str, dict] = {}
    for path in manifest_paths:
        manifest = load_manifest(path)
        if manifest["quiz_id"] in manifests:
            raise UserError(f"quiz '{manifest['quiz_id']}' is given twice; give each quiz's manifest once", str(path))
        manifests[manifest["quiz_id"]] = manifest
    marks = read_marks(list(marks_paths), manifests)
    router = read_sources(response_paths, list(manifests.values()))
    summary = MarkSummary(problems=list(router.problems))
    results = [mark(manifests[q], router.by_quiz[q], marks[q]) for q in sorted(manifests)]
    all_marks = [m for r in results for m in r.marks]
    frameworks = {f["id"]: [i["id"] for i in f["items"]] for f in model.data["frameworks"]}
    for r in results:
        summary.problems += r.problems
        summary.problems += coverage_problems(r.manifest, router.by_quiz[r.quiz_id].shown, frameworks)
    plan = plan if plan is not None else default_plan()
    links = HandbookLinks(model, out)
    if links.note(out):
        summary.notes.append(links.note(out))
    profiles = [learner_profile(r, e["id"], model, links.at(out / "learners" / e["id"]), plan)
                for r in results for e in r.manifest["learners"]]
    summary.learners = len(profiles)
    summary.awaiting = sum(len(p["awaiting"]) for p in profiles)
    absent = {(p["quiz_id"], p["learner"]) for p in profiles if p["absent"]}
    summary.absent = len(absent)
    # Absent learners have no evidence: counted as zeros they would drag every statistic down.
    present_marks = [m for m in all_marks if (m.quiz, m.learner) not in absent]
    item_stats = item_statistics(present_marks, _choices_of(manifests))
    names = _framework_names(model)

    alphas = []
    for r in results:
        positions: dict[str, dict[int, float]] = defaultdict(dict)
        for m in r.marks:
            if m.fraction is not None and (r.quiz_id, m.learner) not in absent:
                positions[m.learner][m.position] = m.fraction
        width = max((len(e["items"]) for e in r.manifest["learners"]), default=0)
        # Only learners with a mark at every position (an essay awaiting a marker leaves a gap).
        matrix = [[row[p] for p in range(1, width + 1)] for row in positions.values() if all(p in row for p in range(1, width + 1))]
        alphas.append({"quiz": r.quiz_id, "alpha": cronbach_alpha(matrix), "n": len(matrix)})

    # Only the frameworks the blueprints name (every framework when one names none), items in number order.
    named = [m["blueprint"].get("frameworks") or [] for m in manifests.values()]
    order = framework_order(model, [] if not all(named) else list(dict.fromkeys(f for n in named for f in n)))
    framework_rows = defaultdict(list)
    for m in present_marks:
        if m.fraction is not None:
            for item_id in manifests[m.quiz]["items"][m.item]["framework_items"]:
                if item_id in order:
                    framework_rows[item_id].append((m.learner, m.fraction))
    framework = [{"item": names.get(k, k), "id": k, "mean": round(sum(f for _, f in v) / len(v), 2), "responses": len(v),
                  "learners": len({l for l, _ in v})} for k, v in sorted(framework_rows.items(), key=lambda kv: order[kv[0]])]
    learners = [p["learner"] for p in profiles if not p["absent"]]
    heat_items = [row["id"] for row in framework]
    heat = []
    for learner in learners:
        row = []
        for item_id in heat_items:
            values = [f for l, f in framework_rows[item_id] if l == learner]
            row.append(sum(values) / len(values) if values else None)
        heat.append(row)

    first = next(iter(manifests.values()))
    pass_mark = first["blueprint"]["pass_mark"]
    present = [p for p in profiles if not p["absent"]]
    small = len(present) < SMALL
    cohort = {
        "title": ", ".join(m["blueprint"]["title"] for m in manifests.values()), "quizzes": sorted(manifests),
        "learners": len(profiles), "present": len(present), "absent": [p["learner"] for p in profiles if p["absent"]],
        "small": small, "small_limit": SMALL, "alphas": alphas,
        "item_stats": [s for s in item_stats if s.n >= SMALL], "few_stats": [s for s in item_stats if s.n < SMALL],
        "framework": framework, "profiles": profiles, "problems": summary.problems,
        "evidence": thresholds(first), "judgement": JUDGEMENT,
        "score_chart": charts.score_distribution([p["score"] for p in present], pass_mark) if present else "",
        "item_chart": charts.facility_discrimination([(s.item, s.facility, s.discrimination) for s in item_stats
                                                      if s.discrimination is not None and s.n >= SMALL]),
        "heat_chart": charts.coverage_heatmap(learners, [names.get(i, i).split(":")[0] for i in heat_items], heat) if heat_items and learners else "",
    }

    weights = {(q, learner, item): w for q, manifest in manifests.items() for (learner, item), w in item_weights(manifest).items()}
    with staged_folder(out, force, "mark", [*manifest_paths, *response_paths, *marks_paths, model.path]) as stage:
        for profile in profiles:
            write(stage, f"learners/{profile['learner']}/profile.html", render("marking/learner.html.j2", p=profile).encode())
            write(stage, f"learners/{profile['learner']}/profile.docx", profile_docx(profile))
        write(stage, "cohort.html", render("marking/cohort.html.j2", c=cohort).encode())
        write(stage, "results.csv", _csv([{"quiz": m.quiz, "learner": m.learner, "position": m.position, "item": m.item, "response": m.response,
                                           "score": "" if m.fraction is None else round(m.fraction, 4), "status": m.status,
                                           "out_of": weights.get((m.quiz, m.learner, m.item), 1),
                                           "marks": "" if m.fraction is None else round(m.fraction * weights.get((m.quiz, m.learner, m.item), 1), 4)}
                                          for m in all_marks],
                                         ["quiz", "learner", "position", "item", "response", "score", "status", "marks", "out_of"]))
        write(stage, "learners.csv", _csv([{"learner": p["learner"], "quiz": p["quiz_id"], "score_percent": p["score"], "passed": p["passed"],
                                            "awaiting_marker": len(p["awaiting"]), "marks": p["earned"], "out_of": p["out_of"],
                                            "absent": "yes" if p["absent"] else "", "quiz_evidence": p["evidence"]["level"],
                                            "evidence": "; ".join(p["evidence"]["behind"])} for p in profiles],
                                          ["learner", "quiz", "score_percent", "passed", "awaiting_marker", "marks", "out_of",
                                           "absent", "quiz_evidence", "evidence"]))
        write(stage, "items.csv", _csv([{"item": s.item, "responses": s.n, "facility": round(s.facility, 3),
                                         "discrimination": "" if s.discrimination is None else round(s.discrimination, 1),
                                         "distractors": "; ".join(f"{k}: {v}" for k, v in s.distractors.items()), "flags": "; ".join(s.flags)}
                                        for s in item_stats], ["item", "responses", "facility", "discrimination", "distractors", "flags"]))
        write(stage, "framework.csv", _csv(framework, ["id", "item", "mean", "responses", "learners"]))
        write(stage, "problems.csv", _csv([{"where": p.where, "problem": p.message} for p in summary.problems], ["where", "problem"]))
        summary.files = sum(1 for p in stage.rglob("*") if p.is_file())
    return summary


def _printed(title: str, link: str) -> str:
    """A link on paper: the title, with the address when it is one a reader can type (an absolute URL)."""
    return f"{title} ({link})" if link.startswith(("http://", "https://")) else title


def profile_docx(profile: dict) -> bytes:
    """The profile for the review record, in the same order as the HTML, with addresses printed in full."""
    from ..wordml import Run, WordDocument

    document = WordDocument()
    document.heading(f"{profile['quiz']}: results for {profile['learner']}", 1)
    if profile["absent"]:
        document.paragraph(f"Absent. No responses were received from {profile['learner']}, so this quiz gives no evidence either way.")
    else:
        result = "Pass" if profile["passed"] else ("Awaiting marking" if profile["awaiting"] else "Not yet passed")
        document.paragraph(f"Score: {profile['score']}% of the automatically marked questions (pass mark {profile['pass_mark']:g}%). "
                           f"{result}. Marks: {profile['earned']:g} of {profile['out_of']}, written answers at their weight.")
    document.heading("Summary for the review", 2)
    evidence = profile["evidence"]
    document.paragraph([Run(evidence["line"][0].upper() + evidence["line"][1:], bold=True)])
    for line in evidence["behind"]:
        document.bullet(line)
    document.paragraph([Run(profile["judgement"], italic=True)])
    if profile["missed"]:
        document.heading("Questions to revisit", 2)
        for miss in profile["missed"]:
            question = f": “{miss['question']}”" if miss["question"] else ""
            document.paragraph([Run(f"Question {miss['position']}{question}", bold=True)])
            if miss["rationale"]:
                document.paragraph(miss["rationale"])
            if miss["link"]:
                document.paragraph(f"Read: {_printed(miss['read'], miss['link'])}")
    if profile["awaiting"]:
        document.heading("Waiting for a marker", 2)
        for waiting in profile["awaiting"]:
            document.bullet(f"Question {waiting['position']}: your written answer is with your assessor.")
    if profile["modules"] or profile["exercises"]:
        document.heading("Suggested learning", 2)
        document.paragraph("Chosen for the questions above: the modules and reflective exercises that teach what they test.")
        for module in profile["modules"]:
            length = f" ({module['length']})" if module["length"] else ""
            document.bullet([Run("Module: ", bold=True), Run(_printed(module["title"], module["link"]) + length)])
            if module["reading"]:
                document.paragraph("Read first: " + "; ".join(_printed(r["title"], r["link"]) for r in module["reading"]))
        for exercise in profile["exercises"]:
            document.bullet([Run("Reflective exercise: ", bold=True), Run(f"{_printed(exercise['title'], exercise['link'])}, using {exercise['lens']}")])
    for title, rows, key in (("By framework item", profile["framework"], "item"), ("By practice standard", profile["standards"], "standard")):
        if rows:
            document.heading(title, 2)
            document.table([[title.split()[-1].capitalize(), "Share of marks", "Items"]]
                           + [[row[key], f"{row['mean']:.0%}", str(row["n"])] for row in rows])
    return document.to_bytes(f"{profile['quiz']}: {profile['learner']}")
