"""Error pages are French, explain what to do, and never show a traceback."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_unknown_url_gets_the_french_404_page(client: Client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Page introuvable" in html
    assert "Retour à l'accueil" in html


def test_server_error_gets_the_french_500_page_without_details(settings):
    settings.ROOT_URLCONF = "tests.lms.urls_with_failure"
    client = Client(raise_request_exception=False)
    response = client.get("/panne/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Une erreur est survenue" in html
    assert "secret internal detail" not in html
    assert "Traceback" not in html


def test_wrong_method_gets_a_french_405_page(client: Client):
    response = client.post("/sante/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "Action non autorisée" in response.content.decode()


def test_forged_post_without_csrf_token_gets_a_french_403(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/connexion/", {"username": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "Formulaire expiré" in response.content.decode()


def test_health_answers_ok_when_the_database_answers(client: Client):
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "ok"


def test_static_pages_render_in_french(client: Client):
    for url, heading in (
        ("/mentions-legales/", "Mentions légales"),
        ("/confidentialite/", "Données personnelles"),
        ("/accessibilite/", "Déclaration d'accessibilité"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert f"<h1>{heading}</h1>" in response.content.decode()
