"""The Celery application. Settings come from Django's, under the ``CELERY_`` namespace.

Without ``CELERY_BROKER_URL`` the settings make every task run eagerly in-process.
"""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def _keep_or_drop_database_connections(task=None, **_kwargs) -> None:
    """Between tasks, what Django does between requests: keep the connection for ``CONN_MAX_AGE``,
    drop it if broken (after a database restart, say). Celery's own fixup closes it after every task
    unless ``CELERY_DB_REUSE_MAX`` is set (see settings): a new PostgreSQL connection per task was a
    third of a certificate's rendering time in a worker (bench/NOTES.md)."""
    if task is None or getattr(task.request, "is_eager", False):
        return  # run in-process (no broker, tests): the caller's connection and transaction
    from django.db import close_old_connections

    close_old_connections()
