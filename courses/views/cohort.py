"""Placeholder until the cohort views land (issue 3)."""

urlpatterns: list = []
