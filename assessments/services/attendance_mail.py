"""E-mails sent after a session's closing to the learners left below the attendance threshold.

Run by ``assessments.tasks.notify_low_attendance_task`` once the closing is committed.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from assessments.models import TrainingSession
from assessments.selectors.trainer import low_attendance_enrolments
from lms.accounts import roles
from lms.accounts.models import User
from lms.ops.mail import send_once

LEARNER_SUBJECT = _("Votre assiduité au parcours « %(programme)s »")
SUMMARY_SUBJECT = _("Assiduité sous le seuil dans la promotion « %(cohort)s »")


def notify_low_attendance(*, session_id: int) -> int:
    """E-mail the learners this closing leaves below the threshold, and the managers; returns how many.

    Run by ``notify_low_attendance_task`` once the closing is committed. The learner's organisation has
    no contact address in our data, so the "manager" told is the URH team: each active user with the
    Gestionnaire role gets one summary. Each message goes out at most once per session
    (``lms.ops.mail.send_once``): a retried task does not repeat what went out.
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
    context = {"session": session, "cohort": session.cohort, "programme": session.cohort.programme}
    sent = 0
    for enrolment, rate in below:
        learner = enrolment.learner
        sent += _send_once(
            f"low-attendance:{session.pk}:learner:{enrolment.pk}",
            to=learner.email,
            subject=LEARNER_SUBJECT,
            template="low_attendance",
            context={**context, "learner": learner, "rate": rate, "url": _absolute("courses:dashboard")},
        )
    summary = {**context, "below": below, "url": _absolute("assessments:session-roster", session.pk)}
    for manager in User.objects.filter(groups__name=roles.MANAGER, is_active=True).distinct():
        sent += _send_once(
            f"low-attendance:{session.pk}:manager:{manager.pk}",
            to=manager.email,
            subject=SUMMARY_SUBJECT,
            template="low_attendance_summary",
            context={**summary, "manager": manager},
        )
    return sent


def _absolute(name: str, *args) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


def _send_once(key: str, *, to: str, subject, template: str, context: dict) -> int:
    with translation.override("fr"):  # users have no language preference stored yet
        message = EmailMultiAlternatives(
            str(subject) % {"programme": context["programme"].title, "cohort": context["cohort"].name},
            render_to_string(f"assessments/email/{template}.fr.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [to],
        )
        message.attach_alternative(
            render_to_string(f"assessments/email/{template}.fr.html", context), "text/html"
        )
    return int(send_once(key=f"assessments:{key}", message=message))
