"""Certification URLs, one module per audience so that each stays small:

- ``urls_staff``: the review queue, decisions, the registry and the lifecycle actions (``/gestion/``,
  behind the second factor);
- ``urls_public``: the verification page (no login), the public directory, the holder's own
  certificates;
- ``urls_badges``: Open Badges 3.0 credentials, the issuer's keys and the status list.
"""

from certificates import urls_badges, urls_public, urls_staff

app_name = "certificates"

urlpatterns = [*urls_staff.urlpatterns, *urls_public.urlpatterns, *urls_badges.urlpatterns]
