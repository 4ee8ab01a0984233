"""A dependency down (PostgreSQL, Redis, the Celery broker) answers a clean French 503, never a 500.

quality.md asks that a PostgreSQL or Redis restart under load gives visitors "errors that are clean
503s while they are down": the service is unavailable for a while, nothing is broken, and a retry
after ``Retry-After`` seconds will work. A 500 says the opposite, and pages the on-call person.

Only connection-level failures count. A deadlock, a serialization failure, a lock timeout or an
``IntegrityError`` comes from a live database and stays a 500 (or is handled by the code that expects
it): turning those into 503s would hide bugs.

Two ways in, because Django reaches ``process_exception`` only for exceptions raised by the view:

- ``process_exception`` answers the 503 directly for a view's query or ``.delay()``;
- an exception raised inside another middleware (the session read by the authentication middleware,
  the session saved on the way out) is turned into a 500 response by Django before it reaches us. The
  ``got_request_exception`` receiver below marks the request when that exception was a dependency
  failure, and ``__call__`` swaps the 500 for the 503.

Django logs every 5xx on ``django.request`` as an error (the swapped 500 with its traceback, then the
503 itself as "Service Unavailable"). A filter drops those records for the requests answered here, and
only those: an outage leaves one warning per refused request, not pages of errors.

The page is rendered without a request context: no context processor, no session, no query. Should
even that fail (a static files manifest missing), a fixed French page is sent instead.
"""

import logging
import sqlite3
import sys

import psycopg
from django.core.signals import got_request_exception
from django.db import InterfaceError as DjangoInterfaceError
from django.db import OperationalError as DjangoOperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
TEMPLATE = "503.html"
# SQLSTATE of a server that is going away or not ready yet: class 08 (connection exceptions), then
# admin_shutdown, crash_shutdown, cannot_connect_now (57P01-03: a restart, a crash, a recovery).
SHUTDOWN_SQLSTATES = {"57P01", "57P02", "57P03"}
# SQLite has no server; only a file that cannot be opened is "down" (not "database is locked").
SQLITE_DOWN_MESSAGES = ("unable to open database file",)
REQUEST_MARK = "_lms_dependency_down"


def is_connection_failure(exc: BaseException) -> bool:
    """Whether ``exc`` says a dependency cannot be reached, as opposed to an error from a live one."""
    if isinstance(exc, RedisConnectionError | RedisTimeoutError | KombuOperationalError):
        return True
    if isinstance(exc, DjangoInterfaceError):
        return True  # the connection is closed or unusable: always a connection matter
    if isinstance(exc, DjangoOperationalError):
        return _is_driver_connection_failure(exc.__cause__)
    return False


def _is_driver_connection_failure(cause: BaseException | None) -> bool:
    """Django wraps the driver's exception (``raise ... from``): judge by the driver's own error."""
    if isinstance(cause, psycopg.InterfaceError):
        return True
    if isinstance(cause, psycopg.OperationalError):
        sqlstate = cause.sqlstate
        # No SQLSTATE: the client failed before the server answered (refused, reset, closed).
        return sqlstate is None or sqlstate.startswith("08") or sqlstate in SHUTDOWN_SQLSTATES
    if isinstance(cause, sqlite3.OperationalError):
        return any(message in str(cause) for message in SQLITE_DOWN_MESSAGES)
    return False


def unavailable_response() -> HttpResponse:
    """The French 503 page, never cached, telling clients when to come back."""
    try:
        content = render_to_string(TEMPLATE, {"retry_after": RETRY_AFTER_SECONDS})
    except Exception:  # the page of last resort must not fail: a fixed page instead
        logger.exception("503 page could not be rendered, sending the fixed one")
        content = _fallback_page()
    response = HttpResponse(content, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _fallback_page() -> str:
    title = _("Service momentanément indisponible")
    text = _("Votre dernière action n'a peut-être pas abouti. Réessayez dans quelques instants.")
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><h1>{title}</h1><p>{text}</p></body></html>"
    )


def _mark_request(sender, request=None, **kwargs) -> None:
    """Receiver of ``got_request_exception``: remember a dependency failure raised in a middleware."""
    exc = sys.exc_info()[1]
    if request is not None and exc is not None and is_connection_failure(exc):
        setattr(request, REQUEST_MARK, exc)


got_request_exception.connect(_mark_request, dispatch_uid="lms.ops.unavailable")


class SwappedErrorFilter(logging.Filter):
    """Drops Django's error records of a request this middleware answered with its 503."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        return request is None or getattr(request, REQUEST_MARK, None) is None


def _quieten_django_request_log() -> None:
    django_request = logging.getLogger("django.request")
    if not any(isinstance(f, SwappedErrorFilter) for f in django_request.filters):
        django_request.addFilter(SwappedErrorFilter())


class DependencyUnavailableMiddleware:
    """Answer 503 (``Retry-After``, ``no-store``) when PostgreSQL, Redis or the broker is unreachable."""

    def __init__(self, get_response):
        self.get_response = get_response
        _quieten_django_request_log()

    def __call__(self, request):
        response = self.get_response(request)
        exc = getattr(request, REQUEST_MARK, None)
        if exc is not None and response.status_code == 500:
            return self._unavailable(request, exc)
        return response

    def process_exception(self, request, exception):
        if is_connection_failure(exception):
            return self._unavailable(request, exception)
        return None

    def _unavailable(self, request, exc: BaseException) -> HttpResponse:
        setattr(request, REQUEST_MARK, exc)  # for ``SwappedErrorFilter``
        logger.warning(
            "dependency unavailable, 503 for %s %s: %s: %s",
            request.method,
            request.path,
            type(exc).__name__,
            str(exc).strip().splitlines()[0] if str(exc).strip() else "",
        )
        return unavailable_response()
