"""Writes of the satisfaction surveys: opening requests, e-mailing them, the reminder, answering.

- **Session surveys** (``create_due_session_surveys``, every 15 minutes): one request per learner who
  attended (present or late) a session closed at least ``SURVEY_SESSION_DELAY_HOURS`` ago. Sessions
  whose survey fell due more than ``LOOKBACK`` ago are left out: on the first deployment or after a long
  outage, nobody receives a pile of surveys about sessions they barely remember.
- **Follow-up surveys** are opened by ``certificates.follow_up`` through ``open_follow_up_requests``.
- Creating is idempotent (partial unique constraints; existing pairs are skipped), then each request is
  e-mailed by its own task. A request is ``sent`` only once its e-mail went out: the deadline
  (``SURVEY_DEADLINE_DAYS``) runs from there, and someone who turned surveys off is not counted as asked.
  A request still unsent ``UNSENT_RETRY`` after its creation is given up.
- **One reminder** ``SURVEY_REMINDER_DAYS`` after sending, if still unanswered and open.
- **Answering** (``submit_survey``) flips the request's flag and stores the anonymous response in one
  transaction, on the locked request: a second submission (double click, second tab) or a late one
  gets a clear message and writes nothing. It is deliberately not written to the audit trail, whose
  time and actor would undo the anonymity.
"""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Attendance, SurveyRequest, SurveyResponse, TrainingSession
from assessments.surveys import CURRENT, clean_answers
from courses.models import Enrolment
from lms.errors import Conflict, LMSError, NotFound

LOOKBACK = datetime.timedelta(days=7)
UNSENT_RETRY = datetime.timedelta(days=1)

INVALID_LINK = _(
    "Ce lien d'enquête n'est pas valide. Vérifiez qu'il a été copié en entier depuis l'e-mail reçu."
)
ALREADY_ANSWERED = _("Vous avez déjà répondu à cette enquête : merci ! Une seule réponse est enregistrée.")
SURVEY_CLOSED = _("Cette enquête est close depuis le %(date)s : les réponses ne sont plus acceptées.")
INVALID_ANSWERS = _("Certaines réponses sont à compléter ou à corriger : voir les messages ci-dessous.")


class SurveyAnswersError(LMSError):
    """The answers do not fit the questionnaire; ``errors`` holds a message per question key."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(INVALID_ANSWERS, code="invalid_answers")
        self.errors = errors


# --- The link -------------------------------------------------------------------------------------------


def survey_token(request: SurveyRequest) -> str:
    message = f"survey:{request.pk}:{request.nonce}".encode()
    signature = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return f"{request.pk}.{signature}"


def survey_url(request: SurveyRequest) -> str:
    return f"{settings.SITE_URL}{reverse('assessments:survey', args=[survey_token(request)])}"


def find_request(token: str, *, for_update: bool = False) -> SurveyRequest:
    """The sent request behind ``token``, with what its page shows; ``NotFound`` for anything else."""
    pk, _sep, signature = (token or "").partition(".")
    if not (pk.isascii() and pk.isdigit()) or len(pk) > 18 or len(signature) != 64:
        raise NotFound(INVALID_LINK, code="invalid")
    queryset = SurveyRequest.objects.select_related("enrolment__cohort__programme", "session")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    request = queryset.filter(pk=int(pk), sent_at__isnull=False).first()
    if request is None or not hmac.compare_digest(survey_token(request).encode(), token.encode()):
        raise NotFound(INVALID_LINK, code="invalid")
    return request


def check_open(request: SurveyRequest, now: datetime.datetime) -> None:
    """``Conflict`` when the request was answered or its deadline has passed."""
    if request.answered:
        raise Conflict(ALREADY_ANSWERED, code="answered")
    if request.deadline is None or request.deadline <= now:
        closed_on = timezone.localdate(request.deadline or now)
        raise Conflict(SURVEY_CLOSED % {"date": closed_on.strftime("%d/%m/%Y")}, code="closed")


# --- Answering ------------------------------------------------------------------------------------------


def submit_survey(*, token: str, answers: dict[str, list[str]], now=None) -> SurveyResponse:
    """Record ``answers`` (``{question key: [posted values]}``) anonymously; all or nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        request = find_request(token, for_update=True)
        check_open(request, now)
        version = CURRENT[request.kind]
        cleaned, errors = clean_answers(version, answers)
        if errors:
            raise SurveyAnswersError(errors)
        # The lock serialises submissions on PostgreSQL; the conditional update is the backstop.
        if not SurveyRequest.objects.filter(pk=request.pk, answered=False).update(answered=True):
            raise Conflict(ALREADY_ANSWERED, code="answered")
        return SurveyResponse.objects.create(
            kind=request.kind,
            questionnaire=version,
            cohort_id=request.enrolment.cohort_id,
            session_id=request.session_id,
            answers=cleaned,
            submitted_on=timezone.localdate(now),
        )


# --- Opening requests -----------------------------------------------------------------------------------


def create_due_session_surveys(*, now=None) -> int:
    """Requests for every attendee of the sessions whose survey is due; returns how many were created."""
    now = now or timezone.now()
    due = now - datetime.timedelta(hours=settings.SURVEY_SESSION_DELAY_HOURS)
    attendances = Attendance.objects.filter(
        session__state=TrainingSession.State.CLOSED,
        session__closed_at__lte=due,
        session__closed_at__gt=due - LOOKBACK,
    )
    return _create_session_requests(attendances)


