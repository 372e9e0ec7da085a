"""QTI 1.2 for Canvas (and Blackboard): a zip with imsmanifest.xml, assessment_meta.xml and the assessment.

Each blueprint slot is a section that draws ``count`` of its items per
attempt (Canvas question groups). An essay's marker guidance and mark bands
go in a ``rubric`` for scorers (``view="Scorer"``), which learners never see,
and it is worth its slot's weight; Canvas does not show the rubric to markers
either, so the summary says so. Zip entries have fixed dates: same quiz,
same bytes.
"""

from __future__ import annotations

from lxml import etree

from ...outputs import zip_bytes
from .. import weights
from ..items import Item
from .common import Pool, marker_notes, ordering_as_matching, stem_with_vignette

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
TYPES = {"single": "multiple_choice_question", "multiple": "multiple_answers_question", "truefalse": "true_false_question",
         "matching": "matching_question", "short": "short_answer_question", "essay": "essay_question"}


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def _sub(parent, tag, text=None, **attrs):
    element = etree.SubElement(parent, _q(tag), **attrs)
    if text is not None:
        element.text = text
    return element


def _material(parent, html: str):
    material = _sub(parent, "material")
    _sub(material, "mattext", html, texttype="text/html")
    return material


def _meta(item_el, fields: dict[str, str]):
    qtimetadata = _sub(_sub(item_el, "itemmetadata"), "qtimetadata")
    for label, entry in fields.items():
        field = _sub(qtimetadata, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _feedback(item_el, ident: str, html: str):
    fb = _sub(item_el, "itemfeedback", ident=ident)
    _material(_sub(fb, "flow_mat"), html)


def _multiple_response(processing, item: Item, letters: list[str], with_feedback: set[str]) -> None:
    """The shared weights (``quiz.weights``) on SCORE's 0-100 scale: Add for each right option ticked,
    Subtract for each wrong one. Every Add comes before any Subtract, so flooring at SCORE's minvalue
    (0) after each step and flooring once at the end give the same score: ticking every box scores 0.
    Last, an exact right answer sets 100: the condition Canvas reads to find the right options."""
    scale = weights.for_item(item)
    ranked = sorted(zip(letters, item.choices), key=lambda pair: not pair[1].correct)
    for ident, choice in ranked:
        cond = _sub(processing, "respcondition", **{"continue": "Yes"})
        _sub(_sub(cond, "conditionvar"), "varequal", ident, respident="response1")
        value = scale.right if choice.correct else -scale.wrong
        _sub(cond, "setvar", weights.percent(value), action="Add" if choice.correct else "Subtract", varname="SCORE")
        if f"{ident}-fb" in with_feedback:
            _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=f"{ident}-fb")
    cond = _sub(processing, "respcondition", **{"continue": "No"})
    both = _sub(_sub(cond, "conditionvar"), "and")
    for ident, choice in zip(letters, item.choices):
        if choice.correct:
            _sub(both, "varequal", ident, respident="response1")
        else:
            _sub(_sub(both, "not"), "varequal", ident, respident="response1")
    _sub(cond, "setvar", "100", action="Set", varname="SCORE")


def item_element(item: Item, render, vignettes, weight: int = 1) -> etree._Element:
    if item.type == "ordering":
        item = ordering_as_matching(item)
    element = etree.Element(_q("item"), ident=item.id, title=item.id)
    points = str(weight) if item.type == "essay" else "1"
    _meta(element, {"question_type": TYPES[item.type], "points_possible": points, "assessment_question_identifierref": item.id})
    notes = marker_notes(item) if item.type == "essay" else ""
    if notes:
        _material(_sub(element, "rubric", view="Scorer"), render.html(marker_notes(item, weight)))
    presentation = _sub(element, "presentation")
    _material(presentation, render.html(stem_with_vignette(item, vignettes)))
    processing = etree.Element(_q("resprocessing"))
    outcomes = _sub(processing, "outcomes")
    _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    feedbacks: list[tuple[str, str]] = []
    letters = [f"{item.id}-{n}" for n in range(len(item.choices))]

    if item.type in ("single", "multiple", "truefalse"):
        lid = _sub(presentation, "response_lid", ident="response1", rcardinality="Multiple" if item.type == "multiple" else "Single")
        # True/false keeps True first, as every platform shows it; options are shuffled per attempt.
        choices = _sub(lid, "render_choice", shuffle="No" if item.type == "truefalse" else "Yes")
        for ident, choice in zip(letters, item.choices):
            label = _sub(choices, "response_label", ident=ident)
            _material(label, render.inline_html(choice.text))
            if choice.feedback:
                feedbacks.append((f"{ident}-fb", render.html(choice.feedback)))
                if item.type != "multiple":  # multiple response shows its feedback with each option's weight
                    cond = _sub(processing, "respcondition", **{"continue": "Yes"})
                    _sub(_sub(cond, "conditionvar"), "varequal", ident, respident="response1")
                    _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=f"{ident}-fb")
        if item.type == "multiple":
            _multiple_response(processing, item, letters, {ident for ident, _ in feedbacks})
        else:
            cond = _sub(processing, "respcondition", **{"continue": "No"})
            right = next(ident for ident, c in zip(letters, item.choices) if c.correct)
            _sub(_sub(cond, "conditionvar"), "varequal", right, respident="response1")
            _sub(cond, "setvar", "100", action="Set", varname="SCORE")
    elif item.type == "matching":
        rights = sorted({c.match for c in item.choices}, key=str.lower)
        right_ids = {text: f"{item.id}-m{n}" for n, text in enumerate(rights)}
        lefts = [c for c in item.choices if c.text]
        share = f"{100 / len(lefts):.4f}"
        for n, choice in enumerate(lefts):
            lid = _sub(presentation, "response_lid", ident=f"response_{n}")
            _material(lid, render.inline_html(choice.text))
            options = _sub(lid, "render_choice", shuffle="Yes")
            for text in rights:
                _material(_sub(options, "response_label", ident=right_ids[text]), render.inline_html(text))
            cond = _sub(processing, "respcondition")
            _sub(_sub(cond, "conditionvar"), "varequal", right_ids[choice.match], respident=f"response_{n}")
            _sub(cond, "setvar", share, varname="SCORE", action="Add")
    elif item.type == "short":
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        cond = _sub(processing, "respcondition", **{"continue": "No"})
        var = _sub(cond, "conditionvar")
        for choice in item.choices:
            _sub(var, "varequal", render.text(choice.text), respident="response1")
        _sub(cond, "setvar", "100", action="Set", varname="SCORE")
    else:  # essay
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        cond = _sub(processing, "respcondition", **{"continue": "No"})
        _sub(_sub(cond, "conditionvar"), "other")

    element.append(processing)
    if item.explanation:
        _feedback(element, "general_fb", render.html(item.explanation))
    for ident, html in feedbacks:
        _feedback(element, ident, html)
    return element


