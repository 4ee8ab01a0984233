"""Concurrent writers append to the audit chain one after the other (PostgreSQL, where they overlap).

SQLite serialises every write, so the race only exists, and is only tested, on PostgreSQL (CI's second
pass). The database starts empty here: the first writers also race to create the chain head.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from lms.audit import services as audit
from lms.audit.models import Action, AuditEvent, ChainHead
from lms.audit.selectors import chain_report

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
PARALLEL = 10


@pytest.fixture(autouse=True)
def _postgresql_only(wagtail_base):
    if connection.vendor != "postgresql":
        pytest.skip("courses concurrentes : vérifiées sur PostgreSQL (second passage de la CI)")


def _in_parallel(action) -> list:
    barrier, results, lock = threading.Barrier(PARALLEL), [], threading.Lock()

    def run(n):
        barrier.wait()
        try:
            outcome = action(n)
        except Exception as error:
            outcome = error
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_ten_parallel_records_make_one_linear_chain():
    def record(n):
        return audit.record(actor=None, action=Action.QUIZ_GRADED, after={"n": n}).sequence

    sequences = _in_parallel(record)
    assert sorted(sequences) == list(range(1, PARALLEL + 1)), sequences
    report = chain_report()
    assert report.intact and report.count == PARALLEL, report.problems
    assert ChainHead.objects.get().sequence == PARALLEL


def test_writers_holding_the_lock_in_long_transactions_still_chain_in_order():
    audit.record(actor=None, action=Action.SESSION_CLOSED)

    def record_then_work(n):
        with transaction.atomic():
            event = audit.record(actor=None, action=Action.ATTENDANCE_CHANGED, after={"n": n})
            time.sleep(0.02)  # the rest of the caller's transaction, lock held
            if n % 3 == 0:
                raise RuntimeError("rolled back")  # its event goes, and leaves no gap
            return event.sequence

    outcomes = _in_parallel(record_then_work)
    committed = [outcome for outcome in outcomes if isinstance(outcome, int)]
    assert len(committed) == PARALLEL - len(range(0, PARALLEL, 3))
    assert sorted(AuditEvent.objects.values_list("sequence", flat=True)) == list(range(1, len(committed) + 2))
    report = chain_report()
    assert report.intact, report.problems
