"""Mon parcours, the profile page and password reset by e-mail."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment, LessonProgress
from lms.accounts import roles
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db


def test_mon_parcours_is_the_home_after_login(client: Client):
    UserFactory(email="lea@example.org")
    response = client.post(
        "/connexion/", {"username": "lea@example.org", "password": "mot-de-passe-solide-42"}
    )
    assert response["Location"] == "/mon-parcours/"


def test_mon_parcours_shows_progress_next_step_and_module_states(tree, client: Client):
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme, name="Promo Arras"))
    for lesson in tree.lessons[:3]:
        LessonProgress.objects.create(enrolment=enrolment, lesson=lesson, completed_at=timezone.now())
    client.force_login(enrolment.learner)
    html = client.get("/mon-parcours/").content.decode()
    assert "Promo Arras" in html
    assert "Leçons terminées : 3 sur 6 (50 %)" in html
    assert f'href="{tree.lessons[3].url}"' in html and "Reprendre" in html
    assert re.search(r"badge--completed\">terminé<", html)
    assert re.search(r"badge--not_started\">non commencé<", html)
    # The bar is labelled: its id and the label's "for" carry the enrolment's id.
    assert f'id="journey-progress-{enrolment.pk}"' in html and 'for=""' not in html
    assert reverse("assessments:my-evaluations") in html


def test_mon_parcours_lists_pending_invitations_and_requires_login(tree, client: Client):
    assert client.get("/mon-parcours/")["Location"].startswith("/connexion/")
    enrolment = EnrolmentFactory(
        cohort=CohortFactory(programme=tree.programme), status=Enrolment.Status.INVITED
    )
    client.force_login(enrolment.learner)
    assert "Invitations en attente" in client.get("/mon-parcours/").content.decode()


def test_profile_edits_names_and_rejects_blank_values(client: Client):
    user = UserFactory(first_name="Léa", last_name="Durand")
    client.force_login(user)
    assert "Mon profil" in client.get("/profil/").content.decode()
    bad = client.post("/profil/", {"first_name": "", "last_name": "Durand"})
    assert bad.status_code == 400
    assert client.post("/profil/", {"first_name": "Léa", "last_name": "Petit"}).status_code == 302
    user.refresh_from_db()
    assert user.last_name == "Petit"


def test_password_reset_mails_a_working_link_through_the_task_queue(
    client: Client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="lea@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/mot-de-passe/oublie/", {"email": "lea@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://[^/]+(/mot-de-passe/nouveau/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choisir un nouveau mot de passe" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "Nouveau-mot-2026!", "new_password2": "Nouveau-mot-2026!"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nouveau-mot-2026!")


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(
    client: Client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/mot-de-passe/oublie/", {"email": "personne@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_staff_see_the_cohorts_they_run_on_their_home(tree, client: Client):
    trainer = with_role(UserFactory(), roles.TRAINER)
    mine = CohortFactory(programme=tree.programme, name="Promo du formateur")
    mine.trainers.add(trainer)
    CohortFactory(programme=tree.programme, name="Promo d'un autre")
    client.force_login(trainer)
    html = client.get("/mon-parcours/").content.decode()
    assert "Promo du formateur" in html and "Promo d&#x27;un autre" not in html
