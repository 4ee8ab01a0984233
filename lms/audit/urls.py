"""URLs of the audit trail (managers browse it) and of the managers' reset of a lost second factor.

Both live under ``gestion/``: the second-factor middleware guards them like every staff area.
"""

from django.urls import path

from lms.accounts import device_reset
from lms.audit import views

app_name = "audit"

urlpatterns = [
    path("gestion/journal/", views.audit_log, name="log"),
    path("gestion/journal/export.csv", views.audit_log_csv, name="log-csv"),
    *device_reset.urlpatterns,
]
