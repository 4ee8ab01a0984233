"""The Celery application. Settings come from Django's, under the ``CELERY_`` namespace.

Without ``CELERY_BROKER_URL`` the settings make every task run eagerly in-process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
