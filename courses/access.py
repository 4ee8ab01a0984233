"""Access to lesson pages and the learner's progress on programme pages, wired through a Wagtail hook.

``cms`` knows nothing of enrolments: this module decides who may read a lesson and attaches the
learner's progress to ``request.learning`` for the page templates.
"""

from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from wagtail.models import Page

from cms.selectors import place_among
from courses.models import Enrolment
from courses.permissions import user_reads_content_as_staff
from courses.selectors.progress import (
    LessonStatus,
    ModuleProgress,
    ModuleState,
    ProgrammeProgress,
    programme_progress,
    reading_enrolment,
)
from courses.services.progress import MODULE_LOCKED, record_lesson_view


@dataclass(frozen=True)
class Learning:
    progress: ProgrammeProgress
    module: ModuleProgress | None = None
    lesson: LessonStatus | None = None

    @property
    def can_record(self) -> bool:
        return self.progress.enrolment.status == Enrolment.Status.ACTIVE


def guard_page(page: Page, request):
    """``before_serve_page``: lessons are for enrolled learners and staff; progress for the others."""
    from cms.models import LessonPage, ModulePage, ProgrammePage

    if isinstance(page, LessonPage):
        return _guard_lesson(page, request)
    if isinstance(page, ProgrammePage | ModulePage) and request.user.is_authenticated:
        enrolment = reading_enrolment(user=request.user, page=page)
        if enrolment is not None:
            progress = programme_progress(enrolment=enrolment)
            request.learning = Learning(progress=progress, module=progress.module(page.pk))
    return None


def _guard_lesson(lesson, request):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    enrolment = reading_enrolment(user=user, page=lesson)
    if enrolment is None:
        if user_reads_content_as_staff(user):
            return None
        raise PermissionDenied
    progress = programme_progress(enrolment=enrolment)
    module, status = progress.lesson(lesson.pk)
    if module is None:
        raise PermissionDenied
    if module.state == ModuleState.LOCKED:
        return render(
            request, "courses/locked.html", {"message": MODULE_LOCKED, "progress": progress}, status=403
        )
    if not status.started and enrolment.status == Enrolment.Status.ACTIVE:
        record_lesson_view(enrolment=enrolment, lesson=lesson)
        status = LessonStatus(page=status.page, started=True, completed=False)
    request.learning = Learning(progress=progress, module=module, lesson=status)
    request.lesson_place = place_among(
        lesson=lesson,
        ancestors=[*progress.ancestors, module.page],
        siblings=[item.page for item in module.lessons],
    )
    return None
