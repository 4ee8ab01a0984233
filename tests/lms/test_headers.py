"""Security headers of our pages under the production settings, and templates that CSP would break.

The settings are read from ``lms/settings/production.py`` itself (loaded as a plain module, with the
environment production requires), so this test follows any change made there. ``manage.py check
--deploy`` with those settings is run by ``tests/lms/test_configuration.py`` and by ``.ci/run``.
"""

import importlib.util
import re
from pathlib import Path

import pytest
from django.test import Client

from lms.accounts import roles
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
HOST = "referents.example.org"
# What a request looks like behind the TLS-terminating proxy of production.
HTTPS = {"HTTP_HOST": HOST, "HTTP_X_FORWARDED_PROTO": "https"}
SECURITY_SETTINGS = re.compile(
    r"^(SECURE_|SESSION_COOKIE_|CSRF_COOKIE_|LANGUAGE_COOKIE_|X_FRAME_OPTIONS$|CONTENT_SECURITY_POLICY$"
    r"|ALLOWED_HOSTS$|DEBUG$)"
)
TEMPLATE_APPS = ("lms", "cms", "courses", "assessments", "certificates")


def production_settings(monkeypatch) -> dict:
    """The security settings of ``lms.settings.production``, evaluated with a production environment."""
    monkeypatch.setenv("DJANGO_SECRET_KEY", "headers-test-7f3a9c1e5b2d8f4a6c0e9b7d3f1a5c8e2b6d4f0a9c7e1b3d")
    monkeypatch.setenv("ALLOWED_HOSTS", HOST)
    for name in ("DEMO_TOTP_SECRET", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "DJANGO_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    spec = importlib.util.spec_from_file_location("_production_settings", ROOT / "lms/settings/production.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: getattr(module, name) for name in dir(module) if SECURITY_SETTINGS.match(name)}


@pytest.fixture
def production(monkeypatch, settings) -> dict:
    values = production_settings(monkeypatch)
    for name, value in values.items():
        setattr(settings, name, value)
    return values


@pytest.fixture
def pages(tree) -> dict[str, tuple[Client, str]]:
    """One page of each kind: public, Wagtail page, learner, staff, error; each with its own client."""
    learner = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme)).learner
    manager = with_role(UserFactory(is_staff=True), roles.MANAGER)
    anonymous, as_learner, as_manager = Client(), Client(), Client()
    as_learner.force_login(learner)
    as_manager.force_login(manager)
    return {
        "connexion": (anonymous, "/connexion/"),
        "accueil": (anonymous, "/"),
        "leçon": (as_learner, tree.lessons[0].url),
        "mon parcours": (as_learner, "/mon-parcours/"),
        "promotions": (as_manager, "/promotions/"),
        "page absente": (anonymous, "/cette-page-n-existe-pas/"),
    }


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in filter(None, (p.strip() for p in header.split(";"))):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_production_keeps_hsts_for_a_year_with_subdomains(production):
    assert production["SECURE_HSTS_SECONDS"] >= 31536000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SESSION_COOKIE_SECURE"] is True and production["CSRF_COOKIE_SECURE"] is True
    assert production["DEBUG"] is False


def test_every_kind_of_page_carries_the_security_headers(production, pages):
    for name, (client, url) in pages.items():
        response = client.get(url, **HTTPS)
        assert response.status_code == (404 if name == "page absente" else 200), name
        assert "includeSubDomains" in response["Strict-Transport-Security"], name
        assert "max-age=31536000" in response["Strict-Transport-Security"], name
        assert response["Referrer-Policy"] == "same-origin", name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["X-Frame-Options"] == "DENY", name
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", name


