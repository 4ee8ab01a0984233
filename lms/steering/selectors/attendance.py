"""Attendance on the dashboard: attended / expected half-days per cell, and per session for the chart.

The rule is ``assessments.selectors.attendance``'s: only closed sessions count, a learner without a
row was absent, late counts as present, and excused absences leave the count where the programme says
so. Here the sessions are those held in the period, and the learners those counted (in training or
finished) in the scope.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q

from assessments.models import Attendance, TrainingSession
from lms.steering.selectors.figures import Figures
from lms.steering.selectors.scope import Scope, cohort_scope, in_period

_COUNTS = {
    "attended": Count("id", filter=Q(status__in=Attendance.ATTENDED)),
    "excused": Count("id", filter=Q(status=Attendance.Status.EXCUSED)),
}
_NONE = {"attended": 0, "excused": 0}


@dataclass(frozen=True)
class SessionPoint:
    """A closed session of the period: who attended among the learners expected."""

    date: datetime.date
    half_day: str
    cohort: str
    attended: int
    expected: int


def closed_sessions(scope: Scope) -> list[dict]:
    """The closed sessions held in the period in the cohorts of the scope, in order (1 query)."""
    return list(
        TrainingSession.objects.filter(
            cohort_scope(scope.filters, "cohort__"),
            in_period(scope.filters, "date"),
            state=TrainingSession.State.CLOSED,
        )
        .order_by("date", "half_day", "cohort__name", "pk")
        .values("id", "cohort_id", "date", "half_day")
    )


def _attendances(scope: Scope):
    return Attendance.objects.filter(
        in_period(scope.filters, "session__date"),
        enrolment_id__in=scope.counted_enrolments.values("pk"),
        session__state=TrainingSession.State.CLOSED,
        session__cohort_id=F("enrolment__cohort_id"),
    )


def count_attendance(scope: Scope, sessions: list[dict], counted: dict[tuple, int], cells) -> None:
    """Adds each cell's attended and expected half-days (1 query): every counted learner is expected at
    each closed session of their cohort, less their excused absences where the programme says so."""
    held: dict[int, int] = defaultdict(int)
    for session in sessions:
        held[session["cohort_id"]] += 1
    rows = (
        _attendances(scope)
        .values("enrolment__cohort_id", "enrolment__learner__organisation_id")
        .annotate(**_COUNTS)
        .order_by()
    )
    marks = {(r["enrolment__cohort_id"], r["enrolment__learner__organisation_id"]): r for r in rows}
    for (cohort_id, organisation_id), learners in counted.items():
        row = marks.get((cohort_id, organisation_id), _NONE)
        excused = row["excused"] if scope.excused_neutral(cohort_id) else 0
        cells[cohort_id, organisation_id] += Figures(
            attended=row["attended"], expected=learners * held[cohort_id] - excused
        )


def session_points(scope: Scope, sessions: list[dict], counted: dict[tuple, int]) -> tuple[SessionPoint, ...]:
    """Each session's attended and expected learners, for the chart (1 query)."""
    learners: dict[int, int] = defaultdict(int)
    for (cohort_id, _organisation_id), number in counted.items():
        learners[cohort_id] += number
    rows = _attendances(scope).values("session_id").annotate(**_COUNTS).order_by()
    marks = {row["session_id"]: row for row in rows}
    points = []
    for session in sessions:
        row, cohort_id = marks.get(session["id"], _NONE), session["cohort_id"]
        excused = row["excused"] if scope.excused_neutral(cohort_id) else 0
        points.append(
            SessionPoint(
                date=session["date"],
                half_day=session["half_day"],
                cohort=scope.cohorts[cohort_id]["name"],
                attended=row["attended"],
                expected=learners[cohort_id] - excused,
            )
        )
    return tuple(points)
