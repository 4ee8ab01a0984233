"""``manage.py ensure_signing_keys``: the demo signing keys, created if missing (idempotent).

Creates the PDF signing pair (EC P-256 key and self-signed certificate « URH Hauts-de-France —
signature de démonstration », five years) at ``CERTIFICATE_SIGNING_KEY_FILE`` /
``CERTIFICATE_SIGNING_CERT_FILE``, and the Open Badges key when that module is installed. Files are
0600. Existing files are never replaced: a real key configured there stays as it is.
"""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand

from certificates.signing import ensure_demo_pair, signing_is_demo


class Command(BaseCommand):
    help = "Crée les clés de signature de démonstration si elles manquent (idempotent)."

    def handle(self, *args, **options):
        key_file = settings.CERTIFICATE_SIGNING_KEY_FILE
        cert_file = settings.CERTIFICATE_SIGNING_CERT_FILE
        if ensure_demo_pair(key_file, cert_file):
            self.stdout.write(f"Clé de signature des PDF de démonstration créée : {key_file}, {cert_file}")
        else:
            kind = "de démonstration" if signing_is_demo() else "configurée"
            self.stdout.write(f"Clé de signature des PDF déjà présente ({kind}) : {key_file}")
        self.ensure_badge_key()

    def ensure_badge_key(self) -> None:
        try:
            keys = importlib.import_module("certificates.badges.keys")
        except ModuleNotFoundError as exc:
            if exc.name not in {"certificates.badges", "certificates.badges.keys"}:
                raise
            return  # a version without Open Badges
        keys.ensure_badge_key()
        self.stdout.write("Clé de signature des badges vérifiée.")
