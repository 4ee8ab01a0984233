"""Review queue, decisions, registry and lifecycle actions (staff, under /gestion/).

Every route is under ``gestion/``: the second-factor middleware guards them all.
"""

from django.urls import path

from certificates.views import lifecycle, registry, review

urlpatterns = [
    path("gestion/certification/", review.review_home, name="review"),
    path("gestion/certification/promotions/<int:cohort_id>/", review.cohort_review, name="cohort-review"),
    path(
        "gestion/certification/promotions/<int:cohort_id>/certifier/",
        review.bulk_approve,
        name="bulk-approve",
    ),
    path("gestion/certification/inscriptions/<int:enrolment_id>/", review.decision_page, name="decision"),
    path("gestion/certificats/", registry.registry, name="registry"),
    path("gestion/certificats/export.csv", registry.registry_csv, name="registry-csv"),
    path("gestion/certificats/<int:certificate_id>/", registry.certificate_page, name="certificate"),
    path(
        "gestion/certificats/<int:certificate_id>/pdf/<int:version>/",
        registry.certificate_pdf,
        name="certificate-pdf",
    ),
    path(
        "gestion/certificats/<int:certificate_id>/suspendre/", lifecycle.suspend, name="certificate-suspend"
    ),
    path(
        "gestion/certificats/<int:certificate_id>/retablir/",
        lifecycle.reinstate,
        name="certificate-reinstate",
    ),
    path("gestion/certificats/<int:certificate_id>/revoquer/", lifecycle.revoke, name="certificate-revoke"),
    path("gestion/certificats/<int:certificate_id>/reediter/", lifecycle.reissue, name="certificate-reissue"),
]
