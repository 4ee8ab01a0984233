"""WSGI entry point (gunicorn ``lms.wsgi``); production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

from lms.startup import run_or_explain

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")

application = run_or_explain(get_wsgi_application)
