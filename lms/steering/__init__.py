"""Steering the programme (« pilotage »): the URH dashboard, the exports and the evidence pack.

The top of the dependency graph: it reads from ``certificates``, ``assessments`` and ``courses``;
nothing imports it but ``lms.urls`` (decision 0012)."""
