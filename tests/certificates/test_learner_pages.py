"""The holder's own certificates: the list, the PDF, the directory choice; and « Mon parcours »,
which tells each learner where they stand towards the certificate."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from certificates.models import Certificate, CertificateDocument, CertificationDecision
from courses.selectors.dashboard import DASHBOARD_HOOK
from lms.accounts import roles
from tests.certificates.candidates import candidate, programme
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory, with_role
from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n% certificat de test\n%%EOF\n"


@pytest.fixture
def certificate(tree):
    return issued_certificate(EnrolmentFactory(cohort=CohortFactory(programme=tree.programme)))


@pytest.fixture
def holder(client, certificate):
    client.force_login(certificate.holder)
    return client


def _document(certificate, version: int = 1, content: bytes = PDF) -> CertificateDocument:
    return CertificateDocument.objects.create(
        certificate=certificate,
        version=version,
        file=ContentFile(content, name="certificat.pdf"),
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        holder_name=certificate.holder_name,
        rendered_at=timezone.now(),
    )


# --- « Mes certificats » ----------------------------------------------------------------------------------


def test_the_holder_sees_their_certificate_with_its_public_link(holder, certificate, tree):
    other = issued_certificate(EnrolmentFactory(cohort=CohortFactory(programme=tree.programme)))
    response = holder.get(reverse("certificates:my-certificates"))
    html = response.content.decode()
    assert response.status_code == 200
    assert certificate.number in html and other.number not in html
    assert "valide" in html and certificate.valid_until.strftime("%Y") in html
    assert reverse("certificates:verify", args=[certificate.verification_id]) in html
    assert reverse("certificates:my-certificate-pdf", args=[certificate.pk]) in html
    assert "en cours de préparation" in html  # not rendered yet


def test_someone_without_certificate_is_told_so(client, tree):
    client.force_login(UserFactory())
    html = client.get(reverse("certificates:my-certificates")).content.decode()
    assert "Vous n'avez pas encore de certificat" in html


def test_anonymous_people_are_sent_to_the_login_page(client, certificate):
    for url in (
        reverse("certificates:my-certificates"),
        reverse("certificates:my-certificate-pdf", args=[certificate.pk]),
    ):
        assert client.get(url)["Location"].startswith("/connexion/")


# --- the PDF ----------------------------------------------------------------------------------------------


def test_the_holder_downloads_the_current_pdf(holder, certificate):
    _document(certificate)
    response = holder.get(reverse("certificates:my-certificate-pdf", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{certificate.number}.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]


def test_before_rendering_the_pdf_page_says_it_is_being_prepared(holder, certificate):
    response = holder.get(reverse("certificates:my-certificate-pdf", args=[certificate.pk]))
    assert response.status_code == 200
    assert "en cours de préparation" in response.content.decode()
    # A corrected re-issue waits for its own version: the earlier file is not served as the current one.
    _document(certificate, version=1)
    Certificate.objects.filter(pk=certificate.pk).update(pdf_version=2)
    response = holder.get(reverse("certificates:my-certificate-pdf", args=[certificate.pk]))
    assert response["Content-Type"].startswith("text/html")
    _document(certificate, version=2, content=PDF + b"v2")
    response = holder.get(reverse("certificates:my-certificate-pdf", args=[certificate.pk]))
    assert b"".join(response.streaming_content) == PDF + b"v2"


@pytest.mark.parametrize("who", ["learner", "trainer", "certifier", "manager"])
def test_nobody_else_gets_the_pdf(client, certificate, who):
    _document(certificate)
    role = {"trainer": roles.TRAINER, "certifier": roles.CERTIFIER, "manager": roles.MANAGER}.get(who)
    client.force_login(with_role(UserFactory(), role) if role else UserFactory())
    assert client.get(reverse("certificates:my-certificate-pdf", args=[certificate.pk])).status_code == 404
    assert (
        client.get(reverse("certificates:my-certificate-pdf", args=[certificate.pk + 99])).status_code == 404
    )


# --- the directory choice ---------------------------------------------------------------------------------


def test_the_holder_opts_in_and_out_of_the_directory(holder, certificate):
    url = reverse("certificates:directory-listing", args=[certificate.pk])
    for _ in range(2):  # idempotent: a double click lists once
        response = holder.post(url, {"listed": "1"})
        assert response.status_code == 302 and response["Location"] == reverse("certificates:my-certificates")
        certificate.refresh_from_db()
        assert certificate.listed_in_directory
    row = f'<th scope="row">{certificate.holder_name}</th>'
    assert row in holder.get(reverse("certificates:directory")).content.decode()
    holder.post(url, {"listed": "0"})
    certificate.refresh_from_db()
    assert not certificate.listed_in_directory
    assert row not in holder.get(reverse("certificates:directory")).content.decode()
    assert holder.get(url).status_code == 405


def test_nobody_else_lists_a_holder(client, certificate):
    client.force_login(with_role(UserFactory(), roles.MANAGER))
    url = reverse("certificates:directory-listing", args=[certificate.pk])
    assert client.post(url, {"listed": "1"}).status_code == 404
    assert (
        client.post(reverse("certificates:directory-listing", args=[999999]), {"listed": "1"}).status_code
        == 404
    )
    certificate.refresh_from_db()
    assert not certificate.listed_in_directory


def test_an_erased_certificate_cannot_be_listed_again(holder, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(holder_erased=True)
    response = holder.post(
        reverse("certificates:directory-listing", args=[certificate.pk]), {"listed": "1"}, follow=True
    )
    assert "ne peut plus figurer dans l&#x27;annuaire" in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.listed_in_directory


# --- « Mon parcours » -------------------------------------------------------------------------------------


@pytest.fixture
def p(tree):
    return programme(tree)


def _dashboard(client, enrolment) -> str:
    client.force_login(enrolment.learner)
    return client.get(reverse("courses:dashboard")).content.decode()


def test_the_dashboard_registers_the_certification_hook():
    assert any(fn.__module__ == "certificates.wagtail_hooks" for fn in hooks.get_hooks(DASHBOARD_HOOK))


def test_a_learner_not_yet_eligible_sees_what_is_missing(client, p):
    enrolment = candidate(p, quiz=False, opinion=None)
    html = _dashboard(client, enrolment)
    assert "Il vous manque :" in html
    assert "une moyenne d&#x27;au moins 70 % aux quiz" in html
    assert "l&#x27;avis du formateur ou de la formatrice" in html
    assert "Vous remplissez toutes les conditions" not in html


def test_an_eligible_learner_is_told_the_urh_is_reviewing(client, p):
    html = _dashboard(client, candidate(p))
    assert "Vous remplissez toutes les conditions : votre dossier est examiné par l'URH" in html
    assert "Il vous manque" not in html


def test_a_certified_learner_gets_the_link_to_the_certificate(client, p):
    enrolment = candidate(p)
    certificate = issued_certificate(enrolment)
    html = _dashboard(client, enrolment)
    assert certificate.number in html
    assert reverse("certificates:my-certificates") in html
    assert "Il vous manque" not in html and "Vous remplissez" not in html


def test_a_refused_learner_is_told_so(client, p):
    enrolment = candidate(p, opinion="unfavourable")
    CertificationDecision.objects.create(
        enrolment=enrolment,
        outcome=CertificationDecision.Outcome.REJECTED,
        motive="Avis défavorable.",
        decided_by=with_role(UserFactory(), roles.CERTIFIER),
        decided_at=timezone.now(),
    )
    html = _dashboard(client, enrolment)
    assert "L'URH n'a pas accordé la certification" in html
    assert "Il vous manque" not in html


def test_the_dashboard_query_count_does_not_grow_with_the_cohort(client, p, django_assert_num_queries):
    enrolment = candidate(p)
    client.force_login(enrolment.learner)
    url = reverse("courses:dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(5):
        candidate(p)
    issued_certificate(candidate(p))
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


def test_staff_without_journeys_pay_nothing(client, tree):
    from certificates.wagtail_hooks import certification_on_the_dashboard

    staff = with_role(UserFactory(), roles.TRAINER)
    with CaptureQueriesContext(connection) as queries:
        assert certification_on_the_dashboard(user=staff, journeys=[]) == {"certification": {}}
    assert len(queries) == 0
