"""Item-writing rules as code: cues that let a candidate with no knowledge pick the key.

The rules follow the published guidance on writing multiple-choice items:

* NBME, *NBME Item-Writing Guide: Constructing Written Test Questions for the
  Health Sciences* (National Board of Medical Examiners, November 2020),
  chapter 3 "Technical Item Flaws": flaws that cue the testwise examinee
  (a longer or more qualified key, word repeats between stem and key,
  absolute terms, convergence) and flaws of irrelevant difficulty ("none of
  the above", negatively phrased lead-ins).
* Haladyna, T. M., Downing, S. M. and Rodriguez, M. C. (2002), "A Review of
  Multiple-Choice Item-Writing Guidelines for Classroom Assessment", *Applied
  Measurement in Education* 15(3), 309-333: keep choices about equal in
  length, avoid clues to the right answer (specific determiners such as
  always and never, clang associations, grammatical cues), avoid "all of the
  above" and use "none of the above" with care, word the stem positively or
  emphasise the negative, balance the key's position.

Each rule is a pure function of loaded bank items (and, for the published
questions and vignettes, of texts read from the model); each finding names the
file and line of the item's opening ``:::{pm:question}`` line, where an allow
marker ``<!-- pm-allow RULE: reason -->`` turns that one rule off for that
item (a bank-level rule is allowed on the item it is reported at).

Severity: an error stops ``practice-model quiz`` before it writes anything and
makes ``practice-model check`` fail; a warning is listed. A rule is an error
when meeting it is mechanical and breaking it gives the answer away or breaks
marking, and the shipped banks already meet it ("all/none of the above"). The
rules the shipped banks still break are warnings until the banks are rewritten,
so that the shipped blueprints keep working; the same reasoning makes most of
them errors after that (the length cue, negative lead-ins, the bank patterns,
duplicated stems, published duplicates, vignette prompts, telling IDs). Three
stay warnings for good, because an item that follows the guidance can trip
them: a key may rightly be the careful one (key-hedged), share a technical
word with the stem (stem-key-overlap), or face a misconception that really is
absolute (absolute-distractor). The table is ``SEVERITY``.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from ..kinds import slugify
from .items import Item

# rule -> severity. Errors stop 'quiz'; warnings are listed (see the module docstring and docs/contributing/quizzes.md).
SEVERITY = {
    "key-longest": "error",
    "key-hedged": "warning",
    "stem-key-overlap": "warning",
    "absolute-distractor": "warning",
    "all-none-above": "error",
    "negative-stem": "error",
    "all-but-one": "error",
    "true-false-balance": "error",
    "duplicate-stem": "error",
    "published-duplicate": "error",
    "vignette-prompts": "error",
    "id-gives-answer": "error",
    "level": "warning",  # an error for the shipped banks: tests/test_item_rules.py holds them to it
    "cites": "warning",  # likewise (test fixtures and quick drafts may leave them out)
}
# The key stands out when it is longer than every distractor AND more than half as long again as their mean:
# Haladyna et al. ask for choices "about equal in length"; parallel options written to that rule vary by well
# under 50% in practice, while the shipped banks' keys average 3x a distractor, so 1.5x separates the cue from
# ordinary variation and a writer can always meet it by trimming the key or filling out the distractors.
LENGTH_RATIO = 1.5
# Near-duplicate: normalised token Jaccard or difflib ratio at or above this (rewordings of one question score
# 0.85-1.0; different questions on one topic sit well below 0.7).
SIMILAR = 0.85
# True/false: the keys may differ by 1 (odd counts) plus 20% of the items; beyond that 'always answer True'
# (or False) scores over about 60% on the bank's true/false items.
TF_SLACK, TF_SHARE = 1, 0.2
# Multiple-response: more than half of a bank's items (of at least two) being 'all but one' rewards ticking all.
ALL_BUT_ONE_SHARE = 0.5

STOPWORDS = frozenset("""
a an and are as at be been being but by can could did do does doing for from had has have having he her hers him his
how i if in into is it its me my no nor not of on or our ours she should so than that the their theirs them then there
these they this those to too very was we were what when where which while who whom why will with would you your yours
about after again against before between both during each few further more most other over own same some such through
under until up down out off once only also any all none always never just may might must shall here one two three
choose apply true false following best statement
""".split())
ABSOLUTES = frozenset({"always", "never", "only", "all", "none"})
HEDGES = frozenset({"may", "might", "can", "could", "usually", "often", "generally", "normally", "typically", "sometimes",
                    "likely", "probably", "unless", "depending", "depends", "most", "some", "possibly", "perhaps"})
HEDGE_PHRASES = ("where appropriate", "as appropriate", "if needed", "if necessary", "in most cases", "where possible")
ABOVE = re.compile(r"\b(all|none|both|neither) of (the above|these)\b", re.IGNORECASE)
NEGATIVES = ("not", "except", "never")
# IDs that name the verdict of a true/false item.
VERDICT_WORDS = frozenset({"true", "false", "myth", "wrong", "right", "correct", "incorrect", "fact", "yes", "no"})
PROMPTS_LABEL = re.compile(r"to think about:?\s*", re.IGNORECASE)
CHOICE_TYPES = ("single", "multiple")


@dataclass(frozen=True)
class ItemFinding:
    rule: str
    severity: str  # error or warning
    path: str
    line: int
    message: str  # what is wrong and how to fix it

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Reference:
    """Texts from the handbook the rules compare items with."""

    published: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (ID, stem, keys) of the handbook's practice questions
    prompts: tuple[tuple[str, str], ...] = ()  # (vignette ID, one 'to think about' prompt)
    anchors: frozenset[str] = frozenset()  # what :cites: may name: object IDs, and ID#section for each section and part


def reference_from(model) -> Reference:
    published = tuple((q["id"], q["question"]["stem"], tuple(plain(o["text"]) for o in q["question"]["options"] if o["correct"]))
                      for q in model.of_kind("question") if q.get("question"))
    prompts = []
    for vignette in model.of_kind("vignette"):
        parts = PROMPTS_LABEL.split(vignette.get("text") or "", maxsplit=1)
        if len(parts) == 2:
            prompts += [(vignette["id"], p) for p in re.findall(r"[^?]+\?", parts[1])]
    anchors = set()
    for obj in getattr(model, "data", {}).get("objects", []):
        anchors.add(obj["id"])
        for section in obj.get("sections", []):
            anchors.add(f"{obj['id']}#{slugify(section['title'])}")
            anchors.update(f"{obj['id']}#{slugify(part)}" for part in section.get("parts", []))
    return Reference(published, tuple(prompts), frozenset(anchors))


# --- text helpers -------------------------------------------------------------------------------------------

def plain(markdown: str) -> str:
    """What a learner reads: link text kept, targets, roles and emphasis marks dropped."""
    text = re.sub(r"\[([^\]]*)\]\(#?([^)]*)\)", lambda m: m.group(1) or m.group(2), markdown)
    text = re.sub(r"\{[\w:-]+\}`([^`<]*)(?:<[^>]*>)?`", r"\1", text)
    text = re.sub(r"[*_`>]", "", text)
    return " ".join(text.split())


def _word(token: str) -> str:
    """A crude stem, so 'fathers' meets 'father' and 'child's' meets 'child'."""
    token = token.removesuffix("'s").removesuffix("\u2019s")
    if len(token) > 4 and token.endswith("s") and not token.endswith("ss"):
        token = token[:-1]
    return token


