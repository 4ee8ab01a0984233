"""The public verification page (no login), the public directory and the holder's own certificates."""

from django.urls import path

from certificates.views import public

urlpatterns = [
    path("verifier/<str:verification_id>/", public.verify, name="verify"),
]
