"""Quiz results of a cohort for trainers, certifiers and managers: the learner x quiz table, the item
analysis of one quiz, and their CSV exports.

The URLs live under ``promotions/`` so that the second-factor middleware guards them like the
progress matrix. Anonymous people are sent to the login page; a learner gets the French 403 page; a
trainer gets 404 for a cohort they do not run; a quiz outside the cohort's programme does not exist
here (404).
"""

import itertools

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import floatformat
from django.urls import path
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from assessments.models import Quiz
from assessments.questions import TRUE
from assessments.selectors.results import (
    ChoiceStat,
    ItemAnalysis,
    QuestionStat,
    QuizResults,
    ResultRow,
    cohort_quiz_results,
    item_analysis,
)
from courses.exports import csv_lines
from courses.models import Cohort
from courses.permissions import viewable_cohort_or_404
from lms.audit import services as audit


def _programme_quiz(cohort: Cohort, quiz_id: int) -> Quiz:
    """The quiz if it sits on a module of the cohort's programme (published or not), else 404."""
    programme = cohort.programme
    return get_object_or_404(
        Quiz.objects.select_related("module"),
        pk=quiz_id,
        module__path__startswith=programme.path,
        module__depth=programme.depth + 1,
    )


@require_safe
@login_required
def cohort_quiz_results_page(request, cohort_id: int):
    cohort = viewable_cohort_or_404(request.user, cohort_id)
    results = cohort_quiz_results(cohort=cohort)
    return render(request, "assessments/staff/results.html", {"cohort": cohort, "results": results})


@require_safe
@login_required
def cohort_quiz_results_csv(request, cohort_id: int):
    cohort = viewable_cohort_or_404(request.user, cohort_id)
    results = cohort_quiz_results(cohort=cohort)
    lines = itertools.chain([_results_header(results)], (_results_line(row) for row in results.rows))
    audit.record_export(request, export="quiz.csv", obj=cohort, obj_repr=cohort.name)
    return _csv_response(lines, filename=f"quiz-{_cohort_slug(cohort)}.csv")


@require_safe
@login_required
def quiz_item_analysis_page(request, cohort_id: int, quiz_id: int):
    cohort = viewable_cohort_or_404(request.user, cohort_id)
    analysis = item_analysis(quiz=_programme_quiz(cohort, quiz_id), cohort=cohort)
    context = {"cohort": cohort, "quiz": analysis.quiz, "analysis": analysis}
    return render(request, "assessments/staff/item_analysis.html", context)


@require_safe
@login_required
def quiz_item_analysis_csv(request, cohort_id: int, quiz_id: int):
    cohort = viewable_cohort_or_404(request.user, cohort_id)
    analysis = item_analysis(quiz=_programme_quiz(cohort, quiz_id), cohort=cohort)
    lines = itertools.chain([_analysis_header()], _analysis_lines(analysis))
    filename = f"analyse-quiz-m{analysis.quiz.module.number}-{_cohort_slug(cohort)}.csv"
    audit.record_export(request, export=filename, obj=analysis.quiz, obj_repr=cohort.name)
    return _csv_response(lines, filename=filename)


# --- CSV ------------------------------------------------------------------------------------------------


def _cohort_slug(cohort: Cohort) -> str:
    return slugify(cohort.name) or f"promotion-{cohort.pk}"


def _csv_response(lines, *, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_lines(lines, language=translation.get_language()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _number(value, places: str = "-2") -> str:
    """A French-formatted number (``72,5``) for Excel; empty when there is none."""
    return "" if value is None else str(floatformat(value, places))


def _results_header(results: QuizResults) -> list[str]:
    quizzes = []
    for quiz in results.quizzes:
        quizzes += [
            _("%(module)s meilleure note (%%)") % {"module": quiz.label},
            _("%(module)s tentatives") % {"module": quiz.label},
        ]
    return [_("Nom"), _("Prénom"), _("E-mail"), _("Organisme"), _("Statut"), *quizzes]


def _results_line(row: ResultRow) -> list:
    cells = []
    for cell in row.cells:
        cells += [_number(cell.best), cell.attempts] if cell else ["", 0]
    return [row.last_name, row.first_name, row.email, row.organisation, row.status_label, *cells]


def _analysis_header() -> list[str]:
    return [
        _("Question n°"),
        _("Question"),
        _("Facilité (%)"),
        _("Discrimination"),
        _("Réponse proposée"),
        _("Bonne réponse"),
        _("Cochée par"),
        _("Cochée par (%)"),
    ]


def _choice_text(question: QuestionStat, choice: ChoiceStat) -> str:
    """True/false choices are stored as "Vrai"/"Faux": say them in the reader's language."""
    if question.kind == "true_false":
        return _("Vrai") if choice.key == TRUE else _("Faux")
    return choice.text


def _analysis_lines(analysis: ItemAnalysis):
    for question in analysis.questions:
        facility, discrimination = _number(question.facility, "-1"), _number(question.discrimination, "2")
        for choice in question.choices:
            yield [
                question.number,
                question.prompt,
                facility,
                discrimination,
                _choice_text(question, choice),
                _("oui") if choice.correct else _("non"),
                choice.count,
                _number(choice.percent, "-1"),
            ]


urlpatterns = [
    path("promotions/<int:cohort_id>/quiz/", cohort_quiz_results_page, name="cohort-quiz-results"),
    path("promotions/<int:cohort_id>/quiz.csv", cohort_quiz_results_csv, name="cohort-quiz-results-csv"),
    path(
        "promotions/<int:cohort_id>/quiz/<int:quiz_id>/analyse/",
        quiz_item_analysis_page,
        name="quiz-item-analysis",
    ),
    path(
        "promotions/<int:cohort_id>/quiz/<int:quiz_id>/analyse.csv",
        quiz_item_analysis_csv,
        name="quiz-item-analysis-csv",
    ),
]