def tokens(text: str) -> list[str]:
    return [_word(t) for t in re.findall(r"[a-z0-9]+(?:['\u2019][a-z]+)?", plain(text).lower())]


def content_words(text: str) -> set[str]:
    return {t for t in tokens(text) if len(t) > 2 and t not in STOPWORDS}


def similarity(a: list[str], b: list[str]) -> float:
    """The larger of token-set Jaccard and difflib's ratio over token sequences."""
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    jaccard = len(sa & sb) / len(sa | sb)
    return max(jaccard, difflib.SequenceMatcher(None, a, b, autojunk=False).ratio())


def _where(item: Item) -> tuple[str, int]:
    path, _, line = item.location.rpartition(":")
    return path, int(line) if line.isdigit() else 0


def _finding(rule: str, item: Item, message: str) -> ItemFinding | None:
    if rule in item.allow:
        return None
    path, line = _where(item)
    return ItemFinding(rule, SEVERITY[rule], path, line, f"{item.id}: {message}")


def _keys(item: Item) -> list[str]:
    return [plain(c.text) for c in item.choices if c.correct]


def _distractors(item: Item) -> list[str]:
    return [plain(c.text) for c in item.choices if not c.correct]


def _question_sentence(stem: str) -> str:
    """The lead-in: the last sentence that asks (a true/false statement is its own lead-in)."""
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", " ".join(stem.split())) if s.strip()]
    asking = [s for s in sentences if s.rstrip().endswith("?")]
    return (asking or sentences or [""])[-1]


