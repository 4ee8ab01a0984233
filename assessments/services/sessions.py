"""Scheduling of training sessions by managers: create and edit one half-day of a cohort.

Every rule is checked before anything is written, and every refusal comes back as a
``ValidationError`` keyed by field so that the form shows each message next to what is wrong:
the model's own rules (``full_clean``: one session per cohort and half-day, end after start) and the
scheduling rules below. A double submit of the creation form cannot create two sessions: the second
one meets the unique constraint, and a race lost at the database gives the same message.

Decisions:
- the date must fall within the cohort's dates (refused, not warned): the cohort's dates are the
  training period declared to funders, so a session outside them is a typo (often the year) or a
  change of schedule, and then the cohort's dates are changed first;
- times left empty take the half-day's usual times; a morning starts before noon, an afternoon at
  noon or later, so that a half-day is never mislabelled on the attendance sheet;
- what does not apply to the mode is dropped (no visio link kept on an in-person session, no
  address on a remote one), so that learners are never shown both;
- once attendance is recorded, the date and times are fixed (the attestations were given for that
  slot); a closed (co-signed) session cannot be edited at all.
"""

import datetime
from dataclasses import dataclass, field, replace

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from assessments.models import TrainingSession
from courses.permissions import user_can_manage_cohorts
from lms.accounts import roles
from lms.errors import Conflict, NotAllowed

NOT_A_MANAGER = _("Seuls les gestionnaires peuvent programmer les séances.")
SESSION_CLOSED = _("Cette séance est close et co-signée : elle ne peut plus être modifiée.")
DUPLICATE = _("Cette promotion a déjà une séance sur cette demi-journée.")
END_BEFORE_START = _("La fin de la séance doit suivre son début.")
MORNING_STARTS_BEFORE_NOON = _("Une séance du matin commence avant midi.")
AFTERNOON_STARTS_AFTER_NOON = _("Une séance de l'après-midi commence à midi ou plus tard.")
PLACE_REQUIRED = _("Indiquez l'adresse de la séance en présentiel.")
VISIO_REQUIRED = _("Indiquez le lien de la visioconférence de la séance à distance.")
OUTSIDE_COHORT = _(
    "La date doit être comprise entre le début et la fin de la promotion (du %(start)s au %(end)s)."
)
MODULE_OUTSIDE_PROGRAMME = _("Choisissez des modules du programme de la promotion.")
TRAINER_REQUIRED = _("Choisissez au moins un·e formateur·rice.")
NOT_A_TRAINER = _("%(name)s n'a pas le rôle Formateur : choisissez des formateur·rices.")
SLOT_LOCKED = _(
    "Des présences sont déjà enregistrées pour cette séance : sa date et son horaire ne peuvent plus changer."
)

NOON = datetime.time(12, 0)
SLOT_FIELDS = ("date", "half_day", "starts_at", "ends_at")


@dataclass(frozen=True)
class SessionData:
    """What a manager enters for a session; ``modules`` are ModulePages, ``trainers`` users."""

    title: str
    date: datetime.date
    half_day: str
    mode: str
    starts_at: datetime.time | None = None
    ends_at: datetime.time | None = None
    place: str = ""
    visio_url: str = ""
    modules: tuple = field(default=())
    trainers: tuple = field(default=())


def create_session(*, cohort, data: SessionData, acting_user) -> TrainingSession:
    """Schedule a new half-day for ``cohort``; nothing is written when any rule is broken."""
    _check_manager(acting_user)
    with transaction.atomic():
        return _save(TrainingSession(cohort=cohort), with_default_times(data))


def update_session(*, session: TrainingSession, data: SessionData, acting_user) -> TrainingSession:
    """Change a scheduled session; a closed one is refused (400), a recorded slot stays as it is."""
    _check_manager(acting_user)
    with transaction.atomic():
        # Locked so that a concurrent closing or check-in is seen before the slot changes.
        session = (
            TrainingSession.objects.select_for_update(of=("self",))
            .select_related("cohort__programme")
            .get(pk=session.pk)
        )
        if session.is_closed:
            raise Conflict(SESSION_CLOSED, code="closed")
        data = with_default_times(data)
        if _slot_changes(session, data) and session.attendances.exists():
            raise ValidationError({NON_FIELD_ERRORS: [SLOT_LOCKED]})
        return _save(session, data)


