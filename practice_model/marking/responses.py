"""Reading responses: the learner page's saved files, the response CSV, and Moodle's Responses report.

Response CSV (documented on the ASYE leads' page)::

    learner,item,response[,mark]

``response`` uses the notation of the key's ``answer`` column, so a key with
its ``answer`` column renamed ``response`` is a perfect response sheet. An
essay's mark (0 to 100) goes in ``mark``, or as ``mark:N`` in ``response``.
Problems are collected, naming file and line; everything else is still read.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..outputs import csv_text
from ..quiz.learners import is_learner_id


@dataclass
class Problem:
    where: str
    message: str


@dataclass
class Responses:
    # learner -> item -> response in the notation
    given: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def put(self, learner: str, item: str, response: str, where: str) -> None:
        answers = self.given.setdefault(learner, {})
        if item in answers and answers[item] != response and response.strip():
            if answers[item].strip() and not response.lower().startswith("mark:"):
                self.problems.append(Problem(where, f"a second response for {learner}/{item}; the later one is used"))
        if response.strip() or item not in answers:
            if response.lower().startswith("mark:") and answers.get(item, "").strip() and not answers[item].lower().startswith("mark:"):
                answers[f"{item}#mark"] = response
            else:
                answers[item] = response


class Router:
    """Sends each response to the quiz that learner (or saved file) belongs to."""

    def __init__(self, manifests: list[dict]):
        self.manifests = {m["quiz_id"]: m for m in manifests}
        self.by_quiz = {q: Responses() for q in self.manifests}
        self.problems: list[Problem] = []
        self.learner_quiz: dict[str, list[str]] = {}
        for quiz_id, manifest in self.manifests.items():
            for entry in manifest["learners"]:
                self.learner_quiz.setdefault(entry["id"], []).append(quiz_id)

    def put(self, learner: str, item: str, response: str, where: str, quiz: str | None = None) -> None:
        if not is_learner_id(learner):
            self.problems.append(Problem(where, f"learner ID {learner!r} is not a pseudonymous ID (letters, digits, '.', '_' "
                                                "or '-'); not marked"))
            return
        quizzes = [quiz] if quiz else self.learner_quiz.get(learner, [])
        if not quizzes:
            self.problems.append(Problem(where, f"unknown learner '{learner}': not in any manifest given; not marked"))
            return
        if len(quizzes) > 1:
            quizzes = [q for q in quizzes if item.split("#")[0] in self.manifests[q]["items"]][:1] or quizzes[:1]
        self.by_quiz[quizzes[0]].put(learner, item, response, where)


def read_sources(paths: list[Path], manifests: list[dict]) -> Router:
    result = Router(manifests)
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix.lower() in (".json", ".csv"))
        elif path.exists():
            files.append(path)
        else:
            result.problems.append(Problem(str(path), "file not found"))
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            result.problems.append(Problem(str(path), "not UTF-8 text; save it as UTF-8 (CSV UTF-8 in Excel)"))
            continue
        if path.suffix.lower() == ".json":
            _read_page_file(path, text, result)
        else:
            header = next(csv.reader(io.StringIO(text)), [])
            lowered = [h.strip().lower() for h in header]
            if {"learner", "item", "response"} <= set(lowered):
                _read_csv(path, text, result)
            elif any(re.fullmatch(r"response \d+", h) for h in lowered):
                _read_moodle(path, text, result)
            else:
                result.problems.append(Problem(f"{path}:1", "unknown CSV: expected columns learner,item,response (see the ASYE leads' guide) "
                                                            "or a Moodle Responses report with question text"))
    return result


def _read_page_file(path: Path, text: str, result: Router) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        result.problems.append(Problem(f"{path}:{exc.lineno}", "not a saved responses file (the JSON is damaged)"))
        return
    if data.get("format") != "practice-model-responses":
        result.problems.append(Problem(str(path), "not a responses file saved from a learner's quiz page"))
        return
    if data.get("quiz") not in result.manifests:
        result.problems.append(Problem(str(path), f"this file is for quiz '{data.get('quiz')}', which is not among the manifests given; not marked"))
        return
    for item, response in sorted(data.get("responses", {}).items()):
        result.put(str(data.get("learner", "")), item, str(response), str(path), quiz=data["quiz"])


def _read_csv(path: Path, text: str, result: Router) -> None:
    reader = csv.DictReader(io.StringIO(text))
    for row in reader:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        where = f"{path}:{reader.line_num}"
        if not row.get("learner") or not row.get("item"):
            result.problems.append(Problem(where, "a row needs both 'learner' and 'item'"))
            continue
        result.put(row["learner"], row["item"], csv_text(row.get("response", "")), where)
        if row.get("mark"):
            result.put(row["learner"], row["item"] + "#mark", "mark:" + row["mark"], where)


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html.unescape(text or ""))
    return " ".join(text.split()).lower()


def _read_moodle(path: Path, text: str, result: Router) -> None:
    """Moodle's quiz Responses report (CSV), downloaded with question text included."""
    reader = csv.DictReader(io.StringIO(text))
    columns = {(k or "").strip().lower(): k for k in reader.fieldnames or []}
    learner_col = columns.get("id number") or columns.get("idnumber") or columns.get("username")
    if not learner_col:
        result.problems.append(Problem(f"{path}:1", "the Moodle report has no 'ID number' or 'Username' column to identify learners"))
        return
    by_text = {}
    for manifest in result.manifests.values():
        for item_id, item in manifest["items"].items():
            by_text[_plain(item.get("stem_text", ""))] = (item_id, manifest)
    numbers = sorted(int(m.group(1)) for k in columns for m in [re.fullmatch(r"response (\d+)", k)] if m)
    for row in reader:
        where = f"{path}:{reader.line_num}"
        learner = (row.get(learner_col) or "").strip()
        if not learner:
            continue
        for n in numbers:
            question = _plain(row.get(columns.get(f"question {n}", ""), ""))
            response = (row.get(columns[f"response {n}"]) or "").strip()
            found = next((hit for stem, hit in by_text.items() if stem and stem in question), None)
            if found is None:
                result.problems.append(Problem(where, f"question {n} could not be matched to a quiz item by its text; not marked"))
                continue
            item_id, manifest = found
            result.put(learner, item_id, _moodle_to_notation(manifest["items"][item_id], learner, manifest, response), where)


def _moodle_to_notation(item: dict, learner: str, manifest: dict, response: str) -> str:
    """Moodle shows chosen option text; turn it into the letters this learner's key uses."""
    from ..quiz.notation import LETTERS

    entry = next((m for m in manifest["learners"] if m["id"] == learner), None)
    order = next((i["order"] for i in entry["items"] if i["id"] == item["id"]), None) if entry else None
    if item["type"] in ("single", "multiple") and order is not None:
        chosen = [_plain(part) for part in response.split(";")]
        letters = [LETTERS[pos] for pos, idx in enumerate(order) if _plain(item["choices"][idx]["text"]) in chosen]
        return ";".join(sorted(letters))
    if item["type"] == "truefalse":
        return response.strip().lower()
    return response
