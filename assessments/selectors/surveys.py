"""Reads of the satisfaction surveys: figures per cohort, session and trainer, under an anonymity rule.

Anonymity (why the reports look the way they do):

- a response has no link to a person (``assessments.models.surveys``), and nothing here names one;
- a group of fewer than ``ANONYMITY_THRESHOLD`` responses shows no figure (``masked``): with one or
  two answers, knowing who attended and who answered would tell what each person said;
- the groups that add sessions up (the whole cohort, each trainer) leave the masked sessions out:
  otherwise subtracting the shown sessions from the total would give the masked session's answers;
- free-text comments are given only for the whole cohort, only when that survey has at least
  ``ANONYMITY_THRESHOLD`` responses, in alphabetical order (not in submission order) and without
  their session or date.

``cohort_responses`` gives the raw anonymous rows (for exports): whoever shows them applies the same
threshold. Every function reads in a fixed number of queries, whatever the cohort's size.
"""

import dataclasses
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from assessments.models import SurveyKind, SurveyRequest, SurveyResponse, TrainingSession
from assessments.surveys import CURRENT, QUESTIONNAIRES, Question

ANONYMITY_THRESHOLD = 3
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class QuestionSummary:
    question: Question
    count: int  # responses that answered this question
    mean: Decimal | None  # scale questions only, to one decimal
    distribution: list[tuple[str, int]]  # (answer's label, how many gave it), in the question's order


@dataclass(frozen=True)
class GroupSummary:
    label: str
    count: int
    masked: bool  # fewer than ANONYMITY_THRESHOLD responses: no figure shown, ``questions`` empty
    questions: list[QuestionSummary]
    trainer_id: int | None = None  # set on the per-trainer groups


@dataclass(frozen=True)
class CohortSurveySummary:
    requests: int  # surveys e-mailed (sent), session and follow-up
    responses: int
    response_rate: Decimal | None  # percent, to one decimal; None before any survey is sent
    sessions: list[GroupSummary]
    trainers: list[GroupSummary]
    cohort: GroupSummary  # the session surveys of the cohort together, masked sessions left out
    follow_up: GroupSummary
    comments: list[str]


@dataclass(frozen=True)
class CohortSurveyLine:
    cohort: object
    requests: int
    responses: int
    response_rate: Decimal | None


def rate(responses: int, requests: int) -> Decimal | None:
    if not requests:
        return None
    return (Decimal(100 * responses) / Decimal(requests)).quantize(TENTH, rounding=ROUND_HALF_UP)


def cohort_responses(cohort) -> QuerySet[SurveyResponse]:
    """The cohort's anonymous responses, by survey, day and random id (never in submission order)."""
    return SurveyResponse.objects.filter(cohort=cohort).order_by("kind", "submitted_on", "id")


def cohorts_overview(cohorts: QuerySet) -> list[CohortSurveyLine]:
    """Surveys sent, responses and response rate of each cohort of ``cohorts`` (1 query)."""
    sent = (
        SurveyRequest.objects.filter(enrolment__cohort=OuterRef("pk"), sent_at__isnull=False)
        .order_by()
        .values("enrolment__cohort")
        .annotate(n=Count("pk"))
        .values("n")
    )
    answered = (
        SurveyResponse.objects.filter(cohort=OuterRef("pk"))
        .order_by()
        .values("cohort")
        .annotate(n=Count("pk"))
        .values("n")
    )
    zero = Value(0, output_field=IntegerField())
    rows = cohorts.select_related("programme").annotate(
        survey_requests_sent=Coalesce(Subquery(sent, output_field=IntegerField()), zero),
        survey_responses_count=Coalesce(Subquery(answered, output_field=IntegerField()), zero),
    )
    return [
        CohortSurveyLine(
            cohort=row,
            requests=row.survey_requests_sent,
            responses=row.survey_responses_count,
            response_rate=rate(row.survey_responses_count, row.survey_requests_sent),
        )
        for row in rows
    ]


