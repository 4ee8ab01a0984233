"""URLs of the courses app. Each views module owns its own ``urlpatterns``."""

from courses.views import cohort, learner, management

app_name = "courses"

urlpatterns = [*learner.urlpatterns, *management.urlpatterns, *cohort.urlpatterns]
