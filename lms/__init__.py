"""Project package of the URH Hauts-de-France learning platform: settings, URLs, Celery, base templates."""

from lms.celery import app as celery_app

__all__ = ["celery_app"]
