"""URLs of the assessments app. Each views module owns its own ``urlpatterns``."""

from assessments.views import documents, learner, rubrics, schedule, staff, surveys, trainer

app_name = "assessments"

urlpatterns = [
    *learner.urlpatterns,
    *staff.urlpatterns,
    *trainer.urlpatterns,
    *schedule.urlpatterns,
    *documents.urlpatterns,
    *rubrics.urlpatterns,
    *surveys.urlpatterns,
]
