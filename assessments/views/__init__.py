"""Views of the assessments app; each module owns its ``urlpatterns``."""
