"""Invitations: single use, expiring, replaced on resend; accepting sets the password and activates."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from courses.models import Enrolment, Invitation
from courses.services.enrolment import (
    LearnerData,
    accept_invitation,
    invitation_token,
    invitation_url,
    invite_learner,
    resend_invitation,
)
from lms.accounts import roles
from lms.accounts.models import User
from lms.errors import Conflict, LMSError, NotAllowed, NotFound
from tests.factories import CohortFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db
PASSWORD = "Un-mot-de-passe-solide-2026"


@pytest.fixture
def cohort(tree):
    return CohortFactory(programme=tree.programme, capacity=2, name="Promotion Lille 2026")


def _invite(cohort, manager, email="camille@example.org", **kwargs):
    return invite_learner(
        cohort=cohort,
        learner=LearnerData(email=email, first_name="Camille", last_name="Martin"),
        acting_user=manager,
        **kwargs,
    )


def test_invitation_creates_learner_enrolment_and_sends_a_french_email(
    cohort, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = _invite(cohort, manager, email="Camille@Example.org")
    assert enrolment.status == Enrolment.Status.INVITED
    assert enrolment.learner.email == "camille@example.org"
    assert not enrolment.learner.has_usable_password()
    assert roles.LEARNER in set(enrolment.learner.groups.values_list("name", flat=True))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille@example.org"]
    assert "Votre invitation" in message.subject
    invitation = enrolment.invitations.get()
    assert invitation_url(invitation) in message.body
    assert "Promotion Lille 2026" in message.body
    assert invitation.sent_at is not None


def test_english_variant_of_the_email(cohort, manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(cohort, manager, language="en")
    assert "Your invitation" in mail.outbox[0].subject
    assert "choose your password" in mail.outbox[0].body


def test_sending_twice_sends_one_email(cohort, manager, django_capture_on_commit_callbacks):
    from courses.tasks import send_invitation_task

    with django_capture_on_commit_callbacks(execute=True):
        enrolment = _invite(cohort, manager)
    assert send_invitation_task(enrolment.invitations.get().pk) is False
    assert len(mail.outbox) == 1


def test_only_managers_invite(cohort):
    trainer = with_role(UserFactory(), roles.TRAINER)
    with pytest.raises(NotAllowed):
        _invite(cohort, trainer)
    assert not Enrolment.objects.exists() and not User.objects.filter(email="camille@example.org").exists()


def test_duplicate_bad_email_and_over_capacity_write_nothing(cohort, manager):
    _invite(cohort, manager)
    with pytest.raises(Conflict, match="déjà inscrite"):
        _invite(cohort, manager, email="CAMILLE@example.org")
    with pytest.raises(LMSError, match="invalide"):
        _invite(cohort, manager, email="pas-une-adresse")
    _invite(cohort, manager, email="deux@example.org")
    with pytest.raises(Conflict, match="complète"):
        _invite(cohort, manager, email="trois@example.org")
    assert Enrolment.objects.count() == 2
    assert not User.objects.filter(email="trois@example.org").exists()


def test_accepting_sets_the_password_and_activates_once(cohort, manager):
    enrolment = _invite(cohort, manager)
    token = invitation_token(enrolment.invitations.get())
    accepted = accept_invitation(token=token, password=PASSWORD)
    assert accepted.status == Enrolment.Status.ACTIVE
    accepted.learner.refresh_from_db()
    assert accepted.learner.check_password(PASSWORD)
    with pytest.raises(Conflict, match="déjà été utilisé"):
        accept_invitation(token=token, password="Autre-mot-de-passe-2026")


def test_expired_forged_and_replaced_links_are_refused(cohort, manager):
    enrolment = _invite(cohort, manager)
    invitation = enrolment.invitations.get()
    token = invitation_token(invitation)
    with pytest.raises(NotFound):
        accept_invitation(token=token[:-2] + "00", password=PASSWORD)
    with pytest.raises(NotFound):
        accept_invitation(token="n'importe-quoi", password=PASSWORD)
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    resend_invitation(enrolment=enrolment, acting_user=manager)
    with pytest.raises(Conflict, match="remplacé"):
        accept_invitation(token=token, password=PASSWORD)
    newest = enrolment.invitations.filter(revoked_at__isnull=True).get()
    Invitation.objects.filter(pk=newest.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(Conflict, match="expiré"):
        accept_invitation(token=invitation_token(newest), password=PASSWORD)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.INVITED


def test_weak_password_is_refused_and_the_link_still_works(cohort, manager):
    from django.core.exceptions import ValidationError

    enrolment = _invite(cohort, manager)
    token = invitation_token(enrolment.invitations.get())
    with pytest.raises(ValidationError):
        accept_invitation(token=token, password="123")
    assert accept_invitation(token=token, password=PASSWORD).status == Enrolment.Status.ACTIVE


def test_invitations_expire_after_seven_days_by_default(cohort, manager):
    invitation = _invite(cohort, manager).invitations.get()
    assert (
        datetime.timedelta(days=6, hours=23)
        < invitation.expires_at - timezone.now()
        <= datetime.timedelta(days=7)
    )


def test_invitation_page_sets_password_logs_in_and_lands_on_mon_parcours(cohort, manager, client: Client):
    enrolment = _invite(cohort, manager)
    url = invitation_url(enrolment.invitations.get()).removeprefix("http://127.0.0.1:8000")
    page = client.get(url)
    assert page.status_code == 200
    assert "Activer mon compte" in page.content.decode()
    mismatch = client.post(url, {"password1": PASSWORD, "password2": PASSWORD + "x"})
    assert mismatch.status_code == 400
    assert 'aria-invalid="true"' in mismatch.content.decode()
    response = client.post(url, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/mon-parcours/"
    assert "Mon parcours" in client.get("/mon-parcours/").content.decode()
    again = client.get(url)
    assert again.status_code == 400
    assert "déjà été utilisé" in again.content.decode()


def test_unknown_invitation_link_is_a_french_404(client: Client):
    response = client.get("/invitation/12.abc/")
    assert response.status_code == 404
    assert "lien d&#x27;invitation n&#x27;est pas valide" in response.content.decode()
