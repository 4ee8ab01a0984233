"""Issuance: an approved decision becomes exactly one certificate.

Called inside the decision's transaction. The number comes from the year's ``CertificateSequence`` row,
locked with ``select_for_update`` until the transaction ends, so two issuances never share a number and
numbers have no gaps unless a transaction rolls back after taking one (it then gives it back: the
counter is rolled back with it). The certificate is unique per enrolment: a second approval of the
same enrolment cannot reach this point (one final decision per enrolment), and the database would
refuse it anyway. Rendering is enqueued once the transaction commits.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates.models import NUMBER_PREFIX, Certificate, CertificateSequence, CertificationDecision
from certificates.selectors.rules import rule_for
from lms.accounts.privacy import name_fingerprint
from lms.audit.services import Action, record


def format_number(year: int, sequence: int) -> str:
    return f"{NUMBER_PREFIX}-{year}-{sequence:06d}"


def take_number(year: int) -> int:
    """The next number of ``year``, the sequence row locked until the caller's transaction ends."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                CertificateSequence.objects.get_or_create(year=year)
        except IntegrityError:  # created at the same moment by another transaction
            pass
        sequence = CertificateSequence.objects.select_for_update().get(year=year)
        sequence.last += 1
        sequence.save(update_fields=["last"])
        return sequence.last


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def validity_end(valid_from: datetime.date, years: int) -> datetime.date:
    """Valid until the eve of the anniversary: three years from 5 March 2026 end on 4 March 2029."""
    return add_years(valid_from, years) - datetime.timedelta(days=1)


def issue_certificate(*, decision: CertificationDecision, acting_user, previous: Certificate | None = None):
    """Create the certificate of an approved decision (inside the caller's transaction)."""
    if decision.outcome != CertificationDecision.Outcome.APPROVED:
        raise ValueError("only an approved decision issues a certificate")
    enrolment = decision.enrolment
    learner = enrolment.learner
    programme = enrolment.cohort.programme
    rule = rule_for(programme)
    now = timezone.now()
    today = timezone.localdate(now)
    sequence = take_number(today.year)
    organisation = learner.organisation
    holder_name = learner.get_full_name() or learner.email
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        decision=decision,
        holder=learner,
        previous=previous if previous is not None else previous_certificate(enrolment),
        number=format_number(today.year, sequence),
        year=today.year,
        sequence=sequence,
        holder_name=holder_name,
        holder_name_fingerprint=name_fingerprint(holder_name),
        holder_organisation=organisation.name if organisation else "",
        holder_departement=organisation.departement if organisation else "",
        programme_title=programme.title,
        cohort_name=enrolment.cohort.name,
        hours=rule.hours,
        signatory_name=rule.signatory_name,
        signatory_role=rule.signatory_role,
        issued_at=now,
        valid_from=today,
        valid_until=validity_end(today, rule.validity_years),
    )
    record(
        actor=acting_user,
        action=Action.CERTIFICATE_ISSUED,
        obj=certificate,
        after={
            "number": certificate.number,
            "enrolment": enrolment.pk,
            "valid_until": certificate.valid_until,
        },
        obj_repr=certificate.number,
    )
    enqueue_rendering(certificate)
    return certificate


def previous_certificate(enrolment) -> Certificate | None:
    """A renewal: the holder's latest certificate of the same programme from an earlier cohort, if it
    has not been renewed yet."""
    return (
        Certificate.objects.filter(
            holder_id=enrolment.learner_id,
            enrolment__cohort__programme_id=enrolment.cohort.programme_id,
            renewal__isnull=True,
        )
        .exclude(enrolment=enrolment)
        .exclude(status=Certificate.Status.REVOKED)
        .order_by("-issued_at")
        .first()
    )


def enqueue_rendering(certificate: Certificate) -> None:
    """Render (and e-mail) the certificate's current PDF version once the transaction commits."""
    from certificates import tasks

    certificate_id = certificate.pk
    transaction.on_commit(lambda: tasks.render_certificate_task.delay(certificate_id))
