"""Scheduling of training sessions (managers), calendars (.ics, private feed) and learners' sessions.

Managers work under ``gestion/`` (second factor required); learners under ``seances/``; the private
feed under ``calendrier/`` answers without a session, authenticated by its signed token, because
calendar applications cannot log in. Refusals: 403 for a role that may not act, 404 for a session
that is not the person's, 400 with the form's messages for bad input or a closed session.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from assessments import calendar
from assessments.forms import SessionForm
from assessments.selectors import sessions as selectors
from assessments.services import sessions as services
from courses.models import Cohort
from courses.permissions import user_can_manage_cohorts
from lms.accounts import roles
from lms.errors import Conflict, LMSError, NotAllowed

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _error(request, error: LMSError):
    return render(request, "courses/error.html", {"message": error.message}, status=error.status)


def _manager_or_403(request) -> None:
    if not user_can_manage_cohorts(request.user):
        raise PermissionDenied


# --- Managers -----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cohort_sessions(request, cohort_id: int):
    _manager_or_403(request)
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=cohort_id)
    if request.method == "POST":
        form = SessionForm(request.POST, cohort=cohort)
    else:
        form = SessionForm(initial=SessionForm.initial_for_cohort(cohort), cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.create_session(
                cohort=cohort, data=form.session_data(), acting_user=request.user
            )
        except NotAllowed:
            raise PermissionDenied from None
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Séance programmée : %(session)s.") % {"session": session})
            return redirect("assessments:cohort-sessions", cohort_id=cohort.pk)
    context = {"cohort": cohort, "sessions": selectors.cohort_sessions(cohort=cohort), "form": form}
    return render(
        request, "assessments/schedule/cohort_sessions.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_edit(request, session_id: int):
    _manager_or_403(request)
    try:
        session = selectors.managed_session(session_id=session_id)
    except LMSError as error:
        return _error(request, error)
    if session.is_closed:
        return _error(request, Conflict(services.SESSION_CLOSED, code="closed"))
    cohort = session.cohort
    if request.method == "POST":
        form = SessionForm(request.POST, cohort=cohort)
    else:
        form = SessionForm(initial=SessionForm.initial_for_session(session), cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_session(session=session, data=form.session_data(), acting_user=request.user)
        except NotAllowed:
            raise PermissionDenied from None
        except ValidationError as error:
            form.add_service_errors(error)
        except LMSError as error:  # closed while the form was open
            return _error(request, error)
        else:
            messages.success(request, _("Séance modifiée : %(session)s.") % {"session": session})
            return redirect("assessments:cohort-sessions", cohort_id=cohort.pk)
    context = {"cohort": cohort, "session": session, "form": form}
    return render(
        request, "assessments/schedule/session_edit.html", context, status=400 if form.errors else 200
    )


# --- Learners -----------------------------------------------------------------------------------------


@require_safe
@login_required
def my_sessions(request):
    schedule = selectors.learner_schedule(user=request.user)
    return render(request, "assessments/schedule/my_sessions.html", {"schedule": schedule})


@require_safe
@login_required
def my_session(request, session_id: int):
    try:
        item = selectors.learner_session(user=request.user, session_id=session_id)
    except LMSError as error:
        return _error(request, error)
    return render(request, "assessments/schedule/my_session.html", {"item": item, "session": item.session})


# --- Calendars ----------------------------------------------------------------------------------------


def _calendar_response(events, *, name: str) -> HttpResponse:
    response = HttpResponse(
        calendar.build_calendar(events, name=name, stamp=timezone.now()), content_type=CALENDAR_TYPE
    )
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@login_required
def session_ics(request, session_id: int):
    try:
        session = selectors.calendar_session(user=request.user, session_id=session_id)
    except LMSError as error:
        return _error(request, error)
    event = selectors.session_event(session, for_learner=not roles.is_staff_member(request.user))
    response = _calendar_response([event], name=session.title)
    response["Content-Disposition"] = f'attachment; filename="seance-{session.pk}.ics"'
    return response


@require_safe
def calendar_feed(request, token: str):
    user_id = calendar.user_id_from_token(token)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        raise Http404
    return _calendar_response(selectors.feed_events(user=user), name=_("Mes séances de formation"))


urlpatterns = [
    path("gestion/promotions/<int:cohort_id>/seances/", cohort_sessions, name="cohort-sessions"),
    path("gestion/seances/<int:session_id>/modifier/", session_edit, name="session-edit"),
    path("seances/", my_sessions, name="my-sessions"),
    path("seances/<int:session_id>/", my_session, name="my-session"),
    path("seances/<int:session_id>.ics", session_ics, name="session-ics"),
    path("calendrier/<str:token>.ics", calendar_feed, name="calendar-feed"),
]
