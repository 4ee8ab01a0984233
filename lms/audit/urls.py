"""URLs of the audit trail (managers browse it)."""

app_name = "audit"

urlpatterns: list = []
