"""E-mails of the courses app, rendered in the recipient's language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from courses.models import Invitation
from courses.services.enrolment import invitation_url


def send_invitation(*, invitation_id: int) -> bool:
    """E-mail the invitation link once; returns False when there is nothing (more) to send."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("enrolment__learner", "enrolment__cohort__programme")
            .filter(pk=invitation_id, sent_at__isnull=True, used_at__isnull=True, revoked_at__isnull=True)
            .first()
        )
        if invitation is None:
            return False
        learner = invitation.enrolment.learner
        context = {
            "learner": learner,
            "cohort": invitation.enrolment.cohort,
            "programme": invitation.enrolment.cohort.programme,
            "url": invitation_url(invitation),
            "expires_at": timezone.localtime(invitation.expires_at),
        }
        with translation.override(invitation.language):
            subject = gettext("Votre invitation au parcours « %(programme)s »") % {
                "programme": context["programme"].title
            }
            body = render_to_string(f"courses/email/invitation.{invitation.language}.txt", context)
        message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [learner.email])
        message.send()
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at"])
    return True
