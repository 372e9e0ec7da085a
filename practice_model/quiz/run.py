"""``practice-model quiz``: from a blueprint to per-learner quizzes, a key, LMS pools and a manifest."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..links import HandbookLinks
from ..model import Model
from ..outputs import parse_formats as _parse_formats
from ..outputs import staged_folder, write
from ..version import __version__
from .banks import bank_digest, load_banks
from .blueprint import Blueprint, check_frameworks
from .exporters import EXPORTERS, QuizContext
from .exports.common import Pool
from .generated import generate_items, handbook_items
from .items import Item
from .learners import Learner
from .markup import Renderer
from .variants import Presented, check_supply, coverage_targets, evidence, make_variant, slot_pools

FORMATS = tuple(EXPORTERS)
MANIFEST_VERSION = "1.0"


@dataclass
class Summary:
    learners: int = 0
    items_per_learner: int = 0
    pool_sizes: dict[str, int] = field(default_factory=dict)
    coverage: dict[str, int] = field(default_factory=dict)  # framework item -> learners who got an item on it
    required: list[str] = field(default_factory=list)  # framework items the [coverage] rules ask of every paper
    short_of: dict[str, list[str]] = field(default_factory=dict)  # learner -> required items their paper lacks
    extra_time: dict[str, int] = field(default_factory=dict)  # learner with extra time -> their minutes
    formats: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said once, not warnings (relative links, say)
    files: int = 0
    quiz_id: str = ""


def parse_formats(value: str) -> list[str]:
    return _parse_formats(value, FORMATS)


def validate_items(items: list[Item], model: Model) -> None:
    handbook_ids = {o["id"] for o in model.data["objects"]}
    for item in items:
        if item.source != "bank":
            continue
        path, _, line = item.location.rpartition(":")
        if item.id in handbook_ids:
            raise UserError(f"item ID '{item.id}' is already used in the handbook; give the bank item its own ID", path, int(line))
        for target in item.tests + ([item.vignette] if item.vignette else []):
            if model.get(target) is None:
                raise UserError(f"item '{item.id}' links to '{target}', which is not in the handbook; check the ID "
                                "(see the handbook's glossary, standards and curriculum)", path, int(line))
        for choice in item.choices:
            for link in _links(choice.text + choice.feedback) + _links(item.explanation + item.stem):
                if model.get(link) is None:
                    raise UserError(f"item '{item.id}' links to '#{link}', which is not in the handbook", path, int(line))


def enforce_item_rules(items: list[Item], model: Model) -> list[str]:
    """Stop on item-writing errors (before anything is written); return one summary warning line for the rest."""
    from .item_rules import check_items, reference_from

    findings = check_items([i for i in items if i.source == "bank"], reference_from(model))
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more item-writing error(s); 'practice-model check' lists them)" if len(errors) > 1 else ""
        raise UserError(f"[{first.rule}] {first.message}{more}", first.path, first.line)
    if not findings:
        return []
    counts = Counter(f.rule for f in findings)
    listed = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items()))
    return [f"item-writing rules: {len(findings)} warning(s) in the banks ({listed}); 'practice-model check' lists each with file and line"]


def _links(text: str) -> list[str]:
    from .markup import LINK

    return [m.group(2) for m in LINK.finditer(text)]


def collect_items(blueprint: Blueprint, model: Model) -> list[Item]:
    items: list[Item] = []
    if blueprint.mode == "assessed":
        items += load_banks(blueprint.banks)
        validate_items(items, model)
    else:
        items += handbook_items(model)
    if blueprint.generated:
        items += generate_items(model, assessed=blueprint.mode == "assessed")
    for item in items:
        item.items = evidence(item, model)
    return items


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _time_limit(blueprint: Blueprint, learner: Learner) -> int:
    return round(blueprint.time_limit * (100 + learner.extra_time) / 100) if blueprint.time_limit else 0


def run_quiz(blueprint: Blueprint, model: Model, learners: list[Learner], formats: list[str], out: Path,
             seed: int | None = None, force: bool = False, progress=None, inputs: tuple = ()) -> Summary:
    """``inputs``: files read besides the blueprint, banks and model (the learners file), which ``out`` must not hold."""
    seed = blueprint.seed if seed is None else seed
    check_frameworks(blueprint, {f["id"]: f["short"] for f in model.data["frameworks"]})
    items = collect_items(blueprint, model)
    rule_warnings = enforce_item_rules(items, model)
    pools = slot_pools(blueprint, items)
    check_supply(blueprint, pools, model)
    summary = Summary(learners=len(learners), pool_sizes={k: sum(len(u) for u in v) for k, v in pools.items()},
                      warnings=rule_warnings)
    render = Renderer(model)
    vignettes = {v["id"]: f"**{v['title']}** (fictional case study)\n\n{v['text']}" for v in model.of_kind("vignette")}
    quiz_id = f"{blueprint.name}-{seed}"
    summary.quiz_id = quiz_id
    title = blueprint.title
    links = HandbookLinks(model, out)
    if "key" in formats and links.note(out):
        summary.notes.append(links.note(out))

    variants = {}
    for learner in (progress(learners, "Choosing each learner's items") if progress else learners):
        variants[learner.id] = make_variant(blueprint, pools, seed, learner.id, model)
    summary.items_per_learner = max((len(v) for v in variants.values()), default=0)
    covered = Counter(x for v in variants.values() for x in {x for p in v for x in p.item.items})
    summary.coverage = dict(sorted(covered.items()))
    summary.required = list(coverage_targets(blueprint, model))
    for learner_id, presented in variants.items():
        lacking = [x for x in summary.required if not any(x in p.item.items for p in presented)]
        if lacking:
            summary.short_of[learner_id] = lacking
    summary.formats = list(formats)

    lms_pools = [Pool(slot.name, slot.count, [i for u in pools[slot.name] for i in u], slot.weight, slot.scenario) for slot in blueprint.slots]
    time_limits = {learner.id: _time_limit(blueprint, learner) for learner in learners}
    summary.extra_time = {learner.id: time_limits[learner.id] for learner in learners if learner.extra_time and blueprint.time_limit}
    quiz = QuizContext(blueprint, model, quiz_id, seed, learners, variants, time_limits, lms_pools, render, vignettes,
                       summary.warnings, progress, links)

    with staged_folder(out, force, "quiz", [blueprint.path, *blueprint.banks, model.path, *inputs]) as stage:
        manifest: dict[str, Any] = {
            "manifest_version": MANIFEST_VERSION,
            "tool": f"practice-model {__version__}",
            "quiz_id": quiz_id,
            "blueprint": {"path": blueprint.path.name, "digest": _digest(blueprint.path.read_bytes()), "title": title,
                          "mode": blueprint.mode, "pass_mark": blueprint.pass_mark, "time_limit": blueprint.time_limit,
                          "slots": [{"name": s.name, "count": s.count, "counts": "cases" if s.scenario else "items", "weight": s.weight}
                                    for s in blueprint.slots],
                          "coverage": blueprint.coverage, "coverage_items": blueprint.coverage_items,
                          "frameworks": blueprint.frameworks, "evidence": blueprint.evidence},
            "seed": seed,
            "handbook": {"version": model.handbook["version"], "model_digest": _digest(model.path.read_bytes())},
            "banks": bank_digest(blueprint.banks),
            "formats": formats,
            "learners": [],
            "items": {},
        }
        for learner in learners:
            presented = variants[learner.id]
            manifest["learners"].append({
                "id": learner.id, "extra_time": learner.extra_time,
                "time_limit": _time_limit(blueprint, learner),
                "items": [{"id": p.item.id, "slot": p.slot, "order": p.order, "right_order": p.right_order, "weight": p.weight}
                          for p in presented],
            })
        # Every item of every pool, not only those on the offline papers: when Moodle draws from the pools,
        # 'mark' must know the items each learner was actually shown.
        manifest["pools"] = {pool.name: [i.id for i in pool.items] for pool in lms_pools}
        for p in [Presented(i, pool.name) for pool in lms_pools for i in pool.items]:
            manifest["items"][p.item.id] = {
                "id": p.item.id, "type": p.item.type, "stem_text": render.text(p.item.stem), "source": p.item.source, "tests": p.item.tests, "framework_items": p.item.items,
                "difficulty": p.item.difficulty, "digest": p.item.digest, "auto_marked": p.item.auto_marked,
                "choices": [{"text": c.text, "correct": c.correct, "match": c.match} for c in p.item.choices],
                "guidance": p.item.guidance, "explanation": p.item.explanation,
                "bands": [{"level": level, "text": text} for level, text in p.item.bands],
            }
            # Options as plain text, the way Moodle's Responses report shows them ([option, its match]).
            manifest["items"][p.item.id]["shown"] = [[render.text(c.text), render.text(c.match)] for c in p.item.choices]
        manifest["items"] = dict(sorted(manifest["items"].items()))

        for name, exporter in EXPORTERS.items():
            if name in formats:
                for relative, data in exporter(quiz):
                    write(stage, relative, data)
        write(stage, "manifest.json", (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))
        summary.files = sum(1 for p in stage.rglob("*") if p.is_file())
    summary.warnings = sorted(set(summary.warnings))
    return summary
