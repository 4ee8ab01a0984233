"""Certificates and RGPD: the export section, and an erasure that leaves the registry verifiable."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from certificates.models import (
    Certificate,
    CertificateDocument,
    CertificateStatusChange,
    CertificationDecision,
)
from certificates.privacy import MOTIVE_REDACTED, initials
from lms.accounts import privacy, roles
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory, with_role
from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n% Lea Durand\n%%EOF\n"


@pytest.fixture
def world(tree):
    cohort = CohortFactory(programme=tree.programme)
    lea = UserFactory(first_name="Léa", last_name="Durand", email="lea.durand@example.org")
    certifier = with_role(UserFactory(first_name="Claude", last_name="Certif"), roles.CERTIFIER)
    certificate = issued_certificate(EnrolmentFactory(cohort=cohort, learner=lea), certifier=certifier)
    Certificate.objects.filter(pk=certificate.pk).update(listed_in_directory=True)
    certificate.refresh_from_db()
    CertificateDocument.objects.create(
        certificate=certificate,
        version=1,
        file=ContentFile(PDF, name="c.pdf"),
        sha256=hashlib.sha256(PDF).hexdigest(),
        size=len(PDF),
        holder_name=certificate.holder_name,
        rendered_at=timezone.now(),
    )
    other = issued_certificate(EnrolmentFactory(cohort=cohort, learner=UserFactory(last_name="Bernard")))
    # A deferral with a motive written about Léa, before the approval.
    CertificationDecision.objects.create(
        enrolment=certificate.enrolment,
        outcome=CertificationDecision.Outcome.DEFERRED,
        motive="Léa doit encore rendre son étude de cas.",
        decided_by=certifier,
        decided_at=timezone.now(),
    )
    manager = with_role(UserFactory(), roles.MANAGER)
    return type(
        "World",
        (),
        {"lea": lea, "certificate": certificate, "other": other, "certifier": certifier, "manager": manager},
    )


def _export(user) -> dict:
    archive = privacy.export_archive(user=user)
    with zipfile.ZipFile(io.BytesIO(archive.content)) as content:
        return json.loads(content.read("donnees.json"))


def test_the_registry_covers_the_certification_models():
    for label in (
        "certificates.Certificate",
        "certificates.CertificateDocument",
        "certificates.CertificationDecision",
        "certificates.CertificateStatusChange",
    ):
        assert label in privacy.PERSONAL_DATA
    assert privacy.unhandled_models() == []


def test_the_export_holds_the_holders_certificates_and_decisions(world):
    data = _export(world.lea)["certificats"]
    [mine] = data["mes_certificats"]
    assert mine["numero"] == world.certificate.number
    assert mine["nom_imprime"] == "Léa Durand"
    assert mine["statut"] == "valide"
    assert mine["adresse_de_verification"].endswith(
        reverse("certificates:verify", args=[world.certificate.verification_id])
    )
    assert mine["dans_l_annuaire_public"] is True
    assert [v["version"] for v in mine["versions_pdf"]] == [1]
    assert {d["decision"] for d in data["decisions_sur_mes_inscriptions"]} == {"certifié·e", "ajourné"}
    raw = json.dumps(data, ensure_ascii=False)
    assert world.other.number not in raw and "Bernard" not in raw
    assert "Claude" not in raw and world.certifier.email not in raw  # not who decided


def test_the_export_of_a_certifier_lists_the_decisions_taken_without_the_people(world):
    data = _export(world.certifier)["certificats"]
    assert len(data["decisions_prises"]) == 2 and data["mes_certificats"] == []
    raw = json.dumps(data, ensure_ascii=False)
    assert "Durand" not in raw and world.certificate.number not in raw


def test_erasure_keeps_the_certificate_verifiable_under_initials(client, world):
    privacy.erase_person(user=world.lea, acting_user=world.manager, reason="Demande de la personne")
    certificate = Certificate.objects.get(pk=world.certificate.pk)
    assert certificate.holder_name == "L. D."
    assert certificate.holder_erased and not certificate.listed_in_directory
    # Whoever knows the full name can still match it; nobody can read it back.
    assert certificate.holder_name_fingerprint == privacy.name_fingerprint("léa  DURAND")
    assert (certificate.number, certificate.status) == (world.certificate.number, Certificate.Status.VALID)
    html = client.get(reverse("certificates:verify", args=[certificate.verification_id])).content.decode()
    assert "Ce certificat est <strong>valide</strong>" in html
    assert "L. D." in html and "Durand" not in html
    assert "Durand" not in client.get(reverse("certificates:directory")).content.decode()
    # The signed PDF stays as evidence, its row without the name; nothing serves it publicly.
    document = certificate.documents.get()
    assert document.holder_name == "L. D."
    assert document.file.read() == PDF
    assert document.file.url not in html
    # Motives written about the person are cleared; outcomes stay.
    motives = dict(certificate.enrolment.certification_decisions.values_list("outcome", "motive"))
    assert motives == {"approved": "", "deferred": MOTIVE_REDACTED}
    # Another holder is untouched.
    assert Certificate.objects.get(pk=world.other.pk).holder_name == world.other.holder_name


def test_erasing_twice_is_harmless(world):
    privacy.erase_person(user=world.lea, acting_user=world.manager, reason="Demande")
    first = Certificate.objects.values().get(pk=world.certificate.pk)
    from certificates.privacy import erase_holder

    erase_holder(user=world.lea, acting_user=world.manager, name_fingerprint="", now=timezone.now())
    assert Certificate.objects.values().get(pk=world.certificate.pk) == first


def test_the_erased_holder_can_no_longer_download_nor_be_listed(client, world):
    privacy.erase_person(user=world.lea, acting_user=world.manager, reason="Demande")
    client.force_login(world.lea)  # the account is inactive: the session does not authenticate
    response = client.get(reverse("certificates:my-certificate-pdf", args=[world.certificate.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")


def test_status_history_survives_erasure(world):
    CertificateStatusChange.objects.create(
        certificate=world.certificate,
        from_status="valid",
        to_status="suspended",
        reason="Contrôle",
        changed_by=world.certifier,
        changed_at=timezone.now(),
    )
    privacy.erase_person(user=world.lea, acting_user=world.manager, reason="Demande")
    assert world.certificate.status_changes.get().reason == "Contrôle"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Léa Durand", "L. D."), ("Jean-Pierre  de la Tour", "J. D. L. T."), ("", ""), ("élodie", "É.")],
)
def test_initials(name, expected):
    assert initials(name) == expected
