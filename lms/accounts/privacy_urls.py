"""URLs of the personal-data features (RGPD): export for the person, erasure for managers."""

from django.urls import path

from lms.accounts import privacy_views

urlpatterns = [
    path("confidentialite/", privacy_views.privacy_page, name="privacy"),
    path("compte/mes-donnees/", privacy_views.export, name="privacy-export"),
    path("gestion/personnes/<int:user_id>/effacer/", privacy_views.erase, name="privacy-erase"),
]
