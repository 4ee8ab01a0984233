"""The verification page (no login), the public directory and the holder's own certificates."""

from django.urls import path

from certificates.views import learner, public

urlpatterns = [
    path("verifier/", public.verify_home, name="verify-home"),
    # ``path``, not ``str``: whatever follows (slashes, dots, any length) reaches the view and gets
    # the same « introuvable » answer as an unknown id.
    path("verifier/<path:verification_id>/", public.verify, name="verify"),
    path("annuaire/referents/", public.directory, name="directory"),
    path("mes-certificats/", learner.my_certificates, name="my-certificates"),
    path("mes-certificats/<int:certificate_id>/pdf/", learner.my_certificate_pdf, name="my-certificate-pdf"),
    path(
        "mes-certificats/<int:certificate_id>/annuaire/",
        learner.directory_listing,
        name="directory-listing",
    ),
]