def test_our_pages_have_a_strict_content_security_policy(production, pages):
    for name, (client, url) in pages.items():
        response = client.get(url, **HTTPS)
        policy = csp_directives(response["Content-Security-Policy"])
        assert policy["frame-ancestors"] == ["'none'"], name
        assert policy["object-src"] == ["'none'"], name
        assert policy["default-src"] == ["'self'"], name
        scripts = policy.get("script-src", policy["default-src"])
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, name
        assert "'unsafe-inline'" not in policy.get("style-src", policy["default-src"]), name


def test_our_rendered_pages_have_no_inline_script_or_style(production, pages):
    """What the policy would block in a browser: the pages must not need it."""
    for name, (client, url) in pages.items():
        html = client.get(url, **HTTPS).content.decode()
        assert not INLINE_SCRIPT.search(html), name
        assert not STYLE_ATTRIBUTE.search(html), name
        assert not EVENT_HANDLER.search(html), name


def test_plain_http_is_sent_to_https(production, pages):
    response = Client().get("/connexion/", HTTP_HOST=HOST)
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}/connexion/"


def test_cookies_are_secure_httponly_and_same_site(production, tree):
    UserFactory(email="lea@example.org")
    client = Client()
    client.get("/connexion/", **HTTPS)
    response = client.post(
        "/connexion/", {"username": "lea@example.org", "password": "mot-de-passe-solide-42"}, **HTTPS
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"


def test_the_wagtail_admin_is_outside_our_policy_but_still_framed_nowhere(production, manager):
    client = Client()
    client.force_login(manager)
    response = client.get("/admin/", **HTTPS)
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"
    assert "includeSubDomains" in response["Strict-Transport-Security"]


# --- templates: what CSP would block --------------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*["']""", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"""<[^>]*\son[a-z]+\s*=\s*["']""", re.IGNORECASE)


def our_templates() -> list[Path]:
    """The templates of pages served under the site's CSP. E-mails (``templates/**/email/``) are left
    out: mail clients ignore style sheets, so they carry inline styles; the managers' preview serves
    them from their own URL with a CSP that allows inline styles only (tests/notifications/)."""
    return sorted(
        path
        for app in TEMPLATE_APPS
        for path in (ROOT / app).rglob("templates/**/*")
        if path.is_file() and path.suffix in {".html", ".svg"} and "email" not in path.parent.parts
    )


def test_only_e_mails_are_left_out_of_the_scan():
    left_out = {
        path
        for app in TEMPLATE_APPS
        for path in (ROOT / app).rglob("templates/**/*.html")
        if path.is_file() and path not in set(our_templates())
    }
    assert left_out and all("email" in path.parent.parts for path in left_out)


def test_the_scan_finds_our_templates():
    names = {path.name for path in our_templates()}
    assert {"base.html", "attempt.html", "roster.html", "login.html"} <= names


@pytest.mark.parametrize(
    ("pattern", "sample"),
    [
        (INLINE_SCRIPT, '<script>alert(1)</script><script src="/static/x.js"></script>'),
        (INLINE_SCRIPT, '<SCRIPT type="module">import "x";</SCRIPT>'),
        (STYLE_ATTRIBUTE, '<p class="meta" style="color: red">'),
        (STYLE_ELEMENT, "<style>p { color: red }</style>"),
        (EVENT_HANDLER, '<button onclick="go()">'),
    ],
)
def test_the_scan_recognises_what_csp_blocks(pattern, sample):
    assert pattern.search(sample)
    assert not INLINE_SCRIPT.search("<script src=\"{% static 'x.js' %}\" defer></script>")


def test_no_template_has_inline_script_style_or_event_handler():
    offenders = []
    for path in our_templates():
        text = path.read_text(encoding="utf-8")
        for kind, pattern in (
            ("<script> sans src", INLINE_SCRIPT),
            ("attribut style", STYLE_ATTRIBUTE),
            ("élément <style>", STYLE_ELEMENT),
            ("attribut on…", EVENT_HANDLER),
        ):
            offenders += [f"{path.relative_to(ROOT)}: {kind}" for _match in pattern.finditer(text)]
    assert offenders == []
