"""Developer settings: the embedded default (SQLite, eager tasks, console e-mail) with DEBUG on."""

import os

# A fixed, obviously fake key so that `make run` works without any set-up; never used in production.
os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-insecure-key-not-for-production")
os.environ.setdefault("DJANGO_DEBUG", "true")

from lms.settings.base import *  # noqa: F403
from lms.settings.base import STORAGES

# Plain storage so that `runserver` does not need `collectstatic` first.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
