"""``/sante/`` checks the database, the cache and the broker; a dependency down is a 503, never a 500.

The unreachable services are real ones: a Redis URL on a port nothing listens on (port 1), so the
exceptions caught are the ones a real outage raises.
"""

import time

import pytest
from django.db import OperationalError, connection
from django.test import Client

from lms.celery import app as celery_app
from lms.ops.views import NOT_CONFIGURED

pytestmark = pytest.mark.django_db

CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def broker(settings, monkeypatch):
    """Point Django's setting and the Celery app at a broker URL for one test."""

    def point_at(url: str | None) -> None:
        settings.CELERY_BROKER_URL = url
        monkeypatch.setattr(celery_app.conf, "broker_url", url)
        monkeypatch.setattr(celery_app.conf, "broker_write_url", None)

    return point_at


def test_ok_without_a_broker_reports_tasks_in_process(client: Client, broker):
    broker(None)
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": NOT_CONFIGURED}
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"


def test_head_is_allowed(client: Client, broker):
    broker(None)
    assert client.head("/sante/").status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_get_405_not_500(client: Client, method):
    response = getattr(client, method)("/sante/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_database_down_is_503(client: Client, broker, monkeypatch):
    broker(None)

    def refuse(*args, **kwargs):
        raise OperationalError("connexion refusée")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["status"] == "indisponible"
    assert response.json()["database"] == "erreur"
    assert response.json()["cache"] == "ok"


def test_cache_down_is_503(client: Client, broker, settings):
    broker(None)
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CLOSED_PORT_REDIS}
    }
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "indisponible",
        "database": "ok",
        "cache": "erreur",
        "broker": NOT_CONFIGURED,
    }


def test_unreachable_broker_is_503_within_seconds(client: Client, broker):
    broker(CLOSED_PORT_REDIS)
    started = time.monotonic()
    response = client.get("/sante/")
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json()["broker"] == "erreur"
    assert response.json()["database"] == "ok"
    # Bounded by the check's own timeout (2 s), not by kombu's retry-forever default.
    assert elapsed < 10, elapsed


def test_reachable_broker_is_ok(client: Client, broker):
    from tests.integration.workers import reachable_redis_url

    broker(reachable_redis_url())
    response = client.get("/sante/")
    assert response.status_code == 200, response.json()
    assert response.json()["broker"] == "ok"
