"""Who may read a lesson: enrolled learners of a started cohort and staff; the overview stays public."""

import datetime
import html

import pytest
from django.test import Client
from django.utils import timezone

from courses.models import Enrolment, LessonProgress
from lms.accounts import roles
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(tree):
    return CohortFactory(programme=tree.programme)


def test_programme_and_module_pages_stay_public(tree, client: Client):
    assert client.get(tree.programme.url).status_code == 200
    assert client.get(tree.modules[0].url).status_code == 200


def test_anonymous_visitor_is_sent_to_login_and_comes_back(tree, client: Client):
    lesson = tree.lessons[0]
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"] == f"/connexion/?next={lesson.url}"


def test_logged_in_outsider_gets_the_french_403(tree, client: Client):
    client.force_login(with_role(UserFactory(), roles.LEARNER))
    response = client.get(tree.lessons[0].url)
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


@pytest.mark.parametrize(
    ("status", "days_to_start", "expected"),
    [
        (Enrolment.Status.ACTIVE, -1, 200),
        (Enrolment.Status.COMPLETED, -1, 200),
        (Enrolment.Status.INVITED, -1, 403),
        (Enrolment.Status.WITHDRAWN, -1, 403),
        (Enrolment.Status.ACTIVE, 3, 403),  # the cohort has not started yet
    ],
)
def test_enrolment_status_and_cohort_start_decide(tree, client: Client, status, days_to_start, expected):
    today = timezone.localdate()
    cohort = CohortFactory(programme=tree.programme, starts_on=today + datetime.timedelta(days=days_to_start))
    enrolment = EnrolmentFactory(cohort=cohort, status=status)
    client.force_login(enrolment.learner)
    assert client.get(tree.lessons[0].url).status_code == expected


def test_enrolment_in_another_programme_gives_no_access(tree, client: Client):
    from tests.conftest import build_tree  # noqa: F401  (same tree helper, second programme below)
    from tests.factories import ProgrammePageFactory

    other = ProgrammePageFactory(parent=tree.home, slug="autre-programme", title="Autre programme")
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=other))
    client.force_login(enrolment.learner)
    assert client.get(tree.lessons[0].url).status_code == 403


def test_first_view_starts_the_lesson_once(tree, client: Client, cohort):
    enrolment = EnrolmentFactory(cohort=cohort)
    client.force_login(enrolment.learner)
    client.get(tree.lessons[0].url)
    client.get(tree.lessons[0].url)
    progress = LessonProgress.objects.get(enrolment=enrolment)
    assert progress.lesson_id == tree.lessons[0].pk
    assert progress.completed_at is None


def test_staff_read_without_enrolment_and_leave_no_progress(tree, client: Client):
    trainer = with_role(UserFactory(), roles.TRAINER)
    client.force_login(trainer)
    assert client.get(tree.lessons[0].url).status_code == 200
    assert not LessonProgress.objects.exists()


def test_sequential_programme_locks_the_next_module(tree, client: Client, cohort):
    tree.programme.sequential_modules = True
    tree.programme.save_revision().publish()
    enrolment = EnrolmentFactory(cohort=cohort)
    client.force_login(enrolment.learner)
    second_module_lesson = tree.lessons[3]
    response = client.get(second_module_lesson.url)
    assert response.status_code == 403
    assert "s'ouvrira quand le précédent sera terminé" in html.unescape(response.content.decode())
    for lesson in tree.lessons[:3]:
        LessonProgress.objects.create(enrolment=enrolment, lesson=lesson, completed_at=timezone.now())
    assert client.get(second_module_lesson.url).status_code == 200


@pytest.mark.parametrize("lessons_per_module", [3, 30])
def test_learner_lesson_page_query_count_is_fixed(client, lessons_per_module, django_assert_num_queries):
    from tests.conftest import build_tree

    tree = build_tree(modules=2, lessons_per_module=lessons_per_module)
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme))
    for lesson in tree.lessons[: lessons_per_module // 2]:
        LessonProgress.objects.create(enrolment=enrolment, lesson=lesson, completed_at=timezone.now())
    client.force_login(enrolment.learner)
    url = tree.lessons[1].url
    client.get(url)  # warm-up (and the lesson is now started)
    # quality.md: <= 12 for a learner's lesson page with progress, identical whatever the size.
    # 2 session/user; 6 Wagtail (site, home page, page lookup and its specific row, 2 view-restriction
    # checks); 1 lesson place; 1 enrolment; 2 progress (the programme's pages, the progress rows).
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200
