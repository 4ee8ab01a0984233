"""Open Badges 3.0: credentials, the issuer profile and keys, the status list, credential checks.

Everything here but the download is public and outside the staff areas (no second factor): verifiers
fetch the issuer's profile, keys and status lists without an account. One route per status list, so
that an unknown purpose has no URL at all.
"""

from django.urls import path

from certificates.badges.status_list import PURPOSES
from certificates.views import badges

urlpatterns = [
    path("mes-certificats/<int:certificate_id>/badge.jwt", badges.download, name="badge-download"),
    path("certificats/emetteur.json", badges.issuer_profile_view, name="issuer-profile"),
    path(".well-known/jwks.json", badges.issuer_jwks, name="issuer-jwks"),
    *(
        path(
            f"certificats/statut/{purpose}.jwt",
            badges.status_list,
            {"purpose": purpose},
            name=f"status-list-{purpose}",
        )
        for purpose in PURPOSES
    ),
    path("verifier-un-badge/", badges.verify, name="badge-verify"),
]
