"""URLs of the personal-data features (RGPD): export for the person, erasure for managers."""

urlpatterns: list = []
