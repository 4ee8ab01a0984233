"""Candidates for certification, built through the real services: lessons completed, a quiz taken,
closed half-days attended or missed, the trainer's opinion."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from assessments import services as quiz_services
from assessments.models import Attendance, TrainingSession
from assessments.services.rubrics import give_opinion
from courses.models import LessonProgress
from lms.accounts import roles
from tests.factories import CohortFactory, EnrolmentFactory, QuizFactory, UserFactory, with_role


@dataclass
class Programme:
    tree: object
    cohort: object
    quiz: object
    trainer: object
    sessions: list


def programme(tree, *, sessions: int = 4, quiz=None) -> Programme:
    """A cohort of ``tree.programme`` with a quiz on the first module (``quiz``, or a new one) and
    closed half-days."""
    quiz = quiz or QuizFactory(module=tree.modules[0])
    cohort = CohortFactory(programme=tree.programme)
    trainer = with_role(UserFactory(), roles.TRAINER)
    cohort.trainers.add(trainer)
    held = []
    for number in range(sessions):
        start, end = TrainingSession.DEFAULT_TIMES["am"]
        held.append(
            TrainingSession.objects.create(
                cohort=cohort,
                title=f"Demi-journée {number + 1}",
                date=datetime.date(2026, 3, 2) + datetime.timedelta(days=number),
                half_day="am",
                starts_at=start,
                ends_at=end,
                state=TrainingSession.State.CLOSED,
                closed_at=timezone.now(),
                closed_by=trainer,
            )
        )
    return Programme(tree=tree, cohort=cohort, quiz=quiz, trainer=trainer, sessions=held)


def _answers(attempt, *, right: bool) -> dict[str, list[str]]:
    return {
        item["key"]: [next(c["key"] for c in item["choices"] if c["correct"] is right)]
        for item in attempt.content["items"]
    }


def candidate(
    p: Programme,
    *,
    lessons: bool = True,
    quiz: bool | None = True,
    attended: int | None = None,
    opinion: str | None = "favourable",
    **learner,
):
    """An enrolment of ``p.cohort``: all lessons done (or none), the quiz passed (True), failed
    (False) or never taken (None), ``attended`` of the closed half-days (all by default), and the
    trainer's opinion (None: not given)."""
    enrolment = EnrolmentFactory(cohort=p.cohort, **learner)
    if lessons:
        now = timezone.now()
        LessonProgress.objects.bulk_create(
            LessonProgress(enrolment=enrolment, lesson=lesson, completed_at=now) for lesson in p.tree.lessons
        )
    if quiz is not None:
        attempt = quiz_services.start_attempt(user=enrolment.learner, quiz=p.quiz)
        quiz_services.submit_attempt(
            user=enrolment.learner, attempt_id=attempt.pk, answers=_answers(attempt, right=quiz)
        )
    attended = len(p.sessions) if attended is None else attended
    for session in p.sessions[:attended]:
        Attendance.objects.create(
            session=session,
            enrolment=enrolment,
            status=Attendance.Status.PRESENT,
            method=Attendance.Method.TRAINER,
            marked_by=p.trainer,
            marked_at=timezone.now(),
        )
    if opinion is not None:
        give_opinion(enrolment=enrolment, opinion=opinion, comment="Avis motivé.", acting_user=p.trainer)
    return enrolment
