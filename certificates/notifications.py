"""The periodic notifications of the certification app: eligibility reached and a certificate's end of
validity (kinds ``eligibility_reached`` and ``certificate_expiring`` of ``lms.notifications.catalogue``).
The e-mail of a new certificate goes out after its PDF is rendered (``services.rendering``).

Run each morning by the thin tasks of ``certificates.tasks`` (schedule in ``CELERY_BEAT_SCHEDULE``).
Each scan catches up what a missed run left, and the message keys make a second run send nothing.
"""

import datetime

from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone

from certificates.links import verification_url
from certificates.models import Certificate
from certificates.selectors.eligibility import cohort_eligibility
from certificates.selectors.review import CANDIDATE_STATUSES
from courses.models import Cohort, Enrolment
from lms.notifications.services import already_sent, send_notification
from lms.ops.models import SentMessage

ELIGIBILITY_KEY = "eligibility-reached:"


def notify_eligibility_reached(*, today: datetime.date | None = None) -> int:
    """Tell each candidate (active or completed enrolment, no certification decision) who now meets
    every rule of their programme, once per enrolment; returns how many were sent.

    Reads the eligibility cohort by cohort (``cohort_eligibility``, a fixed number of queries each),
    only for the started cohorts that still have a candidate not told yet.
    """
    today = today or timezone.localdate()
    told = SentMessage.objects.filter(
        key=Concat(Value(ELIGIBILITY_KEY), Cast(OuterRef("pk"), output_field=CharField()))
    )
    candidates = Enrolment.objects.filter(
        status__in=CANDIDATE_STATUSES, certification_decisions__isnull=True, cohort__starts_on__lte=today
    ).exclude(Exists(told))
    cohorts = Cohort.objects.filter(pk__in=candidates.values("cohort_id")).select_related("programme")
    eligible = []
    for cohort in cohorts.order_by("pk"):
        eligible += [pk for pk, result in cohort_eligibility(cohort=cohort).items() if result.eligible]
    if not eligible:
        return 0
    enrolments = (
        candidates.filter(pk__in=eligible)
        .select_related("learner__notification_preference", "cohort__programme")
        .order_by("pk")
    )
    url = _absolute("courses:dashboard")
    sent = 0
    for enrolment in enrolments:
        sent += send_notification(
            "eligibility_reached",
            to=enrolment.learner,
            key=f"{ELIGIBILITY_KEY}{enrolment.pk}",
            context={
                "learner": enrolment.learner,
                "cohort": enrolment.cohort,
                "programme": enrolment.cohort.programme,
                "url": url,
                "subject_args": {"programme": enrolment.cohort.programme.title},
            },
        )
    return sent


def notify_expiring_certificates(*, today: datetime.date | None = None) -> int:
    """Tell the holder of each valid certificate whose validity ends within
    ``NOTIFY_CERTIFICATE_EXPIRY_DAYS`` days, once per certificate and end of validity (a certificate
    whose validity is extended is announced again); returns how many were sent."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.NOTIFY_CERTIFICATE_EXPIRY_DAYS)
    certificates = {
        f"certificate-expiring:{c.pk}:{c.valid_until:%Y%m%d}": c
        for c in Certificate.objects.filter(
            status=Certificate.Status.VALID,
            holder_erased=False,
            valid_until__gte=today,
            valid_until__lte=horizon,
        )
        .select_related("holder__notification_preference")
        .order_by("valid_until", "pk")
    }
    done = already_sent(certificates)
    url = _absolute("certificates:my-certificates")
    sent = 0
    for key, certificate in certificates.items():
        if key in done:
            continue
        sent += send_notification(
            "certificate_expiring",
            to=certificate.holder,
            key=key,
            context={
                "learner": certificate.holder,
                "certificate": certificate,
                "verification_url": verification_url(certificate.verification_id),
                "url": url,
                "subject_args": {"number": certificate.number, "date": certificate.valid_until},
            },
        )
    return sent


def _absolute(name: str) -> str:
    return f"{settings.SITE_URL}{reverse(name)}"
