"""Reads of the courses app; each selector runs a fixed number of queries whatever the size."""
