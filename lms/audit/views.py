"""The managers' audit log: filtered, paginated, exportable as CSV (the export itself is audited).

Under ``gestion/`` so that the second-factor middleware guards it. Managers (and superusers) only:
anyone else signed in gets the French 403 page. A filter with an invalid value (an impossible date,
an unknown action) is reported next to its field and not applied.
"""

import itertools
import json
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lms.accounts import roles
from lms.audit import services as audit
from lms.audit.forms import LogFilterForm
from lms.audit.models import AuditEvent
from lms.audit.selectors import log_events, object_types
from lms.tabular import csv_lines

PAGE_SIZE = 50


@dataclass(frozen=True)
class LogRow:
    event: AuditEvent
    before: str
    after: str


def _json_text(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _require_manager(user) -> None:
    if not roles.is_manager(user):
        raise PermissionDenied


def _filter_form(request) -> LogFilterForm:
    return LogFilterForm(request.GET, object_types=object_types())


@require_safe
@login_required
def audit_log(request):
    _require_manager(request.user)
    form = _filter_form(request)
    page = Paginator(log_events(filters=form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [LogRow(event, _json_text(event.before), _json_text(event.after)) for event in page]
    context = {"form": form, "page": page, "rows": rows, "query": form.query_string()}
    return render(request, "audit/log.html", context)


@require_safe
@login_required
def audit_log_csv(request):
    _require_manager(request.user)
    form = _filter_form(request)
    events = log_events(filters=form.filters())
    audit.record_export(request, export="journal-audit.csv")
    lines = itertools.chain([_csv_header()], (_csv_line(event) for event in events.iterator(chunk_size=2000)))
    response = StreamingHttpResponse(
        csv_lines(lines, language=translation.get_language()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="journal-audit-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _csv_header() -> list[str]:
    return [
        _("N°"),
        _("Date"),
        _("Auteur·rice"),
        _("Code de l'action"),
        _("Action"),
        _("Type d'objet"),
        _("Identifiant"),
        _("Objet"),
        _("Avant"),
        _("Après"),
        _("Adresse IP"),
        _("Empreinte"),
    ]


def _csv_line(event: AuditEvent) -> list:
    return [
        event.sequence,
        timezone.localtime(event.created_at).strftime("%Y-%m-%d %H:%M:%S"),
        event.actor_email or _("plateforme"),
        event.action,
        event.get_action_display(),
        event.object_type,
        event.object_id,
        event.object_repr,
        _json_text(event.before),
        _json_text(event.after),
        event.ip or "",
        event.hash,
    ]
