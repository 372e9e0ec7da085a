"""The ``practice-model`` command."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from .errors import UserError
from .kinds import KINDS
from .model import failed_build, load_model
from .outputs import default_out
from .project import Project, find_project
from .version import __version__


def run_build(project: Project, out: Path, jobs: str = "1", quiet: bool = False) -> int:
    from sphinx.cmd.build import build_main

    args = ["-W", "--keep-going", "-b", "html", "-c", str(project.root), "-j", jobs, str(project.source), str(out)]
    if quiet:
        args.insert(0, "-q")
    return build_main(args)


def ensure_model(args, project: Project | None) -> Path:
    """The model to read: ``--model``, or the built one, rebuilt first if missing, older than the sources or from a failed build."""
    if args.model:
        return Path(args.model)
    assert project is not None  # callers find the project whenever --model is not given
    path = project.default_model
    reason = ("missing" if not path.exists() else "older than the sources" if path.stat().st_mtime < project.newest_source()
              else "from a build that failed" if _from_failed_build(path) else None)
    if reason:
        print(f"The built model is {reason}; building the handbook first...", file=sys.stderr)
        if run_build(project, project.html, quiet=True) != 0:
            raise UserError("the handbook build failed; fix the warnings above, then try again", str(project.source))
    return path


def _from_failed_build(path: Path) -> bool:
    try:
        return bool(failed_build(json.loads(path.read_text(encoding="utf-8"))))
    except (OSError, ValueError, AttributeError):
        return False  # unreadable or damaged: load_model says so with the file's name


def cmd_build(args) -> int:
    project = find_project(args.project)
    out = Path(args.out) if args.out else project.html
    code = run_build(project, out, str(args.jobs))
    if code == 0:
        print(f"\nThe handbook is built. Open {out.resolve() / 'index.html'}")
    return code


def cmd_model(args) -> int:
    project = find_project(args.project) if not args.model else None
    path = ensure_model(args, project)
    model = load_model(path)
    if args.json:
        sys.stdout.write(path.read_text(encoding="utf-8"))
        return 0
    counts = Counter(o["kind"] for o in model.data["objects"])
    handbook = model.handbook
    print(f"{handbook['title']} {handbook['version']} ({handbook['organisation']}); schema {model.data['schema_version']}")
    print(f"{'Kind':<28}{'Objects':>8}")
    for kind in KINDS.values():
        print(f"{kind.plural:<28}{counts.get(kind.name, 0):>8}")
    print(f"{'Total':<28}{sum(counts.values()):>8}")
    print(f"Frameworks: {', '.join(fw['short'] + ' (' + fw['id'] + ')' for fw in model.data['frameworks'])}")
    print(f"Model file: {path}")
    return 0


def _progress(items, description):
    """A progress bar on a terminal; silent when output is piped (so logs stay readable)."""
    if not sys.stderr.isatty():
        return items
    from rich.progress import track

    return track(items, description=description, transient=True, console=None)


def _root(args, project) -> Path:
    """The project folder (for the default output folder), or the current folder when given --model."""
    return project.root if project is not None else Path.cwd()


def _today() -> str:
    import datetime

    return datetime.date.today().isoformat()


def _quiz_name(manifests: list[str]) -> str:
    """A folder name for marking: the issued quiz folder's name (one manifest), else 'cohort'."""
    return Path(manifests[0]).resolve().parent.name if len(manifests) == 1 else "cohort"


def cmd_quiz(args) -> int:
    from .quiz.blueprint import load_blueprint
    from .quiz.learners import read_learners
    from .quiz.run import parse_formats, run_quiz

    formats = parse_formats(args.format)
    learners = read_learners(args.learner or [], Path(args.learners) if args.learners else None)
    blueprint = load_blueprint(Path(args.blueprint))
    project = None if args.model else find_project(args.project)
    model = load_model(ensure_model(args, project))
    out = Path(args.out) if args.out else default_out(_root(args, project), "quizzes", Path(args.blueprint).stem, _today())
    summary = run_quiz(blueprint, model, learners, formats, out, seed=args.seed, force=args.force, progress=_progress,
                       inputs=tuple(Path(p) for p in [args.learners] if p))
    seed = blueprint.seed if args.seed is None else args.seed
    print(issue_summary(blueprint, model, summary, seed, out))
    for line in grouped_warnings(summary.warnings):
        print(f"warning: {line}", file=sys.stderr)
    return 0


