"""Wagtail hooks of the courses app: lesson access and progress on the programme's pages."""

from wagtail import hooks

from courses.access import guard_page


@hooks.register("before_serve_page")
def restrict_lessons_and_attach_progress(page, request, serve_args, serve_kwargs):
    return guard_page(page, request)