# --- per-item rules -----------------------------------------------------------------------------------------

def key_longest(item: Item) -> str | None:
    keys, distractors = _keys(item), _distractors(item)
    if item.type not in CHOICE_TYPES or not keys or not distractors:
        return None
    shortest_key, mean_distractor = min(map(len, keys)), sum(map(len, distractors)) / len(distractors)
    if shortest_key > max(map(len, distractors)) and shortest_key > LENGTH_RATIO * mean_distractor:
        return (f"the key is {shortest_key / mean_distractor:.1f}x the distractors' mean length (over {LENGTH_RATIO}x and "
                "longer than all of them), so 'pick the longest' finds it; trim the key or write distractors as full and specific")
    return None


def _hedged(text: str) -> bool:
    lower = text.lower()
    return bool(HEDGES & set(re.findall(r"[a-z]+", lower))) or any(p in lower for p in HEDGE_PHRASES)


def key_hedged(item: Item) -> str | None:
    keys, distractors = _keys(item), _distractors(item)
    if item.type not in CHOICE_TYPES or len(distractors) < 2:
        return None
    if all(_hedged(k) for k in keys) and not any(_hedged(d) for d in distractors):
        return ("only the key is hedged or qualified (may, can, usually, where appropriate...), so 'pick the careful one' "
                "finds it; qualify some distractors as well, or state the key plainly")
    return None


def stem_key_overlap(item: Item) -> str | None:
    if item.type not in CHOICE_TYPES:
        return None
    stem = content_words(item.stem)
    shared = set().union(*(content_words(k) & stem for k in _keys(item))) if _keys(item) else set()
    shared -= set().union(*(content_words(d) for d in _distractors(item)))
    if shared:
        words = ", ".join(sorted(shared))
        return (f"the key repeats the stem's word(s) '{words}', which no distractor uses, so 'pick the option that echoes "
                "the question' finds it; reword the key or use the word in distractors too")
    return None


def absolute_distractor(item: Item) -> str | None:
    if item.type not in CHOICE_TYPES:
        return None
    def absolutes(text: str) -> frozenset[str]:  # "none of the above" is the all-none-above rule's finding
        return ABSOLUTES & set(re.findall(r"[a-z]+", ABOVE.sub("", text).lower()))
    if any(absolutes(k) for k in _keys(item)):
        return None
    found = sorted(set().union(*(absolutes(d) for d in _distractors(item))))
    if found:
        return (f"only distractors use absolute terms ({', '.join(found)}), which testwise candidates rule out; "
                "state the misconception without the absolute word")
    return None


def all_none_above(item: Item) -> str | None:
    for choice in item.choices:
        m = ABOVE.search(plain(choice.text))
        if m:
            return (f"option '{plain(choice.text)}' says '{m.group(0)}': it tests partial recognition, not judgement, and "
                    "does not survive shuffling; replace it with a plausible option of its own")
    return None


