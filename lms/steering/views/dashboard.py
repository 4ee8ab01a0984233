"""The URH dashboard (« Pilotage », under ``gestion/``, second factor required): figures by programme,
cohort, organisation and département, three charts and, per cohort, the link to its exports.

Managers and certifiers read it; anyone else signed in gets the French 403 page before anything is
read. Read-only: GET and HEAD only. Filters in error (an impossible period, an unknown cohort) answer
400 with the message next to the field, and nothing is computed.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from courses.permissions import require_role
from lms.accounts import roles
from lms.steering import charts
from lms.steering.forms import DashboardFilterForm
from lms.steering.selectors.choices import filter_choices
from lms.steering.selectors.dashboard import dashboard as dashboard_figures
from lms.steering.selectors.groupings import Group

TEMPLATE = "steering/dashboard.html"


def user_can_read_dashboard(user) -> bool:
    """Managers (who run the programme) and certifiers (who certify its learners)."""
    return roles.is_manager(user) or roles.has_role(user, roles.CERTIFIER)


@dataclass(frozen=True)
class Grouping:
    """One of the page's tables."""

    slug: str
    title: str
    header: str  # the first column's
    groups: tuple[Group, ...]
    with_exports: bool = False


@require_safe
@login_required
def dashboard(request):
    require_role(user_can_read_dashboard(request.user))
    form = DashboardFilterForm(request.GET, choices=filter_choices())
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form}, status=400)
    figures = dashboard_figures(filters=form.filters())
    context = {
        "form": form,
        "figures": figures,
        "charts": (
            charts.progress_chart(figures.total),
            charts.attendance_chart(figures.sessions),
            charts.certificates_chart(figures.certificates_by_month),
        ),
        "groupings": (
            Grouping("programmes", _("Par programme"), _("Programme"), figures.programmes),
            Grouping("cohorts", _("Par promotion"), _("Promotion"), figures.cohorts, with_exports=True),
            Grouping("organisations", _("Par organisme"), _("Organisme"), figures.organisations),
            Grouping("departements", _("Par département"), _("Département"), figures.departements),
        ),
        "attempts_exports": attempts_export_links(request.GET, form),
    }
    return render(request, TEMPLATE, context)


def attempts_export_links(query, form) -> tuple[tuple[str, str], ...]:
    """(format, URL) of the export of every quiz attempt, with the page's filters: the file holds the
    attempts of what the page counts. Only the form's fields are carried, as typed."""
    kept = urlencode([(name, query[name]) for name in form.fields if query.get(name)])
    links = []
    for fmt in ("csv", "xlsx"):
        url = reverse("steering:attempts-export", args=[fmt])
        links.append((fmt.upper(), f"{url}?{kept}" if kept else url))
    return tuple(links)
