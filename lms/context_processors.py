"""Template context shared by every page."""

from django.conf import settings


def site(request):
    return {"SITE_NAME": settings.WAGTAIL_SITE_NAME}


def staff_links(request):
    """Whether the header shows the staff links: a flag set in the session at login (no query)."""
    from lms.accounts.twofactor import STAFF_MEMBER_FLAG

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"SHOW_STAFF_LINKS": False}
    return {"SHOW_STAFF_LINKS": bool(request.session.get(STAFF_MEMBER_FLAG))}
