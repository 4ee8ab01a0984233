"""Attendance sheets (émargement) and completion certificates (certificat de réalisation) as PDFs.

Both live under ``formateur/`` so that the second-factor middleware guards them. Who may download:
the trainers of the session or of its cohort, managers and certifiers; a learner gets the French 403
page; another trainer's session or enrolment is a 404, like an unknown one. The views only check
access, read the data through ``assessments.selectors.documents`` and hand it to a renderer of
``assessments.pdf``. The files are personal data: they are sent as attachments that no cache may keep.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from assessments.models import TrainingSession
from assessments.pdf.completion import CompletionCertificateRenderer
from assessments.pdf.emargement import AttendanceSheetRenderer
from assessments.permissions import user_can_view_session
from assessments.selectors.documents import completion_record, person_name, session_sheet
from courses.models import Cohort, Enrolment
from courses.permissions import require_object, require_role, user_can_view_cohort
from lms.accounts import roles
from lms.audit import services as audit

# Fixed ASCII words, so that a file name does not change with the interface language.
HALF_DAY_SLUGS = {TrainingSession.HalfDay.MORNING: "matin", TrainingSession.HalfDay.AFTERNOON: "apres-midi"}


@require_safe
@login_required
def session_sheet_pdf(request, session_id: int):
    require_role(roles.is_staff_member(request.user))
    session = get_object_or_404(
        TrainingSession.objects.select_related("cohort__programme", "closed_by"), pk=session_id
    )
    require_object(user_can_view_session(request.user, session))
    renderer = AttendanceSheetRenderer(session_sheet(session=session), generated_at=timezone.localtime())
    slot = HALF_DAY_SLUGS.get(session.half_day, session.half_day)
    filename = f"emargement-{session.date:%Y-%m-%d}-{slot}-{_cohort_slug(session.cohort)}.pdf"
    audit.record_export(request, export=filename, obj=session, obj_repr=filename)
    return _pdf_response(renderer.render(), filename=filename)


@require_safe
@login_required
def completion_pdf(request, enrolment_id: int):
    require_role(roles.is_staff_member(request.user))
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("learner__organisation", "cohort__programme"), pk=enrolment_id
    )
    require_object(user_can_view_cohort(request.user, enrolment.cohort))
    renderer = CompletionCertificateRenderer(
        completion_record(enrolment=enrolment), issued_on=timezone.localdate()
    )
    learner = slugify(person_name(enrolment.learner)) or f"inscription-{enrolment.pk}"
    filename = f"certificat-de-realisation-{learner}-{_cohort_slug(enrolment.cohort)}.pdf"
    audit.record_export(request, export=filename, obj=enrolment, obj_repr=filename)
    return _pdf_response(renderer.render(), filename=filename)


def _cohort_slug(cohort: Cohort) -> str:
    return slugify(cohort.name) or f"promotion-{cohort.pk}"


def _pdf_response(content: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    # slugify leaves only [a-z0-9-]: the name needs no quoting rules beyond the quotes themselves.
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("formateur/seances/<int:session_id>/emargement.pdf", session_sheet_pdf, name="session-sheet-pdf"),
    path(
        "formateur/inscriptions/<int:enrolment_id>/certificat-de-realisation.pdf",
        completion_pdf,
        name="completion-pdf",
    ),
]