def negative_stem(item: Item) -> str | None:
    if item.type in ("essay", "truefalse"):  # NBME's rule is about the lead-in; a statement has none
        return None
    lead_in = _question_sentence(item.stem)  # the raw Markdown, so emphasis is visible
    for word in NEGATIVES:
        for m in re.finditer(rf"\b{word}\b", lead_in, re.IGNORECASE):
            emphasised = m.group(0).isupper() or re.search(rf"\*\*[^*]*\b{word}\b[^*]*\*\*", lead_in, re.IGNORECASE)
            if not emphasised:
                return (f"the question is negative ('{m.group(0)}') and the word is easy to miss; ask it positively, or "
                        f"emphasise the word as **{word.upper()}**")
    return None


def id_gives_answer(item: Item) -> str | None:
    id_words = {_word(w) for w in item.id.lower().split("-")[1:] if len(w) > 2 or w in ("no",)}
    if item.type == "truefalse":
        verdict = id_words & VERDICT_WORDS
        if verdict:
            return (f"the ID word(s) '{', '.join(sorted(verdict))}' give the verdict away in Moodle, GIFT and the key; "
                    "rename the item after its topic")
        return None
    if item.type not in CHOICE_TYPES + ("short",):
        return None
    key_words = set().union(*(content_words(k) for k in _keys(item))) if _keys(item) else set()
    others = content_words(item.stem).union(*(content_words(d) for d in _distractors(item)))
    telling = sorted((id_words & key_words) - others)
    if telling:
        return (f"the ID word(s) '{', '.join(telling)}' appear in the key but not in the stem or distractors, and IDs "
                "reach LMS exports and the assessors' files; rename the item after its topic")
    return None


def vignette_prompts(item: Item, reference: Reference) -> str | None:
    stem = tokens(item.stem)
    if PROMPTS_LABEL.search(plain(item.stem)):
        return "the stem prints 'To think about:' prompts, which point at the answer; ask one question of your own"
    for vignette, prompt in reference.prompts:
        words = tokens(prompt)
        if len(words) < 4:
            continue
        matched = sum(b.size for b in difflib.SequenceMatcher(None, words, stem, autojunk=False).get_matching_blocks())
        if matched / len(words) >= SIMILAR:
            return (f"the stem contains the prompt of {vignette} ('{' '.join(prompt.split())}'), which points at the answer; "
                    "ask a question of your own about the case")
    return None


ITEM_RULES = {
    "key-longest": key_longest,
    "key-hedged": key_hedged,
    "stem-key-overlap": stem_key_overlap,
    "absolute-distractor": absolute_distractor,
    "all-none-above": all_none_above,
    "negative-stem": negative_stem,
    "id-gives-answer": id_gives_answer,
}


# --- rules over a bank or all banks ---------------------------------------------------------------------------

def _by_bank(items: list[Item]) -> dict[str, list[Item]]:
    banks: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        banks[_where(item)[0]].append(item)
    return banks


def all_but_one(items: list[Item]) -> list[ItemFinding]:
    found = []
    for bank in _by_bank(items).values():
        multiple = [i for i in bank if i.type == "multiple"]
        pattern = [i for i in multiple if sum(not c.correct for c in i.choices) == 1]
        if len(multiple) >= 2 and len(pattern) / len(multiple) > ALL_BUT_ONE_SHARE:
            f = _finding("all-but-one", pattern[0], f"{len(pattern)} of this bank's {len(multiple)} multiple-response items have "
                         "every option right but one, so ticking all but the odd one out scores; vary the number of "
                         "correct options (5-6 options, 1-4 correct)")
            found += [f] if f else []
    return found


