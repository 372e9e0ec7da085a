"""Benchmark the handbook toolchain on synthetic corpora and report ratios, not just seconds.

    python tools/bench.py                 # sizes 100, 300, 1000; medians of 3 (about 15 minutes here)
    python tools/bench.py --quick         # one small size, one run (for CI: keeps the benchmark working)
    python tools/bench.py --write-docs    # also write docs/integrators/performance-results.md
    python tools/bench.py --real          # also the real handbook in docs/ (performance-real.md)
    python tools/bench.py --real-only --runs 1 --write-docs   # the real handbook alone (about 8 minutes here)

For each size it measures: a full build (ours, ours without the Exercises
section, and a plain Sphinx + MyST + sphinx-design build of the same pages),
a rebuild after editing one page (and checks the model has no stale or
duplicated objects), a -j 2 build, the model's size and load time, a
30-learner quiz in every format, exercises --all, the search index size, and
each build's peak memory.

With --real it also measures the real handbook, on a scratch copy: a plain
build of the same pages (tools/plainify.py turns our markup into admonitions),
the full build, a one-sentence body edit and a title edit to one standard
(incremental), `practice-model print pdf` (stopped after five minutes) and a
30-learner quiz in every format from quizzes/asye-12-month.toml.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import plainify  # noqa: E402
import synth  # noqa: E402

PRINT_LIMIT_S = 300  # `print pdf` is stopped after five minutes and reported as "> 5 min"



def time_quiz(blueprint: Path, model, out: Path, runs: int) -> float:
    """Median seconds for a 30-learner quiz in every format (each run's output removed before the next)."""
    from practice_model.quiz.blueprint import load_blueprint
    from practice_model.quiz.learners import Learner
    from practice_model.quiz.run import FORMATS, run_quiz

    learners = [Learner(f"S{n:04d}") for n in range(30)]
    times = []
    for run in range(runs):
        target = out.with_name(f"{out.name}-{run}")
        start = time.perf_counter()
        run_quiz(load_blueprint(blueprint), model, learners, list(FORMATS), target)
        times.append(time.perf_counter() - start)
        shutil.rmtree(target)
    return median(times)

def child_build(args: list[str]) -> None:
    """Run one Sphinx build in this process and print its time and peak memory."""
    from sphinx.cmd.build import build_main

    start = time.perf_counter()
    code = build_main(args)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"code": code, "seconds": seconds, "peak_mib": round(peak_kib / 1024, 1)}))