def cohort_summary(cohort) -> CohortSurveySummary:
    """Every figure of the cohort's report (4 queries)."""
    requests = SurveyRequest.objects.filter(enrolment__cohort=cohort, sent_at__isnull=False).count()
    responses = list(
        SurveyResponse.objects.filter(cohort=cohort)
        .order_by("kind", "submitted_on", "id")
        .values("kind", "questionnaire", "session_id", "answers")
    )
    by_kind = defaultdict(list)
    by_session = defaultdict(list)
    for response in responses:
        by_kind[response["kind"]].append(response)
        if response["session_id"] is not None:
            by_session[response["session_id"]].append(response)
    sessions = _surveyed_sessions(cohort)
    # Sums over sessions only count the sessions shown (see the module's docstring).
    shown = {pk: rows for pk, rows in by_session.items() if len(rows) >= ANONYMITY_THRESHOLD}
    session_kind, follow_up = SurveyKind.SESSION, SurveyKind.FOLLOW_UP
    return CohortSurveySummary(
        requests=requests,
        responses=len(responses),
        response_rate=rate(len(responses), requests),
        sessions=[group(str(s), by_session.get(s.pk, []), session_kind) for s in sessions],
        trainers=_trainer_groups(sessions, shown),
        cohort=group(
            _("Toutes les séances de la promotion"),
            [row for rows in shown.values() for row in rows],
            session_kind,
        ),
        follow_up=group(_("Suivi après la certification"), by_kind[follow_up], follow_up),
        comments=_comments(by_kind),
    )


def _surveyed_sessions(cohort) -> list[TrainingSession]:
    """The cohort's sessions with a survey sent or answered, with their trainers (2 queries)."""
    sent = SurveyRequest.objects.filter(session=OuterRef("pk"), sent_at__isnull=False)
    answered = SurveyResponse.objects.filter(session=OuterRef("pk"))
    return list(
        TrainingSession.objects.filter(cohort=cohort)
        .filter(Q(Exists(sent)) | Q(Exists(answered)))
        .prefetch_related("trainers")
        .order_by("date", "starts_at", "pk")
    )


def _trainer_groups(sessions: list[TrainingSession], by_session: dict) -> list[GroupSummary]:
    """Each trainer's shown sessions together (a session with two trainers counts for both)."""
    responses, names = defaultdict(list), {}
    for session in sessions:
        for trainer in session.trainers.all():
            names[trainer.pk] = trainer.get_full_name() or trainer.email
            responses[trainer.pk].extend(by_session.get(session.pk, []))
    ordered = sorted(names, key=lambda pk: (names[pk].casefold(), pk))
    return [
        dataclasses.replace(group(names[pk], responses[pk], SurveyKind.SESSION), trainer_id=pk)
        for pk in ordered
    ]


def group(label: str, responses: list[dict], kind: str) -> GroupSummary:
    """The figures of ``responses`` (all of one ``kind``), or none below the anonymity threshold."""
    if len(responses) < ANONYMITY_THRESHOLD:
        return GroupSummary(label=label, count=len(responses), masked=True, questions=[])
    questions = [q for q in _questions(kind, responses) if q.kind != "text"]
    return GroupSummary(
        label=label,
        count=len(responses),
        masked=False,
        questions=[_question_summary(q, responses) for q in questions],
    )


def _questions(kind: str, responses: list[dict]) -> list[Question]:
    """The questions of the versions these responses used, the current version's first, once each."""
    versions = {r["questionnaire"] for r in responses} | {CURRENT[kind]}
    ordered = sorted(versions, key=lambda version: (version != CURRENT[kind], version))
    seen, questions = set(), []
    for version in ordered:
        for question in QUESTIONNAIRES.get(version, ()):
            if question.key not in seen:
                seen.add(question.key)
                questions.append(question)
    return questions


def _question_summary(question: Question, responses: list[dict]) -> QuestionSummary:
    values = [r["answers"][question.key] for r in responses if question.key in r["answers"]]
    if question.kind == "scale":
        numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
        counts = Counter(numbers)
        low, high = question.ends
        labels = {1: f"1 – {low}", 5: f"5 – {high}"}
        mean = (Decimal(sum(numbers)) / len(numbers)).quantize(TENTH, ROUND_HALF_UP) if numbers else None
        distribution = [(labels.get(n, str(n)), counts[n]) for n in range(1, 6)]
        return QuestionSummary(question, len(numbers), mean, distribution)
    picks = Counter()
    for value in values:
        picks.update(value if isinstance(value, list) else [value])
    distribution = [(str(label), picks[key]) for key, label in question.choices]
    return QuestionSummary(question, len(values), None, distribution)


def _comments(by_kind: dict) -> list[str]:
    """Free-text answers of each survey that reached the threshold, sorted: no order to read into."""
    comments = []
    for kind, responses in by_kind.items():
        if len(responses) < ANONYMITY_THRESHOLD:
            continue
        keys = {q.key for q in _questions(kind, responses) if q.kind == "text"}
        comments += [r["answers"][k] for r in responses for k in keys if r["answers"].get(k)]
    return sorted(comments, key=lambda text: (text.casefold(), text))
