"""Test settings: same apps and middleware as production, with fast hashing and a file-based SQLite
test database so that a real Celery worker process can share it with the test run."""

import os
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-insecure-key-not-for-production")

from lms.settings.base import *  # noqa: F403
from lms.settings.base import BASE_DIR, DATABASES, STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never in production
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    # One file per test run, so that two runs on one machine never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-db-{os.getpid()}.sqlite3")}
# TEST_MEDIA_ROOT: the Celery worker started by an integration test writes where that test reads.
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT") or BASE_DIR / "var" / "test-media")
WAGTAILADMIN_BASE_URL = "http://testserver"
# Open Badges: a key of the test runs only (tests that need another key point this at a temporary file).
BADGE_SIGNING_KEY_FILE = BASE_DIR / "var" / "test-signing" / "badge-ed25519.pem"
# Certificate PDFs: a demo pair of the test runs only, created on first use (never a file of the repo).
CERTIFICATE_SIGNING_KEY_FILE = BASE_DIR / "var" / "test-signing" / "certificate-key.pem"
CERTIFICATE_SIGNING_CERT_FILE = BASE_DIR / "var" / "test-signing" / "certificate-cert.pem"
CERTIFICATE_SIGNING_KEY_PASSPHRASE = ""
