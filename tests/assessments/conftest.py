"""Fixtures of the quiz tests: a programme with a quiz on its first module and an enrolled learner."""

import pytest

from tests.factories import CohortFactory, EnrolmentFactory, QuizFactory


@pytest.fixture
def quiz(tree):
    return QuizFactory(module=tree.modules[0])


@pytest.fixture
def enrolment(tree):
    return EnrolmentFactory(cohort=CohortFactory(programme=tree.programme))


@pytest.fixture
def learner(enrolment):
    return enrolment.learner


def right_answers(attempt) -> dict[str, list[str]]:
    return {
        item["key"]: [c["key"] for c in item["choices"] if c["correct"]] for item in attempt.content["items"]
    }


def wrong_answers(attempt) -> dict[str, list[str]]:
    return {
        item["key"]: [next(c["key"] for c in item["choices"] if not c["correct"])]
        for item in attempt.content["items"]
    }
