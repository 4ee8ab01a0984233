"""Learner-facing views."""

urlpatterns: list = []
