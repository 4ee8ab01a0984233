"""Presentation helpers for the programme pages."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def duration(minutes) -> str:
    """75 -> "1 h 15", 45 -> "45 min", 120 -> "2 h"."""
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)d min") % {"minutes": rest}
    if not rest:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(hours)d h %(minutes)02d") % {"hours": hours, "minutes": rest}


@register.simple_tag
def lesson_count(count: int) -> str:
    return ngettext("%(count)d leçon", "%(count)d leçons", count) % {"count": count}


@register.simple_tag
def module_state(learning, module_id: int):
    """The learner's progress in one module, from what the courses hook attached (no query)."""
    return learning.progress.module(module_id) if learning else None


@register.simple_tag
def lesson_state(module, lesson_id: int):
    """The learner's status for one lesson of ``module`` (no query)."""
    return (
        next((lesson for lesson in module.lessons if lesson.page.pk == lesson_id), None) if module else None
    )
