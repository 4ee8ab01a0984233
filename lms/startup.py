"""Turns a configuration error at start-up into one clear line instead of a traceback."""

import sys

from django.core.exceptions import ImproperlyConfigured


def run_or_explain(start) -> object:
    """Call ``start()``; on a configuration error print one line naming the variable and exit 2."""
    try:
        return start()
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"Erreur de configuration — {exc}\n")
        raise SystemExit(2) from None
