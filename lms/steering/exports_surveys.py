"""The satisfaction surveys of a cohort as rows: the anonymous responses (the ``enquetes`` export) and
the report's figures flattened (``enquetes-synthese.csv`` of the evidence pack).

Both keep the anonymity rule of the survey reports (``assessments.selectors.surveys``): a group of
fewer than ``ANONYMITY_THRESHOLD`` responses gives no figure and no row; free-text answers never sit
next to a session or a date (the summary lists them apart and sorted, as the report does). No column
names a person.
"""

from collections.abc import Iterator

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from assessments.models import SurveyKind, SurveyResponse, TrainingSession
from assessments.selectors.surveys import ANONYMITY_THRESHOLD, GroupSummary, cohort_responses, cohort_summary
from assessments.surveys import CURRENT, QUESTIONNAIRES, Question

SURVEY_KINDS = dict(SurveyKind.choices)


def _family(version: str) -> str:
    """``session-v2`` → ``session``: the versions of one survey."""
    return version.rsplit("-v", 1)[0]


def survey_columns() -> list[tuple[str, Question]]:
    """(survey kind, question) of every questionnaire version, current ones first; free text left out."""
    columns, seen = [], set()
    for kind in (SurveyKind.SESSION, SurveyKind.FOLLOW_UP):
        family = _family(CURRENT[kind])
        versions = sorted(
            (version for version in QUESTIONNAIRES if _family(version) == family),
            key=lambda version, kind=kind: (version != CURRENT[kind], version),
        )
        for version in versions:
            for question in QUESTIONNAIRES[version]:
                if question.kind != "text" and (kind, question.key) not in seen:
                    seen.add((kind, question.key))
                    columns.append((kind, question))
    return columns


def enquetes_header(cohort) -> list:
    questions = [question.label for _kind, question in survey_columns()]
    return [_("Enquête"), _("Questionnaire"), _("Séance"), _("Reçue le"), *questions]


def enquetes_rows(cohort, *, chunk_size: int) -> Iterator[tuple]:
    """One row per response, in the selector's order (never the order of submission); the responses
    of a group (one session's survey, the follow-up) under the threshold are left out. 3 queries."""
    columns = survey_columns()
    groups = SurveyResponse.objects.filter(cohort=cohort).order_by().values_list("kind", "session_id")
    counts = {(kind, session): n for kind, session, n in groups.annotate(n=Count("pk"))}
    sessions = {session.pk: session for session in TrainingSession.objects.filter(cohort=cohort)}
    responses = cohort_responses(cohort).values_list(
        "kind", "questionnaire", "session_id", "submitted_on", "answers"
    )
    for kind, questionnaire, session_id, submitted_on, answers in responses.iterator(chunk_size=chunk_size):
        if counts.get((kind, session_id), 0) < ANONYMITY_THRESHOLD:
            continue
        session = sessions.get(session_id)
        values = [_answer(question, answers) if of == kind else None for of, question in columns]
        label = str(session) if session is not None else None
        yield (SURVEY_KINDS.get(kind, kind), questionnaire, label, submitted_on, *values)


def _answer(question: Question, answers):
    """A scale as its number, a choice (or several) as its label(s)."""
    value = answers.get(question.key) if isinstance(answers, dict) else None
    if value is None or question.kind == "scale":
        return value
    if isinstance(value, list):
        return ", ".join(question.choice_label(item) for item in value)
    return question.choice_label(value)


def survey_summary_header() -> list:
    return [
        _("Groupe"),
        _("Libellé"),
        _("Réponses"),
        _("Question"),
        _("Réponses à la question"),
        _("Moyenne (sur 5)"),
        _("Réponse"),
        _("Nombre"),
    ]


def survey_summary_rows(cohort) -> Iterator[tuple]:
    """``cohort_summary`` flattened: the figures, then each group (a masked one says so and gives
    none), one row per answer of each question, then the comments the report shows. 4 queries."""
    summary = cohort_summary(cohort)
    blank = (None,) * 5
    yield (_("Enquêtes"), _("Enquêtes envoyées"), summary.requests, *blank)
    yield (_("Enquêtes"), _("Réponses reçues"), summary.responses, *blank)
    yield (_("Enquêtes"), _("Taux de réponse (%)"), summary.response_rate, *blank)
    groups = [
        (_("Promotion"), [summary.cohort]),
        (_("Suivi"), [summary.follow_up]),
        (_("Séance"), summary.sessions),
        (_("Formateur·rice"), summary.trainers),
    ]
    for kind, members in groups:
        for group in members:
            yield from _group_rows(kind, group)
    for comment in summary.comments:
        yield (_("Commentaires"), None, None, None, None, None, comment, None)


def _group_rows(kind, group: GroupSummary) -> Iterator[tuple]:
    if group.masked:
        masked = _("masqué : moins de %(count)s réponses") % {"count": ANONYMITY_THRESHOLD}
        yield (kind, group.label, group.count, masked, None, None, None, None)
        return
    for item in group.questions:
        for answer, count in item.distribution:
            yield (kind, group.label, group.count, item.question.label, item.count, item.mean, answer, count)
