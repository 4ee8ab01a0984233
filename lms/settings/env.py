"""Strict reading of the environment: every variable is parsed once, and a bad value stops start-up.

django-environ parses URLs; this module wraps it so that a malformed value raises
``ImproperlyConfigured`` with a single line naming the variable (``manage.py`` and ``wsgi.py`` print
that line and exit instead of a traceback).
"""

import os
import warnings

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _fail(name: str, problem: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{name}: {problem}")


def get_str(name: str, default: str | None = None) -> str:
    """The variable's value, or ``default``; without a default the variable is required."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        if default is None:
            raise _fail(name, "variable d'environnement obligatoire manquante")
        return default
    return value.strip()


def get_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise _fail(name, f"valeur booléenne attendue (true/false), reçu {raw!r}")


def get_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise _fail(name, f"nombre entier attendu, reçu {raw!r}") from None


def get_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def get_database(name: str, default: str) -> dict:
    url = get_str(name, default)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an unknown engine is reported below, as one line
            config = environ.Env.db_url_config(url)
    except Exception as exc:  # django-environ raises several types for a bad URL
        raise _fail(name, f"URL de base de données invalide ({exc})") from None
    if not config.get("ENGINE"):
        raise _fail(name, f"schéma de base de données inconnu dans {url!r}")
    return config


def get_cache(name: str, default: str) -> dict:
    url = get_str(name, default)
    try:
        return environ.Env.cache_url_config(url)
    except Exception as exc:
        raise _fail(name, f"URL de cache invalide ({exc})") from None


def get_email(name: str, default: str) -> dict:
    url = get_str(name, default)
    try:
        return environ.Env.email_url_config(url)
    except Exception as exc:
        raise _fail(name, f"URL de messagerie invalide ({exc})") from None


def get_url(name: str, default: str) -> str:
    url = get_str(name, default)
    if not url.startswith(("http://", "https://")):
        raise _fail(name, f"URL http(s) attendue, reçu {url!r}")
    return url.rstrip("/")


def get_broker(name: str) -> str | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    if "://" not in raw:
        raise _fail(name, f"URL de broker attendue (ex. redis://127.0.0.1:6379/0), reçu {raw!r}")
    return raw
