"""Reading responses: the learner page's saved files, the response CSV, and Moodle's Responses report.

Response CSV (documented on the ASYE leads' page)::

    learner,item,response

``response`` uses the notation of the key's ``answer`` column, so a key with
its ``answer`` column renamed ``response`` is a perfect response sheet.

Learners' files arrive here, so nothing read here is a mark: a ``mark``
column, an ``<item>#mark`` key or an essay answer ``mark:N`` is reported and
ignored (marks come from the assessors' marks file, see ``marks.py``).
A file that cannot be read at all stops marking (file:line and how to fix);
problems within a readable file are collected, naming file and line, and
everything else is still read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from ..outputs import csv_text
from ..quiz.learners import is_learner_id
from .files import Refused, as_text, files_in, read_bytes
from .problems import Problem


@dataclass
class Responses:
    # learner -> item -> response in the notation
    given: dict[str, dict[str, str]] = field(default_factory=dict)
    # learner -> item -> file:line the response came from
    where: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # learner -> the items Moodle showed them, in the report's order (only from a Moodle Responses report):
    # those are marked instead of the learner's offline paper
    shown: dict[str, list[str]] = field(default_factory=dict)

    def put(self, learner: str, item: str, response: str, where: str) -> None:
        answers = self.given.setdefault(learner, {})
        if item in answers and answers[item] != response and response.strip() and answers[item].strip():
            self.problems.append(Problem(where, f"a second response for {learner}/{item}; the later one is used "
                                                f"(the first is at {self.where[learner][item]})"))
        if response.strip() or item not in answers:
            answers[item] = response
            self.where.setdefault(learner, {})[item] = where


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
        if "#" in item:
            self.problems.append(Problem(where, f"'{item}' is not an item ID; marks in learners' files are ignored "
                                                "(assessors give marks with --marks)"))
            return
        quizzes = [quiz] if quiz else self.learner_quiz.get(learner, [])
        if not quizzes:
            self.problems.append(Problem(where, f"unknown learner '{learner}': not in any manifest given; not marked"))
            return
        if len(quizzes) > 1:
            quizzes = [q for q in quizzes if item in self.manifests[q]["items"]][:1] or quizzes[:1]
        manifest_item = self.manifests[quizzes[0]]["items"].get(item)
        if manifest_item and manifest_item["type"] == "essay" and response.strip().lower().startswith("mark:"):
            self.problems.append(Problem(where, f"{learner}/{item}: a written answer that looks like a mark ('mark:...') is kept "
                                                "as the learner's text, not as a mark (assessors give marks with --marks)"))
        self.by_quiz[quizzes[0]].put(learner, item, response, where)

    def show(self, learner: str, quiz: str, items: list[str], where: str) -> None:
        """Moodle's report says which items this learner was shown in this quiz (way (b): drawn from the pools)."""
        twice = sorted(i for i, n in Counter(items).items() if n > 1)
        if twice:
            self.problems.append(Problem(where, f"{learner} was shown {', '.join(twice)} more than once in one attempt; "
                                                "an item should sit in one Moodle category only (import the pools again)"))
        self.by_quiz[quiz].shown[learner] = list(dict.fromkeys(items))


def read_sources(paths: list[Path], manifests: list[dict]) -> Router:
    """Responses from the files and folders given. Raises UserError, naming every such file, when any cannot be read."""
    result = Router(manifests)
    unreadable: list[str] = []
    files: list[tuple[Path, Path | None]] = []  # (file, the folder it was found in)
    for path in paths:
        if path.is_dir():
            files += [(found, path) for found in files_in(path)]
        else:
            files.append((path, None))
    for path, folder in files:
        try:
            text = as_text(read_bytes(path, inside=folder))
            if path.suffix.lower() == ".json":
                _read_page_file(path, text, result)
            else:
                _read_sheet(path, text, result)
        except Refused as exc:
            unreadable.append(f"  {exc.where(path)}: {exc.message}")
    if unreadable:
        raise UserError(f"{len(unreadable)} responses file(s) cannot be read, so nothing was marked. Fix or remove each, "
                        "then run mark again:\n" + "\n".join(unreadable))
    return result


def _read_sheet(path: Path, text: str, result: Router) -> None:
    header = next(csv.reader(io.StringIO(text)), [])
    lowered = [h.strip().lower() for h in header]
    if {"learner", "item", "response"} <= set(lowered):
        _read_csv(path, text, result)
    elif any(re.fullmatch(r"response \d+", h) for h in lowered):
        from . import moodle_report

        moodle_report.read(path, text, result)
    elif len(lowered) == 1 and (";" in lowered[0] or "\t" in lowered[0]):
        raise Refused("the columns are separated by '" + (";" if ";" in lowered[0] else "tab") + "', not commas; in Excel use "
                      "File > Save As > CSV UTF-8 (Comma delimited), then run mark again", 1)
    elif {"learner", "item", "mark"} <= set(lowered):
        raise Refused("this looks like the assessors' marks file (learner,item,mark): give it with --marks, not --responses", 1)
    else:
        raise Refused(f"unknown CSV (its columns are {', '.join(h for h in lowered if h) or 'missing'}): a response sheet has "
                      "the columns learner,item,response (see the ASYE leads' guide); a Moodle Responses report "
                      "must be downloaded with the question text", 1)


def _read_page_file(path: Path, text: str, result: Router) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Refused(f"not a saved responses file (the JSON is damaged: {exc.msg}); ask the learner to save it again", exc.lineno) from None
    if not isinstance(data, dict) or data.get("format") != "practice-model-responses" or not isinstance(data.get("responses"), dict):
        raise Refused("not a responses file saved from a learner's quiz page; remove it from the folder")
    if data.get("quiz") not in result.manifests:
        result.problems.append(Problem(str(path), f"this file is for quiz '{data.get('quiz')}', which is not among the manifests given; not marked"))
        return
    for item, response in sorted(data["responses"].items()):
        result.put(str(data.get("learner", "")), item, str(response), _where_key(path, text, item), quiz=data["quiz"])


def _where_key(path: Path, text: str, key: str) -> str:
    """file:line of a key in a saved file (the page writes one response per line)."""
    at = text.find(json.dumps(key) + ":")
    return f"{path}:{text.count(chr(10), 0, at) + 1}" if at >= 0 else str(path)


def _read_csv(path: Path, text: str, result: Router) -> None:
    reader = csv.DictReader(io.StringIO(text))
    if "mark" in [(k or "").strip().lower() for k in reader.fieldnames or []]:
        result.problems.append(Problem(f"{path}:1", "the 'mark' column is ignored: marks come only from the assessors' marks "
                                                    "file, given with --marks"))
    for row in reader:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if not isinstance(v, list)}
        where = f"{path}:{reader.line_num}"
        if not row.get("learner") or not row.get("item"):
            result.problems.append(Problem(where, "a row needs both 'learner' and 'item'"))
            continue
        result.put(row["learner"], row["item"], csv_text(row.get("response", "")), where)
