"""Template context shared by every page."""

from django.conf import settings


def site(request):
    return {"SITE_NAME": settings.WAGTAIL_SITE_NAME}


def staff_links(request):
    """Whether the header shows the staff links: a flag set in the session at login (no query)."""
    from lms.accounts.twofactor import CERTIFICATION_MEMBER_FLAG, STAFF_MEMBER_FLAG

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"SHOW_STAFF_LINKS": False, "SHOW_CERTIFICATION_LINKS": False}
    return {
        "SHOW_STAFF_LINKS": bool(request.session.get(STAFF_MEMBER_FLAG)),
        "SHOW_CERTIFICATION_LINKS": bool(request.session.get(CERTIFICATION_MEMBER_FLAG)),
    }
