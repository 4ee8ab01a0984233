"""Wagtail hooks of the public and learner side of certification, imported by
``certificates/wagtail_hooks.py``: the certification block of « Mon parcours » and the RGPD export
and erasure of certificates (``certificates/privacy.py``)."""

from wagtail import hooks

from certificates import privacy
from courses.selectors.dashboard import DASHBOARD_HOOK

hooks.register("privacy_export_sections", privacy.export_section)
hooks.register("privacy_erase_person", privacy.erase_holder)


@hooks.register(DASHBOARD_HOOK)
def certification_on_the_dashboard(*, user, journeys) -> dict:
    """Each journey's certificate, refusal or eligibility (« Il vous manque : … »), for « Mon
    parcours »: 2 queries, plus about ten per journey neither certified nor refused; none without a
    journey."""
    from certificates.selectors.public import journeys_certification

    enrolments = [journey.enrolment for journey in journeys]
    return {"certification": journeys_certification(enrolments=enrolments) if enrolments else {}}
