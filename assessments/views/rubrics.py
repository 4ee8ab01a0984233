"""Rubric scoring by trainers, the trainer's final opinion, and learners' published evaluations."""

urlpatterns: list = []
