"""How a learner's quiz reads as evidence: sufficient, borderline or insufficient, with what it rests on.

The thresholds are the blueprint's ``[evidence]`` table (carried in the manifest); a manifest from before
it existed uses the pass mark for "sufficient" and 20 points below for "borderline". The verdict is about
this quiz only: the assessor's judgement, across all the evidence, decides the review.
"""

from __future__ import annotations

import re

JUDGEMENT = ("This is quiz evidence only. The assessor's professional judgement, across all the evidence in the "
             "learner's record of support and assessment, decides the review.")


def thresholds(manifest: dict) -> dict[str, float]:
    blueprint = manifest["blueprint"]
    given = blueprint.get("evidence") or {}
    sufficient = float(given.get("sufficient", blueprint["pass_mark"]))
    return {"sufficient": sufficient, "borderline": float(given.get("borderline", max(0.0, sufficient - 20)))}


def verdict(profile: dict, limits: dict[str, float]) -> dict:
    """``profile``: a learner profile (score, absent, awaiting, framework rows). Returns the level and the evidence behind it."""
    if profile["absent"]:
        return {"level": "none", "line": "quiz evidence: none (absent: no responses were received)", "behind": []}
    score = profile["score"]
    level = ("sufficient" if score >= limits["sufficient"] else "borderline" if score >= limits["borderline"] else "insufficient")
    behind = [f"{score:g}% of the automatically marked questions (sufficient from {limits['sufficient']:g}%, "
              f"borderline from {limits['borderline']:g}%)"]
    rows = profile["framework"]
    if rows:
        met = [r for r in rows if r["mean"] * 100 >= limits["borderline"]]
        behind.append(f"{len(met)} of {len(rows)} framework items at {limits['borderline']:g}% or more")
        weakest = sorted(rows, key=lambda r: r["mean"])[:2]
        if weakest and weakest[0]["mean"] * 100 < limits["borderline"]:
            behind.append("weakest: " + "; ".join(f"{r['item'].split(':')[0]} ({r['mean']:.0%})" for r in weakest
                                                  if r["mean"] * 100 < limits["borderline"]))
    unanswered = profile.get("unanswered", 0)
    if unanswered:
        behind.append(f"{unanswered} question(s) left unanswered")
    if profile["awaiting"]:
        behind.append(f"provisional: {len(profile['awaiting'])} written answer(s) await a marker")
    return {"level": level, "line": f"quiz evidence: {level}", "behind": behind}


def natural_key(text: str) -> list:
    """'KSS 10' after 'KSS 2': numbers compare as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]
