"""Lesson progress: started on first view, completed by the learner's explicit action (idempotent)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment, LessonProgress
from courses.selectors.progress import ModuleState, programme_progress, reading_enrolment
from lms.errors import NotAllowed

NOT_ENROLLED = _("Vous n'êtes pas inscrit·e dans une promotion en cours de ce programme.")
MODULE_LOCKED = _("Ce module s'ouvrira quand le précédent sera terminé.")
NOT_ACTIVE = _("Votre inscription ne permet plus d'enregistrer de progression.")


def record_lesson_view(*, enrolment: Enrolment, lesson) -> LessonProgress:
    """Mark the lesson as started for this enrolment; a repeat view changes nothing."""
    progress = LessonProgress.objects.filter(enrolment=enrolment, lesson_id=lesson.pk).first()
    if progress is not None:
        return progress
    try:
        with transaction.atomic():
            return LessonProgress.objects.create(enrolment=enrolment, lesson_id=lesson.pk)
    except IntegrityError:  # a concurrent first view won the race
        return LessonProgress.objects.get(enrolment=enrolment, lesson_id=lesson.pk)


def complete_lesson(*, user, lesson) -> LessonProgress:
    """Mark ``lesson`` completed for ``user``; completing it again keeps the first completion time."""
    enrolment = reading_enrolment(user=user, page=lesson)
    if enrolment is None:
        raise NotAllowed(NOT_ENROLLED, code="not_enrolled")
    if enrolment.status != Enrolment.Status.ACTIVE:
        raise NotAllowed(NOT_ACTIVE, code="not_active")
    module, _status = programme_progress(enrolment=enrolment).lesson(lesson.pk)
    if module is None:
        raise NotAllowed(NOT_ENROLLED, code="not_in_programme")
    if module.state == ModuleState.LOCKED:
        raise NotAllowed(MODULE_LOCKED, code="locked")
    progress = record_lesson_view(enrolment=enrolment, lesson=lesson)
    LessonProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
        completed_at=timezone.now()
    )
    progress.refresh_from_db(fields=["completed_at"])
    return progress
