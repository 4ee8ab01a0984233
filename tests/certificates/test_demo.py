"""The demo holds one certified learner whose certificate verifies, and loading twice adds nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from certificates.models import Certificate, CertificateDocument, CertificationDecision
from certificates.selectors.eligibility import enrolment_eligibility

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_the_demo_certifies_lea_and_her_certificate_verifies(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = _load()
    certificate = Certificate.objects.select_related("holder", "decision__decided_by").get()
    assert certificate.holder.email == "lea.durand@example.org"
    assert certificate.status == Certificate.Status.VALID
    # Decided by the demo certifier through the real service: she is eligible on the demo data.
    assert certificate.decision.decided_by.email == "certificateur@example.org"
    assert certificate.decision.eligibility["eligible"] is True
    assert enrolment_eligibility(enrolment=certificate.enrolment).eligible
    assert certificate.number in output
    # The demo learner stays in progress.
    assert not Certificate.objects.filter(holder__email="apprenant@example.org").exists()
    # The PDF is rendered on commit, signed with the demo key.
    document = CertificateDocument.objects.get(certificate=certificate)
    assert document.version == certificate.pdf_version and document.size > 0
    assert document.file.read(5) == b"%PDF-"
    html = client.get(reverse("certificates:verify", args=[certificate.verification_id])).content.decode()
    assert "Ce certificat est <strong>valide</strong>" in html
    assert "Léa Durand" in html


def test_loading_twice_adds_no_certificate():
    _load()
    second = _load()
    assert Certificate.objects.count() == 1
    assert CertificationDecision.objects.count() == 1
    assert "déjà délivré" in second
    assert "créée" not in second and "créé :" not in second
