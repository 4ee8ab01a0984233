"""The certification review (under ``gestion/``, second factor required): the cohorts to review, a
cohort's candidates with their evidence, one candidate's decision page, and the bulk approval.

Certifiers decide; managers read the queue and the evidence (they decide only when the union has
switched the separation of duties off, ``user_can_decide_certification``); anyone else signed in
gets the French 403 page, before any lookup. An unknown cohort or enrolment is a 404, and so is an
enrolment of another cohort sent to a cohort's bulk approval. Views stay thin: they parse the
request, call ``certificates.services.decisions`` and turn its refusals into a clear French page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from certificates.forms import BulkApprovalForm, DecisionForm, QueueFilterForm
from certificates.models import Certificate, CertificationDecision
from certificates.permissions import user_can_decide_certification, user_can_review_certification
from certificates.selectors import review as selectors
from certificates.services.decisions import approve_many, decide
from courses.models import Cohort, Enrolment
from courses.permissions import require_role
from lms.errors import LMSError

Outcome = CertificationDecision.Outcome
COHORTS_PER_PAGE = 20


def require_reviewer(user) -> None:
    """403 for a role that never reviews certification, checked before any lookup."""
    require_role(user_can_review_certification(user))


def _reviewed_cohort(request, cohort_id: int) -> Cohort:
    require_reviewer(request.user)
    return get_object_or_404(Cohort.objects.select_related("programme"), pk=cohort_id)


@require_safe
@login_required
def review_home(request):
    require_reviewer(request.user)
    page = Paginator(selectors.review_cohorts(), COHORTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "summaries": selectors.cohort_summaries(page)}
    return render(request, "certificates/staff/review_home.html", context)


@require_safe
@login_required
def cohort_review(request, cohort_id: int):
    cohort = _reviewed_cohort(request, cohort_id)
    form = QueueFilterForm(request.GET)
    context = {
        "cohort": cohort,
        "form": form,
        "queue": selectors.cohort_queue(cohort=cohort, show=form.show_value()),
        "can_decide": user_can_decide_certification(request.user),
    }
    return render(request, "certificates/staff/cohort_queue.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def decision_page(request, enrolment_id: int):
    require_reviewer(request.user)
    can_decide = user_can_decide_certification(request.user)
    if request.method == "POST":
        require_role(can_decide)
    enrolment = selectors.candidate_enrolment(enrolment_id)
    if enrolment is None:
        raise Http404
    candidate = selectors.candidate_file(enrolment=enrolment)
    bound = request.POST if request.method == "POST" else None
    form = DecisionForm(bound, needs_override=candidate.eligibility.needs_override)
    error = None
    if bound is not None and form.is_valid():
        try:
            decision = decide(
                enrolment_id=enrolment.pk,
                outcome=form.cleaned_data["outcome"],
                motive=form.cleaned_data["motive"],
                override=form.cleaned_data.get("override", False),
                acting_user=request.user,
            )
        except LMSError as refusal:
            error = refusal
        else:
            messages.success(request, _decided_message(decision, enrolment))
            return redirect("certificates:cohort-review", cohort_id=enrolment.cohort_id)
    status = error.status if error is not None else 400 if form.errors else 200
    context = {
        "enrolment": enrolment,
        "cohort": enrolment.cohort,
        "candidate": candidate,
        "form": form,
        "error": error,
        "can_decide": can_decide,
    }
    return render(request, "certificates/staff/decision.html", context, status=status)


def _learner_name(learner) -> str:
    return learner.get_full_name() or learner.email


def _decided_message(decision: CertificationDecision, enrolment: Enrolment) -> str:
    name = _learner_name(enrolment.learner)
    if decision.outcome == Outcome.APPROVED:
        number = decision.certificate.number
        return _("Certificat %(number)s délivré à %(name)s.") % {"number": number, "name": name}
    if decision.outcome == Outcome.REJECTED:
        return _("Refus de certification enregistré pour %(name)s.") % {"name": name}
    return _("Ajournement enregistré pour %(name)s.") % {"name": name}


@require_POST
@login_required
def bulk_approve(request, cohort_id: int):
    require_role(user_can_decide_certification(request.user))
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    form = BulkApprovalForm(request.POST, candidates=Enrolment.objects.filter(cohort=cohort))
    if not form.is_valid():
        codes = {error.code for error in form.errors.as_data().get("enrolments", [])}
        if codes - {"required"}:  # an id of another cohort, or of nothing: as if it did not exist
            raise Http404
        messages.error(request, form.errors["enrolments"][0])
        return redirect("certificates:cohort-review", cohort_id=cohort.pk)
    result = approve_many(enrolment_ids=form.enrolment_ids(), acting_user=request.user)
    _bulk_messages(request, result)
    return redirect("certificates:cohort-review", cohort_id=cohort.pk)


def _bulk_messages(request, result) -> None:
    if result.approved:
        issued = Certificate.objects.filter(enrolment_id__in=result.approved).order_by("number")
        listed = ", ".join(
            f"{number} ({name})" for number, name in issued.values_list("number", "holder_name")
        )
        count = len(result.approved)
        messages.success(
            request,
            ngettext(
                "%(count)s certificat délivré : %(list)s.",
                "%(count)s certificats délivrés : %(list)s.",
                count,
            )
            % {"count": count, "list": listed},
        )
    if result.refused:
        learners = Enrolment.objects.filter(pk__in=[pk for pk, _reason in result.refused]).select_related(
            "learner"
        )
        names = {enrolment.pk: _learner_name(enrolment.learner) for enrolment in learners}
        for enrolment_id, reason in result.refused:
            messages.error(
                request,
                _("Non certifié·e : %(name)s — %(reason)s")
                % {"name": names.get(enrolment_id, ""), "reason": reason},
            )
