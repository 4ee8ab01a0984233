"""Reads of the assessments app: a learner's quiz status and review, and staff results."""
