"""The attempt services: start, save, submit, deadline; bad input refused with nothing stored."""

import datetime

import pytest
from django.utils import timezone

from assessments import services
from assessments.importer import stream_from_questions
from assessments.models import AttemptAnswer, QuizAttempt
from courses.models import Enrolment
from courses.selectors.progress import ModuleState, programme_progress
from courses.services.progress import complete_lesson
from lms.errors import Conflict, LMSError, NotAllowed, NotFound
from tests.assessments.conftest import right_answers, wrong_answers
from tests.factories import EnrolmentFactory, UserFactory
from tests.factories.assessments import SAMPLE_QUESTIONS

pytestmark = pytest.mark.django_db


def test_start_copies_the_questions_in_order_with_their_key(quiz, learner):
    attempt = services.start_attempt(user=learner, quiz=quiz)
    items = attempt.content["items"]
    assert [i["kind"] for i in items] == ["single", "multiple", "true_false", "single", "true_false"]
    assert items[3]["case"] == items[4]["case"] is not None
    assert attempt.content["pass_mark"] == 80
    assert attempt.number == 1 and attempt.deadline is None and attempt.is_open


def test_shuffling_keeps_a_case_together_and_changes_choice_order(quiz, learner):
    quiz.shuffle_questions = quiz.shuffle_choices = True
    quiz.save()
    orders = set()
    for _ in range(12):
        attempt = services.start_attempt(user=learner, quiz=quiz)
        items = attempt.content["items"]
        cases = [n for n, i in enumerate(items) if i["case"]]
        assert cases[1] == cases[0] + 1  # the case's two questions stay side by side, in order
        assert items[cases[0]]["kind"] == "single"
        orders.add(tuple(i["key"] for i in items))
        QuizAttempt.objects.filter(pk=attempt.pk).delete()
    assert len(orders) > 1


def test_a_double_start_returns_the_open_attempt(quiz, learner):
    first = services.start_attempt(user=learner, quiz=quiz)
    again = services.start_attempt(user=learner, quiz=quiz)
    assert again.pk == first.pk
    assert QuizAttempt.objects.count() == 1


def test_a_time_limit_sets_the_deadline(quiz, learner):
    quiz.time_limit_minutes = 20
    quiz.save()
    now = timezone.now()
    attempt = services.start_attempt(user=learner, quiz=quiz, now=now)
    assert attempt.deadline == now + datetime.timedelta(minutes=20)


