"""Demo satisfaction surveys: the end-of-session surveys of the demo cohort's closed sessions, answered
by some demo learners, so that the reports (``/gestion/enquetes/``) show figures, a masked group and
comments.

Loaded by ``assessments.demo.load`` after the sessions. The requests are opened and answered through
the survey services, at the moments they would have happened (sent a quarter of an hour after the
closing, answered the next day); no e-mail is sent. Session 4 gets only two answers: its results stay
masked, as the anonymity rule wants. A session whose survey already exists is left alone, so running
the loader again adds nothing.
"""

import datetime
from collections.abc import Iterator

from assessments.models import SurveyRequest, TrainingSession
from assessments.services import surveys

CAMILLE = "apprenant@example.org"
LEA = "lea.durand@example.org"
INES = "ines.mercier@example.org"
HUGO = "hugo.lefebvre@example.org"


def _answers(satisfaction: int, usefulness: int, clarity: int, pace: str, improve: str = "") -> dict:
    return {
        "satisfaction": [str(satisfaction)],
        "usefulness": [str(usefulness)],
        "clarity": [str(clarity)],
        "pace": [pace],
        "improve": [improve],
    }


# Demo session number (assessments.demo_sessions.DEMO_SESSIONS) -> e-mail -> answers.
DEMO_ANSWERS = {
    1: {
        CAMILLE: _answers(5, 4, 5, "right", "Prévoir plus de temps pour les questions sur la chronologie."),
        LEA: _answers(4, 5, 4, "right"),
        INES: _answers(4, 4, 3, "fast", "Les textes de loi projetés étaient difficiles à lire au fond."),
        HUGO: _answers(3, 4, 4, "right"),
    },
    2: {
        LEA: _answers(5, 5, 5, "right", "Les exemples de cotation ont rendu la réforme concrète."),
        INES: _answers(4, 5, 4, "fast"),
        HUGO: _answers(4, 3, 4, "right", "Un support imprimable de la séance serait utile."),
    },
    4: {
        LEA: _answers(5, 5, 4, "right"),
        CAMILLE: _answers(4, 5, 4, "slow"),
    },
}
SENT_AFTER = datetime.timedelta(minutes=15)
ANSWERED_AFTER = datetime.timedelta(days=1)


def load() -> Iterator[str]:
    from assessments.demo_sessions import DEMO_SESSIONS
    from courses.demo import COHORT_NAME

    titles = {plan.number: plan.title for plan in DEMO_SESSIONS}
    sessions = TrainingSession.objects.filter(
        cohort__name=COHORT_NAME, state=TrainingSession.State.CLOSED, title__in=titles.values()
    )
    by_title = {session.title: session for session in sessions}
    for number, answers in DEMO_ANSWERS.items():
        session = by_title.get(titles.get(number, ""))
        if session is None or SurveyRequest.objects.filter(session=session).exists():
            continue
        yield _survey(session, answers)


def _survey(session: TrainingSession, answers: dict) -> str:
    surveys.open_session_requests(session=session)
    sent_at = session.closed_at + SENT_AFTER
    answered = 0
    requests = SurveyRequest.objects.filter(session=session).select_related("enrolment__learner")
    for request in requests:
        surveys.mark_sent(request, now=sent_at)
        given = answers.get(request.enrolment.learner.email)
        if given is not None:
            token = surveys.survey_token(request)
            surveys.submit_survey(token=token, answers=given, now=sent_at + ANSWERED_AFTER)
            answered += 1
    return f"enquête de fin de séance : {session.title} ({len(requests)} envoyées, {answered} réponses)"
