"""Certificates for tests, issued through the real service (numbers, snapshots, audit)."""

from django.db import transaction
from django.utils import timezone

from certificates.models import CertificationDecision
from certificates.services.issuance import issue_certificate
from lms.accounts import roles

from .accounts import UserFactory
from .courses import with_role


def issued_certificate(enrolment, *, certifier=None, previous=None):
    """``enrolment`` (e.g. ``EnrolmentFactory(cohort=CohortFactory(programme=tree.programme))``): an
    approved decision and its certificate (its rendering is enqueued on commit: inside a test's
    transaction it does not run unless the test captures the on-commit callbacks)."""
    certifier = certifier or with_role(UserFactory(), roles.CERTIFIER)
    with transaction.atomic():
        decision = CertificationDecision.objects.create(
            enrolment=enrolment,
            outcome=CertificationDecision.Outcome.APPROVED,
            decided_by=certifier,
            decided_at=timezone.now(),
        )
        return issue_certificate(decision=decision, acting_user=certifier, previous=previous)