def open_session_requests(*, session: TrainingSession) -> int:
    """Requests for the attendees of one closed session, whatever its age (the demo uses it)."""
    if not session.is_closed:
        return 0
    return _create_session_requests(Attendance.objects.filter(session=session))


def _create_session_requests(attendances) -> int:
    already = SurveyRequest.objects.filter(
        kind=SurveyRequest.Kind.SESSION, session=OuterRef("session_id"), enrolment=OuterRef("enrolment_id")
    )
    pairs = (
        attendances.filter(status__in=Attendance.ATTENDED, enrolment__learner__is_active=True)
        .exclude(enrolment__status=Enrolment.Status.WITHDRAWN)
        .exclude(Exists(already))
        .order_by("session_id", "enrolment_id")
        .values_list("session_id", "enrolment_id")
    )
    rows = [
        SurveyRequest(kind=SurveyRequest.Kind.SESSION, session_id=session_id, enrolment_id=enrolment_id)
        for session_id, enrolment_id in pairs
    ]
    # A concurrent run may have created some meanwhile: the unique constraint skips them.
    SurveyRequest.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def open_follow_up_requests(*, enrolment_ids) -> int:
    """One follow-up request per enrolment that has none yet; returns how many were created."""
    existing = set(
        SurveyRequest.objects.filter(
            kind=SurveyRequest.Kind.FOLLOW_UP, enrolment_id__in=enrolment_ids
        ).values_list("enrolment_id", flat=True)
    )
    rows = [
        SurveyRequest(kind=SurveyRequest.Kind.FOLLOW_UP, enrolment_id=enrolment_id)
        for enrolment_id in sorted(set(enrolment_ids) - existing)
    ]
    SurveyRequest.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def unsent_request_ids(*, kind: str, now=None) -> list[int]:
    now = now or timezone.now()
    return list(
        SurveyRequest.objects.filter(kind=kind, sent_at__isnull=True, created_at__gt=now - UNSENT_RETRY)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def enqueue_invitations(request_ids) -> None:
    """E-mail each request by its own task once the caller's transaction commits."""
    from assessments.tasks import send_survey_invitation_task

    for request_id in request_ids:
        transaction.on_commit(lambda pk=request_id: send_survey_invitation_task.delay(pk))


def mark_sent(request: SurveyRequest, *, now: datetime.datetime) -> None:
    """The request is out: its deadline runs from now (also used by the demo, which sends no e-mail)."""
    request.sent_at = now
    request.deadline = _deadline_from(now)
    request.save(update_fields=["sent_at", "deadline"])


# --- E-mails --------------------------------------------------------------------------------------------


def send_survey_invitation(*, request_id: int, now=None) -> bool:
    """E-mail the survey's link once (``survey_invitation``); True if it went out now."""
    now = now or timezone.now()
    with transaction.atomic():
        request = _locked(request_id).filter(sent_at__isnull=True, deadline__isnull=True).first()
        if request is None or not _reachable(request):
            return False
        if not _notify("survey_invitation", request, deadline=_deadline_from(now)):
            return False  # surveys turned off: not asked; a later run sends it if turned back on
        mark_sent(request, now=now)
    return True


def due_reminder_ids(*, now=None) -> list[int]:
    """Requests sent ``SURVEY_REMINDER_DAYS`` ago or more, unanswered, still open, never reminded."""
    now = now or timezone.now()
    return list(
        SurveyRequest.objects.filter(
            sent_at__lte=now - datetime.timedelta(days=settings.SURVEY_REMINDER_DAYS),
            reminded_at__isnull=True,
            answered=False,
            deadline__gt=now,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def send_survey_reminder(*, request_id: int, now=None) -> bool:
    """The one reminder (``survey_reminder``); True if it went out now."""
    now = now or timezone.now()
    with transaction.atomic():
        request = (
            _locked(request_id)
            .filter(reminded_at__isnull=True, answered=False, sent_at__isnull=False, deadline__gt=now)
            .first()
        )
        if request is None or not _reachable(request):
            return False
        # Turned off since: no reminder, and none later either (reminded_at is set all the same).
        sent = _notify("survey_reminder", request, deadline=request.deadline)
        request.reminded_at = now
        request.save(update_fields=["reminded_at"])
    return sent


def _locked(request_id: int):
    return (
        SurveyRequest.objects.select_for_update(of=("self",))
        .select_related("enrolment__learner", "enrolment__cohort__programme", "session")
        .filter(pk=request_id)
    )


def _reachable(request: SurveyRequest) -> bool:
    """Nobody is e-mailed once their account is closed or erased, or after withdrawing."""
    enrolment = request.enrolment
    return enrolment.learner.is_active and enrolment.status != Enrolment.Status.WITHDRAWN


def _deadline_from(now: datetime.datetime) -> datetime.datetime:
    return now + datetime.timedelta(days=settings.SURVEY_DEADLINE_DAYS)


def about(request: SurveyRequest) -> str:
    """What the survey is about, in the e-mail and on its page: the session, or the programme."""
    if request.session is not None:
        return f"{request.session.title} ({request.session.date:%d/%m/%Y})"
    return request.enrolment.cohort.programme.title


def _notify(kind: str, request: SurveyRequest, *, deadline: datetime.datetime) -> bool:
    from lms.notifications import services as notifications

    learner = request.enrolment.learner
    return notifications.send_notification(
        kind,
        to=learner,
        key=f"{kind}:{request.pk}",
        context={
            "learner": learner,
            "survey_url": survey_url(request),
            "deadline": deadline,
            "about": about(request),
            "follow_up": request.kind == SurveyRequest.Kind.FOLLOW_UP,
        },
    )
