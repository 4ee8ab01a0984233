"""Certification views, by audience."""
