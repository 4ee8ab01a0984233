"""Espace formateur: sessions, roster, rotating QR code, closing; learners' check-in and attestation.

Staff pages live under ``formateur/`` (second factor required). A learner gets the French 403 page, and
so does a certifier on what only runs a session (marks, QR code, closing); another trainer's session is
a 404, like an unknown one. The learner's pages are ``emargement/<token>/`` (the
QR code's target: GET shows what is about to be signed, POST signs) and ``seances/<id>/attester/``.

A learner who scans the code while logged out goes through the login page, which takes longer than a
code lives: the first GET remembers, in their session, when this browser presented the still-valid
token, and the check-in is judged at that moment (within ``SCAN_GRACE``).
"""

import datetime

import segno
from axes.helpers import get_client_ip_address
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import tokens
from assessments.models import Attendance, TrainingSession
from assessments.permissions import user_can_run_session, user_can_view_session
from assessments.seal import compute_seal
from assessments.selectors.trainer import (
    live_count,
    roster_state,
    session_roster,
    trainer_sessions,
)
from assessments.services import attendance as services
from courses.models import Enrolment
from courses.permissions import require_object, require_role, user_has_trainer_duties
from lms.accounts import roles
from lms.errors import LMSError, NotFound
from lms.forms import AccessibleForm

SCAN_KEY = "assessments_check_in_scan"
QR_SCALE = 10  # about 400 px: readable from the back of a room on a projector
MARKED = _("Présence enregistrée pour %(name)s.")
CHANGED = _("Modification enregistrée pour %(name)s, avec son motif ; le registre est scellé à nouveau.")
CLOSED = _("Séance close : le registre est co-signé et scellé.")
ATTESTED = _("Votre présence est attestée (%(time)s).")
ALREADY_ATTESTED = _("Votre présence était déjà attestée (%(time)s).")
UNKNOWN_LEARNER = _("Cette personne n'est pas inscrite dans la promotion de cette séance.")


TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MarkForm(AccessibleForm):
    """One learner's line of the roster."""

    enrolment = forms.IntegerField(widget=forms.HiddenInput, required=False)
    status = forms.ChoiceField(label=_("Présence"), choices=Attendance.Status.choices)
    arrived_at = forms.TimeField(label=_("Arrivée"), required=False, widget=TIME_INPUT)
    left_at = forms.TimeField(label=_("Départ"), required=False, widget=TIME_INPUT)
    comment = forms.CharField(label=_("Commentaire"), required=False, max_length=500)
    reason = forms.CharField(
        label=_("Motif de la modification"), required=False, max_length=1000, widget=forms.Textarea
    )


# --- helpers --------------------------------------------------------------------------------------------


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _error(request, error: LMSError):
    if _wants_json(request):
        return JsonResponse({"error": str(error.message), "code": error.code}, status=error.status)
    return render(request, "courses/error.html", {"message": error.message}, status=error.status)


def _form_error(form) -> LMSError:
    field, errors = next(iter(form.errors.items()))
    label = form.fields[field].label if field in form.fields else ""
    return LMSError(f"{label} : {errors[0]}" if label else errors[0], code="invalid_form")


def _session(session_id: int) -> TrainingSession:
    return get_object_or_404(TrainingSession.objects.select_related("cohort", "closed_by"), pk=session_id)


def _viewable(request, session_id: int) -> TrainingSession:
    require_role(roles.is_staff_member(request.user))
    session = _session(session_id)
    require_object(user_can_view_session(request.user, session))
    return session


def _runnable(request, session_id: int) -> TrainingSession:
    require_role(user_has_trainer_duties(request.user))
    session = _session(session_id)
    require_object(user_can_run_session(request.user, session))
    return session


def _roster_url(session_id: int, enrolment_id: int | None = None) -> str:
    url = reverse("assessments:session-roster", args=[session_id])
    return f"{url}#inscription-{enrolment_id}" if enrolment_id else url


def _state_json(session) -> dict:
    state = roster_state(session=session)
    return {
        "closed": session.is_closed,
        "counts": state.counts.as_dict(),
        "labels": {value: str(label) for value, label in Attendance.Status.choices},
        "methods": {value: str(label) for value, label in Attendance.Method.choices},
        "rows": {
            str(enrolment_id): {
                "status": row.status,
                "method": row.method,
                "arrived_at": row.arrived_at,
                "left_at": row.left_at,
                "attested_at": row.attested_at,
            }
            for enrolment_id, row in state.rows.items()
        },
    }


