"""The lifecycle: suspend, reinstate, revoke (irreversible), nightly expiry, corrected re-issue."""

import datetime

import pytest

from certificates.models import Certificate, CertificateStatusChange
from certificates.services import lifecycle
from lms.accounts import roles
from lms.audit.models import AuditEvent
from lms.errors import LMSError, NotAllowed, NotFound
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory, with_role
from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.django_db
Status = Certificate.Status


@pytest.fixture
def certifier():
    return with_role(UserFactory(), roles.CERTIFIER)


@pytest.fixture
def certificate(tree, certifier):
    enrolment = EnrolmentFactory(
        cohort=CohortFactory(programme=tree.programme),
        learner__first_name="Inès",
        learner__last_name="Mercier",
    )
    return issued_certificate(enrolment, certifier=certifier)


def _status(certificate) -> str:
    certificate.refresh_from_db()
    return certificate.status


def test_suspend_then_reinstate(certificate, certifier):
    lifecycle.suspend(certificate_id=certificate.pk, reason="Enquête en cours.", acting_user=certifier)
    assert _status(certificate) == Status.SUSPENDED and certificate.status_reason == "Enquête en cours."
    lifecycle.reinstate(certificate_id=certificate.pk, reason="Enquête close.", acting_user=certifier)
    assert _status(certificate) == Status.VALID and certificate.status_reason == ""
    history = list(CertificateStatusChange.objects.values_list("from_status", "to_status", "changed_by"))
    assert history == [
        (Status.VALID, Status.SUSPENDED, certifier.pk),
        (Status.SUSPENDED, Status.VALID, certifier.pk),
    ]
    actions = list(
        AuditEvent.objects.filter(object_type="certificates.Certificate")
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["certificate.suspended", "certificate.reinstated"]


def test_revocation_is_irreversible(certificate, certifier):
    lifecycle.revoke(certificate_id=certificate.pk, reason="Fraude avérée.", acting_user=certifier)
    assert _status(certificate) == Status.REVOKED
    for action in (lifecycle.reinstate, lifecycle.suspend, lifecycle.revoke):
        with pytest.raises(LMSError):
            action(certificate_id=certificate.pk, reason="Encore.", acting_user=certifier)
    assert _status(certificate) == Status.REVOKED
    assert CertificateStatusChange.objects.count() == 1


def test_a_suspended_certificate_can_be_revoked(certificate, certifier):
    lifecycle.suspend(certificate_id=certificate.pk, reason="Enquête.", acting_user=certifier)
    lifecycle.revoke(certificate_id=certificate.pk, reason="Fraude.", acting_user=certifier)
    assert _status(certificate) == Status.REVOKED


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_a_reason_is_required(certificate, certifier, reason):
    with pytest.raises(LMSError):
        lifecycle.suspend(certificate_id=certificate.pk, reason=reason, acting_user=certifier)
    assert _status(certificate) == Status.VALID and not CertificateStatusChange.objects.exists()


def test_reinstating_a_valid_certificate_is_refused(certificate, certifier):
    with pytest.raises(LMSError, match="Seul un certificat suspendu"):
        lifecycle.reinstate(certificate_id=certificate.pk, reason="?", acting_user=certifier)


def test_only_certifiers_change_a_certificate(certificate):
    manager = with_role(UserFactory(), roles.MANAGER)
    for person in (manager, certificate.holder):
        with pytest.raises(NotAllowed):
            lifecycle.revoke(certificate_id=certificate.pk, reason="Motif.", acting_user=person)
    assert _status(certificate) == Status.VALID


def test_unknown_certificate(certifier):
    with pytest.raises(NotFound):
        lifecycle.suspend(certificate_id=424242, reason="Motif.", acting_user=certifier)


def test_nightly_expiry_is_idempotent(certificate, certifier):
    day_after = certificate.valid_until + datetime.timedelta(days=1)
    assert lifecycle.expire_due(today=certificate.valid_until) == 0
    assert lifecycle.expire_due(today=day_after) == 1
    assert _status(certificate) == Status.EXPIRED
    assert "Fin de validité" in certificate.status_reason
    assert lifecycle.expire_due(today=day_after) == 0
    change = CertificateStatusChange.objects.get()
    assert change.changed_by is None and change.to_status == Status.EXPIRED


def test_a_revoked_certificate_does_not_expire(certificate, certifier):
    lifecycle.revoke(certificate_id=certificate.pk, reason="Fraude.", acting_user=certifier)
    assert lifecycle.expire_due(today=certificate.valid_until + datetime.timedelta(days=400)) == 0
    assert _status(certificate) == Status.REVOKED


def test_corrected_reissue_keeps_the_record_and_asks_for_a_new_version(
    certificate, certifier, django_capture_on_commit_callbacks
):
    number, verification_id = certificate.number, certificate.verification_id
    with pytest.raises(LMSError, match="n'a pas changé"):
        lifecycle.reissue_corrected(certificate_id=certificate.pk, reason="Nom.", acting_user=certifier)
    holder = certificate.holder
    holder.last_name = "Mercier-Lefebvre"
    holder.save()
    with django_capture_on_commit_callbacks() as callbacks:
        lifecycle.reissue_corrected(
            certificate_id=certificate.pk, reason="Nom d'usage.", acting_user=certifier
        )
    certificate.refresh_from_db()
    assert certificate.holder_name == "Inès Mercier-Lefebvre"
    assert certificate.pdf_version == 2
    assert (certificate.number, certificate.verification_id) == (number, verification_id)
    assert len(callbacks) == 1
    assert AuditEvent.objects.filter(action="certificate.reissued").count() == 1


def test_a_revoked_certificate_is_not_reissued(certificate, certifier):
    lifecycle.revoke(certificate_id=certificate.pk, reason="Fraude.", acting_user=certifier)
    certificate.holder.last_name = "Autre"
    certificate.holder.save()
    with pytest.raises(LMSError, match="révoqué"):
        lifecycle.reissue_corrected(certificate_id=certificate.pk, reason="Nom.", acting_user=certifier)
