"""Reads of the "Espace formateur": who may see or run a session, a trainer's sessions, one roster.

Trainers see the sessions of the cohorts they train and the sessions they are named on; managers and
certifiers see every session, certifiers only to read. Every read here costs a fixed number of queries
whatever the number of sessions or learners.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from assessments.models import Attendance, TrainingSession
from assessments.permissions import sessions_visible_to
from assessments.selectors.attendance import AttendanceRate, cohort_attendance_rates
from courses.models import Enrolment

# The home page lists at most this many sessions on each side of today: the nearest ones matter.
HOME_LIMIT = 50


# --- the trainer's sessions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionSummary:
    id: int
    title: str
    cohort_id: int
    cohort_name: str
    date: datetime.date
    half_day: str
    starts_at: datetime.time
    ends_at: datetime.time
    mode: str
    is_closed: bool
    learners: int
    attended: int


@dataclass(frozen=True)
class TrainerSessions:
    upcoming: tuple[SessionSummary, ...]
    past: tuple[SessionSummary, ...]
    more_upcoming: bool
    more_past: bool


def _summaries(sessions: QuerySet) -> tuple[list[SessionSummary], bool]:
    active = Enrolment.objects.filter(cohort=OuterRef("cohort_id"), status=Enrolment.Status.ACTIVE)
    rows = list(
        sessions.select_related("cohort").annotate(
            learners=Subquery(
                active.order_by().values("cohort").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            attended=Count("attendances", filter=Q(attendances__status__in=Attendance.ATTENDED)),
        )[: HOME_LIMIT + 1]
    )
    summaries = [
        SessionSummary(
            id=s.pk,
            title=s.title,
            cohort_id=s.cohort_id,
            cohort_name=s.cohort.name,
            date=s.date,
            half_day=s.get_half_day_display(),
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            mode=s.get_mode_display(),
            is_closed=s.is_closed,
            learners=s.learners or 0,
            attended=s.attended,
        )
        for s in rows[:HOME_LIMIT]
    ]
    return summaries, len(rows) > HOME_LIMIT


def trainer_sessions(*, user, today: datetime.date | None = None) -> TrainerSessions:
    """Sessions still to hold (soonest first), then closed or past ones (latest first): 2 queries."""
    today = today or timezone.localdate()
    visible = sessions_visible_to(user, TrainingSession.objects.all())
    to_hold = Q(date__gte=today, state=TrainingSession.State.SCHEDULED)
    upcoming, more_upcoming = _summaries(visible.filter(to_hold).order_by("date", "starts_at", "pk"))
    past, more_past = _summaries(visible.exclude(to_hold).order_by("-date", "-starts_at", "-pk"))
    return TrainerSessions(tuple(upcoming), tuple(past), more_upcoming, more_past)


# --- one session's roster -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusCounts:
    present: int = 0
    late: int = 0
    excused: int = 0
    absent: int = 0
    unmarked: int = 0

    @property
    def live(self) -> int:
        """People in the room: present or late."""
        return self.present + self.late

    @property
    def total(self) -> int:
        return self.present + self.late + self.excused + self.absent + self.unmarked

    def as_dict(self) -> dict[str, int]:
        return {
            "present": self.present,
            "late": self.late,
            "excused": self.excused,
            "absent": self.absent,
            "unmarked": self.unmarked,
            "live": self.live,
            "total": self.total,
        }


@dataclass(frozen=True)
class RosterRow:
    enrolment_id: int
    name: str
    email: str
    organisation: str
    active: bool  # withdrawn learners keep their rows on the register but cannot be marked
    attendance: Attendance | None

    @property
    def status(self) -> str:
        return self.attendance.status if self.attendance else ""


@dataclass(frozen=True)
class Roster:
    rows: tuple[RosterRow, ...]
    counts: StatusCounts


def _register(session) -> tuple[list[Attendance], QuerySet]:
    """The session's rows, and the enrolments on its roster: active ones and any with a row."""
    # No default ordering: it would join the session, cohort and user tables for nothing.
    attendances = list(Attendance.objects.filter(session=session).order_by())
    with_row = Attendance.objects.filter(session=session).order_by().values("enrolment_id")
    enrolments = Enrolment.objects.filter(cohort_id=session.cohort_id).filter(
        Q(status=Enrolment.Status.ACTIVE) | Q(pk__in=with_row)
    )
    return attendances, enrolments


