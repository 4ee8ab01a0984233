"""Fuzzing of the notification pages: the previews' query string and kind, the unsubscribe tokens (GET,
form POST, one-click POST) and the preferences form. Never a 500; a refused form writes nothing."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from lms.accounts import roles
from lms.notifications import services
from lms.notifications.catalogue import CATALOGUE
from lms.notifications.models import NotificationPreference
from tests.factories import UserFactory, with_role
from tests.fuzz import FUZZ, field_names, form_body, nasty_text, post_form, rolled_back

pytestmark = pytest.mark.django_db

kinds = st.one_of(st.sampled_from(sorted(CATALOGUE)), nasty_text)
languages = st.one_of(st.sampled_from(["fr", "en", "", "FR", "en-gb"]), nasty_text)


def _path_segment(text: str) -> str:
    return quote(text, safe="") or "x"


def test_the_previews_never_fail(client):
    client.force_login(with_role(UserFactory(is_staff=True), roles.MANAGER))

    @FUZZ
    @given(key=kinds, language=languages, extra=st.lists(st.tuples(field_names, nasty_text), max_size=3))
    def preview(key, language, extra):
        query = form_body([("langue", language), *extra])
        for name in ("notifications:preview", "notifications:preview-html"):
            url = reverse(name, args=["session_reminder"]).replace("session_reminder", _path_segment(key))
            response = client.get(f"{url}?{query}")
            assert response.status_code in (200, 400, 404), (url, response.status_code)
            if response.status_code == 200:
                assert key in CATALOGUE and language in ("fr", "en", "")

    preview()


def test_unsubscribe_tokens_never_fail(client):
    user = UserFactory()
    valid = services.unsubscribe_token(user)
    tokens = st.one_of(nasty_text, st.just(valid), st.builds(lambda t: valid[:-3] + t, nasty_text))

    @FUZZ
    @given(token=tokens, one_click=st.one_of(st.just("One-Click"), nasty_text))
    def unsubscribe(token, one_click):
        url = f"/notifications/desabonnement/{_path_segment(token)}/"
        with rolled_back():
            for response in (
                client.get(url),
                post_form(client, url, {"List-Unsubscribe": one_click}),
            ):
                assert response.status_code in (200, 404), response.status_code
                assert (response.status_code == 200) is (token == valid)
            assert NotificationPreference.objects.filter(non_essential=False).exists() is (token == valid)

    unsubscribe()


def test_the_preferences_form_never_fails(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("notifications:preferences")

    @FUZZ
    @given(
        language=languages,
        non_essential=st.one_of(st.sampled_from(["on", "", "false", "0"]), nasty_text),
        extra=st.lists(st.tuples(field_names, nasty_text), max_size=3),
    )
    def save(language, non_essential, extra):
        with rolled_back():
            response = post_form(
                client, url, [("language", language), ("non_essential", non_essential), *extra]
            )
            assert response.status_code in (302, 400), response.status_code
            stored = NotificationPreference.objects.filter(user=user).first()
            if response.status_code == 400:
                assert stored is None
            else:
                assert stored.language == language

    save()
