"""Completing lessons: explicit, idempotent, only for one's own programme; module completion and bars."""

import pytest
from django.test import Client
from django.utils import timezone

from courses.models import Enrolment, LessonProgress
from courses.selectors.progress import ModuleState, programme_progress
from courses.services.progress import complete_lesson
from lms.errors import NotAllowed
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolment(tree):
    return EnrolmentFactory(cohort=CohortFactory(programme=tree.programme))


def test_completing_twice_keeps_one_row_and_the_first_time(tree, enrolment):
    first = complete_lesson(user=enrolment.learner, lesson=tree.lessons[0])
    again = complete_lesson(user=enrolment.learner, lesson=tree.lessons[0])
    assert LessonProgress.objects.filter(enrolment=enrolment).count() == 1
    assert again.completed_at == first.completed_at


def test_outsider_cannot_complete_and_nothing_is_written(tree):
    with pytest.raises(NotAllowed):
        complete_lesson(user=UserFactory(), lesson=tree.lessons[0])
    assert not LessonProgress.objects.exists()


def test_a_withdrawn_or_finished_learner_records_nothing(tree, enrolment):
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.save()
    with pytest.raises(NotAllowed):
        complete_lesson(user=enrolment.learner, lesson=tree.lessons[0])
    assert not LessonProgress.objects.exists()


def test_module_completes_when_all_its_live_lessons_are_completed(tree, enrolment):
    for lesson in tree.lessons[:2]:
        complete_lesson(user=enrolment.learner, lesson=lesson)
    progress = programme_progress(enrolment=enrolment)
    assert progress.modules[0].state == ModuleState.IN_PROGRESS
    assert progress.next_step.page.pk == tree.lessons[2].pk
    tree.lessons[2].unpublish()  # a draft lesson does not count
    progress = programme_progress(enrolment=enrolment)
    assert progress.modules[0].state == ModuleState.COMPLETED
    assert progress.modules[1].state == ModuleState.NOT_STARTED
    assert progress.next_step.page.pk == tree.lessons[3].pk
    assert (progress.completed_count, progress.lesson_count, progress.percent) == (2, 5, 40)


def test_button_posts_and_the_bar_moves(tree, enrolment, client: Client):
    client.force_login(enrolment.learner)
    lesson = tree.lessons[0]
    html = client.get(lesson.url).content.decode()
    assert "J'ai terminé cette leçon" in html
    assert 'value="0"' in html
    response = client.post(f"/lecons/{lesson.pk}/terminer/", {"next": lesson.url})
    assert response.status_code == 302 and response["Location"] == lesson.url
    html = client.get(lesson.url).content.decode()
    assert "Leçon terminée" in html
    assert 'value="33"' in html  # 1 of 3 lessons of the module
    # A double click changes nothing.
    client.post(f"/lecons/{lesson.pk}/terminer/", {"next": lesson.url})
    assert LessonProgress.objects.filter(completed_at__isnull=False).count() == 1


def test_completion_is_a_post_and_refuses_foreign_redirects(tree, enrolment, client: Client):
    client.force_login(enrolment.learner)
    lesson = tree.lessons[0]
    assert client.get(f"/lecons/{lesson.pk}/terminer/").status_code == 405
    response = client.post(f"/lecons/{lesson.pk}/terminer/", {"next": "https://evil.example.org/"})
    assert response["Location"] == lesson.url


def test_forged_completion_by_an_outsider_is_a_clear_403(tree, client: Client):
    client.force_login(UserFactory())
    response = client.post(f"/lecons/{tree.lessons[0].pk}/terminer/")
    assert response.status_code == 403
    assert "pas inscrit" in response.content.decode()
    assert not LessonProgress.objects.exists()


def test_unknown_lesson_is_404(client: Client, enrolment):
    client.force_login(enrolment.learner)
    assert client.post("/lecons/999999/terminer/").status_code == 404


def test_forged_post_without_csrf_token_writes_nothing(tree, enrolment):
    client = Client(enforce_csrf_checks=True)
    client.force_login(enrolment.learner)
    assert client.post(f"/lecons/{tree.lessons[0].pk}/terminer/").status_code == 403
    assert not LessonProgress.objects.exists()


def test_programme_and_module_pages_show_the_learners_progress(tree, enrolment, client: Client):
    LessonProgress.objects.create(enrolment=enrolment, lesson=tree.lessons[0], completed_at=timezone.now())
    client.force_login(enrolment.learner)
    programme_html = client.get(tree.programme.url).content.decode()
    assert "Ma progression" in programme_html
    assert f'href="{tree.lessons[1].url}"' in programme_html  # "Reprendre" goes to the next lesson
    assert "Reprendre" in programme_html
    module_html = client.get(tree.modules[0].url).content.decode()
    assert "Leçons terminées : 1 sur 3 (33 %)" in module_html
    assert "terminée</span>" in module_html
