"""A cohort's exports (CSV, XLSX) and its evidence pack (ZIP), under ``gestion/`` (second factor).

Refusals follow decision 0010, the role checked before anything is looked up: anonymous people go to
the login page; learners get 403; trainers get 403 for the datasets and the pack they never download
(certificates, surveys, evidence pack) and 404 for a cohort they do not train; an unknown dataset or
format is a French 404 page that says which exist. Every download is written to the audit trail
before its first byte leaves; a refusal writes nothing.

The quiz attempts of every cohort (``attempts_export``) are for managers and certifiers only, from the
dashboard, under its filters (passed in the query string, checked by its form: an error is a 400 with
the message next to the field, and nothing is read). The CSV of attempts is written by PostgreSQL when
the database is PostgreSQL (``exports_copy``), the same bytes as the Python path.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from courses.permissions import require_role, viewable_cohort_or_404
from lms.accounts import roles
from lms.audit import services as audit
from lms.steering import evidence, exports, exports_copy
from lms.steering.forms import DashboardFilterForm
from lms.steering.selectors.choices import filter_choices
from lms.steering.views.dashboard import TEMPLATE as DASHBOARD_TEMPLATE
from lms.tabular import FORMATS, streaming_attachment, tabular_response

ATTEMPTS_FILENAME = "resultats-toutes-promotions"
ATTEMPTS_TITLE = _("Résultats aux quiz")


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
    if chosen.attempts is not None:
        language = translation.get_language()
        selection = chosen.attempts(cohort)
        return exports_copy.csv_or_copy(fmt, filename, selection, language=language, sheet_title=chosen.title)
    header, rows = chosen.header(cohort), chosen.rows(cohort)
    return tabular_response(fmt, filename, header, rows, sheet_title=chosen.title)


@require_safe
@login_required
def attempts_export(request, fmt: str):
    """Every quiz attempt of the cohorts and learners the dashboard's filters keep, cohort by cohort."""
    require_role(exports.reads_every_cohort(request.user))
    if fmt not in FORMATS:
        raise Http404
    form = DashboardFilterForm(request.GET, choices=filter_choices())
    if not form.is_valid():
        return render(request, DASHBOARD_TEMPLATE, {"form": form}, status=400)
    selection = exports.filtered_attempts(form.filters())
    audit.record_export(request, export=f"{ATTEMPTS_FILENAME}.{fmt}")
    language = translation.get_language()
    return exports_copy.csv_or_copy(
        fmt, ATTEMPTS_FILENAME, selection, language=language, sheet_title=ATTEMPTS_TITLE
    )


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
