"""A satisfaction survey in the browser: the learner opens the e-mailed link (no login), sends it
incomplete and reads the errors tied to their questions, answers with the keyboard, sends, and the link
then says it was answered; axe-core finds no serious or critical violation on any of these pages."""

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import SurveyResponse
from assessments.services.surveys import survey_url
from courses.models import Cohort
from tests.assessments.test_surveys import PRESENT, closed_session, sent_request
from tests.conftest import build_tree
from tests.factories import CohortFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def survey_path(wagtail_base):
    tree = build_tree(modules=1, lessons_per_module=1)
    cohort: Cohort = CohortFactory(programme=tree.programme, name="Promotion Douai")
    enrolment = EnrolmentFactory(cohort=cohort)
    session = closed_session(cohort, rows=[(enrolment, PRESENT)], title="Les critères de priorité")
    request = sent_request(enrolment, session, now=timezone.now())
    return survey_url(request).removeprefix(settings.SITE_URL)


def test_a_learner_answers_a_survey_with_the_keyboard(live_server, page, survey_path, assert_accessible):
    page.goto(live_server.url + survey_path)
    expect(page.locator("h1")).to_contain_text("Les critères de priorité")
    expect(page.get_by_role("heading", name="Vos réponses sont anonymes")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("alert")).to_contain_text("Certaines réponses sont à compléter")
    assert_accessible(page)
    assert SurveyResponse.objects.count() == 0

    # Radio groups answered from the keyboard: focus the first option, Space ticks it, arrows move.
    for fieldset in page.locator("fieldset.question").all():
        first = fieldset.locator("input").first
        first.focus()
        page.keyboard.press("Space")
        page.keyboard.press("ArrowDown")
    page.get_by_label("Que faudrait-il améliorer", exact=False).fill("Plus de cas pratiques.")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.locator("body")).to_contain_text("Merci")
    assert SurveyResponse.objects.count() == 1
    assert_accessible(page)

    page.goto(live_server.url + survey_path)
    expect(page.locator("body")).to_contain_text("Vous avez déjà répondu")
    expect(page.get_by_role("button", name="Envoyer mes réponses")).to_have_count(0)
    assert_accessible(page)
