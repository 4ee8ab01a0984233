"""Wagtail hooks of the certification app: the rules' admin viewset, the certification block of
« Mon parcours », and the RGPD export and erasure of certificates (``certificates/privacy.py``)."""

from wagtail import hooks

from certificates import privacy
from courses.selectors.dashboard import DASHBOARD_HOOK

hooks.register("privacy_export_sections", privacy.export_section)
hooks.register("privacy_erase_person", privacy.erase_holder)


@hooks.register("register_admin_viewset")
def register_certification_rule_admin():
    from certificates.admin_viewsets import rule_viewset

    return rule_viewset


@hooks.register(DASHBOARD_HOOK)
def certification_on_the_dashboard(*, user, journeys) -> dict:
    """Each journey's certificate, refusal or eligibility (« Il vous manque : … »), for « Mon
    parcours »: 2 queries, plus about ten per journey neither certified nor refused; none without a
    journey."""
    from certificates.selectors.public import journeys_certification

    enrolments = [journey.enrolment for journey in journeys]
    return {"certification": journeys_certification(enrolments=enrolments) if enrolments else {}}
