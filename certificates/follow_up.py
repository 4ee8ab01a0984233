"""The follow-up satisfaction survey, some weeks after certification (Qualiopi indicator 30: the
satisfaction collected later, once the practices had time to reach the workplace).

It reads certificates, so it lives here; the requests themselves are written by the assessments
survey services. A daily scan finds the certificates issued ``SURVEY_FOLLOW_UP_DELAY_DAYS`` ago or
more, but no more than ``LOOKBACK`` before that (the first deployment does not survey every holder
certified in past years), not revoked, whose holder was not erased and still has an account: one
follow-up request per enrolment (a renewal in a later cohort is a new enrolment, so a new survey).
Running it twice creates nothing more.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from assessments.models import SurveyKind
from assessments.services import surveys
from certificates.models import Certificate

LOOKBACK = datetime.timedelta(days=30)


def due_follow_up_enrolment_ids(*, now=None) -> list[int]:
    now = now or timezone.now()
    due = now - datetime.timedelta(days=settings.SURVEY_FOLLOW_UP_DELAY_DAYS)
    return list(
        Certificate.objects.filter(
            issued_at__lte=due,
            issued_at__gt=due - LOOKBACK,
            holder_erased=False,
            holder__is_active=True,
        )
        .exclude(status=Certificate.Status.REVOKED)
        .order_by("pk")
        .values_list("enrolment_id", flat=True)
    )


def create_follow_up_surveys(*, now=None) -> int:
    """Open the due follow-up surveys and e-mail the unsent ones once committed; returns how many
    requests were created."""
    now = now or timezone.now()
    with transaction.atomic():
        created = surveys.open_follow_up_requests(enrolment_ids=due_follow_up_enrolment_ids(now=now))
        surveys.enqueue_invitations(surveys.unsent_request_ids(kind=SurveyKind.FOLLOW_UP, now=now))
    return created