# What each output is and whom it is for, in the order the summary lists them.
_HANDOVER = (
    ("html", "learners", "each learner, only their own folder: learners/<ID>/ (quiz.html{docx})"),
    ("key", "assessors only", "key.html, key.csv, key.json (the answers and marking guidance)"),
    ("moodle", "the Moodle administrator", "lms/moodle.xml (pools) or lms/moodle-papers.xml (each learner's own paper)"),
    ("gift", "the LMS administrator", "lms/quiz.gift"),
    ("qti", "the LMS administrator", "lms/qti.zip (QTI 2.1)"),
)


def issue_summary(blueprint, model, summary, seed: int, out: Path) -> str:
    """One screen: who, how many, whether coverage is met, where the files are and whom each is for; warnings grouped."""
    frameworks = {f["id"]: f for f in model.data["frameworks"]}
    names = {i["id"]: f"{f['short']} {i['number']}" for f in model.data["frameworks"] for i in f["items"]}
    lines = [f"{blueprint.title} (quiz {summary.quiz_id}, seed {seed})",
             f"  Learners: {summary.learners}, {summary.items_per_learner} items each"
             + (f"; time allowed {blueprint.time_limit} minutes" if blueprint.time_limit else "")
             + (f"; extra time for {len(summary.extra_time)}" if summary.extra_time else "")]
    if summary.required:
        rules = [f"every item of {frameworks[f]['short']}" for f in blueprint.coverage if f in frameworks]
        rules += [names.get(i, i) for i in blueprint.coverage_items]
        if summary.short_of:
            lacking = "; ".join(f"{learner} lacks {', '.join(names.get(i, i) for i in items)}" for learner, items in summary.short_of.items())
            lines.append(f"  Coverage: NOT met ({'; '.join(rules)}): {lacking}")
        else:
            lines.append(f"  Coverage: met on every paper ({'; '.join(rules)}: {len(summary.required)} framework items)")
    else:
        shown = blueprint.frameworks or list(frameworks)
        counts = [f"{frameworks[f]['short']} {sum(1 for i in frameworks[f]['items'] if i['id'] in summary.coverage)} of "
                  f"{len(frameworks[f]['items'])} items" for f in shown if f in frameworks]
        lines.append("  Coverage: no [coverage] rule in the blueprint; across the papers, " + ", ".join(counts))
    lines.append(f"  Files: {out}")
    for fmt, whom, what in _HANDOVER:
        if fmt in summary.formats:
            lines.append(f"    for {whom}: {what.format(docx=', quiz.docx' if 'docx' in summary.formats else '')}")
    if "html" not in summary.formats and "docx" in summary.formats:
        lines.append("    for learners: each learner, only their own folder: learners/<ID>/ (quiz.docx)")
    lines.append("    keep: manifest.json, for 'practice-model mark' (it holds the answers: assessors only)")
    for note in summary.notes:
        lines.append(f"  Note: {note}.")
    if summary.warnings:
        lines.append(f"  Warnings: {len(grouped_warnings(summary.warnings))} kind(s), listed below")
    return "\n".join(lines)


def grouped_warnings(warnings: list[str]) -> list[str]:
    """One line per kind of warning: those that differ only in the item they name ("q-x: GIFT has no place...")
    are one line listing the items."""
    import re

    by_message: dict[str, list[str]] = {}
    for warning in warnings:
        subject, said, rest = warning.partition(": ")
        if said and re.fullmatch(r"[a-z0-9][a-z0-9-]*", subject):
            by_message.setdefault(rest, []).append(subject)
        else:
            by_message.setdefault(warning, [])
    lines = []
    for message, ids in sorted(by_message.items()):
        shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
        lines.append(f"{message} ({len(ids)} item(s): {shown})" if ids else message)
    return lines


