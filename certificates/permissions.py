"""Who may review and decide certification. Separation of duties: the person who runs the cohorts (manager) is
not the one who certifies (Certificateur URH), unless the union switches it off
(``CERTIFICATION_SEPARATION_OF_DUTIES=false``, e.g. for a very small team). The certification views
and services of issue #6 call this function; nothing else decides it.
"""

from django.conf import settings

from lms.accounts import roles


def user_can_decide_certification(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if roles.has_role(user, roles.CERTIFIER):
        return True
    if settings.CERTIFICATION_SEPARATION_OF_DUTIES:
        return False
    return roles.is_manager(user)


def user_can_review_certification(user) -> bool:
    """Certifiers and managers read the review queue, the evidence, the registry and any badge."""
    return roles.has_role(user, roles.CERTIFIER) or roles.is_manager(user)
