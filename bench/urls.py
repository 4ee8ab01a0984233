"""The site's URLs behind the two baseline views (``bench.settings`` only)."""

from django.urls import path

from bench import baselines
from lms.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("_banc/nu/", baselines.bare, name="bench-bare"),
    path("_banc/insertion/", baselines.insert, name="bench-insert"),
    *site_urlpatterns,
]