# --- Espace formateur -----------------------------------------------------------------------------------


@require_safe
@login_required
def trainer_home(request):
    require_role(roles.is_staff_member(request.user))
    context = {
        "sessions": trainer_sessions(user=request.user),
        "can_run": roles.is_manager(request.user) or roles.has_role(request.user, roles.TRAINER),
    }
    return render(request, "assessments/trainer/home.html", context)


@require_safe
@login_required
def roster_page(request, session_id: int):
    session = _viewable(request, session_id)
    roster = session_roster(session=session)
    rows = [row.attendance for row in roster.rows if row.attendance is not None]
    context = {
        "session": session,
        "roster": roster,
        "can_run": user_can_run_session(request.user, session),
        "statuses": Attendance.Status.choices,
        "seal_intact": session.is_closed and compute_seal(session, rows) == session.seal,
        "window_open": services.window_is_open(session, timezone.now()),
    }
    return render(request, "assessments/trainer/roster.html", context)


@require_safe
@login_required
def session_state(request, session_id: int):
    return JsonResponse(_state_json(_viewable(request, session_id)))


def _mark(request, session, form: MarkForm, enrolment: Enrolment):
    data = form.cleaned_data
    return services.mark_attendance(
        session=session,
        enrolment=enrolment,
        status=data["status"],
        arrived_at=data["arrived_at"],
        left_at=data["left_at"],
        comment=data["comment"],
        reason=data["reason"],
        acting_user=request.user,
    )


def _marked(request, session, enrolment: Enrolment, message):
    if _wants_json(request):
        return JsonResponse({"saved": True, **_state_json(_session(session.pk))})
    messages.success(
        request, message % {"name": enrolment.learner.get_full_name() or enrolment.learner.email}
    )
    return redirect(_roster_url(session.pk, enrolment.pk))


@require_POST
@login_required
def mark(request, session_id: int):
    session = _runnable(request, session_id)
    form = MarkForm(request.POST)
    try:
        if not form.is_valid():
            raise _form_error(form)
        enrolment = (
            Enrolment.objects.select_related("learner").filter(pk=form.cleaned_data["enrolment"]).first()
        )
        if enrolment is None:
            raise NotFound(UNKNOWN_LEARNER, code="unknown_enrolment")
        _mark(request, session, form, enrolment)
    except LMSError as error:
        return _error(request, error)
    return _marked(request, session, enrolment, CHANGED if session.is_closed else MARKED)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def attendance_change(request, attendance_id: int):
    require_role(user_has_trainer_duties(request.user))
    attendance = get_object_or_404(
        Attendance.objects.select_related("session__cohort", "session__closed_by", "enrolment__learner"),
        pk=attendance_id,
    )
    session = attendance.session
    require_object(user_can_run_session(request.user, session))
    if request.method == "POST":
        form = MarkForm(request.POST)
        try:
            if not form.is_valid():
                raise _form_error(form)
            _mark(request, session, form, attendance.enrolment)
        except LMSError as error:
            if _wants_json(request):
                return _error(request, error)
            form.add_error(None, error.message)
            return _change_page(request, attendance, form, status=error.status)
        return _marked(request, session, attendance.enrolment, CHANGED if session.is_closed else MARKED)
    initial = {f: getattr(attendance, f) for f in ("status", "arrived_at", "left_at", "comment")}
    return _change_page(request, attendance, MarkForm(initial=initial))


def _change_page(request, attendance, form, status: int = 200):
    context = {"attendance": attendance, "session": attendance.session, "form": form}
    return render(request, "assessments/trainer/attendance_change.html", context, status=status)


# --- QR code and closing --------------------------------------------------------------------------------


def _qr(request, session, now) -> dict:
    token = tokens.current_token(session, now)
    url = request.build_absolute_uri(reverse("assessments:check-in", args=[token]))
    svg = segno.make(url, error="m").svg_inline(scale=QR_SCALE, dark="#1b1b1f")
    return {"token": token, "svg": svg, "expires_in": tokens.seconds_left(now)}


