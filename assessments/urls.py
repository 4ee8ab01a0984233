"""URLs of the assessments app. Each views module owns its own ``urlpatterns``."""

from assessments.views import learner

app_name = "assessments"

urlpatterns = [*learner.urlpatterns]