def assessment(ident: str, title: str, pools: list[Pool], render, vignettes) -> bytes:
    root = etree.Element(_q("questestinterop"), nsmap={None: QTI_NS})
    test = _sub(root, "assessment", ident=ident, title=title)
    top = _sub(test, "section", ident="root_section")
    for number, pool in enumerate(pools, start=1):
        section = _sub(top, "section", ident=f"{ident}-slot-{number}", title=pool.name)
        selection = _sub(_sub(section, "selection_ordering"), "selection")
        _sub(selection, "selection_number", str(pool.count))
        extension = _sub(selection, "selection_extension")
        _sub(extension, "points_per_item", str(pool.weight))
        for case, items in pool.groups():
            # A case slot selects whole cases: each case is a section of all its items.
            holder = _sub(section, "section", ident=f"{ident}-slot-{number}-{case}", title=case) if case else section
            for item in items:
                holder.append(item_element(item, render, vignettes, pool.weight))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def manifest(ident: str) -> bytes:
    root = etree.Element(f"{{{CP_NS}}}manifest", identifier=f"{ident}-manifest", nsmap={None: CP_NS})
    metadata = etree.SubElement(root, f"{{{CP_NS}}}metadata")
    etree.SubElement(metadata, f"{{{CP_NS}}}schema").text = "IMS Content"
    etree.SubElement(metadata, f"{{{CP_NS}}}schemaversion").text = "1.1.3"
    etree.SubElement(root, f"{{{CP_NS}}}organizations")
    resources = etree.SubElement(root, f"{{{CP_NS}}}resources")
    resource = etree.SubElement(resources, f"{{{CP_NS}}}resource", identifier=ident, type="imsqti_xmlv1p2")
    etree.SubElement(resource, f"{{{CP_NS}}}file", href=f"{ident}/{ident}.xml")
    etree.SubElement(resource, f"{{{CP_NS}}}dependency", identifierref=f"{ident}-meta")
    meta = etree.SubElement(resources, f"{{{CP_NS}}}resource", identifier=f"{ident}-meta",
                            type="associatedcontent/imscc_xmlv1p1/learning-application-resource", href=f"{ident}/assessment_meta.xml")
    etree.SubElement(meta, f"{{{CP_NS}}}file", href=f"{ident}/assessment_meta.xml")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def canvas_meta(ident: str, title: str, time_limit: int, points: int) -> bytes:
    root = etree.Element(f"{{{CANVAS_NS}}}quiz", identifier=ident, nsmap={None: CANVAS_NS})
    for tag, value in (("title", title), ("description", ""), ("shuffle_answers", "true"), ("scoring_policy", "keep_highest"),
                       ("hide_results", "always"), ("quiz_type", "assignment"), ("points_possible", str(points)),
                       ("show_correct_answers", "false"), ("time_limit", str(time_limit) if time_limit else ""),
                       ("allowed_attempts", "1"), ("one_question_at_a_time", "false")):
        etree.SubElement(root, f"{{{CANVAS_NS}}}{tag}").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _points(pool: Pool) -> int:
    """Marks a paper draws from the pool; a case slot's cases differ in length, so their mean is used."""
    if pool.cases:
        sizes = [len(items) for _, items in pool.groups()]
        return round(pool.count * sum(sizes) / max(1, len(sizes)))
    return pool.count * pool.weight


def export(ident: str, title: str, time_limit: int, pools: list[Pool], render, vignettes, warnings: list[str]) -> bytes:
    if any(i.type == "essay" for p in pools for i in p.items):
        warnings.append("QTI: essay marker guidance and mark bands are in a rubric for scorers, which Canvas does not display; "
                        "use the answer key to mark essays")
    files = {
        "imsmanifest.xml": manifest(ident),
        f"{ident}/{ident}.xml": assessment(ident, title, pools, render, vignettes),
        f"{ident}/assessment_meta.xml": canvas_meta(ident, title, time_limit, sum(_points(p) for p in pools)),
    }
    return zip_bytes(files, compresslevel=9)
