"""Wagtail hooks of the courses app: lesson access and progress on the programme's pages."""

from wagtail import hooks

from courses.access import guard_page


@hooks.register("before_serve_page")
def restrict_lessons_and_attach_progress(page, request, serve_args, serve_kwargs):
    return guard_page(page, request)


@hooks.register("register_admin_viewset")
def register_cohort_and_organisation_admin():
    from courses.admin_viewsets import admin_viewsets

    return admin_viewsets()
