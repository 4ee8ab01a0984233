"""``manage.py load_demo``: loads the demonstration data; running it twice duplicates nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for dotted in settings.DEMO_LOADERS:
                for line in import_string(dotted)(password=settings.DEMO_PASSWORD):
                    self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Démonstration prête."))
