"""Scheduling of training sessions (managers), calendars (.ics, private feed) and learners' sessions."""

urlpatterns: list = []