def cmd_check(args) -> int:
    import datetime
    import glob

    from . import check

    project = find_project(args.project)
    if args.items:
        return _cue_statistics(project, args.json)
    try:
        today = datetime.date.fromisoformat(args.today) if args.today else datetime.date.today()
    except ValueError:
        raise UserError(f"--today {args.today!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31") from None
    model_path, findings = check.build_warnings(project)
    model = load_model(model_path, allow_failed=True)  # its own build: the warnings are among the findings
    banks = [Path(p) for p in sorted(glob.glob(str(project.root / "quizzes" / "banks" / "*.md")))]
    findings += check.structure(model) + check.currency(model, today, args.due_days) + check.law_and_sources(model, today)
    findings += check.personal_data(project, model, banks) + check.bank_findings(model, banks) + check.review_findings(project)
    findings += check.tracked_outputs(project)
    findings += check.settings(project, model)
    if args.framework:
        findings += check.framework_gaps(model, args.framework)
    findings.sort(key=lambda f: (f.severity != "error", f.check, f.where))
    errors = sum(1 for f in findings if f.severity == "error")
    if args.json:
        print(check.as_json(findings))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"practice-model check: {errors} error(s), {len(findings) - errors} warning(s)", show_lines=False)
        for column in ("Severity", "Check", "Where", "What to do"):
            table.add_column(column, overflow="fold")
        for f in findings:
            table.add_row(f.severity.upper() if f.severity == "error" else f.severity, f.check, f.where, f.message)
        Console(width=160).print(table) if findings else print("practice-model check: no problems found")
    return 1 if errors else 0


def _cue_statistics(project: Project, as_json: bool) -> int:
    """``check --items``: the banks' cue statistics, and how no-knowledge candidates fare on each assessed blueprint."""
    import glob

    from .quiz.banks import load_banks
    from .quiz.cue_stats import cue_statistics, report

    banks = [Path(p) for p in sorted(glob.glob(str(project.root / "quizzes" / "banks" / "*.md")))]
    if not banks:
        raise UserError("no question banks to count; banks are quizzes/banks/*.md", str(project.root / "quizzes" / "banks"))
    items = load_banks(banks)
    for item in items:  # shown relative to the project, like every other finding
        path, _, line = item.location.rpartition(":")
        item.location = f"{Path(path).relative_to(project.root)}:{line}"
    stats = cue_statistics(items)
    simulated = _no_knowledge_candidates(project)
    if as_json:
        data = {bank: s.as_dict() for bank, s in stats.items()}
        if simulated:
            data["no-knowledge candidates"] = {name: {r.strategy: {"median": round(r.median, 1), "passed": r.passed, "papers": r.papers}
                                                      for r in results} for name, (_, results) in simulated.items()}
        print(json.dumps(data, indent=2))
    else:
        from .quiz.cue_sim import report as simulation_report

        print("\n".join([report(stats)] + [simulation_report(name, mark, results) for name, (mark, results) in simulated.items()]))
    return 0


def _no_knowledge_candidates(project: Project) -> dict:
    """Each assessed blueprint in quizzes/: its pass mark and how each cue-using candidate fares (needs the model)."""
    from .quiz.blueprint import load_blueprint
    from .quiz.cue_sim import simulate

    blueprints = [load_blueprint(p) for p in sorted((project.root / "quizzes").glob("*.toml"))]
    blueprints = [b for b in blueprints if b.mode == "assessed"]
    if not blueprints:
        return {}
    model = load_model(ensure_model(argparse.Namespace(model=None), project))
    return {b.name: (b.pass_mark, simulate(b, model)) for b in blueprints}


