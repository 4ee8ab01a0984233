"""Reads of the schedule: a cohort's sessions for managers, a learner's sessions with their own
attendance, the next sessions shown on "Mon parcours", and the events of the calendars.

Every function runs a fixed number of queries whatever the number of sessions and learners.
Learners reach the sessions of the cohorts they follow (enrolment in training or completed); any
other session does not exist for them (404).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.calendar import Event, absolute_url, session_uid
from assessments.models import Attendance, TrainingSession
from assessments.selectors.attendance import AttendanceRate, enrolment_attendance_rate
from courses.models import Cohort, Enrolment
from courses.permissions import user_can_view_cohort
from courses.selectors.progress import READING_STATUSES
from lms.errors import NotFound

SESSION_NOT_FOUND = gettext_lazy("Cette séance n'existe pas.")
NOT_RECORDED = gettext_lazy("pas encore enregistrée")
TO_COME = gettext_lazy("à venir")
# The learner may attest their presence from this long before the start until the end.
ATTEST_OPENS_BEFORE = datetime.timedelta(minutes=30)
DASHBOARD_SESSIONS = 3


def _modules():
    from cms.models import ModulePage

    return Prefetch("modules", queryset=ModulePage.objects.only("title", "number", "path").order_by("path"))


def _trainers():
    users = (
        get_user_model().objects.only("first_name", "last_name", "email").order_by("last_name", "first_name")
    )
    return Prefetch("trainers", queryset=users)


# --- Managers -----------------------------------------------------------------------------------------


def cohort_sessions(*, cohort: Cohort) -> list[TrainingSession]:
    """The cohort's sessions, oldest first, with modules, trainers and ``attendance_count`` (3 queries)."""
    return list(
        TrainingSession.objects.filter(cohort=cohort)
        .annotate(attendance_count=Count("attendances"))
        .prefetch_related(_modules(), _trainers())
        .order_by("date", "starts_at")
    )


