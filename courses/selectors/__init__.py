"""Reads of the courses app; each selector runs a fixed number of queries whatever the size."""

from courses.selectors import dashboard, progress

__all__ = ["dashboard", "progress"]