def true_false_balance(items: list[Item]) -> list[ItemFinding]:
    found = []
    for bank in _by_bank(items).values():
        tf = [i for i in bank if i.type == "truefalse"]
        true = [i for i in tf if any(c.correct and plain(c.text).lower() == "true" for c in i.choices)]
        false = [i for i in tf if i not in true]
        if abs(len(true) - len(false)) > TF_SLACK + TF_SHARE * len(tf):
            majority = true if len(true) > len(false) else false
            word = "True" if majority is true else "False"
            f = _finding("true-false-balance", majority[0], f"{len(majority)} of this bank's {len(tf)} true/false items are "
                         f"keyed {word}, so 'always answer {word}' scores; rewrite some as statements that are "
                         f"{'false' if word == 'True' else 'true'} (keys may differ by at most {TF_SLACK} + {TF_SHARE:.0%})")
            found += [f] if f else []
    return found


def duplicate_stems(items: list[Item]) -> list[ItemFinding]:
    found = []
    seen: list[tuple[Item, list[str]]] = []
    for item in items:
        words = tokens(item.stem)
        for earlier, other in seen:
            if similarity(words, other) >= SIMILAR:
                f = _finding("duplicate-stem", item, f"its stem is the same as or nearly the same as {earlier.id}'s "
                             f"({earlier.location}); learners and Moodle's Responses report cannot tell them apart, so "
                             "make the situation or question different, or keep one")
                found += [f] if f else []
                break
        seen.append((item, words))
    return found


def _question_and_answer(stem: str, keys: list[str]) -> list[str]:
    return sorted(content_words(" ".join([stem, *keys])))


def published_duplicates(items: list[Item], reference: Reference) -> list[ItemFinding]:
    """Near the same stem, or near the same question-and-answer (content words of stem and key): a learner who
    read the published question recognises either."""
    found = []
    published = [(qid, tokens(stem), _question_and_answer(stem, list(keys))) for qid, stem, keys in reference.published]
    for item in items:
        words, qa = tokens(item.stem), _question_and_answer(item.stem, _keys(item))
        match = next((qid for qid, other, other_qa in published
                      if similarity(words, other) >= SIMILAR or similarity(qa, other_qa) >= SIMILAR), None)
        if match:
            f = _finding("published-duplicate", item, f"its question (or its question and answer) is nearly the same as the "
                         f"handbook's practice question {match}, whose answer is published; write a new situation or question")
            found += [f] if f else []
    return found


def level_declared(item: Item) -> str | None:
    if item.level:
        return None
    return "say what the item asks for with ':level: recall', 'application' or 'analysis' (most should ask for judgement)"


def cites_resolves(item: Item, reference: Reference) -> str | None:
    if not reference.anchors:
        return None  # no model to resolve against (e.g. a bank checked on its own)
    if not item.cites:
        return ("add ':cites:' naming the handbook section that supports the key, e.g. ':cites: std-pre-birth#the-law-says' "
                "(an object ID, optionally with '#' and a section or part heading in lower case with hyphens)")
    if item.cites not in reference.anchors:
        return f"':cites: {item.cites}' names no handbook object or section; check the ID and the heading (lower case, hyphens)"
    return None


def check_items(items: list[Item], reference: Reference = Reference()) -> list[ItemFinding]:
    """Every finding for these bank items, in item order then rule order."""
    found = []
    for item in items:
        for rule, test in ITEM_RULES.items():
            message = test(item)
            f = _finding(rule, item, message) if message else None
            found += [f] if f else []
        message = vignette_prompts(item, reference)
        f = _finding("vignette-prompts", item, message) if message else None
        found += [f] if f else []
        for rule, message in (("level", level_declared(item)), ("cites", cites_resolves(item, reference))):
            f = _finding(rule, item, message) if message else None
            found += [f] if f else []
    found += all_but_one(items) + true_false_balance(items) + duplicate_stems(items) + published_duplicates(items, reference)
    order = {item.location: n for n, item in enumerate(items)}
    return sorted(found, key=lambda f: (order.get(f.where, 0), list(SEVERITY).index(f.rule)))
