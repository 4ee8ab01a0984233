"""Template helpers of the schedule: the next sessions on "Mon parcours", the private feed's address.

"Mon parcours" belongs to the courses app, which does not import this one: the next sessions reach
its context through the ``courses_dashboard_context`` hook (``assessments/wagtail_hooks.py``).
"""

from django import template
from django.urls import reverse

from assessments.calendar import absolute_url, feed_token

register = template.Library()


@register.filter
def sessions_of(upcoming: dict, cohort_id: int) -> list:
    return upcoming.get(cohort_id, []) if upcoming else []


@register.simple_tag(takes_context=True)
def calendar_feed_url(context) -> str:
    """The absolute address of the signed-in person's private feed, on ``SITE_URL`` (no query)."""
    return absolute_url(reverse("assessments:calendar-feed", args=[feed_token(context["request"].user)]))
