"""Template helpers of certification on « Mon parcours ».

"Mon parcours" belongs to the courses app, which does not import this one: each journey's
certification reaches its context through the ``courses_dashboard_context`` hook
(``certificates/wagtail_hooks.py``) as ``certification`` ({enrolment id: JourneyCertification}).
"""

from django import template

register = template.Library()


@register.filter
def certification_of(certification: dict, enrolment_id: int):
    return certification.get(enrolment_id) if certification else None
