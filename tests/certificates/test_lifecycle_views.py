"""The lifecycle forms of a certificate's page: suspend, reinstate, revoke (irreversible, confirmed),
corrected re-issue; a reason always; who may act; refusals redrawn with their French message and
nothing written."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from certificates.models import Certificate, CertificateStatusChange
from lms.accounts import roles
from lms.audit.models import AuditEvent
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory, with_role
from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.django_db

REASON = {"reason": "Contrôle demandé par l'organisme."}


@pytest.fixture
def certifier():
    return with_role(UserFactory(), roles.CERTIFIER)


@pytest.fixture
def as_certifier(client, certifier):
    client.force_login(certifier)
    return client


@pytest.fixture
def certificate(tree, certifier):
    enrolment = EnrolmentFactory(
        cohort=CohortFactory(programme=tree.programme), learner__first_name="Ada", learner__last_name="Arnaud"
    )
    return issued_certificate(enrolment, certifier=certifier)


def url(action: str, certificate) -> str:
    return reverse(f"certificates:certificate-{action}", args=[certificate.pk])


def page(certificate) -> str:
    return reverse("certificates:certificate", args=[certificate.pk])


def status_of(certificate) -> str:
    return Certificate.objects.values_list("status", flat=True).get(pk=certificate.pk)


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_suspend_then_reinstate_with_reasons(as_certifier, certificate):
    suspended = as_certifier.post(url("suspend", certificate), REASON)
    assert suspended.status_code == 302
    assert suspended["Location"] == page(certificate)
    assert texts(suspended) == [f"Certificat {certificate.number} suspendu."]
    assert status_of(certificate) == "suspended"

    html = as_certifier.get(page(certificate)).content.decode()
    assert "Contrôle demandé par l&#x27;organisme." in html  # reason and history
    assert url("reinstate", certificate) in html
    assert url("suspend", certificate) not in html

    reinstated = as_certifier.post(url("reinstate", certificate), {"reason": "Contrôle terminé."})
    assert reinstated.status_code == 302
    assert status_of(certificate) == "valid"
    changes = list(CertificateStatusChange.objects.values_list("from_status", "to_status", "reason"))
    assert changes == [
        ("valid", "suspended", "Contrôle demandé par l'organisme."),
        ("suspended", "valid", "Contrôle terminé."),
    ]


@pytest.mark.parametrize("action", ["suspend", "reinstate", "revoke", "reissue"])
@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required(as_certifier, certificate, action, reason):
    events = AuditEvent.objects.count()
    response = as_certifier.post(url(action, certificate), {"reason": reason, "confirm": "on"})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{action}_reason_errors"' in html
    assert "Indiquez le motif." in html
    assert 'aria-invalid="true"' in html
    assert status_of(certificate) == "valid"
    assert not CertificateStatusChange.objects.exists()
    assert AuditEvent.objects.count() == events


def test_revoke_asks_for_confirmation(as_certifier, certificate):
    response = as_certifier.post(url("revoke", certificate), REASON)
    assert response.status_code == 400
    html = response.content.decode()
    assert "la révocation est irréversible" in html
    assert 'id="id_revoke_confirm_errors"' in html
    assert status_of(certificate) == "valid"


def test_revocation_is_irreversible(as_certifier, certificate):
    revoked = as_certifier.post(url("revoke", certificate), {**REASON, "confirm": "on"})
    assert revoked.status_code == 302
    assert texts(revoked) == [f"Certificat {certificate.number} révoqué."]
    assert status_of(certificate) == "revoked"
    html = as_certifier.get(page(certificate)).content.decode()
    for action in ("suspend", "reinstate", "revoke", "reissue"):
        assert url(action, certificate) not in html  # nothing left to do

    for action in ("reinstate", "suspend", "reissue"):
        refused = as_certifier.post(url(action, certificate), {"reason": "Erreur."})
        assert refused.status_code == 400, action
        assert 'role="alert"' in refused.content.decode()
    reinstate = as_certifier.post(url("reinstate", certificate), {"reason": "Erreur."}).content.decode()
    assert "Seul un certificat suspendu peut être rétabli (statut actuel : révoqué)." in reinstate
    assert status_of(certificate) == "revoked"
    assert CertificateStatusChange.objects.count() == 1


def test_a_transition_the_state_does_not_allow_is_refused(as_certifier, certificate):
    response = as_certifier.post(url("reinstate", certificate), REASON)
    assert response.status_code == 400
    assert (
        "Seul un certificat suspendu peut être rétabli (statut actuel : valide)." in response.content.decode()
    )
    assert not CertificateStatusChange.objects.exists()


def test_corrected_reissue_after_a_change_of_name(
    as_certifier, certificate, django_capture_on_commit_callbacks
):
    unchanged = as_certifier.post(url("reissue", certificate), {"reason": "Changement de nom."})
    assert unchanged.status_code == 400
    assert "Le nom du titulaire n&#x27;a pas changé" in unchanged.content.decode()

    holder = certificate.holder
    holder.last_name = "Arnaud-Lefèvre"
    holder.save(update_fields=["last_name"])
    with django_capture_on_commit_callbacks() as callbacks:
        response = as_certifier.post(url("reissue", certificate), {"reason": "Changement de nom."})

    assert response.status_code == 302
    assert "réédité" in texts(response)[0]
    certificate.refresh_from_db()
    assert (certificate.holder_name, certificate.pdf_version, certificate.number) == (
        "Ada Arnaud-Lefèvre",
        2,
        certificate.number,
    )
    assert len(callbacks) == 1  # the new PDF version is rendered after commit


@pytest.mark.parametrize("role", [roles.LEARNER, roles.TRAINER, roles.MANAGER])
@pytest.mark.parametrize("action", ["suspend", "reinstate", "revoke", "reissue"])
def test_only_those_who_decide_certification_act(client, certificate, role, action):
    client.force_login(with_role(UserFactory(is_staff=role == roles.MANAGER), role))
    assert client.post(url(action, certificate), {**REASON, "confirm": "on"}).status_code == 403
    assert status_of(certificate) == "valid"


def test_the_holder_cannot_act_on_their_certificate_and_unknown_is_404(client, as_certifier, certificate):
    missing = reverse("certificates:certificate-suspend", args=[999999])
    assert as_certifier.post(missing, REASON).status_code == 404
    assert as_certifier.get(url("suspend", certificate)).status_code == 405
    client.force_login(certificate.holder)
    assert client.post(url("suspend", certificate), REASON).status_code == 403


def test_managers_see_the_page_without_the_forms(client, manager, certificate):
    client.force_login(manager)
    html = client.get(page(certificate)).content.decode()
    assert url("suspend", certificate) not in html
    assert "Seul un certificateur ou une certificatrice URH peut suspendre" in html


def test_managers_act_when_separation_of_duties_is_off(client, manager, certificate, settings):
    settings.CERTIFICATION_SEPARATION_OF_DUTIES = False
    client.force_login(manager)
    assert client.post(url("suspend", certificate), REASON).status_code == 302
    assert status_of(certificate) == "suspended"
