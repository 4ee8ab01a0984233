"""The custom user: e-mail login, stored lower-case, unique whatever the case."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from lms.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_email_is_the_login_and_is_stored_lower_case():
    user = User.objects.create_user("Camille.Martin@Example.ORG", "mot-de-passe-solide-42")
    assert user.email == "camille.martin@example.org"
    assert User.USERNAME_FIELD == "email"
    assert user.check_password("mot-de-passe-solide-42")


def test_the_same_address_in_another_case_is_refused():
    User.objects.create_user("camille@example.org", "mot-de-passe-solide-42")
    with pytest.raises(ValidationError):
        User.objects.create_user("CAMILLE@example.org", "autre-mot-de-passe-42")
    assert User.objects.count() == 1


def test_an_address_is_required():
    with pytest.raises(ValueError, match="obligatoire"):
        User.objects.create_user("", "mot-de-passe-solide-42")


def test_login_by_email_whatever_the_case_and_header_shows_who_is_logged_in(client: Client):
    UserFactory(email="dominique@example.org", first_name="Dominique", last_name="Lefebvre")
    response = client.post(
        "/connexion/",
        {"username": "Dominique@Example.org", "password": "mot-de-passe-solide-42", "next": "/sante/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/sante/"
    html = client.get("/mentions-legales/").content.decode()
    assert "<strong>Dominique Lefebvre</strong>" in html
    assert "Se déconnecter" in html


def test_wrong_password_gets_a_french_message_tied_to_the_field(client: Client):
    UserFactory(email="dominique@example.org")
    response = client.post("/connexion/", {"username": "dominique@example.org", "password": "faux"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'aria-describedby="login-errors"' in html
    assert "Saisissez" in html  # Django's French message for a failed login


def test_logout_is_a_post(client: Client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/deconnexion/").status_code == 405
    assert client.post("/deconnexion/").status_code == 302