def test_no_start_beyond_the_attempts_allowed(quiz, learner):
    for _ in range(quiz.attempts_allowed):
        attempt = services.start_attempt(user=learner, quiz=quiz)
        services.submit_attempt(user=learner, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    with pytest.raises(Conflict) as error:
        services.start_attempt(user=learner, quiz=quiz)
    assert error.value.code == "no_attempt_left"
    assert QuizAttempt.objects.count() == quiz.attempts_allowed


def test_no_new_attempt_once_passed(quiz, learner):
    attempt = services.start_attempt(user=learner, quiz=quiz)
    services.submit_attempt(user=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    with pytest.raises(Conflict) as error:
        services.start_attempt(user=learner, quiz=quiz)
    assert error.value.code == "passed"


def test_outsiders_and_inactive_learners_cannot_start(quiz, enrolment):
    with pytest.raises(NotAllowed):
        services.start_attempt(user=UserFactory(), quiz=quiz)
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.save()
    with pytest.raises(NotAllowed):
        services.start_attempt(user=enrolment.learner, quiz=quiz)
    assert not QuizAttempt.objects.exists()


def test_a_locked_module_refuses_its_quiz(tree, learner):
    from tests.factories import QuizFactory

    tree.programme.sequential_modules = True
    tree.programme.save()
    second = QuizFactory(module=tree.modules[1])
    with pytest.raises(NotAllowed) as error:
        services.start_attempt(user=learner, quiz=second)
    assert error.value.code == "locked"


def test_saving_then_submitting_grades_on_the_server(quiz, learner):
    attempt = services.start_attempt(user=learner, quiz=quiz)
    answers = right_answers(attempt)
    multiple = next(i for i in attempt.content["items"] if i["kind"] == "multiple")
    answers[multiple["key"]] = answers[multiple["key"]][:1]  # half of the multiple-choice question
    services.save_answers(user=learner, attempt_id=attempt.pk, answers=answers)
    graded = services.submit_attempt(user=learner, attempt_id=attempt.pk)
    assert graded.state == QuizAttempt.State.GRADED
    assert str(graded.score) == "90.00"  # (1 + 0.5 + 1 + 1 + 1) / 5
    assert graded.passed is True
    assert graded.close_reason == QuizAttempt.CloseReason.SUBMITTED
    scores = dict(AttemptAnswer.objects.filter(attempt=graded).values_list("question_key", "score"))
    assert str(scores[multiple["key"]]) == "0.5000"


def test_saving_again_replaces_the_answer_and_an_empty_list_clears_it(quiz, learner):
    attempt = services.start_attempt(user=learner, quiz=quiz)
    key = attempt.content["items"][0]["key"]
    choices = [c["key"] for c in attempt.content["items"][0]["choices"]]
    services.save_answers(user=learner, attempt_id=attempt.pk, answers={key: [choices[0]]})
    services.save_answers(user=learner, attempt_id=attempt.pk, answers={key: [choices[1]]})
    assert AttemptAnswer.objects.get(attempt=attempt, question_key=key).choice_keys == [choices[1]]
    services.save_answers(user=learner, attempt_id=attempt.pk, answers={key: []})
    assert AttemptAnswer.objects.get(attempt=attempt, question_key=key).choice_keys == []


def test_submit_twice_counts_once(quiz, learner):
    attempt = services.start_attempt(user=learner, quiz=quiz)
    first = services.submit_attempt(user=learner, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    second = services.submit_attempt(user=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    assert second.closed_at == first.closed_at and second.score == first.score == 0
    assert QuizAttempt.objects.get().score == 0


@pytest.mark.parametrize(
    ("tamper", "code"),
    [
        (lambda a, k, c: {"not-a-question": [c[0]]}, "unknown_question"),
        (lambda a, k, c: {k: ["forged-choice"]}, "unknown_choice"),
        (lambda a, k, c: {k: [c[0], c[0]]}, "unknown_choice"),
        (lambda a, k, c: {k: [c[0], c[1]]}, "one_choice"),
    ],
)
def test_tampered_answers_are_refused_and_nothing_is_stored(quiz, learner, tamper, code):
    attempt = services.start_attempt(user=learner, quiz=quiz)
    single = attempt.content["items"][0]
    choices = [c["key"] for c in single["choices"]]
    good = right_answers(attempt)
    answers = {**good, **tamper(attempt, single["key"], choices)}
    for service in (services.save_answers, services.submit_attempt):
        with pytest.raises(LMSError) as error:
            service(user=learner, attempt_id=attempt.pk, answers=answers)
        assert error.value.code == code and error.value.status == 400
    assert not AttemptAnswer.objects.exists()
    assert QuizAttempt.objects.get().is_open


def test_someone_elses_attempt_does_not_exist_for_them(quiz, learner, tree):
    attempt = services.start_attempt(user=learner, quiz=quiz)
    other = EnrolmentFactory(cohort=attempt.enrolment.cohort).learner
    for service in (services.save_answers, services.submit_attempt):
        with pytest.raises(NotFound):
            service(user=other, attempt_id=attempt.pk, answers=right_answers(attempt))
    assert not AttemptAnswer.objects.exists()
    assert QuizAttempt.objects.get().is_open


def test_a_closed_attempt_takes_no_more_answers(quiz, learner):
    attempt = services.start_attempt(user=learner, quiz=quiz)
    services.submit_attempt(user=learner, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    with pytest.raises(Conflict) as error:
        services.save_answers(user=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    assert error.value.code == "closed"
    assert QuizAttempt.objects.get().score == 0


def test_answers_after_the_deadline_do_not_count(quiz, learner):
    quiz.time_limit_minutes = 10
    quiz.save()
    start = timezone.now() - datetime.timedelta(minutes=30)
    attempt = services.start_attempt(user=learner, quiz=quiz, now=start)
    first = attempt.content["items"][0]
    in_time = {first["key"]: [c["key"] for c in first["choices"] if c["correct"]]}
    services.save_answers(
        user=learner, attempt_id=attempt.pk, answers=in_time, now=start + datetime.timedelta(minutes=5)
    )
    with pytest.raises(Conflict) as error:
        services.save_answers(user=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    assert error.value.code == "late"
    attempt.refresh_from_db()
    assert attempt.state == QuizAttempt.State.GRADED
    assert attempt.close_reason == QuizAttempt.CloseReason.DEADLINE
    assert attempt.closed_at == attempt.deadline
    assert str(attempt.score) == "20.00"  # only the answer saved in time counts
    assert AttemptAnswer.objects.filter(attempt=attempt).count() == 1


def test_a_late_submit_is_graded_on_what_was_saved_in_time(quiz, learner):
    quiz.time_limit_minutes = 10
    quiz.save()
    start = timezone.now() - datetime.timedelta(minutes=11)
    attempt = services.start_attempt(user=learner, quiz=quiz, now=start)
    graded = services.submit_attempt(user=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    assert graded.score == 0 and graded.close_reason == QuizAttempt.CloseReason.DEADLINE


def test_open_attempts_past_their_deadline_are_closed_by_the_periodic_task(quiz, learner):
    from assessments.tasks import close_expired_attempts_task

    quiz.time_limit_minutes = 5
    quiz.save()
    late = services.start_attempt(user=learner, quiz=quiz, now=timezone.now() - datetime.timedelta(hours=1))
    assert close_expired_attempts_task.delay().get() == 1
    late.refresh_from_db()
    assert late.state == QuizAttempt.State.GRADED and late.closed_at == late.deadline
    assert close_expired_attempts_task.delay().get() == 0  # safe to run again


def test_the_best_attempt_counts_and_passing_completes_the_module(tree, quiz, learner):
    for lesson in tree.lessons[:3]:
        complete_lesson(user=learner, lesson=lesson)
    progress = programme_progress(enrolment=learner.enrolments.get())
    assert progress.modules[0].state == ModuleState.IN_PROGRESS  # lessons done, quiz not passed
    assert progress.next_step.url == f"/quiz/{quiz.pk}/"
    attempt = services.start_attempt(user=learner, quiz=quiz)
    services.submit_attempt(user=learner, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    assert programme_progress(enrolment=learner.enrolments.get()).modules[0].state == ModuleState.IN_PROGRESS
    attempt = services.start_attempt(user=learner, quiz=quiz)
    services.submit_attempt(user=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    progress = programme_progress(enrolment=learner.enrolments.get())
    assert progress.modules[0].state == ModuleState.COMPLETED
    assert progress.modules[0].requirements[0].met


def test_editing_the_quiz_never_changes_a_graded_attempt(quiz, learner):
    attempt = services.start_attempt(user=learner, quiz=quiz)
    graded = services.submit_attempt(user=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    quiz.questions = stream_from_questions(SAMPLE_QUESTIONS[:1])
    quiz.pass_mark = 100
    quiz.save()
    graded.refresh_from_db()
    assert len(graded.content["items"]) == 5 and graded.score == 100 and graded.passed
