"""Steering URLs, all under ``gestion/`` (second factor required)."""

from django.urls import path

from lms.steering.views import dashboard, exports

app_name = "steering"

urlpatterns = [
    path("gestion/pilotage/", dashboard.dashboard, name="dashboard"),
    path("gestion/pilotage/export/resultats.<slug:fmt>", exports.attempts_export, name="attempts-export"),
    path(
        "gestion/pilotage/promotions/<int:cohort_id>/exports/", exports.cohort_exports, name="cohort-exports"
    ),
    path(
        "gestion/pilotage/promotions/<int:cohort_id>/export/<slug:dataset>.<slug:fmt>",
        exports.cohort_export,
        name="cohort-export",
    ),
    path(
        "gestion/pilotage/promotions/<int:cohort_id>/dossier-de-preuves.zip",
        exports.evidence_pack,
        name="evidence-pack",
    ),
]
