"""Template helpers of the URH dashboard: whole numbers the French way."""

from django import template

from lms.steering.charts import french_int

register = template.Library()


@register.filter
def fr_int(value) -> str:
    """12345 → « 12 345 » (non-breaking space); anything else as it is."""
    return french_int(value) if isinstance(value, int) else value
