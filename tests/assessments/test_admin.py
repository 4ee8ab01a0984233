"""Quizzes in the Wagtail admin: managers write them (with the blocks' checks), others are refused."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from assessments.blocks import MultipleChoiceBlock, SingleChoiceBlock
from assessments.models import Quiz
from lms.accounts import roles
from tests.factories import QuizFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db
QUIZZES = "/admin/snippets/assessments/quiz/"


def _choices(*choices) -> dict:
    data = {"count": len(choices)}
    for n, (text, correct) in enumerate(choices):
        data[str(n)] = {
            "value": {"text": text, "correct": "on" if correct else "", "feedback": ""},
            "deleted": "",
            "order": n,
            "id": f"choice-{n}",
        }
    return data


def _form(module, *choices) -> dict:
    question = {
        "prompt": "Quel article ?",
        "choices": _choices(*choices),
        "explanation": rich_text("<p>Parce que.</p>"),
    }
    return nested_form_data(
        {
            "module": module.pk,
            "title": "Quiz du module 1",
            "intro": rich_text(""),
            "questions": streamfield([("single", question)]),
            "pass_mark": 80,
            "attempts_allowed": 3,
            "time_limit_minutes": "",
            "shuffle_questions": "on",
            "shuffle_choices": "on",
            "review_after_submit": "score",
            "review_after_pass": "full",
            "review_after_last_attempt": "full",
        }
    )


def test_a_manager_writes_a_quiz_in_the_admin(as_manager, tree):
    assert as_manager.get(QUIZZES).status_code == 200
    assert as_manager.get(f"{QUIZZES}add/").status_code == 200
    response = as_manager.post(f"{QUIZZES}add/", _form(tree.modules[0], ("L441", True), ("L442", False)))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    quiz = Quiz.objects.get()
    assert quiz.module_id == tree.modules[0].pk and len(quiz.questions) == 1
    assert as_manager.get(f"{QUIZZES}edit/{quiz.pk}/").status_code == 200


def test_a_question_without_exactly_one_right_answer_is_refused(as_manager, tree):
    for choices in ((("L441", False), ("L442", False)), (("L441", True), ("L442", True))):
        response = as_manager.post(f"{QUIZZES}add/", _form(tree.modules[0], *choices))
        assert response.status_code == 200
        assert "questions" in response.context["form"].errors
        # The error is drawn by the StreamField's script, from JSON where "é" is escaped.
        assert "exactement une bonne r" in response.content.decode()
    assert not Quiz.objects.exists()


def test_one_quiz_per_module(as_manager, tree):
    QuizFactory(module=tree.modules[0])
    response = as_manager.post(f"{QUIZZES}add/", _form(tree.modules[0], ("L441", True), ("L442", False)))
    assert response.status_code == 200 and Quiz.objects.count() == 1


def test_multiple_choice_needs_a_right_and_a_wrong_answer():
    block = MultipleChoiceBlock()
    base = {"prompt": "?", "explanation": "<p>.</p>"}
    for flags in ((False, False), (True, True)):
        value = block.to_python(
            {**base, "choices": [{"text": str(n), "correct": f, "feedback": ""} for n, f in enumerate(flags)]}
        )
        with pytest.raises(ValidationError):
            block.clean(value)
    ok = block.to_python(
        {
            **base,
            "choices": [
                {"text": "a", "correct": True, "feedback": ""},
                {"text": "b", "correct": False, "feedback": ""},
            ],
        }
    )
    block.clean(ok)
    with pytest.raises(ValidationError):
        SingleChoiceBlock().clean(
            SingleChoiceBlock().to_python(
                {**base, "choices": [{"text": "a", "correct": True, "feedback": ""}]}
            )
        )


@pytest.mark.parametrize("role", [roles.TRAINER, roles.LEARNER])
def test_trainers_and_learners_cannot_edit_quizzes(client, tree, role):
    quiz = QuizFactory(module=tree.modules[0])
    client.force_login(with_role(UserFactory(is_staff=role != roles.LEARNER), role))
    for url in (QUIZZES, f"{QUIZZES}add/", f"{QUIZZES}edit/{quiz.pk}/"):
        assert client.get(url).status_code in (302, 403), url


def test_certifiers_read_but_do_not_edit(client, tree):
    quiz = QuizFactory(module=tree.modules[0])
    client.force_login(with_role(UserFactory(), roles.CERTIFIER))
    assert client.get(QUIZZES).status_code == 200
    assert client.get(f"{QUIZZES}edit/{quiz.pk}/").status_code in (302, 403)
    assert client.get(f"{QUIZZES}delete/{quiz.pk}/").status_code in (302, 403)
