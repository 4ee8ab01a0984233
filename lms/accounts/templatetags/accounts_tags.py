"""Template helpers of the accounts app."""

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def total_minutes(value) -> int:
    """A cool-off ``timedelta`` as whole minutes (rounded up), for the lockout page."""
    if not isinstance(value, timedelta):
        return 0
    return -(-int(value.total_seconds()) // 60)
