"""The quiz's output formats: one table, format name -> exporter, as ``exercises/formats.py`` has for exercises.

Every exporter takes the same ``QuizContext`` (the quiz as chosen, ready to write in any format) and yields
the files it makes as (path inside the output folder, bytes); ``run_quiz`` writes them. The keys of
``EXPORTERS`` are the formats ``--format`` accepts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..links import HandbookLinks
from ..model import Model
from . import notation
from .blueprint import Blueprint
from .exports import docx, gift, html, key, moodle, qti
from .exports.common import Pool
from .learners import Learner
from .markup import Renderer
from .variants import Presented

Files = Iterator[tuple[str, bytes]]


@dataclass(frozen=True)
class QuizContext:
    blueprint: Blueprint
    model: Model
    quiz_id: str
    seed: int
    learners: list[Learner]
    variants: dict[str, list[Presented]]  # learner ID -> the items they get, in their order
    time_limits: dict[str, int]  # learner ID -> minutes, extra time included; 0 when untimed
    pools: list[Pool]  # every eligible item per slot: the LMS formats let the platform draw
    render: Renderer
    vignettes: dict[str, str]
    warnings: list[str]  # exporters add what their format cannot carry
    progress: Callable | None = None
    links: HandbookLinks | None = None  # links from the output folder to the handbook (None: the model's own)

    @property
    def title(self) -> str:
        return self.blueprint.title

    def each_learner(self, description: str):
        return self.progress(self.learners, description) if self.progress else self.learners

    def lms_pools(self) -> list[Pool]:
        if self.blueprint.mode == "practice":
            self.warnings.append("practice mode: LMS pools hold published and generated items only")
        if any(pool.cases for pool in self.pools):
            self.warnings.append("case slots: each case is its own category (Moodle) or section (QTI); a platform's random "
                                 "questions draw single items, so add a case's questions whole, or give learners their own papers")
        return self.pools


def learner_pages(quiz: QuizContext) -> Files:
    for learner in quiz.each_learner("Writing learners' quiz pages"):
        yield f"learners/{learner.id}/quiz.html", html.learner_page(
            quiz.title, learner.id, quiz.variants[learner.id], quiz.render, quiz.vignettes, quiz.time_limits[learner.id],
            quiz.blueprint.mode, quiz.quiz_id)


def learner_word_copies(quiz: QuizContext) -> Files:
    for learner in quiz.each_learner("Writing learners' Word copies"):
        yield f"learners/{learner.id}/quiz.docx", docx.learner_copy(
            quiz.title, learner.id, quiz.variants[learner.id], quiz.render, quiz.vignettes, quiz.time_limits[learner.id],
            quiz.model.handbook["organisation"])


def answer_key(quiz: QuizContext) -> Files:
    rows = key.rows(quiz.variants, quiz.render, quiz.links)
    yield "key.csv", key.as_csv(rows)
    yield "key.json", key.as_json(rows, notation.__doc__.strip())
    yield "key.html", key.as_html(quiz.title, quiz.quiz_id, rows)


def moodle_xml(quiz: QuizContext) -> Files:
    yield "lms/moodle.xml", moodle.export(quiz.title, quiz.lms_pools(), quiz.render, quiz.vignettes)
    yield "lms/moodle-papers.xml", moodle.export_papers(quiz.title, {l.id: quiz.variants[l.id] for l in quiz.learners},
                                                        quiz.render, quiz.vignettes)


def gift_text(quiz: QuizContext) -> Files:
    yield "lms/quiz.gift", gift.export(quiz.title, quiz.lms_pools(), quiz.render, quiz.vignettes, quiz.warnings)


def qti_package(quiz: QuizContext) -> Files:
    yield "lms/qti.zip", qti.export(quiz.quiz_id, quiz.title, quiz.blueprint.time_limit, quiz.lms_pools(), quiz.render,
                                    quiz.vignettes, quiz.warnings)


EXPORTERS: dict[str, Callable[[QuizContext], Files]] = {
    "html": learner_pages, "docx": learner_word_copies, "key": answer_key,
    "moodle": moodle_xml, "gift": gift_text, "qti": qti_package,
}