def build(project: Path, out: Path, *extra: str, fresh: bool = True) -> dict:
    if fresh and out.exists():
        shutil.rmtree(out)
    args = ["-q", "-c", str(project), *extra, str(project / "docs"), str(out)]
    result = subprocess.run([sys.executable, str(Path(__file__).resolve()), "_child", *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr[-2000:]}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    if data["code"] != 0:
        raise SystemExit(f"build of {project} exited {data['code']}:\n{result.stderr[-2000:]}")
    return data


def median(values):
    return statistics.median(values) if values else float("nan")


def edit_one_page(project: Path, run: int) -> Path:
    page = sorted((project / "docs" / "standards").glob("*.md"))[0]
    text = page.read_text()
    page.write_text(text.replace("## Why it matters\n", f"## Why it matters\n\nEdited for benchmark run {run}.\n", 1))
    return page


def check_model(model_path: Path, expected_ids: set[str], edited_marker: str) -> bool:
    model = json.loads(model_path.read_text())
    ids = [o["id"] for o in model["objects"]]
    return len(ids) == len(set(ids)) and set(ids) == expected_ids and any(
        edited_marker in s["text"] for o in model["objects"] if o["kind"] == "standard" for s in o.get("sections", []))


def bench_size(n: int, runs: int, work: Path) -> dict:
    corpus = work / f"corpus-{n}"
    synth.write_project(corpus / "pm", n, 2026, pm=True)
    synth.write_project(corpus / "plain", n, 2026, pm=False)
    pm, plain = corpus / "pm", corpus / "plain"
    result: dict = {"pages": n}

    full = [build(pm, pm / "_build" / "html") for _ in range(runs)]
    no_ex = [build(pm, pm / "_build" / "noex", "-D", "pm_exercise_pages=0") for _ in range(runs)]
    base = [build(plain, plain / "_build" / "html") for _ in range(runs)]
    parallel = [build(pm, pm / "_build" / "j2", "-j", "2") for _ in range(runs)]
    result["full_s"] = median([r["seconds"] for r in full])
    result["full_without_exercises_s"] = median([r["seconds"] for r in no_ex])
    result["plain_s"] = median([r["seconds"] for r in base])
    result["j2_s"] = median([r["seconds"] for r in parallel])
    result["peak_mib"] = max(r["peak_mib"] for r in full + parallel)
    result["plain_peak_mib"] = max(r["peak_mib"] for r in base)

    model_path = pm / "_build" / "html" / "practice-model.json"
    expected = {o["id"] for o in json.loads(model_path.read_text())["objects"]}
    incremental, correct = [], True
    for run in range(runs):
        edit_one_page(pm, run)
        incremental.append(build(pm, pm / "_build" / "html", fresh=False)["seconds"])
        correct = correct and check_model(model_path, expected, f"Edited for benchmark run {run}")
    result["one_page_edit_s"] = median(incremental)
    result["one_page_edit_model_correct"] = correct

    from practice_model.model import load_model

    result["model_mib"] = round(model_path.stat().st_size / 2**20, 2)
    loads = []
    for _ in range(max(3, runs)):
        start = time.perf_counter()
        model = load_model(model_path)
        loads.append(time.perf_counter() - start)
    result["model_load_s"] = median(loads)
    result["search_index_mib"] = round((pm / "_build" / "html" / "searchindex.js").stat().st_size / 2**20, 2)

    from practice_model.exercises.run import run_exercises

    result["quiz_30_all_formats_s"] = time_quiz(pm / "quizzes" / "bench.toml", model, work / f"quiz-{n}", runs)
    start = time.perf_counter()
    count = run_exercises(model, [], True, None, None, ["md", "html", "docx", "moodle"], work / f"ex-{n}", templates=None)
    result["exercises_all_s"] = time.perf_counter() - start
    result["exercises_files"] = count
    shutil.rmtree(work / f"ex-{n}")

    result["overhead"] = result["full_s"] / result["plain_s"]
    result["overhead_without_exercises"] = result["full_without_exercises_s"] / result["plain_s"]
    result["edit_vs_full"] = result["one_page_edit_s"] / result["full_s"]
    return result


def copy_handbook(root: Path, dest: Path) -> Path:
    """A scratch copy of the real handbook, so the edits the benchmark makes never touch the sources."""
    for name in ("docs", "quizzes"):
        shutil.copytree(root / name, dest / name, ignore=shutil.ignore_patterns("_build"))
    for name in ("conf.py", "pyproject.toml"):
        shutil.copy2(root / name, dest / name)
    return dest


def edit_real(project: Path, body: bool, run: int) -> None:
    """One sentence added to a standard's body, or its title changed."""
    page = project / "docs" / "standards" / "assessment.md"
    text = page.read_text(encoding="utf-8")
    if body:
        text = text.replace("## Why it matters\n\n", f"## Why it matters\n\nEdited for benchmark run {run}.\n\n", 1)
    else:
        first, rest = text.split("\n", 1)
        text = f"{first} (edited {run})\n{rest}"
    page.write_text(text, encoding="utf-8")


def time_print_pdf(project: Path, out: Path) -> float | None:
    """Seconds for `practice-model print pdf`, or None when it passes the limit (it is then stopped)."""
    start = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-m", "practice_model", "print", "pdf", "--project", str(project), "--out", str(out)],
                       check=True, capture_output=True, text=True, timeout=PRINT_LIMIT_S, cwd=project)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"print pdf failed:\n{error.stderr[-2000:]}") from error
    return time.perf_counter() - start


def bench_real(runs: int, work: Path, with_print: bool = True) -> dict:
    """The figures people feel: the real handbook's builds, edits, print and quiz."""
    root = HERE.parent
    pm = copy_handbook(root, work / "real")
    plain = plainify.write_plain_project(root / "docs", root / "conf.py", work / "real-plain")
    plain_times, full = [], []
    for _ in range(runs):  # alternated, so a change in the machine's load falls on both builds
        plain_times.append(build(plain, plain / "_build" / "html")["seconds"])
        full.append(build(pm, pm / "_build" / "html"))
    # Pages Sphinx read and wrote (the plain build has no generated pages to count).
    result: dict = {"pages": len([p for p in (plain / "_build" / "html").rglob("*.html") if p.name not in ("genindex.html", "search.html")])}
    result["plain_s"] = median(plain_times)
    result["full_s"] = median([r["seconds"] for r in full])
    result["peak_mib"] = max(r["peak_mib"] for r in full)
    for kind, body in (("body_edit_s", True), ("title_edit_s", False)):
        times = []
        for run in range(runs):
            edit_real(pm, body, run)
            times.append(build(pm, pm / "_build" / "html", fresh=False)["seconds"])
        result[kind] = median(times)

    from practice_model.model import load_model

    model = load_model(pm / "_build" / "html" / "practice-model.json")
    result["quiz_30_all_formats_s"] = time_quiz(pm / "quizzes" / "asye-12-month.toml", model, work / "real-quiz", runs)
    result["print_pdf_s"] = time_print_pdf(pm, work / "handbook.pdf") if with_print else None
    result["print_measured"] = with_print
    result["overhead"] = result["full_s"] / result["plain_s"]
    result["body_edit_vs_full"] = result["body_edit_s"] / result["full_s"]
    result["title_edit_vs_full"] = result["title_edit_s"] / result["full_s"]
    return result


