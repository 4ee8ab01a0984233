"""Brute force: five failed logins for one e-mail from one IP lock that pair for the cool-off period."""

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "mot-de-passe-solide-42"


def _login(client: Client, email: str, password: str, ip: str = "203.0.113.7"):
    return client.post("/connexion/", {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_five_failures_lock_the_account_from_that_ip_even_with_the_right_password(client: Client):
    UserFactory(email="lea@example.org")
    for _ in range(4):
        assert _login(client, "lea@example.org", "faux").status_code == 200
    locked = _login(client, "lea@example.org", "faux")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Connexion temporairement bloquée" in html and "15 min" in html
    assert _login(client, "lea@example.org", PASSWORD).status_code == 429


def test_the_lock_is_per_email_and_ip(client: Client):
    UserFactory(email="lea@example.org")
    UserFactory(email="hugo@example.org")
    for _ in range(5):
        _login(client, "lea@example.org", "faux")
    assert _login(client, "hugo@example.org", PASSWORD).status_code == 302  # another account
    assert _login(Client(), "lea@example.org", PASSWORD, ip="198.51.100.9").status_code == 302  # another IP


def test_a_success_resets_the_counter(client: Client):
    UserFactory(email="lea@example.org")
    for _ in range(4):
        _login(client, "lea@example.org", "faux")
    assert _login(client, "lea@example.org", PASSWORD).status_code == 302
    client.post("/deconnexion/")
    for _ in range(4):
        assert _login(client, "lea@example.org", "faux").status_code == 200


def test_the_lock_ends_after_the_cool_off(client: Client, settings):
    from axes.models import AccessAttempt

    UserFactory(email="lea@example.org")
    for _ in range(5):
        _login(client, "lea@example.org", "faux")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME)
    assert _login(client, "lea@example.org", PASSWORD).status_code == 302
