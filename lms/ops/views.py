"""Health check for load balancers and monitoring: the database, the cache and the task broker.

200 when every configured dependency answers, 503 otherwise; never a 500, never cached. Each check
catches only the errors its dependency raises when it is down, so a programming error still shows.
"""

import uuid

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

OK = "ok"
ERROR = "erreur"
NOT_CONFIGURED = "non configuré (tâches dans le processus)"
BROKER_TIMEOUT_SECONDS = 2


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return ERROR
    return OK


def check_cache() -> str:
    from django.core.cache import cache

    key = f"sante:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=10)
        answered = cache.get(key) == "1"
        cache.delete(key)
    except (RedisError, OSError):
        return ERROR
    return OK if answered else ERROR


def check_broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return NOT_CONFIGURED
    from lms.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT_SECONDS)
    except (KombuOperationalError, OSError, RedisError):
        return ERROR
    return OK


@never_cache
@require_safe
def health(request):
    checks = {"database": check_database(), "cache": check_cache(), "broker": check_broker()}
    healthy = all(value != ERROR for value in checks.values())
    status = OK if healthy else "indisponible"
    return JsonResponse({"status": status, **checks}, status=200 if healthy else 503)