@require_safe
@login_required
def qr_page(request, session_id: int):
    session = _runnable(request, session_id)
    now = timezone.now()
    window_open = services.window_is_open(session, now)
    context = {
        "session": session,
        "window_open": window_open,
        "opens_at": timezone.localtime(session.start - services.WINDOW_BEFORE),
        "not_yet": now < session.start - services.WINDOW_BEFORE,
        "qr": _qr(request, session, now) if window_open else None,
        "present": live_count(session=session),
        "total": Enrolment.objects.filter(
            cohort_id=session.cohort_id, status=Enrolment.Status.ACTIVE
        ).count(),
    }
    return render(request, "assessments/trainer/qr.html", context)


@require_safe
@login_required
def qr_token(request, session_id: int):
    session = _runnable(request, session_id)
    now = timezone.now()
    window_open = services.window_is_open(session, now)
    payload = _qr(request, session, now) if window_open else {"token": None, "svg": "", "expires_in": None}
    payload.update(open=window_open, closed=session.is_closed, present=live_count(session=session))
    response = JsonResponse(payload)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def close(request, session_id: int):
    session = _runnable(request, session_id)
    try:
        services.close_session(session=session, acting_user=request.user)
    except LMSError as error:
        return _error(request, error)
    messages.success(request, CLOSED)
    if request.POST.get("from") == "qr":
        return redirect("assessments:session-qr", session.pk)
    return redirect("assessments:session-roster", session.pk)


# --- the learner's side ---------------------------------------------------------------------------------


def _remembered_scan(request, token: str) -> datetime.datetime | None:
    scan = request.session.get(SCAN_KEY) or {}
    return parse_datetime(scan.get("at", "")) if scan.get("token") == token else None


def _remember_scan(request, token: str, now) -> None:
    if _remembered_scan(request, token) is None:
        request.session[SCAN_KEY] = {"token": token, "at": now.isoformat()}


def _check_in_confirmation(request, token: str, now, scanned_at):
    try:
        session = services.check_in_session(token=token, now=now, scanned_at=scanned_at)
        _remember_scan(request, token, now)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        services.active_enrolment(session, request.user)  # say "not your cohort" before the button
    except LMSError as error:
        return _error(request, error)
    return render(request, "assessments/trainer/check_in.html", {"session": session, "token": token})


@require_http_methods(["GET", "HEAD", "POST"])
def check_in(request, token: str):
    now = timezone.now()
    scanned_at = _remembered_scan(request, token)
    if request.method != "POST":
        return _check_in_confirmation(request, token, now, scanned_at)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        result = services.check_in(
            token=token,
            learner=request.user,
            ip=get_client_ip_address(request),
            now=now,
            scanned_at=scanned_at,
        )
    except LMSError as error:
        return _error(request, error)
    context = {"session": result.session, "result": result}
    return render(request, "assessments/trainer/check_in.html", context)


@require_POST
@login_required
def attest(request, session_id: int):
    try:
        session = services.own_session(session_id=session_id, learner=request.user)
        result = services.attest_presence(
            session=session, learner=request.user, ip=get_client_ip_address(request)
        )
    except LMSError as error:
        return _error(request, error)
    message = ALREADY_ATTESTED if result.already else ATTESTED
    messages.success(request, message % {"time": result.attested_at.strftime("%H:%M")})
    return redirect("assessments:my-session", session_id)


urlpatterns = [
    path("formateur/", trainer_home, name="trainer-home"),
    path("formateur/seances/<int:session_id>/", roster_page, name="session-roster"),
    path("formateur/seances/<int:session_id>/pointage/", mark, name="session-mark"),
    path("formateur/seances/<int:session_id>/etat.json", session_state, name="session-state"),
    path("formateur/seances/<int:session_id>/qr/", qr_page, name="session-qr"),
    path("formateur/seances/<int:session_id>/qr.json", qr_token, name="session-qr-token"),
    path("formateur/seances/<int:session_id>/cloturer/", close, name="session-close"),
    path("formateur/presences/<int:attendance_id>/modifier/", attendance_change, name="attendance-change"),
    path("emargement/<str:token>/", check_in, name="check-in"),
    path("seances/<int:session_id>/attester/", attest, name="attest"),
]
