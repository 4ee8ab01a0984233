"""The notification pages: the unsubscribe link (confirmation, one-click POST, bad tokens), a person's
preferences, the managers' previews (roles, every kind in both languages, bad language)."""

import html

import pytest
from django.test import Client
from django.urls import reverse

from lms.accounts import roles
from lms.notifications import services
from lms.notifications.catalogue import CATALOGUE
from lms.notifications.models import NotificationPreference
from tests.factories import UserFactory, with_role

pytestmark = pytest.mark.django_db


def _url(user) -> str:
    return reverse("notifications:unsubscribe", args=[services.unsubscribe_token(user)])


def _subscribed(user) -> bool:
    return services.preference_for(type(user).objects.get(pk=user.pk)).non_essential


# --- unsubscribe -----------------------------------------------------------------------------------------


def test_the_link_asks_for_confirmation_then_unsubscribes_idempotently(client):
    user = UserFactory()
    url = _url(user)
    page = client.get(url)
    assert page.status_code == 200 and b"Confirmer le d\xc3\xa9sabonnement" in page.content
    assert _subscribed(user)  # opening the link (a mail scanner does) changes nothing
    assert client.post(url).status_code == 200
    assert not _subscribed(user)
    assert client.post(url).status_code == 200  # again: still unsubscribed, one row
    assert NotificationPreference.objects.filter(user=user).count() == 1
    again = client.get(url)
    assert "déjà désabonné·e" in again.content.decode()


def test_the_confirmation_form_needs_its_csrf_token_but_the_one_click_post_does_not():
    user = UserFactory()
    url = _url(user)
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url).status_code == 403
    assert _subscribed(user)
    response = strict.post(url, {"List-Unsubscribe": "One-Click"})  # RFC 8058, from the mail client
    assert response.status_code == 200
    assert not _subscribed(user)
    # With the token of the confirmation page, the form works too.
    other = UserFactory()
    page = strict.get(_url(other))
    token = page.context["csrf_token"]
    assert strict.post(_url(other), {"csrfmiddlewaretoken": str(token)}).status_code == 200
    assert not _subscribed(other)


@pytest.mark.parametrize("token", ["x", "MQ:1abc:def", "a" * 500, "%00"])
def test_a_bad_token_is_a_french_404(client, token):
    for method in (client.get, client.post):
        response = method(f"/notifications/desabonnement/{token}/")
        assert response.status_code == 404
        assert "Page introuvable" in response.content.decode()


def test_the_token_of_a_deleted_account_is_a_404(client):
    user = UserFactory()
    url = _url(user)
    user.delete()
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 404


def test_other_methods_are_refused(client):
    assert client.put(_url(UserFactory())).status_code == 405


# --- preferences -----------------------------------------------------------------------------------------


def test_the_preferences_page_records_language_and_choice(client):
    user = UserFactory()
    url = reverse("notifications:preferences")
    assert client.get(url)["Location"].startswith("/connexion/")
    client.force_login(user)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="language"' in page.content.decode() and 'name="non_essential"' in page.content.decode()
    response = client.post(url, {"language": "en"})  # box unticked: non-essential mail off
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=user)
    assert (preference.language, preference.non_essential) == ("en", False)
    client.post(url, {"language": "fr", "non_essential": "on"})
    preference.refresh_from_db()
    assert (preference.language, preference.non_essential) == ("fr", True)


def test_a_bad_language_is_a_400_with_the_field_in_error(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("notifications:preferences"), {"language": "de", "non_essential": "on"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_profile_links_to_the_preferences(client):
    client.force_login(UserFactory())
    assert reverse("notifications:preferences") in client.get(reverse("courses:profile")).content.decode()


# --- previews --------------------------------------------------------------------------------------------


@pytest.fixture
def manager_client(client):
    client.force_login(with_role(UserFactory(is_staff=True), roles.MANAGER))
    return client


@pytest.mark.parametrize("role", [roles.LEARNER, roles.TRAINER, roles.CERTIFIER])
def test_only_managers_preview(client, role):
    client.force_login(with_role(UserFactory(is_staff=role != roles.LEARNER), role))
    for url in (
        reverse("notifications:previews"),
        reverse("notifications:preview", args=["session_reminder"]),
        reverse("notifications:preview-html", args=["nope"]),  # 403 before the lookup
    ):
        assert client.get(url).status_code == 403, url


def test_the_list_shows_every_kind_with_its_audience_and_trigger(manager_client):
    page = html.unescape(manager_client.get(reverse("notifications:previews")).content.decode())
    assert "<caption" in page and 'scope="col"' in page
    for key, kind in CATALOGUE.items():
        assert reverse("notifications:preview", args=[key]) in page
        assert str(kind.label) in page and str(kind.trigger) in page and str(kind.audience) in page


@pytest.mark.parametrize("key", sorted(CATALOGUE))
@pytest.mark.parametrize("language", ["", "fr", "en"])
def test_every_kind_is_previewable_in_both_languages(manager_client, key, language):
    query = f"?langue={language}" if language else ""
    page = manager_client.get(reverse("notifications:preview", args=[key]) + query)
    assert page.status_code == 200
    rendered = page.context["rendered"]
    assert rendered.subject in html.unescape(page.content.decode())
    frame = manager_client.get(reverse("notifications:preview-html", args=[key]) + query)
    assert frame.status_code == 200 and frame.content.decode() == rendered.html
    policy = frame["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy
    assert frame["X-Frame-Options"] == "SAMEORIGIN"
    assert 'sandbox=""' in page.content.decode()


def test_an_unknown_kind_is_a_404_and_a_bad_language_a_400(manager_client):
    assert manager_client.get(reverse("notifications:preview", args=["inconnue"])).status_code == 404
    assert manager_client.get(reverse("notifications:preview-html", args=["inconnue"])).status_code == 404
    url = reverse("notifications:preview", args=["session_reminder"])
    bad = manager_client.get(url + "?langue=de")
    assert bad.status_code == 400 and 'aria-invalid="true"' in bad.content.decode()
    html = reverse("notifications:preview-html", args=["session_reminder"])
    assert manager_client.get(html + "?langue=de").status_code == 400


def test_the_previews_read_no_database_beyond_the_request(manager_client, django_assert_max_num_queries):
    url = reverse("notifications:preview", args=["certificate_issued"])
    manager_client.get(url)  # warm-up
    with django_assert_max_num_queries(8):
        assert manager_client.get(url).status_code == 200
