"""The kinds of exercise and the lenses, and each kind's natural lens."""

from __future__ import annotations

KINDS = {
    "critical-reflection": "Individual critical reflection",
    "supervision": "Supervision exercise (4x4x4 cycle)",
    "group-case-discussion": "Group reflective case discussion and peer critique",
    "practice-learning-week": "Practice learning week: observation and feedback",
    "cpd-record": "Social Work England CPD record",
}

LENSES = {
    "gibbs": "Gibbs' reflective cycle",
    "kolb": "Kolb's learning cycle",
    "rolfe": "Rolfe: What? So what? Now what?",
    "schon": "Schön: reflection in and on action",
    "restorative": "Restorative questions",
    "trauma-informed": "The six trauma-informed principles",
    "discipline-window": "Social discipline window self-rating",
}

# Each kind's natural lens, used when --lens is not given.
NATURAL_LENS = {
    "critical-reflection": "gibbs",
    "supervision": "kolb",
    "group-case-discussion": "restorative",
    "practice-learning-week": "trauma-informed",
    "cpd-record": "rolfe",
}
