"""``manage.py import_curriculum [--force]``: (re)import ``cms/content/`` into the page tree."""

from django.core.management.base import BaseCommand
from django.db import transaction

from cms.demo.loader import home_page
from cms.importer import describe, import_curriculum


class Command(BaseCommand):
    help = "Importe le parcours depuis cms/content/ sans écraser les pages modifiées dans Wagtail."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remplace aussi les pages modifiées dans Wagtail depuis l'import.",
        )

    def handle(self, *args, force=False, **options):
        with transaction.atomic():
            home, _created = home_page()
            counts: dict[str, int] = {}
            for outcome in import_curriculum(home=home, force=force):
                counts[outcome.action] = counts.get(outcome.action, 0) + 1
                if outcome.action != "unchanged":
                    self.stdout.write(describe(outcome))
        summary = ", ".join(f"{action} : {n}" for action, n in sorted(counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Import terminé ({summary})."))
