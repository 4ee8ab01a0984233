"""``manage.py import_quizzes [--force]``: (re)import ``cms/content/quizzes/`` into the modules' quizzes."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from assessments.importer import describe, import_quizzes
from cms import curriculum


class Command(BaseCommand):
    help = "Importe les quiz depuis cms/content/quizzes/ sans écraser ceux modifiés dans Wagtail."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remplace aussi les quiz modifiés dans Wagtail depuis l'import.",
        )

    def handle(self, *args, force=False, **options):
        from cms.models import ProgrammePage

        programme = ProgrammePage.objects.filter(slug=curriculum.programme()["slug"]).first()
        if programme is None:
            raise CommandError("Le programme n'existe pas : lancez d'abord « manage.py import_curriculum ».")
        counts: dict[str, int] = {}
        with transaction.atomic():
            for outcome in import_quizzes(programme=programme, force=force):
                counts[outcome.action] = counts.get(outcome.action, 0) + 1
                if outcome.action != "unchanged":
                    self.stdout.write(describe(outcome))
        summary = ", ".join(f"{action} : {n}" for action, n in sorted(counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Import terminé ({summary})."))
