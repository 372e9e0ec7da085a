"""Moodle's quiz Responses report (CSV download): which questions each learner was shown, and their answers.

Moodle (mod/quiz/report/responses) writes, for each question slot N, up to three columns:

- ``Question N``: the question summary. Multiple choice: the question text, ``": "``, then the options in the
  order shown, joined by ``"; "``. Matching: the question text, ``" {left; left} -> {right; right}"``.
- ``Response N``: the question type's ``summarise_response``. Single choice: the option's text; multiple choice:
  the chosen options' texts joined by ``"; "``; true/false: ``True`` or ``False``; matching:
  ``left -> right; left -> right``; short answer and essay: the text typed.
- ``Right answer N``: ``get_right_answer_summary``, the same form for the right response (empty for an essay).

A question left unanswered shows ``-``. Our LMS exports write ordering items as matching (each step to
``1st``, ``2nd`` ...); the ordering question type's own form (the steps in order, joined by ``"; "``) is read too.

The report carries no question name or ID number, so a question is identified by its stem among the items the
learner could have been shown: those on their paper and those in the quiz's pools (stems are unique by rule; two
candidate items with one stem are reported, never guessed between). Option texts may contain ``"; "`` or
``" -> "``, so summaries are split by matching the item's own option texts, longest first.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter

from ..quiz.notation import LETTERS
from .papers import pool_slot, presented_entry
from .problems import Problem


def plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html.unescape(text or ""))
    return " ".join(text.split()).lower()


def read(path, text: str, result) -> None:
    """Read one report into ``result`` (a ``responses.Router``)."""
    reader = csv.DictReader(io.StringIO(text))
    columns = {(k or "").strip().lower(): k for k in reader.fieldnames or []}
    learner_col = columns.get("id number") or columns.get("idnumber") or columns.get("username")
    if not learner_col:
        result.problems.append(Problem(f"{path}:1", "the Moodle report has no 'ID number' or 'Username' column to identify learners"))
        return
    numbers = sorted(int(m.group(1)) for k in columns for m in [re.fullmatch(r"response (\d+)", k)] if m)
    if not any(f"question {n}" in columns for n in numbers):
        result.problems.append(Problem(f"{path}:1", "the Moodle report has no 'Question N' columns, so its questions cannot be "
                                                    "identified; download it again with 'Question text' ticked"))
        return
    seen: dict[str, str] = {}
    ended = reader.line_num  # a cell may hold line breaks: a row is named by the line it starts on
    for row in reader:
        where, ended = f"{path}:{ended + 1}", reader.line_num
        learner = (row.get(learner_col) or "").strip()
        if not learner:
            continue
        quizzes = result.learner_quiz.get(learner, [])
        if not quizzes:
            result.problems.append(Problem(where, f"unknown learner '{learner}': not in any manifest given; not marked"))
            continue
        if learner in seen:
            result.problems.append(Problem(where, f"a second attempt for {learner} (the first is at {seen[learner]}); "
                                                  "the later one is marked"))
        seen[learner] = where
        candidates = _candidates(result.manifests, quizzes, learner)
        shown: dict[str, list[str]] = {}
        for n in numbers:
            question = plain(row.get(columns.get(f"question {n}", ""), "") or "")
            if not question or question == "-":
                continue
            found = _identify(question, candidates, where, n, result)
            if found is None:
                continue
            quiz, item_id = found
            manifest = result.manifests[quiz]
            response = (row.get(columns[f"response {n}"]) or "").strip()
            notation, problem = to_notation(manifest, learner, item_id, "" if response == "-" else response)
            if problem:
                result.problems.append(Problem(where, f"{learner}, question {n} ({item_id}): {problem}; scored as unanswered"))
            result.put(learner, item_id, notation, where, quiz=quiz)
            shown.setdefault(quiz, []).append(item_id)
        for quiz, item_ids in shown.items():
            result.show(learner, quiz, item_ids, where)


def _candidates(manifests: dict, quizzes: list[str], learner: str) -> dict[str, tuple[str, str]]:
    """item ID -> (quiz, plain stem) for every item this learner could have been shown."""
    found: dict[str, tuple[str, str]] = {}
    for quiz in quizzes:
        manifest = manifests[quiz]
        entry = next(e for e in manifest["learners"] if e["id"] == learner)
        ids = [i["id"] for i in entry["items"]] + [i for ids in manifest.get("pools", {}).values() for i in ids]
        for item_id in ids:
            if item_id in manifest["items"] and item_id not in found:
                found[item_id] = (quiz, plain(manifest["items"][item_id].get("stem_text", "")))
    return found


def _identify(question: str, candidates: dict, where: str, n: int, result) -> tuple[str, str] | None:
    hits = [(len(stem), item_id) for item_id, (_, stem) in candidates.items() if stem and stem in question]
    if not hits:
        result.problems.append(Problem(where, f"question {n} could not be matched to a quiz item by its text; not marked"))
        return None
    longest = max(length for length, _ in hits)
    best = sorted(item_id for length, item_id in hits if length == longest)
    if len(best) > 1:
        result.problems.append(Problem(where, f"question {n}'s text fits items {', '.join(best)}, which have the same stem, so "
                                              "it cannot be told which was shown; not marked (give each item its own stem)"))
        return None
    return candidates[best[0]][0], best[0]


def _split(text: str, options: list[str]) -> list[int] | None:
    """The options (indices) that ``text`` joins with '; ', or None. Longest first, so '; ' inside an option holds."""
    ranked = sorted((i for i, o in enumerate(options) if o), key=lambda i: (-len(options[i]), i))

    def walk(at: int) -> list[int] | None:
        for i in ranked:
            end = at + len(options[i])
            if text.startswith(options[i], at):
                if end == len(text):
                    return [i]
                rest = walk(end + 2) if text.startswith("; ", end) else None
                if rest is not None:
                    return [i, *rest]
        return None

    return walk(0) if text else []


def _pairs(text: str, lefts: list[str], rights: list[str]) -> list[tuple[int, int]] | None:
    """``left -> right; left -> right`` as (left index, right index) pairs, or None; texts may hold '->' and '; '."""
    ranked_left = sorted((i for i, o in enumerate(lefts) if o), key=lambda i: (-len(lefts[i]), i))
    ranked_right = sorted((i for i, o in enumerate(rights) if o), key=lambda i: (-len(rights[i]), i))

    def walk(at: int) -> list[tuple[int, int]] | None:
        for li in ranked_left:
            arrow = at + len(lefts[li])
            if not (text.startswith(lefts[li], at) and text.startswith(" -> ", arrow)):
                continue
            for ri in ranked_right:
                start, end = arrow + 4, arrow + 4 + len(rights[ri])
                if not text.startswith(rights[ri], start):
                    continue
                if end == len(text):
                    return [(li, ri)]
                rest = walk(end + 2) if text.startswith("; ", end) else None
                if rest is not None:
                    return [(li, ri), *rest]
        return None

    return walk(0) if text else []


def _shown(item: dict) -> list[list[str]]:
    """[option, match] as plain text: what the manifest recorded Moodle shows, else the source text."""
    return [[plain(a), plain(b)] for a, b in item.get("shown") or [[c["text"], c.get("match", "")] for c in item["choices"]]]


def to_notation(manifest: dict, learner: str, item_id: str, response: str) -> tuple[str, str | None]:
    """A Moodle response summary in this learner's notation (see ``quiz/notation.py``), and a problem, if any."""
    item = manifest["items"][item_id]
    kind = item["type"]
    if kind in ("short", "essay") or not response:
        return response, None
    if kind == "truefalse":
        value = plain(response)
        return (value, None) if value in ("true", "false") else ("", f"'{response}' is not True or False")
    entry = presented_entry(manifest, learner, item_id)
    if entry is None:
        return "", "this learner was not given this item and it is in no pool"
    shown, text = _shown(item), plain(response)
    not_fitting = f"'{response}' does not fit this item's options"
    if kind in ("single", "multiple"):
        chosen = _split(text, [option for option, _ in shown])
        if chosen is None or (kind == "single" and len(chosen) != 1):
            return "", not_fitting
        return ";".join(sorted(LETTERS[entry["order"].index(i)] for i in set(chosen))), None
    lefts = [option for option, _ in shown]
    if kind == "matching":
        rights = sorted({match for _, match in shown if match})
        pairs = _pairs(text, lefts, rights)
        if pairs is None:
            return "", not_fitting
        numbered = [i for i in entry["order"] if shown[i][0]]
        lettered = [shown[i][1] for i in entry["right_order"]]
        return ";".join(f"{numbered.index(li) + 1}={LETTERS[lettered.index(rights[ri])]}" for li, ri in pairs), None
    if kind == "ordering":
        from ..quiz.exports.common import ORDINALS

        ordinals = [o.lower() for o in ORDINALS[: len(shown)]]
        pairs = _pairs(text, lefts, ordinals)  # as exported: each step matched to its place
        places: list[int | None] = [None] * len(shown)
        if pairs is not None:
            for step, place in pairs:
                places[place] = step
        else:
            steps = _split(text, lefts)  # Moodle's ordering question type: the steps in the order given
            if steps is None or len(steps) != len(set(steps)):
                return "", not_fitting
            places[: len(steps)] = list(steps)
        return ";".join("" if step is None else LETTERS[entry["order"].index(step)] for step in places), None
    return response, None


