"""The dashboard reuses the platform's definitions: its multi-cohort readings (eligibility, attendance,
module completion) give what the per-cohort readings give, and its progress buckets in SQL what the
matrix's rounded-down percentage gives."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.selectors.attendance import attendance_rates_for, cohort_attendance_rates
from certificates.models import CertificationRule
from certificates.selectors.eligibility import cohort_eligibility, eligibility_for_enrolments
from courses.models import Cohort, Enrolment
from courses.selectors.matrix import cohort_progress_matrix, module_completion, programme_modules
from lms.steering.selectors.dashboard import dashboard
from lms.steering.selectors.figures import PROGRESS_BUCKETS, progress_bucket, progress_thresholds
from lms.steering.selectors.scope import DashboardFilters
from tests.certificates.candidates import candidate, programme
from tests.conftest import Tree
from tests.factories import LessonPageFactory, ModulePageFactory, ProgrammePageFactory
from tests.steering.dashboard_fixtures import build_world, complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tree):
    return build_world(tree)


def _cohorts():
    return list(Cohort.objects.select_related("programme").order_by("pk"))


def test_eligibility_across_cohorts_and_programmes_equals_each_cohorts_reading(world):
    across = eligibility_for_enrolments(enrolments=Enrolment.objects.all())
    expected = {}
    for cohort in _cohorts():
        expected |= cohort_eligibility(cohort=cohort)
    assert across == expected
    assert {pk for pk, eligibility in across.items() if eligibility.eligible} == {
        world.people.l1.pk,
        world.people.l2.pk,  # eligible, but certified: the dashboard counts L1 alone
        world.people.m1.pk,
    }


def test_eligibility_across_cohorts_reads_in_a_fixed_number_of_queries(world, tree):
    with CaptureQueriesContext(connection) as few:
        eligibility_for_enrolments(enrolments=Enrolment.objects.filter(cohort=world.a.cohort))
    for _ in range(3):
        candidate(programme(tree, quiz=world.a.quiz))
    with CaptureQueriesContext(connection) as more:
        assert len(eligibility_for_enrolments(enrolments=Enrolment.objects.all())) == 13
    assert len(more.captured_queries) == len(few.captured_queries)


def test_attendance_rates_across_cohorts_equal_each_cohorts_rates(world):
    expected = {}
    for cohort in _cohorts():
        expected |= cohort_attendance_rates(cohort=cohort)
    assert attendance_rates_for(enrolments=Enrolment.objects.all()) == expected


def test_module_completion_counts_what_the_matrix_counts(world, tree):
    tree.lessons[0].unpublish()  # a draft lesson and a draft module's lessons are not counted
    tree.modules[1].unpublish()
    cohorts = _cohorts()
    modules = programme_modules(programmes=[cohort.programme for cohort in cohorts])
    completion = module_completion(enrolments=Enrolment.objects.values("pk"), programmes=modules)
    for cohort in cohorts:
        matrix = cohort_progress_matrix(cohort=cohort)
        assert modules[cohort.programme_id].lesson_count == matrix.lesson_count
        for row in matrix.rows:
            done = sum(1 for cell in row.cells if cell.state == "completed")
            assert completion.completed_modules(row.enrolment_id, cohort.programme_id) == (
                done,
                len(row.cells),
            )


def test_a_rule_without_the_opinion_lets_learners_without_one_be_counted(world):
    """The dashboard evaluates only the learners who could be eligible: with a favourable opinion, or
    in a programme whose rule does without it."""
    CertificationRule.objects.create(
        programme=world.b.tree.programme,
        require_all_modules=False,
        min_quiz_score=None,
        min_attendance=None,
        require_favourable_opinion=False,
    )
    # Nothing left to ask: M2 (reserved), M3 and M4 (no opinion) are eligible; M1 is certified.
    assert dashboard(filters=DashboardFilters(cohort=world.b.cohort.pk)).total.eligible == 3
    assert dashboard(filters=DashboardFilters(cohort=world.a.cohort.pk)).total.eligible == 1


@pytest.mark.parametrize("total", [1, 3, 4, 6, 7, 9, 100])
def test_progress_thresholds_give_the_matrix_percentage_buckets(total):
    quarter, half, three_quarters = progress_thresholds(total)
    for done in range(total + 1):
        percent = done * 100 // total
        low, high, _label = PROGRESS_BUCKETS[progress_bucket(done, total)]
        assert low <= percent <= high
        assert (done >= quarter) == (percent >= 25)
        assert (done >= half) == (percent >= 50)
        assert (done >= three_quarters) == (percent >= 75)
    assert progress_bucket(0, 0) == 0


def test_the_sql_buckets_are_the_python_buckets(tree):
    """A programme of seven lessons, learners with 0 to 7 of them completed (0, 14, 28, 42, 57, 71, 85
    and 100 %), and one more with lessons of the other programme completed (they do not count)."""
    page = ProgrammePageFactory(parent=tree.home, slug="programme-sept", title="Sept leçons")
    module = ModulePageFactory(parent=page, slug="module-sept", number=1)
    lessons = [LessonPageFactory(parent=module, slug=f"lecon-{n}") for n in range(7)]
    p = programme(Tree(home=tree.home, programme=page, modules=[module], lessons=lessons), sessions=0)
    for done in range(len(lessons) + 1):
        complete(candidate(p, lessons=False, quiz=None, opinion=None), lessons[:done])
    complete(candidate(p, lessons=False, quiz=None, opinion=None), tree.lessons)
    result = dashboard(filters=DashboardFilters(cohort=p.cohort.pk)).total
    assert result.progress == (2, 1, 2, 2, 1, 1)
    expected = [0] * len(PROGRESS_BUCKETS)
    for done in [*range(len(lessons) + 1), 0]:
        expected[progress_bucket(done, len(lessons))] += 1
    assert result.progress == tuple(expected)