def managed_session(*, session_id: int) -> TrainingSession:
    """A session with its cohort, programme, modules and trainers, for the edit form (3 queries)."""
    session = (
        TrainingSession.objects.select_related("cohort__programme")
        .prefetch_related(_modules(), _trainers())
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        raise NotFound(SESSION_NOT_FOUND, code="not_found")
    return session


# --- Learners -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LearnerSession:
    """One session as its learner sees it, with their own attendance row if there is one."""

    session: TrainingSession
    enrolment: Enrolment
    attendance: Attendance | None
    now: datetime.datetime

    @property
    def upcoming(self) -> bool:
        return not self.session.is_closed and self.session.end > self.now

    @property
    def status_label(self):
        if self.attendance is not None:
            return self.attendance.get_status_display()
        if self.session.is_closed:  # no row at closing: the register says absent
            return Attendance.Status.ABSENT.label
        return TO_COME if self.upcoming else NOT_RECORDED

    @property
    def status(self) -> str:
        if self.attendance is not None:
            return self.attendance.status
        return Attendance.Status.ABSENT if self.session.is_closed else ""

    @property
    def attested(self) -> bool:
        return self.attendance is not None and self.attendance.attested_at is not None

    @property
    def can_attest(self) -> bool:
        """The attestation form is shown from 30 minutes before the start until the end, once."""
        session = self.session
        in_slot = session.start - ATTEST_OPENS_BEFORE <= self.now <= session.end
        return in_slot and not session.is_closed and not self.attested


@dataclass(frozen=True)
class JourneyAttendance:
    enrolment: Enrolment
    rate: AttendanceRate


@dataclass(frozen=True)
class LearnerSchedule:
    upcoming: tuple[LearnerSession, ...]  # soonest first
    past: tuple[LearnerSession, ...]  # latest first
    journeys: tuple[JourneyAttendance, ...]


def _reading_enrolments(user) -> list[Enrolment]:
    return list(
        Enrolment.objects.select_related("cohort__programme")
        .filter(learner_id=user.pk, status__in=READING_STATUSES)
        .order_by("-cohort__starts_on")
    )


def _own_attendance(enrolment_ids: list[int]) -> Prefetch:
    rows = Attendance.objects.filter(enrolment_id__in=enrolment_ids)
    return Prefetch("attendances", queryset=rows, to_attr="own_attendances")


def learner_schedule(*, user, now: datetime.datetime | None = None) -> LearnerSchedule:
    """The learner's sessions and attendance rates: 3 queries + 2 per enrolment (its rate)."""
    now = now or timezone.now()
    enrolments = _reading_enrolments(user)
    by_cohort = {e.cohort_id: e for e in enrolments}
    sessions = (
        TrainingSession.objects.filter(cohort_id__in=list(by_cohort))
        .prefetch_related(_own_attendance([e.pk for e in enrolments]))
        .order_by("date", "starts_at")
    )
    items = [_learner_session(session, by_cohort[session.cohort_id], now) for session in sessions]
    return LearnerSchedule(
        upcoming=tuple(item for item in items if item.upcoming),
        past=tuple(reversed([item for item in items if not item.upcoming])),
        journeys=tuple(JourneyAttendance(e, enrolment_attendance_rate(enrolment=e)) for e in enrolments),
    )


def _learner_session(session: TrainingSession, enrolment: Enrolment, now) -> LearnerSession:
    session.cohort = enrolment.cohort  # already loaded with its programme: no query per session
    attendance = session.own_attendances[0] if session.own_attendances else None
    return LearnerSession(session=session, enrolment=enrolment, attendance=attendance, now=now)


def learner_session(*, user, session_id: int, now: datetime.datetime | None = None) -> LearnerSession:
    """One of the learner's sessions with modules and trainers (4 queries); anyone else's: 404."""
    enrolment = (
        Enrolment.objects.select_related("cohort__programme")
        .filter(learner_id=user.pk, status__in=READING_STATUSES, cohort__sessions=session_id)
        .first()
    )
    if enrolment is None:
        raise NotFound(SESSION_NOT_FOUND, code="not_found")
    session = (
        TrainingSession.objects.filter(pk=session_id)
        .prefetch_related(_modules(), _trainers(), _own_attendance([enrolment.pk]))
        .get()
    )
    return _learner_session(session, enrolment, now or timezone.now())


def upcoming_by_cohort(
    *, cohort_ids, now: datetime.datetime | None = None
) -> dict[int, list[TrainingSession]]:
    """{cohort id: its next three sessions not yet over} in one query, for "Mon parcours"."""
    now = timezone.localtime(now or timezone.now())
    not_over = Q(date__gt=now.date()) | Q(date=now.date(), ends_at__gt=now.time())
    rank = Window(
        RowNumber(), partition_by=[F("cohort_id")], order_by=[F("date").asc(), F("starts_at").asc()]
    )
    sessions = (
        TrainingSession.objects.filter(
            not_over, cohort_id__in=list(cohort_ids), state=TrainingSession.State.SCHEDULED
        )
        .annotate(rank=rank)
        .filter(rank__lte=DASHBOARD_SESSIONS)
        .order_by("date", "starts_at")
    )
    result: dict[int, list[TrainingSession]] = defaultdict(list)
    for session in sessions:
        result[session.cohort_id].append(session)
    return dict(result)


# --- Calendars ----------------------------------------------------------------------------------------


def _may_see_session(user, session: TrainingSession) -> bool:
    if not user.is_authenticated:
        return False
    if any(trainer.pk == user.pk for trainer in session.trainers.all()):
        return True
    if user_can_view_cohort(user, session.cohort):
        return True
    return session.cohort.enrolments.filter(learner_id=user.pk, status__in=READING_STATUSES).exists()


def calendar_session(*, user, session_id: int) -> TrainingSession:
    """A session for its ``.ics``: its learners, its trainers and the staff who see the cohort; else 404."""
    session = (
        TrainingSession.objects.select_related("cohort__programme")
        .prefetch_related(_modules(), _trainers())
        .filter(pk=session_id)
        .first()
    )
    if session is None or not _may_see_session(user, session):
        raise NotFound(SESSION_NOT_FOUND, code="not_found")
    return session


def feed_events(*, user) -> list[Event]:
    """Every session of the cohorts ``user`` follows or trains, as calendar events (4 queries)."""
    followed = set(
        Enrolment.objects.filter(learner_id=user.pk, status__in=READING_STATUSES).values_list(
            "cohort_id", flat=True
        )
    )
    trained = TrainingSession.trainers.through.objects.filter(user_id=user.pk).values("trainingsession_id")
    sessions = (
        TrainingSession.objects.filter(Q(cohort_id__in=followed) | Q(pk__in=trained))
        .select_related("cohort__programme")
        .prefetch_related(_modules(), _trainers())
        .order_by("date", "starts_at")
    )
    return [session_event(session, for_learner=session.cohort_id in followed) for session in sessions]


def session_event(session: TrainingSession, *, for_learner: bool) -> Event:
    """The calendar event of a session (modules and trainers prefetched; no query)."""
    return Event(
        uid=session_uid(session.pk),
        start=session.start,
        end=session.end,
        summary=f"{session.title} — {session.cohort.name}",
        location=session.place if session.mode == TrainingSession.Mode.IN_PERSON else _("Distanciel"),
        description=_event_description(session),
        url=_event_url(session, for_learner=for_learner),
        modified=session.updated_at,
    )


def _event_description(session: TrainingSession) -> str:
    times = f"{time_format(session.starts_at, 'H:i')}–{time_format(session.ends_at, 'H:i')}"
    lines = [
        _("Parcours : %(programme)s") % {"programme": session.cohort.programme.title},
        _("Demi-journée : %(half_day)s, %(times)s")
        % {"half_day": session.get_half_day_display(), "times": times},
        _("Modalité : %(mode)s") % {"mode": session.get_mode_display()},
    ]
    if session.visio_url:
        lines.append(_("Lien de la visioconférence : %(url)s") % {"url": session.visio_url})
    modules = [f"M{module.number} {module.title}" for module in session.modules.all()]
    if modules:
        lines.append(_("Modules : %(modules)s") % {"modules": ", ".join(modules)})
    trainers = [str(trainer) for trainer in session.trainers.all()]
    if trainers:
        lines.append(_("Formateur·rices : %(names)s") % {"names": ", ".join(trainers)})
    return "\n".join(lines)


def _event_url(session: TrainingSession, *, for_learner: bool) -> str:
    name = "assessments:my-session" if for_learner else "assessments:session-roster"
    try:
        return absolute_url(reverse(name, args=[session.pk]))
    except NoReverseMatch:  # the trainers' roster ships with the "espace formateur"
        return ""
