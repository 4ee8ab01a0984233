"""The learner's quiz pages: no key before review, saving without JavaScript and with it, the review
policy, and bad input answered with a clear French message and nothing stored."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import AttemptAnswer, QuizAttempt, ReviewLevel
from courses.services.progress import complete_lesson
from tests.assessments.conftest import right_answers, wrong_answers
from tests.factories import EnrolmentFactory, QuizFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner_client(client: Client, learner) -> Client:
    client.force_login(learner)
    return client


def _start(client, quiz) -> QuizAttempt:
    response = client.post(reverse("assessments:start", args=[quiz.pk]))
    assert response.status_code == 302
    return QuizAttempt.objects.latest("pk")


def _form(attempt, answers) -> dict:
    data = {"shown": [item["key"] for item in attempt.content["items"]]}
    for key, choices in answers.items():
        data[f"q-{key}"] = choices
    return data


def test_the_attempt_page_shows_the_questions_and_nothing_of_the_key(learner_client, quiz):
    attempt = _start(learner_client, quiz)
    response = learner_client.get(reverse("assessments:attempt", args=[attempt.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for item in attempt.content["items"]:
        assert item["prompt"].replace("'", "&#x27;") in html
        assert item["explanation"] not in html
        for choice in item["choices"]:
            assert f'value="{choice["key"]}"' in html
            assert choice["feedback"] not in html  # feedback tells right from wrong
    for word in ("Explication", "Commentaire", "is-correct", "bonne réponse"):
        assert word not in html
    assert "Énoncé du cas de test." in html  # the case text is shown with its questions
    # Right and wrong choices are rendered alike: same attributes, only key and text differ.
    single = attempt.content["items"][0]
    right = next(c for c in single["choices"] if c["correct"])
    wrong = next(c for c in single["choices"] if not c["correct"])
    right_tag = html.split(f'value="{right["key"]}"')[0].rsplit("<input", 1)[1]
    wrong_tag = html.split(f'value="{wrong["key"]}"')[0].rsplit("<input", 1)[1]
    assert right_tag.replace(right["key"], "K") == wrong_tag.replace(wrong["key"], "K")


def test_saving_without_javascript_keeps_the_choices_checked(learner_client, quiz):
    attempt = _start(learner_client, quiz)
    answers = right_answers(attempt)
    response = learner_client.post(reverse("assessments:save", args=[attempt.pk]), _form(attempt, answers))
    assert response.status_code == 302
    html = learner_client.get(reverse("assessments:attempt", args=[attempt.pk])).content.decode()
    for choices in answers.values():
        for key in choices:
            assert f'value="{key}" checked' in html
    # A multiple-choice question shown with nothing ticked is cleared.
    multiple = next(i for i in attempt.content["items"] if i["kind"] == "multiple")
    answers.pop(multiple["key"])
    learner_client.post(reverse("assessments:save", args=[attempt.pk]), _form(attempt, answers))
    assert AttemptAnswer.objects.get(attempt=attempt, question_key=multiple["key"]).choice_keys == []


def test_autosave_answers_in_json(learner_client, quiz):
    attempt = _start(learner_client, quiz)
    item = attempt.content["items"][0]
    response = learner_client.post(
        reverse("assessments:save", args=[attempt.pk]),
        {"shown": item["key"], f"q-{item['key']}": item["choices"][1]["key"]},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 200 and response.json()["saved"] is True
    forged = learner_client.post(
        reverse("assessments:save", args=[attempt.pk]),
        {"shown": item["key"], f"q-{item['key']}": "forged"},
        headers={"accept": "application/json"},
    )
    assert forged.status_code == 400
    assert "choix proposés" in forged.json()["error"]
    assert AttemptAnswer.objects.get(attempt=attempt).choice_keys == [item["choices"][1]["key"]]


def test_submit_twice_from_the_browser_grades_once(learner_client, quiz):
    attempt = _start(learner_client, quiz)
    url = reverse("assessments:submit", args=[attempt.pk])
    first = learner_client.post(url, _form(attempt, wrong_answers(attempt)))
    second = learner_client.post(url, _form(attempt, right_answers(attempt)))
    assert first.status_code == second.status_code == 302
    assert second["Location"] == reverse("assessments:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.score == 0 and QuizAttempt.objects.count() == 1


@pytest.mark.parametrize(
    ("method", "name"),
    [("get", "start"), ("get", "save"), ("get", "submit"), ("post", "attempt"), ("post", "result")],
)
def test_wrong_methods_get_a_405(learner_client, quiz, method, name):
    attempt = _start(learner_client, quiz)
    arg = quiz.pk if name == "start" else attempt.pk
    response = getattr(learner_client, method)(reverse(f"assessments:{name}", args=[arg]))
    assert response.status_code == 405


def test_someone_elses_attempt_is_a_404_everywhere(client, quiz, enrolment):
    attempt = services.start_attempt(user=enrolment.learner, quiz=quiz)
    other = EnrolmentFactory(cohort=enrolment.cohort).learner
    client.force_login(other)
    for name, method in (("attempt", "get"), ("result", "get"), ("save", "post"), ("submit", "post")):
        response = getattr(client, method)(
            reverse(f"assessments:{name}", args=[attempt.pk]),
            _form(attempt, right_answers(attempt)) if method == "post" else None,
        )
        assert response.status_code == 404, name
        assert "Cette tentative n&#x27;existe pas" in response.content.decode()
    assert not AttemptAnswer.objects.exists()
    assert QuizAttempt.objects.get().is_open


def test_bad_input_gets_a_french_message_and_nothing_is_stored(learner_client, quiz):
    attempt = _start(learner_client, quiz)
    item = attempt.content["items"][0]
    for data, message in (
        ({"shown": "question-inconnue", "q-question-inconnue": "x"}, "ne fait pas partie de cette tentative"),
        (
            {"shown": item["key"], f"q-{item['key']}": [c["key"] for c in item["choices"][:2]]},
            "une seule réponse",
        ),
    ):
        response = learner_client.post(reverse("assessments:submit", args=[attempt.pk]), data)
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not AttemptAnswer.objects.exists()
    assert QuizAttempt.objects.get().is_open


def test_start_beyond_the_allowed_attempts_is_refused_in_french(learner_client, quiz, learner):
    quiz.attempts_allowed = 1
    quiz.save()
    attempt = _start(learner_client, quiz)
    learner_client.post(
        reverse("assessments:submit", args=[attempt.pk]), _form(attempt, wrong_answers(attempt))
    )
    response = learner_client.post(reverse("assessments:start", args=[quiz.pk]))
    assert response.status_code == 400
    assert "toutes les tentatives autorisées" in response.content.decode()
    assert QuizAttempt.objects.count() == 1


def test_not_enrolled_people_cannot_open_a_quiz(client, tree, quiz):
    from tests.factories import CohortFactory, ProgrammePageFactory

    assert client.get(reverse("assessments:quiz", args=[quiz.pk])).status_code == 302  # to the login page
    other_programme = ProgrammePageFactory(parent=tree.home, slug="autre-programme")
    client.force_login(EnrolmentFactory(cohort=CohortFactory(programme=other_programme)).learner)
    response = client.get(reverse("assessments:quiz", args=[quiz.pk]))
    assert response.status_code == 403
    assert client.get(reverse("assessments:quiz", args=[987654])).status_code == 404


def test_review_policy_after_submit_after_pass_after_last_attempt(learner_client, quiz):
    quiz.review_after_submit = ReviewLevel.NOTHING
    quiz.review_after_pass = ReviewLevel.FULL
    quiz.review_after_last_attempt = ReviewLevel.CORRECTNESS
    quiz.attempts_allowed = 2
    quiz.save()
    attempt = _start(learner_client, quiz)
    learner_client.post(
        reverse("assessments:submit", args=[attempt.pk]), _form(attempt, wrong_answers(attempt))
    )
    html = learner_client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert "La note n'est pas communiquée" in html
    assert "Note :" not in html and "Correction" not in html and "Explication-single" not in html

    second = _start(learner_client, quiz)
    learner_client.post(reverse("assessments:submit", args=[second.pk]), _form(second, wrong_answers(second)))
    html = learner_client.get(reverse("assessments:result", args=[second.pk])).content.decode()
    assert "Note :" in html  # the last attempt: the score and right or wrong per question, no key
    assert "Correction" in html and "faux" in html
    assert "bonne réponse" not in html and "Explication-single" not in html


def test_full_review_once_passed_shows_key_feedback_and_explanations(learner_client, quiz):
    attempt = _start(learner_client, quiz)
    answers = right_answers(attempt)
    multiple = next(i for i in attempt.content["items"] if i["kind"] == "multiple")
    answers[multiple["key"]] = answers[multiple["key"]][:1]
    learner_client.post(reverse("assessments:submit", args=[attempt.pk]), _form(attempt, answers))
    html = learner_client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert "90 %" in html and "réussi" in html
    assert "partiellement juste" in html and "bonne réponse" in html
    assert "Explication-multiple" in html and "Commentaire : Patronyme" in html


def test_an_expired_attempt_is_closed_on_next_access(learner_client, quiz, learner):
    quiz.time_limit_minutes = 5
    quiz.save()
    attempt = services.start_attempt(
        user=learner, quiz=quiz, now=timezone.now() - datetime.timedelta(minutes=6)
    )
    response = learner_client.get(reverse("assessments:attempt", args=[attempt.pk]))
    assert response.status_code == 302 and response["Location"].endswith("/resultat/")
    attempt.refresh_from_db()
    assert attempt.close_reason == QuizAttempt.CloseReason.DEADLINE


def test_the_timer_counts_from_the_server_clock(learner_client, quiz):
    quiz.time_limit_minutes = 15
    quiz.save()
    attempt = _start(learner_client, quiz)
    html = learner_client.get(reverse("assessments:attempt", args=[attempt.pk])).content.decode()
    assert 'id="quiz-timer"' in html and "data-deadline=" in html and "attempt.js" in html


def test_the_module_page_and_dashboard_lead_to_the_quiz(learner_client, tree, quiz, learner):
    html = learner_client.get(tree.modules[0].url).content.decode()
    assert reverse("assessments:quiz", args=[quiz.pk]) in html
    for lesson in tree.lessons[:3]:
        complete_lesson(user=learner, lesson=lesson)
    dashboard = learner_client.get(reverse("courses:dashboard")).content.decode()
    assert f'href="{reverse("assessments:quiz", args=[quiz.pk])}"' in dashboard
    assert "Quiz du module" in dashboard  # the next step once the lessons are read
    last_lesson = learner_client.get(tree.lessons[2].url).content.decode()
    assert reverse("assessments:quiz", args=[quiz.pk]) in last_lesson


@pytest.mark.parametrize("questions", [1, 10])
def test_attempt_and_result_pages_have_a_fixed_query_count(
    learner_client, tree, learner, questions, django_assert_num_queries
):
    from assessments.importer import stream_from_questions
    from tests.factories.assessments import SAMPLE_QUESTIONS

    quiz = QuizFactory(module=tree.modules[1], questions=stream_from_questions(SAMPLE_QUESTIONS * questions))
    attempt = _start(learner_client, quiz)
    learner_client.post(
        reverse("assessments:save", args=[attempt.pk]), _form(attempt, right_answers(attempt))
    )
    url = reverse("assessments:attempt", args=[attempt.pk])
    learner_client.get(url)
    # session, user, attempt (+ quiz, enrolment), saved answers
    with django_assert_num_queries(4):
        assert learner_client.get(url).status_code == 200
    learner_client.post(reverse("assessments:submit", args=[attempt.pk]))
    url = reverse("assessments:result", args=[attempt.pk])
    learner_client.get(url)
    # session, user, attempt (+ quiz, module, enrolment), the learner's attempts, answers, the site
    # (for the link back to the module)
    with django_assert_num_queries(6):
        assert learner_client.get(url).status_code == 200
    assert json.dumps(attempt.content)  # the copy is plain JSON
