"""Models of the assessments app: quizzes and attempts, training sessions and attendance, rubrics,
satisfaction surveys."""

from assessments.models.quizzes import REVIEW_ORDER, AttemptAnswer, Quiz, QuizAttempt, ReviewLevel
from assessments.models.rubrics import Criterion, CriterionScore, Evaluation, Rubric, TrainerOpinion
from assessments.models.sessions import Attendance, AttendanceChange, TrainingSession
from assessments.models.surveys import SurveyKind, SurveyRequest, SurveyResponse

__all__ = [
    "REVIEW_ORDER",
    "AttemptAnswer",
    "Attendance",
    "AttendanceChange",
    "Criterion",
    "CriterionScore",
    "Evaluation",
    "Quiz",
    "QuizAttempt",
    "ReviewLevel",
    "Rubric",
    "SurveyKind",
    "SurveyRequest",
    "SurveyResponse",
    "TrainerOpinion",
    "TrainingSession",
]
