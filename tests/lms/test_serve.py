"""The ``make serve`` supervisor without the real stack: its refusals, local defaults and shutdown rules."""

import os
import stat
import sys

import pytest

from lms.ops import serve


@pytest.mark.parametrize(
    ("environment", "named"),
    [
        ({"CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"}, "DATABASE_URL"),
        ({"DATABASE_URL": "sqlite:///db.sqlite3", "CELERY_BROKER_URL": "redis://x"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/lms"}, "CELERY_BROKER_URL"),
    ],
)
def test_refuses_without_postgresql_and_a_broker(environment, named):
    with pytest.raises(serve.ServeError, match=rf"^{named} "):
        serve.require_services(environment)


def test_refusal_is_one_french_line_and_exit_code_2(monkeypatch, capsys):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(serve.signal, "signal", lambda *args: None)  # keep pytest's own handlers
    assert serve.main([]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "DATABASE_URL doit désigner PostgreSQL" in err


def test_local_defaults_fill_only_what_is_unset(tmp_path, monkeypatch):
    monkeypatch.setattr(serve, "VAR", tmp_path)
    env = {"ALLOWED_HOSTS": "lms.example.org", "PORT": "8123"}
    serve.apply_local_defaults(env)
    assert env["ALLOWED_HOSTS"] == "lms.example.org"
    assert env["SECURE_SSL_REDIRECT"] == "false"
    assert env["SITE_URL"] == "http://127.0.0.1:8123"
    assert env["CERTIFICATE_SIGNING_ALLOW_DEMO"] == "true"
    secret_file = tmp_path / "secret-key"
    assert env["DJANGO_SECRET_KEY"] == secret_file.read_text().strip()
    assert len(env["DJANGO_SECRET_KEY"]) >= 50
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    # Generated once: the next start keeps the same key (sessions survive a restart).
    again = {}
    serve.apply_local_defaults(again)
    assert again["DJANGO_SECRET_KEY"] == env["DJANGO_SECRET_KEY"]


def test_a_real_signing_key_is_never_replaced_by_the_demo_pair(tmp_path, monkeypatch):
    monkeypatch.setattr(serve, "VAR", tmp_path)
    env = {"CERTIFICATE_SIGNING_KEY_FILE": "/etc/lms/key.pem"}
    serve.apply_local_defaults(env)
    assert "CERTIFICATE_SIGNING_ALLOW_DEMO" not in env


def test_when_one_child_exits_the_others_are_stopped_and_the_exit_is_non_zero(monkeypatch):
    sleeper = [sys.executable, "-c", "import time; time.sleep(120)"]
    monkeypatch.setattr(
        serve,
        "child_commands",
        lambda env: {"a": sleeper, "b": [sys.executable, "-c", "raise SystemExit(3)"], "c": sleeper},
    )
    supervisor = serve.Supervisor(dict(os.environ), stop_timeout=10)
    supervisor.start()
    assert supervisor.watch() == 1
    assert [process.poll() is not None for process in supervisor.children.values()] == [True, True, True]
    assert supervisor.children["b"].returncode == 3
