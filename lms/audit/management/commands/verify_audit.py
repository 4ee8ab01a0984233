"""``manage.py verify_audit``: walk the audit chain and report any edited, removed or reordered event.

Exit code 0 and « Journal intègre : N événements » when the chain holds; otherwise one line per
problem and exit code 1 (for a cron job or a monitoring probe).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.audit.selectors import chain_report


class Command(BaseCommand):
    help = "Vérifie la chaîne d'empreintes du journal d'audit (événements modifiés, supprimés, déplacés)."

    def handle(self, *args, **options):
        with translation.override("fr"):
            report = chain_report()
            if report.intact:
                self.stdout.write(
                    ngettext(
                        "Journal intègre : %(count)s événement",
                        "Journal intègre : %(count)s événements",
                        report.count,
                    )
                    % {"count": report.count}
                )
                return
            for problem in report.problems:
                where = (
                    _("n° %(sequence)s") % {"sequence": problem.sequence} if problem.sequence else _("fin")
                )
                self.stderr.write(f"{where} : {problem.message}")
            raise CommandError(
                ngettext(
                    "Journal altéré : %(problems)s anomalie sur %(count)s événements lus",
                    "Journal altéré : %(problems)s anomalies sur %(count)s événements lus",
                    len(report.problems),
                )
                % {"problems": len(report.problems), "count": report.count},
                returncode=1,
            )