def real_markdown(report: dict) -> str:
    m, r = report["machine"], report["real"]
    if not r["print_measured"]:
        printed = "not measured"
    elif r["print_pdf_s"] is None:
        printed = f"> {PRINT_LIMIT_S // 60} min (stopped)"
    else:
        printed = f"{r['print_pdf_s']:.0f} s"
    return "\n".join([
        "<!-- Written by tools/bench.py --real --write-docs. Do not edit by hand. -->",
        "",
        f"Measured on {report['date']} on {m['cpus']} CPUs (shared with other work, so loaded: read the ratios, "
        f"not the seconds), {m['platform']}, Python {m['python']}, Sphinx {m['sphinx']}; medians of {report['runs']} run(s).",
        "",
        "| Pages | Plain Sphinx | Full build | Overhead | Body edit | Body edit / full | Title edit | Title edit / full "
        "| `print pdf` | 30-learner quiz, every format | Peak memory |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        f"| {r['pages']} | {r['plain_s']:.1f} s | {r['full_s']:.1f} s | {r['overhead']:.2f}x | {r['body_edit_s']:.1f} s | "
        f"{r['body_edit_vs_full']:.2f}x | {r['title_edit_s']:.1f} s | {r['title_edit_vs_full']:.2f}x | {printed} | "
        f"{r['quiz_30_all_formats_s']:.2f} s | {r['peak_mib']:.0f} MiB |",
    ]) + "\n"


def machine() -> dict:
    import sphinx

    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "processor": platform.processor() or platform.machine(), "sphinx": sphinx.__version__}


def markdown(report: dict) -> str:
    m = report["machine"]
    rows = report["sizes"]
    lines = [
        "<!-- Written by tools/bench.py --write-docs. Do not edit by hand. -->",
        "",
        f"Measured on {m['cpus']} CPUs, {m['platform']}, Python {m['python']}, Sphinx {m['sphinx']}; "
        f"medians of {report['runs']} run(s).",
        "",
        "| Pages | Full build | Without exercises | Plain Sphinx | Overhead | Overhead without exercises | One-page edit | Edit / full | `-j 2` | Peak memory |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(f"| {r['pages']} | {r['full_s']:.1f} s | {r['full_without_exercises_s']:.1f} s | {r['plain_s']:.1f} s | "
                     f"{r['overhead']:.2f}x | {r['overhead_without_exercises']:.2f}x | {r['one_page_edit_s']:.1f} s"
                     f"{'' if r['one_page_edit_model_correct'] else ' (model wrong!)'} | {r['edit_vs_full']:.0%} | {r['j2_s']:.1f} s | {r['peak_mib']:.0f} MiB |")
    lines += ["", "| Pages | Model size | Model load | 30-learner quiz, every format | `exercises --all` | Search index |",
              "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        lines.append(f"| {r['pages']} | {r['model_mib']} MiB | {r['model_load_s'] * 1000:.0f} ms | {r['quiz_30_all_formats_s']:.2f} s | "
                     f"{r['exercises_all_s']:.1f} s ({r['exercises_files']} files) | {r['search_index_mib']} MiB |")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = (last["full_s"] / last["pages"]) / (first["full_s"] / first["pages"])
        lines += ["", f"Time per page at {last['pages']} pages is {growth:.2f}x the time per page at {first['pages']} pages "
                      f"(1.00x or less means build time grows no faster than linearly)."]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "_child":
        child_build(sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description="Benchmark the practice model handbook toolchain.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one small corpus, one run")
    parser.add_argument("--out", type=Path, default=Path("_build/bench"))
    parser.add_argument("--write-docs", action="store_true", help="write the results pages in docs/integrators/")
    parser.add_argument("--real", action="store_true", help="also measure the real handbook in docs/ (plain, full, edits, print, quiz)")
    parser.add_argument("--real-only", action="store_true", help="measure only the real handbook")
    parser.add_argument("--no-print", action="store_true", help="with --real: skip `print pdf` (up to five minutes)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs = [20], 1
    if args.real_only:
        args.real, args.sizes = True, []
    report = {"machine": machine(), "runs": args.runs, "sizes": [], "date": time.strftime("%Y-%m-%d")}
    with tempfile.TemporaryDirectory(prefix="pm-bench-") as tmp:
        for n in args.sizes:
            print(f"Benchmarking {n} pages ({args.runs} run(s) each)...", flush=True)
            report["sizes"].append(bench_size(n, args.runs, Path(tmp)))
        if args.real:
            print(f"Benchmarking the real handbook ({args.runs} run(s) each)...", flush=True)
            report["real"] = bench_real(args.runs, Path(tmp), with_print=not args.no_print)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(report, indent=2) + "\n")
    pages = []  # (name in --out, page in docs/integrators/, text)
    if report["sizes"]:
        pages.append(("results.md", "performance-results.md", markdown(report)))
    if args.real:
        pages.append(("real-results.md", "performance-real.md", real_markdown(report)))
    for name, page, text in pages:
        (args.out / name).write_text(text)
        print(text)
        if args.write_docs:  # written whole, then moved into place
            target = HERE.parent / "docs" / "integrators" / page
            target.with_suffix(".tmp").write_text(text)
            target.with_suffix(".tmp").replace(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
