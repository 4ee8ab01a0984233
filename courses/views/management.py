"""Placeholder until the management views land (issue 3)."""

urlpatterns: list = []