def cmd_release(args) -> int:
    from . import release_writer
    from .release_transaction import recover, release_lock

    project = find_project(args.project)
    if args.dry_run:  # no lock, no recovery: a dry run writes nothing in the project
        release_writer.check_new_version(project.source, args.version)
        date, next_update = release_writer.release_dates(args.date, args.next_update)
        return _release_locked(args, project, date, next_update)
    with release_lock(project.root, args.version):
        finished, notes = recover(project.root, project.source)
        for note in notes:
            print(f"note: {note}.", file=sys.stderr)
        if finished == args.version:  # the rerun the interrupted release asked for: it is now complete
            _print_git_commands(project, args.version, [])
            return 0
        release_writer.check_new_version(project.source, args.version)
        date, next_update = release_writer.release_dates(args.date, args.next_update)
        return _release_locked(args, project, date, next_update)


def _release_locked(args, project: Project, date: str, next_update: str) -> int:
    import glob

    from . import check, release_writer
    from .quiz.banks import load_banks
    from .release_transaction import uncommitted_files

    dirty = uncommitted_files(project.root)
    if dirty:
        shown = "\n  ".join(dirty[:20]) + (f"\n  ...and {len(dirty) - 20} more" if len(dirty) > 20 else "")
        print(f"warning: {len(dirty)} file(s) not yet committed; the release will describe them as they are now, "
              f"so commit them (or set them aside) first if they should not go out:\n  {shown}", file=sys.stderr)
    model_path, findings = check.build_warnings(project)
    model = load_model(model_path, allow_failed=True)  # its own build: the warnings are among the findings
    banks = [Path(p) for p in sorted(glob.glob(str(project.root / "quizzes" / "banks" / "*.md")))]
    findings += check.structure(model) + check.personal_data(project, model, banks) + check.bank_findings(model, banks)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        for f in errors[:20]:
            print(f"error: {f.where}: {f.message}", file=sys.stderr)
        raise UserError(f"{len(errors)} error(s) found by 'practice-model check'; fix them before releasing")

    def plan():
        return release_writer.plan_release(project, model, args.version, date, next_update, load_banks(banks) if banks else [])

    confirmed = plan()
    digest = confirmed.digest(project.root)
    preview = confirmed.changes
    print(f"Release {args.version} ({date}; next update {next_update}): {len(preview.new)} new, {len(preview.updated)} updated, "
          f"{len(preview.removed)} removed, {len(preview.reviewed)} reviewed only. Preview {digest[:12]}.")
    print("\n".join(confirmed.describe()))
    if args.dry_run:
        print("Would write:\n  " + "\n  ".join(sorted(str(p.relative_to(project.root)) for p in confirmed.files)))
        print("Dry run: nothing written.")
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("not confirmed: run again with --yes to release without a prompt")
        try:
            answer = input("Write the release files? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing written.")
            return 1
        # Files may have changed while the question waited; write only what was confirmed.
        again = plan()
        if again.digest(project.root) != digest:
            differ = sorted(str(p.relative_to(project.root)) for p in set(again.files) | set(confirmed.files)
                            if again.files.get(p) != confirmed.files.get(p))
            raise UserError(f"what the release would write has changed since you confirmed preview {digest[:12]} "
                            f"({', '.join(differ)}); nothing was written. Run the release again to see the new preview")
        confirmed = again
    result = release_writer.write_release(project, confirmed)
    print("Wrote:\n  " + "\n  ".join(result["files"]))
    if result["pending"]:
        print(f"{len(result['pending'])} quiz item(s) test changed content and need review: run 'practice-model reviewed' "
              "to see what changed for each.")
    _print_git_commands(project, args.version, result["files"])
    return 0


