"""The dashboard's enrolment figures, counted in SQL: statuses, progress buckets, quizzes and
certificates in one aggregate query per cell; eligibility for the learners who could be eligible.

Per-learner values (completed lessons, quizzes tried and passed) are correlated subqueries, each
written for the learner's programme only (its counted lessons, its quizzes) and added up by the
database: Python never sees a learner, only a few rows per cell.
"""

import datetime
from collections import defaultdict

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.db.models.lookups import GreaterThanOrEqual, LessThan, LessThanOrEqual
from django.utils import timezone

from assessments.models import QuizAttempt, TrainerOpinion
from certificates.models import Certificate, CertificationDecision
from courses.models import LessonProgress
from courses.selectors.matrix import ProgrammeModules, programme_modules
from lms.steering.selectors.figures import PROGRESS_BUCKETS, Figures, progress_thresholds
from lms.steering.selectors.scope import COUNTED, Scope, in_period


def count_enrolments(scope: Scope, cells) -> dict[tuple, int]:
    """Adds each cell's statuses, progress buckets, quiz pairs and certificates; returns the learners
    counted in each cell (3 queries: the programmes' modules and lessons, then the aggregate)."""
    modules = programme_modules(programmes=scope.programmes.values())
    issued = Q(certificate__isnull=False) & in_period(scope.filters, "certificate__issued_at__date")
    valid = issued & Q(certificate__status=Certificate.Status.VALID)
    valid &= Q(certificate__valid_until__gte=timezone.localdate())
    rows = (
        scope.enrolments.alias(
            tried=_per_programme({pk: _quizzes(m) for pk, m in modules.items()}),
            passed=_per_programme({pk: _quizzes(m, passed=True) for pk, m in modules.items()}),
        )
        .annotate(bucket=_per_programme({pk: _bucket(m) for pk, m in modules.items()}))
        .values("cohort_id", "learner__organisation_id", "status", "bucket")
        .annotate(
            learners=Count("pk"),
            quizzes_tried=Coalesce(Sum("tried"), 0),
            quizzes_passed=Coalesce(Sum("passed"), 0),
            certified=Count("pk", filter=issued),
            valid=Count("pk", filter=valid),
        )
        .order_by()
    )
    counted: dict[tuple, int] = defaultdict(int)
    for row in rows:
        key = (row["cohort_id"], row["learner__organisation_id"])
        cells[key] += Figures(
            **{row["status"]: row["learners"]}, certified=row["certified"], valid=row["valid"]
        )
        if row["status"] in COUNTED:
            counted[key] += row["learners"]
            progress = [0] * len(PROGRESS_BUCKETS)
            progress[row["bucket"]] = row["learners"]
            cells[key] += Figures(
                progress=tuple(progress),
                quizzes_tried=row["quizzes_tried"],
                quizzes_passed=row["quizzes_passed"],
            )
    return counted


def _per_programme(expressions: dict[int, object]) -> Case:
    """The expression written for the enrolment's programme: only that one is evaluated on each row."""
    whens = [When(cohort__programme_id=pk, then=expression) for pk, expression in expressions.items()]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def _scalar(queryset, expression) -> Subquery:
    """``expression`` over the rows of ``queryset`` as a scalar subquery: an aggregate without GROUP BY,
    so it always gives one row (a count of nothing is 0)."""
    return Subquery(queryset.order_by().values(value=expression), output_field=IntegerField())


def _sql_count(column: str = "pk", *, distinct: bool = False) -> Func:
    # A plain function to the ORM, so that it adds no GROUP BY to the subquery.
    template = "COUNT(DISTINCT %(expressions)s)" if distinct else "COUNT(%(expressions)s)"
    return Func(F(column), template=template, output_field=IntegerField())


def _quizzes(modules: ProgrammeModules, *, passed: bool = False):
    """The quizzes of the programme's live modules the enrolment has a graded (or passed) attempt at."""
    module_ids = [column.id for column in modules.modules]
    if not module_ids:
        return Value(0)
    attempts = QuizAttempt.objects.filter(
        enrolment=OuterRef("pk"), state=QuizAttempt.State.GRADED, quiz__module_id__in=module_ids
    )
    if passed:
        attempts = attempts.filter(passed=True)
    return _scalar(attempts, _sql_count("quiz_id", distinct=True))


def _bucket(modules: ProgrammeModules):
    """The progress bucket (index in ``PROGRESS_BUCKETS``) of the enrolment's completed counted lessons,
    compared with whole numbers of lessons computed here (SQL never divides, nor rounds)."""
    total = modules.lesson_count
    if not total:
        return Value(0)
    done = _sql_count()
    quarter, half, three_quarters = progress_thresholds(total)
    bucket = Case(
        When(LessThanOrEqual(done, 0), then=Value(0)),
        When(GreaterThanOrEqual(done, total), then=Value(5)),
        When(LessThan(done, quarter), then=Value(1)),
        When(LessThan(done, half), then=Value(2)),
        When(LessThan(done, three_quarters), then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )
    progress = LessonProgress.objects.filter(
        enrolment=OuterRef("pk"), completed_at__isnull=False, lesson_id__in=sorted(modules.lesson_ids)
    )
    return _scalar(progress, bucket)


def eligible_by_cell(scope: Scope) -> dict[tuple, int]:
    """{cell: learners eligible today and still without a final decision} (about 13 queries).

    Only the learners who could be eligible are evaluated: counted, without a final decision, and with
    a favourable opinion unless their programme's rule does without one (a rule that asks for it is
    never met without it). Trainers give their opinion at the end of the course, so the Python work
    stays with the few who are near the end, whatever the size of the cohorts.
    """
    from certificates.selectors.eligibility import eligibility_for_enrolments

    final = CertificationDecision.objects.filter(
        enrolment=OuterRef("pk"), outcome__in=CertificationDecision.FINAL
    )
    candidates = scope.counted_enrolments.exclude(Exists(final)).filter(
        Q(trainer_opinion__opinion=TrainerOpinion.Opinion.FAVOURABLE)
        | Q(cohort__programme__certification_rule__require_favourable_opinion=False)
    )
    cell_of = {
        pk: (cohort_id, organisation_id)
        for pk, cohort_id, organisation_id in candidates.order_by().values_list(
            "pk", "cohort_id", "learner__organisation_id"
        )
    }
    eligible: dict[tuple, int] = defaultdict(int)
    if cell_of:
        for enrolment_id, eligibility in eligibility_for_enrolments(enrolments=candidates).items():
            eligible[cell_of[enrolment_id]] += eligibility.eligible
    return eligible


def certificates_by_month(scope: Scope) -> tuple[tuple[datetime.date, int], ...]:
    """Certificates issued in the period to the learners of the scope, per month (1 query)."""
    rows = (
        Certificate.objects.filter(
            in_period(scope.filters, "issued_at__date"), enrolment_id__in=scope.enrolments.values("pk")
        )
        .annotate(month=TruncMonth("issued_at"))
        .values("month")
        .annotate(issued=Count("id"))
        .order_by("month")
    )
    return tuple((_as_date(row["month"]), row["issued"]) for row in rows)


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value
