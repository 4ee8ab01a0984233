"""E-mails sent after a session's closing to the learners left below the attendance threshold
(``absence_warning``) and to the managers (``absence_summary``), two kinds of the notification
catalogue (``lms.notifications.catalogue``), both essential: the threshold decides the certification.

Run by ``assessments.tasks.notify_low_attendance_task`` once the closing is committed.
"""

from django.conf import settings
from django.urls import reverse

from assessments.models import TrainingSession
from assessments.selectors.trainer import low_attendance_enrolments
from lms.accounts import roles
from lms.accounts.models import User
from lms.notifications.services import send_notification


def notify_low_attendance(*, session_id: int) -> int:
    """E-mail the learners this closing leaves below the threshold, and the managers; returns how many.

    The learner's organisation has no contact address in our data, so the "manager" told is the URH
    team: each active user with the Gestionnaire role gets one summary. Each message goes out at most
    once per session (``send_notification`` keys): a retried task does not repeat what went out.
    """
    session = (
        TrainingSession.objects.select_related("cohort__programme")
        .filter(pk=session_id, state=TrainingSession.State.CLOSED)
        .first()
    )
    if session is None:
        return 0
    below = low_attendance_enrolments(session=session)
    if not below:
        return 0
    cohort, programme = session.cohort, session.cohort.programme
    context = {"session": session, "cohort": cohort, "programme": programme}
    sent = 0
    for enrolment, rate in below:
        sent += send_notification(
            "absence_warning",
            to=enrolment.learner,
            key=f"assessments:low-attendance:{session.pk}:learner:{enrolment.pk}",
            context={
                **context,
                "learner": enrolment.learner,
                "rate": rate,
                "url": _absolute("courses:dashboard"),
                "subject_args": {"programme": programme.title},
            },
        )
    summary = {
        **context,
        "below": below,
        "url": _absolute("assessments:session-roster", session.pk),
        "subject_args": {"cohort": cohort.name},
    }
    managers = (
        User.objects.filter(groups__name=roles.MANAGER, is_active=True)
        .select_related("notification_preference")
        .distinct()
        .order_by("pk")
    )
    for manager in managers:
        sent += send_notification(
            "absence_summary",
            to=manager,
            key=f"assessments:low-attendance:{session.pk}:manager:{manager.pk}",
            context={**summary, "manager": manager},
        )
    return sent


def _absolute(name: str, *args) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}"
