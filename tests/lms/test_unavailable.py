"""PostgreSQL, Redis or the broker down gives a clean French 503, not a 500 (quality.md, resilience).

The driver errors are real ones: a psycopg connection to a port nothing listens on, wrapped the way
Django wraps every query's error; errors from a live database (deadlock, integrity) must stay 500s.
This module is also the URLconf of its tests: each view fails in one way.
"""

import logging
import types

import psycopg
import pytest
import redis
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db import IntegrityError, OperationalError, connection
from django.db.utils import DatabaseErrorWrapper
from django.test import Client
from django.urls import path
from kombu.exceptions import OperationalError as KombuOperationalError

from lms.ops import unavailable
from lms.urls import urlpatterns as site_urlpatterns

CLOSED_PORT = 1


def refused_connection_error() -> OperationalError:
    """The ``django.db.OperationalError`` a query raises when PostgreSQL refuses connections."""
    wrapper = DatabaseErrorWrapper(types.SimpleNamespace(Database=psycopg, errors_occurred=False))
    try:
        with wrapper:
            psycopg.connect(host="127.0.0.1", port=CLOSED_PORT, connect_timeout=2)
    except OperationalError as exc:
        return exc
    raise AssertionError("port 1 accepted a PostgreSQL connection")


def wrapped(driver_error: Exception) -> Exception:
    """``driver_error`` as Django raises it: its own class, the driver's error as ``__cause__``."""
    wrapper = DatabaseErrorWrapper(types.SimpleNamespace(Database=psycopg, errors_occurred=False))
    try:
        with wrapper:
            raise driver_error
    except Exception as exc:  # whatever Django turned it into
        return exc
    raise AssertionError("not raised")


def refused_redis_error() -> redis.exceptions.ConnectionError:
    try:
        redis.Redis(host="127.0.0.1", port=CLOSED_PORT, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as exc:
        return exc
    raise AssertionError("port 1 answered as Redis")


def view_raising(make_error):
    def view(request):
        raise make_error()

    return view


def database_down_view(request):
    raise refused_connection_error()


urlpatterns = [
    path("panne/base/", database_down_view),
    path("panne/redis/", view_raising(refused_redis_error)),
    path("panne/broker/", view_raising(lambda: KombuOperationalError("Error 111 connecting to broker"))),
    path("panne/bug/", view_raising(lambda: RuntimeError("boom: secret internal detail"))),
    path("panne/doublon/", view_raising(lambda: IntegrityError("duplicate key value"))),
    path(
        "panne/interblocage/",
        view_raising(lambda: wrapped(psycopg.errors.DeadlockDetected("deadlock detected"))),
    ),
    *site_urlpatterns,
]


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = __name__
    return Client(raise_request_exception=False)


def assert_clean_503(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Service momentanément indisponible" in html
    assert "Réessayez dans 30 secondes." in html
    assert "Traceback" not in html


@pytest.mark.django_db
def test_a_query_on_an_unreachable_database_is_a_french_503_not_a_500(failing_site, caplog):
    response = failing_site.get("/panne/base/")
    assert_clean_503(response)
    [record] = [r for r in caplog.records if r.name == "lms.ops.unavailable"]
    assert record.levelname == "WARNING"
    assert "OperationalError" in record.getMessage()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # no "Service Unavailable" error


@pytest.mark.django_db
def test_the_session_unreadable_in_a_middleware_is_also_a_503_logged_as_a_warning(
    failing_site, monkeypatch, caplog
):
    """The database fails before the view: the session read by the authentication middleware."""
    user = get_user_model().objects.create_user(email="panne@example.org", password="x" * 16)
    failing_site.force_login(user)

    def refuse(self, *args, **kwargs):
        raise refused_connection_error()

    monkeypatch.setattr(SessionStore, "load", refuse)
    assert_clean_503(failing_site.get("/mon-parcours/"))
    levels = {(r.name, r.levelname) for r in caplog.records}
    assert ("lms.ops.unavailable", "WARNING") in levels
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # no "Internal Server Error"


@pytest.mark.django_db
def test_a_bug_in_a_middleware_is_still_logged_as_an_error(failing_site, monkeypatch, caplog):
    user = get_user_model().objects.create_user(email="bug@example.org", password="x" * 16)
    failing_site.force_login(user)

    def broken(self, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(SessionStore, "load", broken)
    assert failing_site.get("/mon-parcours/").status_code == 500
    assert [r for r in caplog.records if r.name == "django.request" and r.levelno == logging.ERROR]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/panne/redis/", "/panne/broker/"])
def test_redis_or_the_broker_unreachable_is_a_503(failing_site, url):
    assert_clean_503(failing_site.get(url))


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/panne/bug/", "/panne/doublon/", "/panne/interblocage/"])
def test_errors_of_a_live_database_and_bugs_stay_500s(failing_site, url):
    response = failing_site.get(url)
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()
    assert "Retry-After" not in response


@pytest.mark.parametrize(
    ("error", "down"),
    [
        (lambda: refused_connection_error(), True),
        (lambda: wrapped(psycopg.errors.AdminShutdown("terminating connection")), True),
        (lambda: wrapped(psycopg.errors.CannotConnectNow("the database system is starting up")), True),
        (lambda: wrapped(psycopg.OperationalError("server closed the connection unexpectedly")), True),
        (lambda: wrapped(psycopg.InterfaceError("the connection is closed")), True),
        (lambda: refused_redis_error(), True),
        (lambda: redis.exceptions.TimeoutError("Timeout reading from socket"), True),
        (lambda: KombuOperationalError("connection refused"), True),
        (lambda: wrapped(psycopg.errors.DeadlockDetected("deadlock detected")), False),
        (lambda: wrapped(psycopg.errors.SerializationFailure("could not serialize access")), False),
        (lambda: wrapped(psycopg.errors.LockNotAvailable("could not obtain lock")), False),
        (lambda: wrapped(psycopg.errors.QueryCanceled("statement timeout")), False),
        (lambda: wrapped(psycopg.errors.UniqueViolation("duplicate key")), False),
        (lambda: OperationalError("database is locked"), False),
        (lambda: redis.exceptions.ResponseError("WRONGTYPE"), False),
        (lambda: ValueError("not a dependency"), False),
    ],
)
def test_only_connection_level_failures_count_as_down(error, down):
    assert unavailable.is_connection_failure(error()) is down


def test_the_503_page_renders_without_the_database(monkeypatch):
    """No ``django_db`` mark: any query would fail the test; the cursor is refused as well."""

    def refuse(*args, **kwargs):
        raise refused_connection_error()

    monkeypatch.setattr(connection, "cursor", refuse)
    assert_clean_503(unavailable.unavailable_response())


def test_a_broken_503_template_falls_back_to_a_fixed_french_page(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [], "APP_DIRS": False}]
    response = unavailable.unavailable_response()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Service momentanément indisponible" in response.content.decode()
