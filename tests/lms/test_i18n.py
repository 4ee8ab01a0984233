"""French first, English on request: the switcher's choice wins over the browser's language."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


def test_french_by_default_even_for_an_english_browser(client: Client):
    response = client.get("/mentions-legales/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "<h1>Mentions légales</h1>" in html
    assert response["Content-Language"] == "fr-fr"


def test_choosing_english_switches_the_interface(client: Client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/mentions-legales/"})
    assert response.status_code == 302
    assert response["Location"] == "/mentions-legales/"
    html = client.get("/mentions-legales/").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Legal notice</h1>" in html
    assert "Skip to content" in html


def test_an_unknown_language_in_the_cookie_falls_back_to_french(client: Client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="fr">' in client.get("/").content.decode()


def test_english_catalogue_is_complete_and_compiled():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()]
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in po if not e.obsolete
    }
    assert compiled == source, "django.mo est en retard sur django.po : lancez `make messages`"