def with_default_times(data: SessionData) -> SessionData:
    """Fill empty times with the half-day's usual ones (9:00-12:30, 13:30-17:00)."""
    default = TrainingSession.DEFAULT_TIMES.get(data.half_day)
    if default is None:
        return data
    return replace(data, starts_at=data.starts_at or default[0], ends_at=data.ends_at or default[1])


def _check_manager(user) -> None:
    if not user_can_manage_cohorts(user):
        raise NotAllowed(NOT_A_MANAGER, code="not_manager")


def _slot_changes(session: TrainingSession, data: SessionData) -> bool:
    return any(getattr(session, name) != getattr(data, name) for name in SLOT_FIELDS)


def _save(session: TrainingSession, data: SessionData) -> TrainingSession:
    _apply(session, data)
    errors = _scheduling_errors(session, data)
    try:
        # Fields already refused are left out, so that a message is not given twice.
        session.full_clean(exclude=set(errors) - {NON_FIELD_ERRORS})
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError:  # a concurrent submit of the same half-day got there first
        raise ValidationError({NON_FIELD_ERRORS: [DUPLICATE]}) from None
    session.modules.set(data.modules)
    session.trainers.set(data.trainers)
    return session


def _apply(session: TrainingSession, data: SessionData) -> None:
    in_person = data.mode == TrainingSession.Mode.IN_PERSON
    session.title = data.title.strip()
    session.date, session.half_day, session.mode = data.date, data.half_day, data.mode
    session.starts_at, session.ends_at = data.starts_at, data.ends_at
    session.place = data.place.strip() if in_person else ""
    session.visio_url = "" if in_person else data.visio_url.strip()


def _scheduling_errors(session: TrainingSession, data: SessionData) -> dict[str, list]:
    checks = (_times_error, _mode_error, _date_error, _modules_error, _trainers_error)
    errors: dict[str, list] = {}
    for check in checks:
        found = check(session, data)
        if found:
            errors.setdefault(found[0], []).append(found[1])
    return errors


def _times_error(session, data):
    if data.starts_at is None or data.ends_at is None:
        return None  # the half-day itself is missing or unknown: full_clean says so
    if data.ends_at <= data.starts_at:
        return "ends_at", END_BEFORE_START
    if data.half_day == TrainingSession.HalfDay.MORNING and data.starts_at >= NOON:
        return "starts_at", MORNING_STARTS_BEFORE_NOON
    if data.half_day == TrainingSession.HalfDay.AFTERNOON and data.starts_at < NOON:
        return "starts_at", AFTERNOON_STARTS_AFTER_NOON
    return None


def _mode_error(session, data):
    if data.mode == TrainingSession.Mode.IN_PERSON and not session.place:
        return "place", PLACE_REQUIRED
    if data.mode == TrainingSession.Mode.REMOTE and not session.visio_url:
        return "visio_url", VISIO_REQUIRED
    return None


def _date_error(session, data):
    cohort = session.cohort
    if data.date is None or cohort.starts_on <= data.date <= cohort.ends_on:
        return None
    dates = {"start": date_format(cohort.starts_on, "j F Y"), "end": date_format(cohort.ends_on, "j F Y")}
    return "date", OUTSIDE_COHORT % dates


def _modules_error(session, data):
    programme = session.cohort.programme
    for module in data.modules:
        if not module.path.startswith(programme.path) or module.depth != programme.depth + 1:
            return "modules", MODULE_OUTSIDE_PROGRAMME
    return None


def _trainers_error(session, data):
    if not data.trainers:
        return "trainers", TRAINER_REQUIRED
    ids = {trainer.pk for trainer in data.trainers}
    allowed = set(
        get_user_model()
        .objects.filter(pk__in=ids, is_active=True, groups__name=roles.TRAINER)
        .values_list("pk", flat=True)
    )
    for trainer in data.trainers:
        if trainer.pk not in allowed:
            return "trainers", NOT_A_TRAINER % {"name": trainer.get_full_name() or trainer.email}
    return None
