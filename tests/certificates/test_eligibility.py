"""Eligibility as data: each rule, each reason, the « réservé » override, cohort = enrolment."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.models import CertificationRule
from certificates.selectors.eligibility import (
    ATTENDANCE,
    MODULES,
    OPINION,
    QUIZ,
    cohort_eligibility,
    enrolment_eligibility,
    quiz_average,
)
from courses.models import Cohort
from tests.certificates.candidates import candidate, programme
from tests.factories import QuizFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def p(tree):
    return programme(tree)


def _both(enrolment):
    """The learner's eligibility, checked equal through the cohort reading."""
    alone = enrolment_eligibility(enrolment=enrolment)
    cohort = enrolment.cohort.__class__.objects.select_related("programme").get(pk=enrolment.cohort_id)
    assert cohort_eligibility(cohort=cohort)[enrolment.pk] == alone
    return alone


def test_a_complete_candidate_is_eligible(p):
    eligibility = _both(candidate(p))
    assert eligibility.eligible
    assert eligibility.reasons == ()
    assert [check.code for check in eligibility.checks] == [MODULES, QUIZ, ATTENDANCE, OPINION]
    assert eligibility.modules_completed == eligibility.modules_total == 2
    assert eligibility.quiz_average >= 70  # the sample quiz's first correct choices: 90 %
    assert eligibility.attendance.percent == 100


def test_unfinished_lessons_leave_modules_missing(p):
    eligibility = _both(candidate(p, lessons=False))
    assert not eligibility.eligible
    assert [reason.code for reason in eligibility.reasons] == [MODULES]
    assert "terminer 2 module(s)" in eligibility.reasons[0].missing


def test_a_failed_quiz_misses_the_average_and_its_module(p):
    eligibility = _both(candidate(p, quiz=False))
    assert {reason.code for reason in eligibility.reasons} == {MODULES, QUIZ}
    quiz = next(reason for reason in eligibility.reasons if reason.code == QUIZ)
    assert eligibility.quiz_average < 70
    assert "au moins 70 %" in quiz.missing and "actuellement" in quiz.missing


def test_a_quiz_never_taken_counts_zero(p):
    eligibility = _both(candidate(p, quiz=None))
    assert eligibility.quiz_average == 0


def test_quiz_average_is_the_mean_of_best_scores_with_missing_quizzes_at_zero():
    assert quiz_average([], 0) is None
    assert quiz_average([80, None], 2) == 40
    assert str(quiz_average([70, 75, 100], 3)) == "81.67"


def test_attendance_below_the_threshold_is_a_reason(p):
    eligibility = _both(candidate(p, attended=3))  # 75 % < 80 %
    assert [reason.code for reason in eligibility.reasons] == [ATTENDANCE]
    assert "actuellement 75 %" in eligibility.reasons[0].missing
    assert "3 demi-journée(s) sur 4" in eligibility.reasons[0].detail


def test_no_closed_half_day_is_not_enough(tree):
    p = programme(tree, sessions=0)
    eligibility = _both(candidate(p))
    assert [reason.code for reason in eligibility.reasons] == [ATTENDANCE]


@pytest.mark.parametrize(
    ("opinion", "overridable"),
    [("reserved", True), ("unfavourable", False), (None, False)],
)
def test_only_a_favourable_opinion_meets_the_rule(p, opinion, overridable):
    eligibility = _both(candidate(p, opinion=opinion))
    assert [reason.code for reason in eligibility.reasons] == [OPINION]
    assert eligibility.needs_override is overridable
    assert eligibility.approvable is overridable


def test_reserved_with_another_gap_cannot_be_overridden(p):
    eligibility = _both(candidate(p, opinion="reserved", attended=1))
    assert not eligibility.needs_override and not eligibility.approvable


def test_rules_are_data_per_programme(p):
    enrolment = candidate(p, quiz=False, attended=1, opinion=None, lessons=False)
    assert len(enrolment_eligibility(enrolment=enrolment).reasons) == 4
    CertificationRule.objects.create(
        programme=p.tree.programme,
        require_all_modules=False,
        min_quiz_score=None,
        min_attendance=25,
        require_favourable_opinion=False,
    )
    eligibility = _both(enrolment)
    assert eligibility.eligible
    assert [check.code for check in eligibility.checks] == [ATTENDANCE]


def test_as_dict_is_the_stored_evidence(p):
    data = enrolment_eligibility(enrolment=candidate(p, attended=2)).as_dict()
    assert data["eligible"] is False
    assert data["attendance_percent"] == 50
    assert [check["code"] for check in data["checks"] if not check["met"]] == [ATTENDANCE]


def test_cohort_eligibility_reads_in_the_same_number_of_queries_at_two_sizes(tree):
    quiz = QuizFactory(module=tree.modules[0])

    def count(size: int) -> int:
        p = programme(tree, sessions=2, quiz=quiz)
        for number in range(size):
            opinion = ("favourable", "reserved")[number % 2]
            candidate(p, quiz=number % 2 == 0, attended=number % 3, opinion=opinion)
        cohort = Cohort.objects.select_related("programme").get(pk=p.cohort.pk)
        with CaptureQueriesContext(connection) as queries:
            result = cohort_eligibility(cohort=cohort)
        assert len(result) == size
        assert size < 3 or any(e.eligible for e in result.values())
        return len(queries)

    assert count(2) == count(12)
