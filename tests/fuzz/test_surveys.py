"""Fuzzing of the satisfaction survey's form (the page behind the e-mailed link, no login): any field
names and values, repeated or missing, any token. Never a 500; a refused answer writes nothing, an
accepted one writes exactly one anonymous response."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from assessments.models import SurveyRequest, SurveyResponse
from assessments.services.surveys import survey_token
from tests.assessments.test_surveys import PRESENT, closed_session, sent_request
from tests.factories import CohortFactory, EnrolmentFactory
from tests.fuzz import FUZZ, PAYLOADS, field_names, nasty_text, post_form, rolled_back

pytestmark = pytest.mark.django_db

KEYS = ["satisfaction", "usefulness", "clarity", "pace", "improve"]
FOLLOW_UP_KEYS = ["applied", "actions", "recommend", "comment"]
values = st.one_of(
    st.sampled_from(["1", "3", "5", "0", "6", "right", "slow", "fast", "none", "caleol", "yes", "no", ""]),
    nasty_text,
)


VALID = {
    "session": [("satisfaction", "4"), ("usefulness", "5"), ("clarity", "3"), ("pace", "right")],
    "follow_up": [("applied", "2"), ("actions", "caleol"), ("recommend", "yes")],
}


def counts() -> tuple[int, int]:
    return SurveyResponse.objects.count(), SurveyRequest.objects.filter(answered=True).count()


@pytest.fixture
def links(tree):
    cohort = CohortFactory(programme=tree.programme)
    enrolment = EnrolmentFactory(cohort=cohort)
    session = closed_session(cohort, rows=[(enrolment, PRESENT)])
    now = timezone.now()
    return {
        "session": reverse(
            "assessments:survey", args=[survey_token(sent_request(enrolment, session, now=now))]
        ),
        "follow_up": reverse("assessments:survey", args=[survey_token(sent_request(enrolment, now=now))]),
    }


@pytest.mark.parametrize(("kind", "keys"), [("session", KEYS), ("follow_up", FOLLOW_UP_KEYS)])
def test_the_survey_form_never_fails_and_writes_all_or_nothing(client, links, kind, keys):
    url = links[kind]

    extra = st.lists(st.tuples(st.one_of(st.sampled_from(keys), field_names), values), max_size=12)
    # Random fields, or a valid answer with random fields added (accepted when they fit).
    posts = st.one_of(extra, extra.map(lambda pairs: VALID[kind] + pairs))

    @FUZZ
    @given(pairs=posts)
    @example(pairs=VALID[kind])
    def submit(pairs):
        with rolled_back():
            before = counts()
            response = post_form(client, url, pairs)
            assert response.status_code in (302, 400), response.status_code
            if response.status_code == 400:
                assert counts() == before
            else:
                assert counts() == (before[0] + 1, before[1] + 1)
                stored = SurveyResponse.objects.get().answers
                assert set(stored) <= set(keys)

    submit()


def test_any_token_is_a_clean_404(client, links):
    @FUZZ
    @given(
        token=st.one_of(st.sampled_from(PAYLOADS), nasty_text, st.from_regex(r"[0-9]{1,20}\.[0-9a-f]{64}"))
    )
    def visit(token):
        url = f"/enquetes/{quote(token, safe='') or 'x'}/"
        assert client.get(url).status_code == 404
        assert client.post(url, {"satisfaction": "5"}).status_code == 404
        assert counts() == (0, 0)

    visit()
