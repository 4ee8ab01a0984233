"""The survey's page behind the e-mailed link: no login, French messages for a bad link, a survey
already answered or closed, answers that do not fit; nothing written unless everything fits."""

import datetime
from html import unescape

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from assessments.models import SurveyRequest, SurveyResponse
from assessments.services import surveys
from tests.assessments.test_surveys import GOOD, PRESENT, answer, closed_session, sent_request
from tests.factories import CohortFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(tree):
    cohort = CohortFactory(programme=tree.programme, name="Promotion Arras")
    enrolment = EnrolmentFactory(cohort=cohort, learner__first_name="Nadia", learner__last_name="Zerrouki")
    session = closed_session(cohort, rows=[(enrolment, PRESENT)], title="Cotation et gestion en flux")
    return sent_request(enrolment, session, now=timezone.now())


def _url(request) -> str:
    return reverse("assessments:survey", args=[surveys.survey_token(request)])


def _form_fields(html: str) -> bool:
    return 'name="satisfaction"' in html


def test_a_bad_link_is_a_french_404(client, request_):
    token = surveys.survey_token(request_)
    for bad in (token[:-2], "n-importe-quoi", f"{request_.pk}.{'0' * 64}"):
        response = client.get(reverse("assessments:survey", args=[bad]))
        assert response.status_code == 404
        assert "Ce lien d'enquête n'est pas valide" in unescape(response.content.decode())


def test_the_form_says_what_it_is_about_until_when_and_that_answers_are_anonymous(client, request_):
    response = client.get(_url(request_))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cotation et gestion en flux" in html and "Promotion Arras" in html
    deadline = timezone.localtime(request_.deadline)
    assert f"{deadline:%H:%M}" in html and str(deadline.year) in html
    assert "Vos réponses sont anonymes" in html
    assert html.count("<fieldset") == 4 and html.count("<legend>") == 4  # three scales and the pace
    assert '<label for="survey-improve">' in html
    assert "1 – pas du tout satisfait·e" in html and "5 – tout à fait satisfait·e" in html
    assert "Nadia" not in html and "Zerrouki" not in html  # the page does not even name the person


def test_answering_records_once_then_says_it_was_answered(client, request_):
    response = client.post(_url(request_), GOOD)
    assert response.status_code == 302 and response["Location"] == _url(request_)
    page = client.get(_url(request_))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Vous avez déjà répondu" in html and "votre réponse est enregistrée" in html
    assert not _form_fields(html)
    again = client.post(_url(request_), {**GOOD, "satisfaction": "1"})
    assert again.status_code == 400
    assert "Vous avez déjà répondu à cette enquête" in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert SurveyResponse.objects.get().answers["satisfaction"] == 5


def test_a_second_tab_gets_the_message_too(client, request_):
    """The page was opened before the first answer went in: its POST is refused with the message."""
    answer(request_)
    response = client.post(_url(request_), GOOD)
    assert response.status_code == 400
    assert "déjà répondu" in response.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_after_the_deadline_the_survey_is_closed(client, request_):
    with time_machine.travel(request_.deadline + datetime.timedelta(seconds=1), tick=False):
        page = client.get(_url(request_))
        refused = client.post(_url(request_), GOOD)
    assert page.status_code == 200
    assert "Cette enquête est close" in page.content.decode() and not _form_fields(page.content.decode())
    assert refused.status_code == 400 and "Cette enquête est close" in refused.content.decode()
    assert not SurveyResponse.objects.exists()
    assert not SurveyRequest.objects.get(pk=request_.pk).answered


def test_answers_that_do_not_fit_re_render_the_form_with_messages_and_keep_the_rest(client, request_):
    posted = {**GOOD, "satisfaction": "9", "pace": "", "improve": "Plus de cas pratiques"}
    response = client.post(_url(request_), posted)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choisissez une note de 1 à 5." in html and "Répondez à cette question." in html
    assert 'aria-describedby="survey-satisfaction-error"' in html
    assert 'value="4" checked' in html  # usefulness kept
    assert "Plus de cas pratiques</textarea>" in html
    assert not SurveyResponse.objects.exists() and not SurveyRequest.objects.get().answered


def test_a_signed_in_visitor_leaves_no_trace_on_the_response(client, request_):
    client.force_login(request_.enrolment.learner)
    assert client.post(_url(request_), GOOD).status_code == 302
    response = SurveyResponse.objects.get()
    assert set(response.answers) == {"satisfaction", "usefulness", "clarity", "pace"}
    assert response.submitted_on == timezone.localdate()


def test_an_unsent_request_has_no_page(client, tree):
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme))
    session = closed_session(enrolment.cohort, rows=[(enrolment, PRESENT)])
    request = SurveyRequest.objects.create(kind="session", enrolment=enrolment, session=session)
    assert client.get(_url(request)).status_code == 404


def test_the_follow_up_form_has_checkboxes_for_the_actions(client, tree):
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme))
    request = sent_request(enrolment, now=timezone.now())
    html = client.get(_url(request)).content.decode()
    assert html.count('type="checkbox" name="actions"') == 5
    assert "Enquête de suivi" in html and tree.programme.title in html
    response = client.post(
        _url(request), {"applied": "3", "actions": ["procedure", "other"], "recommend": "no", "comment": ""}
    )
    assert response.status_code == 302
    assert SurveyResponse.objects.get().answers == {
        "applied": 3,
        "actions": ["procedure", "other"],
        "recommend": "no",
    }
