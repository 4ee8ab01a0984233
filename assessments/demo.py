"""Demo quizzes (the bank in ``cms/content/quizzes/``) and demo learners' attempts, passed and failed.

Then the demo cohort's training sessions, registers, rubric and scoring (``assessments.demo_sessions``),
and the satisfaction surveys of its closed sessions (``assessments.demo_surveys``).
Loaded by ``load_demo`` after the courses demo. Attempts go through the real services, so their
scores are computed exactly as a learner's would be. Running it again adds nothing.
"""

import datetime
from collections.abc import Iterator

from django.utils import timezone

from assessments import demo_sessions, demo_surveys, services
from assessments.importer import describe, import_quizzes
from assessments.models import Quiz, QuizAttempt
from courses.models import Enrolment

# e-mail -> for each module number in order, the attempts to make: True = all right, False = half wrong.
DEMO_ATTEMPTS = {
    "apprenant@example.org": {1: [False]},
    "ines.mercier@example.org": {1: [False, True], 2: [True], 3: [True]},
    "lea.durand@example.org": {n: [True] for n in range(1, 9)} | {4: [False, False, True]},
}


def load(*, password: str) -> Iterator[str]:
    from cms import curriculum
    from cms.models import ProgrammePage

    programme = ProgrammePage.objects.get(slug=curriculum.programme()["slug"])
    for outcome in import_quizzes(programme=programme):
        yield describe(outcome)
    quizzes = {
        q.module.number: q
        for q in Quiz.objects.select_related("module").filter(module__in=programme.get_children())
    }
    for email, plan in DEMO_ATTEMPTS.items():
        enrolment = Enrolment.objects.filter(learner__email=email, cohort__programme=programme).first()
        if enrolment is None or QuizAttempt.objects.filter(enrolment=enrolment).exists():
            continue
        made = 0
        for number, outcomes in sorted(plan.items()):
            if number in quizzes:
                made += _attempts(enrolment, quizzes[number], outcomes)
        yield f"tentatives de démonstration : {email} ({made})"
    yield from demo_sessions.load()
    yield from demo_surveys.load()


def _attempts(enrolment: Enrolment, quiz: Quiz, outcomes: list[bool]) -> int:
    user = enrolment.learner
    started = timezone.now() - datetime.timedelta(days=len(outcomes) + 1)
    for index, all_right in enumerate(outcomes):
        now = started + datetime.timedelta(days=index)
        attempt = services.start_attempt(user=user, quiz=quiz, now=now)
        answers = _answers(attempt.content["items"], all_right=all_right)
        services.submit_attempt(
            user=user, attempt_id=attempt.pk, answers=answers, now=now + datetime.timedelta(minutes=9)
        )
    return len(outcomes)


def _answers(items: list[dict], *, all_right: bool) -> dict[str, list[str]]:
    """Right answers, or right answers to every other question only (a clear fail)."""
    answers = {}
    for position, item in enumerate(items):
        right = [c["key"] for c in item["choices"] if c["correct"]]
        wrong = [c["key"] for c in item["choices"] if not c["correct"]]
        answers[item["key"]] = right if all_right or position % 2 == 0 else wrong[:1]
    return answers