def _print_git_commands(project: Project, version: str, written: list[str]) -> None:
    import shlex

    from .release_transaction import files_to_add

    source = project.source.relative_to(project.root).as_posix() if project.source.is_relative_to(project.root) else "docs"
    folders = tuple(sorted({source, "quizzes"}))
    names = files_to_add(project.root, written, folders)
    add = " ".join(shlex.quote(n) for n in names) if names else " ".join(folders)  # without git: everything it may depend on
    print("Rebuild the handbook (make html), then commit and tag the release:")
    print(f"  git add {add}\n  git commit -m \"Release {version}\"\n  git tag -a v{version} -m \"Release {version}\"")


def cmd_reviewed(args) -> int:
    from .outputs import write_atomic
    from .review_changes import explain, select

    project = find_project(args.project)
    path = project.root / "quizzes" / "needs-review.json"
    pending = json.loads(path.read_text(encoding="utf-8"))["items"] if path.exists() else []
    chosen = select(pending, args.items, args.standard, args.all_shown, str(path))
    if not (args.items or args.standard or args.all_shown):  # show the list and what changed; mark nothing
        for entry in pending:
            print("\n".join(explain(entry, project.source)))
        print(f"{len(pending)} item(s) waiting for review. Mark them with 'practice-model reviewed ITEM...', "
              "--standard STD-ID or --all-shown.")
        return 0
    for entry in chosen:
        print("\n".join(explain(entry, project.source)))
    done = {e["item"] for e in chosen}
    remaining = [e for e in pending if e["item"] not in done]
    write_atomic(path, (json.dumps({"items": remaining}, indent=2) + "\n").encode())
    print(f"Marked {len(done)} item(s) reviewed; {len(remaining)} still waiting.")
    return 0


def cmd_exercises(args) -> int:
    from .exercises.run import parse_formats, run_exercises

    formats = parse_formats(args.format)
    project = None if (args.model and args.templates) else find_project(args.project)
    model = load_model(ensure_model(args, project))
    templates = Path(args.templates) if args.templates or project is None else project.source / "_templates" / "exercises"
    count = run_exercises(model, args.ids or [], args.all, args.kind, args.lens, formats, Path(args.out), args.force, templates, _progress)
    print(f"Wrote {count} files to {args.out} (named <ID>--<kind>--<lens>.<ext>).")
    return 0


def cmd_mark(args) -> int:
    from .marking.run import run_mark

    project = None if args.model else find_project(args.project)
    model = load_model(ensure_model(args, project))
    out = Path(args.out) if args.out else default_out(_root(args, project), "marking", _quiz_name(args.manifests), _today())
    summary = run_mark([Path(m) for m in args.manifests], [Path(r) for r in args.responses], out, model, args.force,
                       [Path(m) for m in args.marks or []], plan=_exercise_plan(project))
    for problem in summary.problems:
        print(f"warning: {problem.where}: {problem.message}", file=sys.stderr)
    for note in summary.notes:
        print(f"note: {note}.", file=sys.stderr)
    from .marking import charts

    if not charts.available():
        print(f"note: {charts.MISSING}", file=sys.stderr)
    absent = f" ({summary.absent} absent: no responses)" if summary.absent else ""
    print(f"Marked {summary.learners} learner(s){absent}; {summary.awaiting} written answer(s) await a marker. "
          f"Wrote {summary.files} files to {out} (cohort.html, learners/<ID>/profile.*, CSVs).")
    return 0


def _exercise_plan(project: Project | None):
    """The exercise plan the handbook's exercise pages follow (the PSW's copy, if any), for suggestions in profiles."""
    from .exercises.generate import kinds_and_lenses
    from .exercises.plan import Plan
    from .templating import environment

    override = project.source / "_templates" / "exercises" if project is not None else None
    try:
        return Plan(override, *kinds_and_lenses(environment(override)))
    except UserError as exc:
        print(f"note: the exercise plan cannot be read ({exc}); profiles suggest each standard's critical reflection", file=sys.stderr)
        return None


