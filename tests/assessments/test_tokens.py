"""The QR code's rotating token: signed, bound to one session, valid for its step and the next only."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from assessments import tokens
from lms.errors import LMSError
from tests.assessments.test_attendance import make_session
from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 10, 9, 0, 10, tzinfo=ZoneInfo("Europe/Paris"))
STEP = datetime.timedelta(seconds=tokens.STEP_SECONDS)


@pytest.fixture
def session(tree):
    return make_session(CohortFactory(programme=tree.programme), day=NOW.date())


def _code(error: pytest.ExceptionInfo) -> str:
    return error.value.code


def test_a_token_names_its_session_and_step_and_is_url_safe(session):
    token = tokens.current_token(session, NOW)
    session_id, step, signature = token.split(".")
    assert (int(session_id), int(step)) == (session.pk, int(NOW.timestamp()) // 30)
    assert set(signature) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert len(signature) == 22  # 128 bits
    assert tokens.read_token(token, NOW) == tokens.TokenClaim(session_id=session.pk, step=int(step))


def test_the_token_changes_every_step_and_is_stable_within_one(session):
    assert tokens.current_token(session, NOW) == tokens.current_token(
        session, NOW + datetime.timedelta(seconds=5)
    )
    assert tokens.current_token(session, NOW) != tokens.current_token(session, NOW + STEP)


def test_the_previous_step_is_accepted_and_older_ones_are_expired(session):
    token = tokens.current_token(session, NOW)
    assert tokens.read_token(token, NOW + STEP).session_id == session.pk
    with pytest.raises(LMSError) as error:
        tokens.read_token(token, NOW + 2 * STEP)
    assert _code(error) == "token_expired"
    assert "expiré" in str(error.value.message)


def test_a_token_from_the_future_is_refused(session):
    with pytest.raises(LMSError) as error:
        tokens.read_token(tokens.current_token(session, NOW + STEP), NOW)
    assert _code(error) == "token_expired"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # one character of the signature
        lambda t: ".".join([*t.split(".")[:2], "x" * 22]),
        lambda t: ".".join([t.split(".")[0], str(int(t.split(".")[1]) + 1), t.split(".")[2]]),  # step
    ],
)
def test_a_forged_signature_is_refused(session, mangle):
    with pytest.raises(LMSError) as error:
        tokens.read_token(mangle(tokens.current_token(session, NOW)), NOW)
    assert _code(error) == "token_forged"


def test_a_token_cannot_be_moved_to_another_session(tree, session):
    other = make_session(CohortFactory(programme=tree.programme), day=NOW.date())
    _id, step, signature = tokens.current_token(session, NOW).split(".")
    with pytest.raises(LMSError) as error:
        tokens.read_token(f"{other.pk}.{step}.{signature}", NOW)
    assert _code(error) == "token_forged"
    # Each session signs with its own key: the same step gives unrelated signatures.
    assert tokens.current_token(other, NOW).split(".")[2] != signature


def test_the_session_key_and_the_secret_key_both_sign(session, settings):
    token = tokens.current_token(session, NOW)
    settings.SECRET_KEY = "une-autre-clé-secrète-pour-ce-test-uniquement-0123456789"
    with pytest.raises(LMSError):
        tokens.read_token(token, NOW)


def test_an_unknown_session_reads_as_forged(session):
    _id, step, signature = tokens.current_token(session, NOW).split(".")
    with pytest.raises(LMSError) as error:
        tokens.read_token(f"999999.{step}.{signature}", NOW)
    assert _code(error) == "token_forged"


@pytest.mark.parametrize(
    "token", ["", "abc", "1.2", "1.2.3.4", "a.2.sig", "1.b.sig", "1.2.", "١.2.sig", "9" * 20 + ".1.s"]
)
def test_malformed_tokens_are_refused_cleanly(token):
    with pytest.raises(LMSError) as error:
        tokens.read_token(token, NOW)
    assert _code(error) == "token_malformed"


def test_current_token_touches_no_database(session, django_assert_num_queries):
    with django_assert_num_queries(0):
        tokens.current_token(session, NOW)
    with django_assert_num_queries(0):
        tokens.read_token(tokens.current_token(session, NOW), NOW, qr_key=session.qr_key)


def test_seconds_left_counts_down_within_the_step():
    start = datetime.datetime.fromtimestamp(int(NOW.timestamp()) // 30 * 30, tz=datetime.UTC)
    assert tokens.seconds_left(start) == 30
    assert tokens.seconds_left(start + datetime.timedelta(seconds=29)) == 1
