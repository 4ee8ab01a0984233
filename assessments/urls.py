"""URLs of the assessments app. Each views module owns its own ``urlpatterns``."""

from assessments.views import learner, staff

app_name = "assessments"

urlpatterns = [*learner.urlpatterns, *staff.urlpatterns]
