"""Writes of the assessments app, one module per area (quizzes, attendance, scheduling, rubrics).

The quiz services are re-exported here, as ``assessments.services.start_attempt`` and so on.
"""

from assessments.services.quizzes import (
    ALREADY_PASSED,
    ATTEMPT_CLOSED,
    ATTEMPT_NOT_FOUND,
    NO_ATTEMPT_LEFT,
    ONE_CHOICE_ONLY,
    QUIZ_NOT_AVAILABLE,
    TIME_IS_UP,
    UNKNOWN_CHOICE,
    UNKNOWN_QUESTION,
    QuizAccess,
    close_expired_attempts,
    own_attempt,
    quiz_access,
    save_answers,
    start_attempt,
    submit_attempt,
    validate_answers,
)

__all__ = [
    "ALREADY_PASSED",
    "ATTEMPT_CLOSED",
    "ATTEMPT_NOT_FOUND",
    "NO_ATTEMPT_LEFT",
    "ONE_CHOICE_ONLY",
    "QUIZ_NOT_AVAILABLE",
    "TIME_IS_UP",
    "UNKNOWN_CHOICE",
    "UNKNOWN_QUESTION",
    "QuizAccess",
    "close_expired_attempts",
    "own_attempt",
    "quiz_access",
    "save_answers",
    "start_attempt",
    "submit_attempt",
    "validate_answers",
]
