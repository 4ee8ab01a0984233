"""Property-based fuzzing (hypothesis) of the forms, JSON endpoints, pages, PDFs and CSV exports.

Every test follows one pattern: objects are built once per test (pytest fixtures), then each example
sends one request inside ``rolled_back()``, so that it starts from the same database as the others and
"nothing written on refusal" can be checked by counting rows. A 500 cannot hide: the test client
re-raises the view's exception, and the status must be one the endpoint is documented to answer.

``FUZZ`` keeps the run short (``FUZZ_EXAMPLES`` examples per test, 30 by default) and, in CI
(``CI=true``), derandomised: the same examples on every run, so a red CI is reproducible locally with
``CI=true .venv/bin/pytest tests/fuzz``. Without ``CI`` the examples change on each run and explore more.
"""

import os
from collections.abc import Iterable
from contextlib import contextmanager
from urllib.parse import urlencode

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")),
    deadline=None,
    derandomize=os.environ.get("CI", "").lower() == "true",
    database=None,  # no example database written into the working tree
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # fixtures build the data once; examples roll back
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

XSS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')
TEMPLATE_INJECTION = ("{{ 7*7 }}", "{% debug %}")
FORMULAS = ('=HYPERLINK("http://x","y")', "+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", "=1+1;2")
# Inputs that have broken web applications before: markup, template syntax, formulas, NUL bytes,
# Unicode digits that ``str.isdigit`` accepts but ``int`` does not, huge numbers and strings.
PAYLOADS = (
    *XSS,
    *TEMPLATE_INJECTION,
    *FORMULAS,
    "\x00",
    "a\x00b",
    "²",
    "١٢",
    "１２",
    "-1",
    "0",
    "9" * 40,
    "1e999",
    "NaN",
    " ",
    "\u202eevil",
    "𝕏🙂",
    "'; DROP TABLE accounts_user; --",
    "../../etc/passwd",
    "%00",
    "x" * 5000,
)
HUGE = "é" * 300_000

# Any text the test client can encode (no lone surrogates), NUL and control characters included.
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
nasty_text = st.one_of(st.sampled_from(PAYLOADS), any_text)
field_names = st.one_of(st.sampled_from(PAYLOADS[:12]), any_text)


def form_body(pairs: Iterable[tuple[str, str]] | dict) -> str:
    """An ``application/x-www-form-urlencoded`` body: any name and value, repeated names kept."""
    return urlencode(list(pairs.items()) if isinstance(pairs, dict) else list(pairs), doseq=True)


def post_form(client, url: str, pairs, **extra):
    return client.post(url, form_body(pairs), content_type="application/x-www-form-urlencoded", **extra)


@contextmanager
def rolled_back():
    """Run one example in a transaction that is rolled back, whatever happens inside."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
