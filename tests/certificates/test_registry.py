"""The certificate registry: who reads it, its search and filters, pagination, the CSV export (BOM,
``;``, formulas neutralised, audited), a certificate's page, the stored PDF download, and the list's
query budget."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate, CertificateDocument, CertificateStatusChange
from certificates.views import registry as registry_views
from lms.accounts import roles
from lms.audit.models import AuditEvent
from tests.factories import CohortFactory, EnrolmentFactory, OrganisationFactory, UserFactory, with_role
from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.django_db

REGISTRY = "/gestion/certificats/"
CSV = "/gestion/certificats/export.csv"


@pytest.fixture
def cohort(tree):
    return CohortFactory(programme=tree.programme, name="Promotion Lille")


@pytest.fixture
def certifier():
    return with_role(UserFactory(), roles.CERTIFIER)


@pytest.fixture
def as_certifier(client, certifier):
    client.force_login(certifier)
    return client


def certify(cohort, certifier, *, first="Alex", last="Martin", organisation="Habitat du Nord"):
    enrolment = EnrolmentFactory(
        cohort=cohort,
        learner__first_name=first,
        learner__last_name=last,
        learner__organisation=OrganisationFactory(name=organisation),
    )
    return issued_certificate(enrolment, certifier=certifier)


def numbers(response) -> list[str]:
    assert response.status_code == 200
    return [certificate.number for certificate in response.context["page"].object_list]


# --- Who reads it ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [(roles.LEARNER, 403), (roles.TRAINER, 403), (roles.CERTIFIER, 200), (roles.MANAGER, 200)],
)
def test_the_registry_is_for_certifiers_and_managers(client, cohort, certifier, role, expected):
    certificate = certify(cohort, certifier)
    user = with_role(UserFactory(is_staff=role == roles.MANAGER), role)
    if role == roles.TRAINER:
        cohort.trainers.add(user)
    client.force_login(user)
    for url in (REGISTRY, CSV, reverse("certificates:certificate", args=[certificate.pk])):
        assert client.get(url).status_code == expected, url


def test_holder_learner_gets_403_and_anonymous_the_login_page(client, cohort, certifier):
    certificate = certify(cohort, certifier)
    url = reverse("certificates:certificate", args=[certificate.pk])
    assert client.get(url)["Location"].startswith("/connexion/")
    client.force_login(certificate.holder)
    assert client.get(url).status_code == 403


def test_unknown_certificate_is_404_for_a_reader_403_for_others(client, as_certifier):
    assert as_certifier.get(reverse("certificates:certificate", args=[999999])).status_code == 404
    assert as_certifier.get(reverse("certificates:certificate-pdf", args=[999999, 1])).status_code == 404
    client.force_login(with_role(UserFactory(), roles.TRAINER))
    assert client.get(reverse("certificates:certificate", args=[999999])).status_code == 403


# --- Search, filters, pages -----------------------------------------------------------------------------


def test_search_by_number_or_holder_name(as_certifier, cohort, certifier):
    martin = certify(cohort, certifier, last="Martin")
    durand = certify(cohort, certifier, first="Zoé", last="Durand")

    assert numbers(as_certifier.get(REGISTRY, {"q": "durand"})) == [durand.number]
    assert numbers(as_certifier.get(REGISTRY, {"q": "zoé dur"})) == [durand.number]
    assert numbers(as_certifier.get(REGISTRY, {"q": martin.number})) == [martin.number]
    assert numbers(as_certifier.get(REGISTRY, {"q": "personne"})) == []


def test_filters_by_organisation_status_and_year(as_certifier, cohort, certifier):
    north = certify(cohort, certifier, organisation="Habitat du Nord")
    oise = certify(cohort, certifier, organisation="Oise Habitat")
    older = certify(cohort, certifier, organisation="Oise Habitat")
    Certificate.objects.filter(pk=oise.pk).update(status="suspended", status_reason="Vérification.")
    Certificate.objects.filter(pk=older.pk).update(year=2025)
    this_year = timezone.localdate().year

    assert numbers(as_certifier.get(REGISTRY, {"organisation": "Oise Habitat"})) == [
        older.number,
        oise.number,
    ]
    assert numbers(as_certifier.get(REGISTRY, {"status": "suspended"})) == [oise.number]
    assert numbers(as_certifier.get(REGISTRY, {"year": "2025"})) == [older.number]
    both = {"year": str(this_year), "organisation": "Habitat du Nord", "status": "valid"}
    assert numbers(as_certifier.get(REGISTRY, both)) == [north.number]
    html = as_certifier.get(REGISTRY).content.decode()
    assert '<option value="2025">2025</option>' in html
    assert "Oise Habitat" in html


@pytest.mark.parametrize("query", [{"year": "1999"}, {"status": "lost"}, {"organisation": "Inconnu"}])
def test_an_invalid_filter_is_reported_and_ignored(as_certifier, cohort, certifier, query):
    certify(cohort, certifier)
    response = as_certifier.get(REGISTRY, query)
    assert len(numbers(response)) == 1
    html = response.content.decode()
    assert "Ce filtre n'a pas été appliqué." in html
    assert 'aria-invalid="true"' in html


def test_the_registry_is_paginated_and_keeps_its_filters(as_certifier, cohort, certifier, monkeypatch):
    monkeypatch.setattr(registry_views, "PAGE_SIZE", 2)
    made = [certify(cohort, certifier, last=f"Martin{n}") for n in range(3)]
    first = as_certifier.get(REGISTRY, {"q": "martin"})
    second = as_certifier.get(REGISTRY, {"q": "martin", "page": "2"})
    assert numbers(first) == [made[2].number, made[1].number]
    assert numbers(second) == [made[0].number]
    html = first.content.decode()
    assert "Page 1 sur 2" in html
    assert "?q=martin&amp;page=2" in html
    assert "export.csv?q=martin" in html


# --- CSV ------------------------------------------------------------------------------------------------


def test_csv_export_is_excel_ready_filtered_neutralised_and_audited(as_certifier, cohort, certifier):
    hostile = certify(cohort, certifier, first='=HYPERLINK("http://x")', last="Piège", organisation="+Org")
    certify(cohort, certifier, last="Autre", organisation="Autre organisme")

    response = as_certifier.get(CSV, {"organisation": "+Org"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="certificats-')
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    lines = body.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Numéro;Titulaire;Organisme;")
    assert len(lines) == 2
    cells = lines[1].split(";")
    assert cells[0] == hostile.number
    assert cells[1].startswith("\"'=HYPERLINK(") and "Piège" in cells[1]
    assert cells[2] == "'+Org"
    assert cells[6] == "21"  # hours
    assert cells[10] == "valide"
    event = AuditEvent.objects.get(action="export.downloaded")
    assert event.after == {"export": "certificats.csv", "query": "organisation=%2BOrg"}


# --- A certificate's page and its PDFs ------------------------------------------------------------------


def _document(certificate, version: int, content: bytes = b"%PDF-1.7 test") -> CertificateDocument:
    document = CertificateDocument(
        certificate=certificate,
        version=version,
        sha256="0" * 64,
        size=len(content),
        holder_name=certificate.holder_name,
        rendered_at=timezone.now(),
    )
    document.file.save(f"v{version}.pdf", ContentFile(content), save=False)
    document.save()
    return document


def test_the_certificate_page_shows_snapshots_history_and_pdf_versions(as_certifier, cohort, certifier):
    certificate = certify(cohort, certifier, first="Zoé", last="Durand")
    _document(certificate, 1)
    _document(certificate, 2)
    CertificateStatusChange.objects.create(
        certificate=certificate,
        from_status="valid",
        to_status="suspended",
        reason="Contrôle en cours.",
        changed_by=certifier,
        changed_at=timezone.now(),
    )

    response = as_certifier.get(reverse("certificates:certificate", args=[certificate.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert certificate.number in html and "Zoé Durand" in html and "Habitat du Nord" in html
    assert "Promotion Lille" in html
    assert "Contrôle en cours." in html
    for version in (1, 2):
        assert reverse("certificates:certificate-pdf", args=[certificate.pk, version]) in html
    assert reverse("certificates:verify", args=[certificate.verification_id]) in html
    assert 'action="/gestion/certificats/' in html  # the certifier's lifecycle forms


def test_the_pdf_download_serves_the_stored_version_and_is_audited(as_certifier, cohort, certifier):
    certificate = certify(cohort, certifier)
    _document(certificate, 1, b"%PDF-1.7 version un")
    _document(certificate, 2, b"%PDF-1.7 version deux")

    response = as_certifier.get(reverse("certificates:certificate-pdf", args=[certificate.pk, 1]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 version un"
    assert f"{certificate.number}-v1.pdf" in response["Content-Disposition"]
    event = AuditEvent.objects.get(action="export.downloaded")
    assert event.after["export"] == f"{certificate.number}-v1.pdf"
    assert event.object_repr == certificate.number


def test_a_missing_pdf_version_or_file_is_404(as_certifier, cohort, certifier):
    certificate = certify(cohort, certifier)
    document = _document(certificate, 1)
    other = certify(cohort, certifier)
    assert (
        as_certifier.get(reverse("certificates:certificate-pdf", args=[certificate.pk, 2])).status_code == 404
    )
    assert as_certifier.get(reverse("certificates:certificate-pdf", args=[other.pk, 1])).status_code == 404
    document.file.storage.delete(document.file.name)
    assert (
        as_certifier.get(reverse("certificates:certificate-pdf", args=[certificate.pk, 1])).status_code == 404
    )
    assert not AuditEvent.objects.filter(action="export.downloaded").exists()


# --- Query budget ---------------------------------------------------------------------------------------


def test_the_registry_reads_in_the_same_number_of_queries_at_3_and_30_certificates(
    as_certifier, tree, certifier
):
    def count(size: int) -> int:
        cohort = CohortFactory(programme=tree.programme, starts_on=datetime.date(2026, 1, size))
        for number in range(size):
            certify(cohort, certifier, last=f"Nom{size}-{number}", organisation=f"Organisme {number % 4}")
        as_certifier.get(REGISTRY)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = as_certifier.get(REGISTRY, {"q": f"Nom{size}"})
        assert len(numbers(response)) == size
        return len(queries)

    small, large = count(3), count(30)
    assert small == large, f"{small} requêtes pour 3 certificats, {large} pour 30"