def coverage_problems(manifest: dict, shown: dict[str, list[str]], frameworks: dict[str, list[str]]) -> list[Problem]:
    """After marking what Moodle showed: does each learner's attempt still meet the blueprint's slots and coverage?

    ``frameworks``: framework ID -> its items' IDs (from the handbook's model).
    """
    problems = []
    counts = {s["name"]: s["count"] for s in manifest["blueprint"].get("slots", [])}
    for learner, item_ids in sorted(shown.items()):
        drawn = Counter(pool_slot(manifest, i) or "(no pool)" for i in item_ids)
        for slot, count in counts.items():
            if drawn.get(slot, 0) != count:
                problems.append(Problem(learner, f"{learner} was shown {drawn.get(slot, 0)} question(s) from '{slot}' in Moodle; the "
                                                 f"blueprint asks for {count}: check the quiz's random questions"))
        evidenced = {x for i in item_ids for x in manifest["items"][i]["framework_items"]}
        for framework in manifest["blueprint"].get("coverage", []):
            missing = [x for x in frameworks.get(framework, []) if x not in evidenced]
            if missing:
                problems.append(Problem(learner, f"the questions Moodle drew for {learner} give no evidence on {', '.join(missing)} "
                                                 f"(the blueprint's [coverage] rule for {framework}); look for it elsewhere"))
    return problems
