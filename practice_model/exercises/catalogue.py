"""The kinds of exercise, the lenses (reflective models) and where each model comes from."""

from __future__ import annotations

KINDS = {
    "critical-reflection": "Individual critical reflection",
    "supervision": "Supervision exercise",
    "group-case-discussion": "Group reflective case discussion",
    "peer-critique": "Peer critique of written work",
    "practice-learning-week": "Practice learning week: observation and a conversation with a family",
    "learning-review": "Taking a practice learning review into supervision",
    "family-feedback": "Reflecting on a family's feedback",
    "wellbeing": "Your own response to the work",
    "cpd-record": "Social Work England CPD record",
}

# Each model's stages are the model's own; 'source' is its entry on the Law and guidance page.
MODELS = {
    "gibbs": {
        "title": "Gibbs' reflective cycle (1988)",
        "about": "Graham Gibbs set out this six-stage cycle (description, feelings, evaluation, analysis, conclusion, action plan) in Learning by Doing (1988), a guide to teaching and learning methods from the Further Education Unit at Oxford Polytechnic; it builds on Kolb's learning cycle.",
        "source": "src-gibbs-1988",
        "citation": "Gibbs, G. (1988) Learning by Doing: A guide to teaching and learning methods. Oxford: Further Education Unit, Oxford Polytechnic.",
    },
    "kolb": {
        "title": "Kolb's experiential learning cycle (1984)",
        "about": "David Kolb described learning as a cycle in Experiential Learning (1984): a concrete experience, reflective observation on it, abstract conceptualisation (making sense of it with ideas and theory) and active experimentation (trying something new).",
        "source": "src-kolb-1984",
        "citation": "Kolb, D. A. (1984) Experiential Learning: Experience as the source of learning and development. Englewood Cliffs, NJ: Prentice-Hall.",
    },
    "schon": {
        "title": "Schön: reflection-in-action and reflection-on-action (1983)",
        "about": "Donald Schön, in The Reflective Practitioner (1983), showed that skilled professionals think while they act (reflection-in-action) and learn by looking back at what they did and why (reflection-on-action).",
        "source": "src-schon-1983",
        "citation": "Schön, D. A. (1983) The Reflective Practitioner: How professionals think in action. New York: Basic Books.",
    },
    "rolfe": {
        "title": "Rolfe, Freshwater and Jasper: What? So what? Now what? (2001)",
        "about": "Gary Rolfe, Dawn Freshwater and Melanie Jasper (2001) built this framework for nurses and the other helping professions on Terry Borton's three questions (1970): what happened, what it means, and what to do now.",
        "source": "src-rolfe-2001",
        "citation": "Rolfe, G., Freshwater, D. and Jasper, M. (2001) Critical Reflection for Nursing and the Helping Professions: A user's guide. Basingstoke: Palgrave.",
    },
    "4x4x4": {
        "title": "Morrison's 4x4x4 model of supervision (2005)",
        "about": "Tony Morrison's integrated model of supervision (Staff Supervision in Social Care, 2005), developed with Jane Wonnacott, joins four functions (management, development, support, mediation), four stakeholders (people who use services, staff, the organisation, partner agencies) and a four-stage cycle drawn from Kolb: experience, reflection, analysis, action planning.",
        "source": "src-morrison-2005",
        "citation": "Morrison, T. (2005) Staff Supervision in Social Care: Making a real difference for staff and service users. 3rd edition. Brighton: Pavilion.",
    },
    "restorative": {
        "title": "The restorative questions",
        "about": "The restorative questions come from restorative practice as the International Institute for Restorative Practices describes it (Wachtel, 2016): what happened, what were you thinking, who has been affected and how, and what needs to happen to make things right.",
        "source": "src-iirp-defining-restorative",
        "citation": "Wachtel, T. (2016) Defining Restorative. Bethlehem, PA: International Institute for Restorative Practices.",
    },
    "discipline-window": {
        "title": "The social discipline window",
        "about": "The social discipline window, from restorative practice (Wachtel, 2016), sets challenge against support: high on both is working with people; high challenge alone is doing things to them; high support alone is doing things for them; low on both is not doing what is needed.",
        "source": "src-iirp-defining-restorative",
        "citation": "Wachtel, T. (2016) Defining Restorative. Bethlehem, PA: International Institute for Restorative Practices.",
    },
    "trauma-informed": {
        "title": "The OHID trauma-informed principles (2022)",
        "about": "The Office for Health Improvement and Disparities' working definition of trauma-informed practice (November 2022): realise the impact of trauma, recognise its signs, prevent re-traumatisation, and work to six principles (safety, trust, choice, collaboration, empowerment, cultural consideration).",
        "source": "src-ohid-trauma-informed-2022",
        "citation": "Office for Health Improvement and Disparities (2022) Working definition of trauma-informed practice. London: OHID.",
    },
}

LENSES = {name: model["title"] for name, model in MODELS.items()}

# A kind's lens when neither --lens nor the exercise plan names one.
NATURAL_LENS = {
    "critical-reflection": "gibbs",
    "supervision": "4x4x4",
    "group-case-discussion": "restorative",
    "peer-critique": "rolfe",
    "practice-learning-week": "trauma-informed",
    "learning-review": "4x4x4",
    "family-feedback": "restorative",
    "wellbeing": "trauma-informed",
    "cpd-record": "rolfe",
}
