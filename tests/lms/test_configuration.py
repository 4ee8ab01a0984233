"""Start-up configuration: a missing or malformed variable stops with one line naming it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lms.settings import env

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **overrides: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    environment.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("variable", "overrides"),
    [
        ("DJANGO_DEBUG", {"DJANGO_DEBUG": "peut-être"}),
        ("DATABASE_URL", {"DATABASE_URL": "pas-une-url"}),
        ("SITE_URL", {"SITE_URL": "ftp://exemple"}),
        ("CELERY_BROKER_URL", {"CELERY_BROKER_URL": "redis-sans-schema"}),
        ("DB_CONN_MAX_AGE", {"DB_CONN_MAX_AGE": "soixante"}),
        (
            "DJANGO_SECRET_KEY",
            {"DJANGO_SETTINGS_MODULE": "lms.settings.production", "ALLOWED_HOSTS": "exemple.org"},
        ),
        (
            "ALLOWED_HOSTS",
            {"DJANGO_SETTINGS_MODULE": "lms.settings.production", "DJANGO_SECRET_KEY": "x" * 60},
        ),
        ("CERTIFICATE_VERIFY_RATE", {"CERTIFICATE_VERIFY_RATE": "30 par minute"}),
        ("CERTIFICATE_VERIFY_RATE", {"CERTIFICATE_VERIFY_RATE": "0/60"}),
        ("NOTIFY_SESSION_REMINDER_DAYS", {"NOTIFY_SESSION_REMINDER_DAYS": "deux"}),
        ("NOTIFY_SESSION_REMINDER_DAYS", {"NOTIFY_SESSION_REMINDER_DAYS": "0"}),
        ("NOTIFY_QUIZ_DEADLINE_DAYS", {"NOTIFY_QUIZ_DEADLINE_DAYS": "-7"}),
        ("NOTIFY_CERTIFICATE_EXPIRY_DAYS", {"NOTIFY_CERTIFICATE_EXPIRY_DAYS": "9999"}),
        ("SURVEY_SESSION_DELAY_HOURS", {"SURVEY_SESSION_DELAY_HOURS": "-1"}),
        ("SURVEY_DEADLINE_DAYS", {"SURVEY_DEADLINE_DAYS": "quinze"}),
        # The one reminder must go out before the deadline.
        ("SURVEY_REMINDER_DAYS", {"SURVEY_DEADLINE_DAYS": "5", "SURVEY_REMINDER_DAYS": "5"}),
        ("SURVEY_FOLLOW_UP_DELAY_DAYS", {"SURVEY_FOLLOW_UP_DELAY_DAYS": "0"}),
        (
            "DEMO_TOTP_SECRET",
            {
                "DJANGO_SETTINGS_MODULE": "lms.settings.production",
                "DJANGO_SECRET_KEY": "x" * 60,
                "ALLOWED_HOSTS": "exemple.org",
                "DEMO_TOTP_SECRET": "JBSWY3DPEHPK3PXP",
            },
        ),
    ],
)
def test_bad_environment_stops_start_up_with_one_line_naming_the_variable(variable, overrides):
    result = _manage("check", **overrides)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr


def test_good_environment_starts():
    result = _manage("check")
    assert result.returncode == 0, result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        DJANGO_SECRET_KEY="ci-dummy-7f3a9c1e5b2d8f4a6c0e9b7d3f1a5c8e2b6d4f0a9c7e1b3d5f8a2c6e",
        ALLOWED_HOSTS="referents.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("1", True), ("off", False), ("", False), (" No ", False)]
)
def test_booleans_are_read_strictly(monkeypatch, raw, expected):
    monkeypatch.setenv("LMS_FLAG", raw)
    assert env.get_bool("LMS_FLAG", default=not expected) is expected


def test_missing_required_variable_is_named(monkeypatch):
    monkeypatch.delenv("LMS_ABSENT", raising=False)
    with pytest.raises(ImproperlyConfigured, match=r"^LMS_ABSENT: "):
        env.get_str("LMS_ABSENT")


def test_lists_and_defaults(monkeypatch):
    monkeypatch.setenv("LMS_HOSTS", "a.example.org, b.example.org,,")
    assert env.get_list("LMS_HOSTS", default=[]) == ["a.example.org", "b.example.org"]
    monkeypatch.delenv("LMS_BROKER", raising=False)
    assert env.get_broker("LMS_BROKER") is None
