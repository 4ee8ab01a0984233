"""A cohort's exports (CSV, XLSX) and its evidence pack (ZIP), under ``gestion/`` (second factor).

Refusals follow decision 0010, the role checked before anything is looked up: anonymous people go to
the login page; learners get 403; trainers get 403 for the datasets and the pack they never download
(certificates, surveys, evidence pack) and 404 for a cohort they do not train; an unknown dataset or
format is a French 404 page that says which exist. Every download is written to the audit trail
before its first byte leaves; a refusal writes nothing.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from courses.permissions import require_role, viewable_cohort_or_404
from lms.accounts import roles
from lms.audit import services as audit
from lms.steering import evidence, exports
from lms.tabular import FORMATS, streaming_attachment, tabular_response


@require_safe
@login_required
def cohort_exports(request, cohort_id: int):
    cohort = viewable_cohort_or_404(request.user, cohort_id)
    context = {
        "cohort": cohort,
        "datasets": exports.datasets_for(request.user),
        "formats": FORMATS,
        "can_download_pack": exports.user_can_download_evidence_pack(request.user),
    }
    return render(request, "steering/exports.html", context)


@require_safe
@login_required
def cohort_export(request, cohort_id: int, dataset: str, fmt: str):
    require_role(roles.is_staff_member(request.user))
    chosen = exports.DATASETS.get(dataset)
    if chosen is None or fmt not in FORMATS:
        context = {"cohort_id": cohort_id, "datasets": exports.DATASETS.values(), "formats": FORMATS}
        return render(request, "steering/exports_unknown.html", context, status=404)
    require_role(exports.user_can_export(request.user, chosen))
    cohort = viewable_cohort_or_404(request.user, cohort_id)
    filename = f"{chosen.key}-{exports.cohort_slug(cohort)}"
    audit.record_export(request, export=f"{filename}.{fmt}", obj=cohort, obj_repr=cohort.name)
    header, rows = chosen.header(cohort), chosen.rows(cohort)
    return tabular_response(fmt, filename, header, rows, sheet_title=chosen.title)


@require_safe
@login_required
def evidence_pack(request, cohort_id: int):
    require_role(exports.user_can_download_evidence_pack(request.user))
    cohort = viewable_cohort_or_404(request.user, cohort_id)
    user = request.user
    pack = evidence.PackRequest(
        cohort=cohort,
        generated_at=timezone.now(),
        generated_by=f"{user.get_full_name() or user.email} <{user.email}>",
        language=translation.get_language(),
    )
    filename = evidence.pack_filename(cohort, pack.generated_at)
    audit.record_export(request, export=filename, obj=cohort, obj_repr=cohort.name)
    chunks = evidence.evidence_pack(pack)
    return streaming_attachment(chunks, filename=filename, content_type="application/zip")