def cmd_print(args) -> int:
    from . import printing

    project = find_project(args.project)
    version, _ = printing.release_info(project)
    target = Path(args.out) if args.out else project.root / "_build" / f"practice-model-handbook-{version}.{args.format}"
    path = (printing.build_pdf if args.format == "pdf" else printing.build_epub)(project, target)
    print(f"Wrote {path}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="practice-model", description="Build the practice model handbook and work with its model.")
    top.add_argument("--version", action="version", version=f"practice-model {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p, model=True):
        p.add_argument("--project", type=Path, help="the handbook project folder (default: found from the current folder)")
        if model:
            p.add_argument("--model", help="a practice-model.json to read (default: the built one, rebuilt if out of date)")

    b = sub.add_parser("build", help="build the handbook (same as 'make html')", description="Build the handbook into HTML with warnings as errors, and write practice-model.json.")
    common(b, model=False)
    b.add_argument("--out", help="output folder (default: _build/html)")
    b.add_argument("-j", "--jobs", default="1", help="parallel processes, or 'auto' (default: 1)")
    b.set_defaults(func=cmd_build)

    m = sub.add_parser("model", help="summarise the model, or print it as JSON", description="Show how many objects of each kind the handbook holds.")
    common(m)
    m.add_argument("--json", action="store_true", help="print the whole model as JSON")
    m.set_defaults(func=cmd_model)

    q = sub.add_parser(
        "quiz", help="make per-learner quizzes, an answer key and LMS imports from a blueprint",
        description="Generate a quiz for each learner from a blueprint in quizzes/. Learner IDs should be pseudonymous "
                    "(staff numbers, not names). Each learner's variant depends only on the seed and their ID.")
    common(q)
    q.add_argument("blueprint", help="the blueprint, e.g. quizzes/asye-3-month.toml")
    q.add_argument("--seed", type=int, help="the seed (default: the blueprint's); always recorded in manifest.json")
    q.add_argument("--learner", action="append", metavar="ID", help="a learner's pseudonymous ID; repeat for more")
    q.add_argument("--learners", metavar="FILE", help="a .csv with an 'id' column (optional 'extra_time' percent) or a text file with one ID per line")
    q.add_argument("--format", default="all", help="comma list of html, docx, key, moodle, gift, qti, or 'all' (default)")
    q.add_argument("--out", help="output folder (must be empty unless --force); default: a new folder under private-outputs/quizzes/, which git ignores")
    q.add_argument("--force", action="store_true", help="replace this command's earlier output in --out (never inputs or other folders)")
    q.set_defaults(func=cmd_quiz)

    c = sub.add_parser("check", help="check the handbook before publishing (structure, reviews, personal data, links)",
                       description="Build the handbook and check it. Exits 1 on errors (structure, personal data, broken links), "
                                   "0 when there are only warnings (reviews due or overdue, unmapped items for an inactive framework).")
    common(c, model=False)
    c.add_argument("--due-days", type=int, default=60, help="warn about reviews due within this many days (default 60)")
    c.add_argument("--framework", metavar="ID", help="also show what is unmapped for this framework (e.g. for the 2027 switch)")
    c.add_argument("--today", metavar="YYYY-MM-DD", help="judge review and source dates as of this day (default: today)")
    c.add_argument("--json", action="store_true", help="print the findings as JSON")
    c.add_argument("--items", action="store_true", help="only print the banks' cue statistics (key is the longest option, "
                                                         "key positions, true/false balance, 'all but one' items) and, for each "
                                                         "assessed blueprint in quizzes/, each cue-using no-knowledge candidate's "
                                                         "median and pass rate (builds the handbook first if its model is out of date)")
    c.set_defaults(func=cmd_check)

    r = sub.add_parser("release", help="publish a curriculum update: snapshot, amendments page, what's-new text",
                       description="Write a release into the repository (docs/releases/): a snapshot of the model, the amendments "
                                   "page, and a what's-new text for all staff. Runs the checks first. Does not commit.")
    common(r, model=False)
    r.add_argument("version", help="the new version, YEAR.N (e.g. 2027.1); must be newer than the last release")
    r.add_argument("--date", help="release date, YYYY-MM-DD (default: today)")
    r.add_argument("--next-update", help="planned next update, YYYY-MM-DD (default: six months on)")
    r.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    r.add_argument("--dry-run", action="store_true", help="show what the release would change and write, and write nothing")
    r.set_defaults(func=cmd_release)

    v = sub.add_parser("reviewed", help="mark quiz items reviewed after a release changed what they test")
    common(v, model=False)
    v.add_argument("items", nargs="*", metavar="ITEM", help="item IDs from 'practice-model check' (none: list the waiting "
                                                         "items and what changed, marking nothing)")
    v.add_argument("--standard", metavar="ID", help="also every waiting item that tests or cites this standard (or other object)")
    v.add_argument("--all-shown", action="store_true", help="every item the list shows")
    v.set_defaults(func=cmd_reviewed)

    e = sub.add_parser("exercises", help="make reflective exercises for supervision, peer critique, practice learning weeks and CPD",
                       description="Generate reflective exercises about standards and modules. Without --kind, every kind; without "
                                   "--lens, each kind's natural lens (critical-reflection: gibbs; supervision: kolb; "
                                   "group-case-discussion: restorative; practice-learning-week: trauma-informed; cpd-record: rolfe).")
    common(e)
    target = e.add_mutually_exclusive_group(required=True)
    target.add_argument("--for", dest="ids", nargs="+", metavar="ID", help="standards or modules (e.g. std-chronologies)")
    target.add_argument("--all", action="store_true", help="every standard and module")
    e.add_argument("--kind", help="critical-reflection, supervision, group-case-discussion, practice-learning-week, cpd-record")
    e.add_argument("--lens", help="gibbs, kolb, rolfe, schon, restorative, trauma-informed, discipline-window")
    e.add_argument("--format", default="all", help="comma list of md, html, docx, moodle, or 'all' (default)")
    e.add_argument("--out", required=True, help="output folder (must be empty unless --force)")
    e.add_argument("--force", action="store_true", help="replace this command's earlier output in --out (never inputs or other folders)")
    e.add_argument("--templates", help="folder of template overrides (default: docs/_templates/exercises/)")
    e.set_defaults(func=cmd_exercises)

    k = sub.add_parser("mark", help="mark quiz responses: learner profiles and item analysis",
                       description="Mark responses against a quiz's manifest (several manifests combine small cohorts). Responses come "
                                   "from the files the learner page saves, a CSV with columns learner,item,response, or a Moodle "
                                   "Responses report (CSV, with question text). Marks for written answers come only from the assessors' "
                                   "marks file (--marks), never from the responses. A file that cannot be read stops marking; other "
                                   "problems are reported with file and line, and the rest is still marked.")
    common(k)
    k.add_argument("manifests", nargs="+", metavar="MANIFEST", help="manifest.json from 'practice-model quiz'")
    k.add_argument("--responses", action="append", required=True, metavar="FILE_OR_DIR", help="responses file or folder; repeat for more")
    k.add_argument("--marks", action="append", metavar="FILE", help="assessors' marks for written answers: a CSV with columns "
                                                                   "learner,item,mark (0 to 100); repeat for more")
    k.add_argument("--out", help="output folder (must be empty unless --force); default: a new dated folder under private-outputs/marking/, "
                                  "so marking again (say, when essay marks arrive) keeps the earlier results")
    k.add_argument("--force", action="store_true", help="replace this command's earlier output in --out (never inputs or other folders)")
    k.set_defaults(func=cmd_mark)

    p = sub.add_parser("print", help="make a PDF or EPUB of the whole handbook, to attach to a release",
                       description="Make a tagged PDF (WeasyPrint) or an EPUB of the handbook. Each printed page carries the version "
                                   "and release date and says printed copies go out of date. Dates come from the release.")
    common(p, model=False)
    p.add_argument("format", choices=("pdf", "epub"))
    p.add_argument("--out", help="file to write (default: _build/practice-model-handbook-<version>.<format>)")
    p.set_defaults(func=cmd_print)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
