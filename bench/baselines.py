"""The baselines of quality.md that need the server: a bare view, and a view doing one INSERT + COMMIT.

Both go through the whole middleware stack (sessions, CSRF, authentication, 2FA, CSP…) like the pages
they are compared with, and are called with the same cookies: the ratio then measures what our views
add, not what Django or the network cost.
"""

from django.db import connection, transaction
from django.http import HttpResponse
from django.views.decorators.http import require_GET, require_POST

TABLE = "bench_baseline_row"


def ensure_table() -> None:
    """The one table the INSERT view writes (created by the bench, outside the migrations)."""
    if connection.vendor == "postgresql":
        columns = "id bigserial PRIMARY KEY, user_id integer, created timestamptz NOT NULL DEFAULT now()"
    else:  # the harness's own tests on SQLite
        columns = "id integer PRIMARY KEY AUTOINCREMENT, user_id integer, created text"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} ({columns})")


def count_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABLE}")  # noqa: S608
        return cursor.fetchone()[0]


def empty_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608


@require_GET
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


@require_POST
def insert(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (user_id) VALUES (%s)", [request.user.pk])  # noqa: S608
    return HttpResponse("ok", content_type="text/plain")