def _counts(statuses) -> StatusCounts:
    tally = {"present": 0, "late": 0, "excused": 0, "absent": 0, "unmarked": 0}
    for status in statuses:
        tally[status or "unmarked"] += 1
    return StatusCounts(**tally)


def session_roster(*, session) -> Roster:
    """Every learner of the register with their row, sorted by name, and the counts (2 queries)."""
    attendances, enrolments = _register(session)
    by_enrolment = {a.enrolment_id: a for a in attendances}
    rows = tuple(
        RosterRow(
            enrolment_id=e.pk,
            name=e.learner.get_full_name() or e.learner.email,
            email=e.learner.email,
            organisation=e.learner.organisation.name if e.learner.organisation else "",
            active=e.status == Enrolment.Status.ACTIVE,
            attendance=by_enrolment.get(e.pk),
        )
        for e in enrolments.select_related("learner__organisation").order_by(
            "learner__last_name", "learner__first_name", "pk"
        )
    )
    return Roster(rows=rows, counts=_counts(row.status for row in rows))


@dataclass(frozen=True)
class RowState:
    status: str
    method: str
    arrived_at: str
    left_at: str
    attested_at: str


@dataclass(frozen=True)
class RosterState:
    counts: StatusCounts
    rows: dict[int, RowState]


def _clock(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return value.strftime("%H:%M")


def roster_state(*, session) -> RosterState:
    """What the roster page polls: each learner's status and times, and the counts (2 queries)."""
    attendances, enrolments = _register(session)
    by_enrolment = {a.enrolment_id: a for a in attendances}
    rows = {}
    for enrolment_id in enrolments.order_by().values_list("pk", flat=True):
        row = by_enrolment.get(enrolment_id)
        rows[enrolment_id] = RowState(
            status=row.status if row else "",
            method=row.method if row else "",
            arrived_at=_clock(row.arrived_at) if row else "",
            left_at=_clock(row.left_at) if row else "",
            attested_at=_clock(row.attested_at) if row else "",
        )
    return RosterState(counts=_counts(r.status for r in rows.values()), rows=rows)


def live_count(*, session) -> int:
    """Present and late learners now (1 query): what the QR page shows."""
    return Attendance.objects.filter(session=session, status__in=Attendance.ATTENDED).count()


def low_attendance_enrolments(*, session) -> list[tuple[Enrolment, AttendanceRate]]:
    """Active learners whose absence at this closed session leaves them below the threshold (5 queries).

    Only an absence at this session counts (or an excused one, when the programme counts those):
    learners who attended are not reminded again at every closing.
    """
    cohort = session.cohort
    rates = cohort_attendance_rates(cohort=cohort)
    missed = Attendance.objects.filter(session=session).exclude(status__in=Attendance.ATTENDED).order_by()
    if cohort.programme.excused_absences_neutral:
        missed = missed.exclude(status=Attendance.Status.EXCUSED)
    below = [
        enrolment_id
        for enrolment_id in missed.values_list("enrolment_id", flat=True)
        if enrolment_id in rates and rates[enrolment_id].below_threshold
    ]
    enrolments = Enrolment.objects.filter(pk__in=below, status=Enrolment.Status.ACTIVE).select_related(
        "learner__notification_preference"  # the e-mail's language and opt-out, read without a query each
    )
    return [(e, rates[e.pk]) for e in enrolments.order_by("learner__last_name", "learner__first_name", "pk")]
