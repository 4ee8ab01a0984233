"""``manage.py purge_expired_data [--dry-run] [--acting-user EMAIL]``: apply the retention periods.

Run it daily (cron or a Celery beat entry). What it does, in this order (durations in settings,
``RETENTION_*``, and on the privacy page):

1. attendance registers whose cohort ended more than ``RETENTION_YEARS_ATTENDANCE`` years ago lose
   their attestation IPs, comments and free-text reasons; a closed register changes through a reasoned
   change (« Durée de conservation échue ») signed by ``--acting-user`` and is sealed again. Without
   that option closed registers wait (reported); a register whose seal already fails is never touched;
2. accounts without any activity for ``RETENTION_YEARS_PERSONAL`` years are pseudonymised like an
   erasure (``lms.accounts.privacy.erase``), unless they are named on a register still kept as
   evidence; superusers are never purged;
3. technical records older than ``RETENTION_DAYS_TECHNICAL`` days are deleted: login logs
   (django-axes), expired invitations, notification receipts; expired sessions too.

Idempotent: a second run finds nothing to do. ``--dry-run`` counts without writing.
"""

import datetime
from dataclasses import dataclass, field

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Attendance, AttendanceChange, TrainingSession
from courses.models import Cohort, Enrolment, Invitation
from lms.accounts import privacy, roles
from lms.accounts.models import User
from lms.ops.models import SentMessage


@dataclass
class PurgeReport:
    dry_run: bool
    accounts: int = 0
    register_rows: int = 0
    registers_resealed: int = 0
    registers_waiting: list[int] = field(default_factory=list)
    registers_tampered: list[int] = field(default_factory=list)
    technical: dict[str, int] = field(default_factory=dict)


def _cutoffs(now: datetime.datetime) -> tuple[datetime.datetime, datetime.date, datetime.datetime]:
    """(accounts inactive since, registers kept for cohorts ended since, technical records since)."""
    evidence_from = privacy.years_before(timezone.localdate(now), settings.RETENTION_YEARS_ATTENDANCE)
    technical = now - datetime.timedelta(days=settings.RETENTION_DAYS_TECHNICAL)
    return privacy.years_before(now, settings.RETENTION_YEARS_PERSONAL), evidence_from, technical


def expired_accounts(now: datetime.datetime):
    inactive_since, evidence_from, _technical = _cutoffs(now)
    person = OuterRef("pk")
    recent_enrolment = Enrolment.objects.filter(learner=person).filter(
        Q(updated_at__gte=inactive_since) | Q(cohort__ends_on__gte=inactive_since.date())
    )
    kept_evidence = TrainingSession.objects.filter(cohort__ends_on__gte=evidence_from)
    return (
        User.objects.filter(is_superuser=False, date_joined__lt=inactive_since)
        .filter(Q(last_login__isnull=True) | Q(last_login__lt=inactive_since))
        .exclude(email__startswith="efface-", email__endswith="@invalid")
        .filter(~Exists(recent_enrolment))
        .filter(~Exists(Cohort.objects.filter(trainers=person, ends_on__gte=inactive_since.date())))
        .filter(~Exists(Attendance.objects.filter(enrolment__learner=person, session__in=kept_evidence)))
        .filter(~Exists(kept_evidence.filter(Q(trainers=person) | Q(closed_by=person))))
        .filter(
            ~Exists(AttendanceChange.objects.filter(changed_by=person, attendance__session__in=kept_evidence))
        )
        .order_by("pk")
    )


def expired_register_rows(now: datetime.datetime):
    _inactive_since, evidence_from, _technical = _cutoffs(now)
    return Attendance.objects.filter(session__cohort__ends_on__lt=evidence_from).filter(
        ~Q(comment="") | Q(attested_ip__isnull=False)
    )


def technical_records(now: datetime.datetime) -> dict[str, object]:
    _inactive_since, _evidence_from, since = _cutoffs(now)
    return {
        "connexions": [
            model.objects.filter(attempt_time__lt=since) for model in (AccessLog, AccessFailureLog)
        ]
        + [AccessAttempt.objects.filter(attempt_time__lt=since)],
        "invitations": [Invitation.objects.filter(expires_at__lt=since)],
        "notifications": [SentMessage.objects.filter(sent_at__lt=since)],
        "sessions": [Session.objects.filter(expire_date__lt=now)],
    }


def purge_expired_data(*, now: datetime.datetime, acting_user=None, dry_run: bool = False) -> PurgeReport:
    report = PurgeReport(dry_run=dry_run)
    rows, accounts = expired_register_rows(now), expired_accounts(now)
    if dry_run:
        report.register_rows = rows.count()
        report.accounts = accounts.count()
        report.technical = {
            name: sum(qs.count() for qs in sets) for name, sets in technical_records(now).items()
        }
        return report
    with transaction.atomic():
        outcome = privacy.scrub_registers(
            rows, acting_user=acting_user, reason=privacy.RETENTION_REASON, now=now
        )
        history = AttendanceChange.objects.filter(attendance__session__cohort__ends_on__lt=_cutoffs(now)[1])
        # Reasons written by the platform mark history already redacted: only the rest is read again.
        history = history.exclude(reason__in=[privacy.RETENTION_REASON, privacy.ERASURE_REASON])
        privacy.redact_history(
            history.exclude(reason=privacy.REASON_REDACTED).exclude(
                attendance__session_id__in=outcome.tampered
            )
        )
    report.register_rows, report.registers_resealed = outcome.rows_cleared, outcome.registers_resealed
    report.registers_waiting, report.registers_tampered = outcome.waiting, outcome.tampered
    for user in accounts:
        privacy.erase(user=user, acting_user=acting_user, reason=privacy.RETENTION_REASON, now=now)
        report.accounts += 1
    with transaction.atomic():
        report.technical = {
            name: sum(qs.delete()[1].get(qs.model._meta.label, 0) for qs in sets)
            for name, sets in technical_records(now).items()
        }
    return report


class Command(BaseCommand):
    help = _("Efface ou pseudonymise les données personnelles dont la durée de conservation est échue.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("Compter sans rien modifier."))
        parser.add_argument(
            "--acting-user",
            metavar="EMAIL",
            help=_("Gestionnaire qui signe les modifications des registres d'émargement clos."),
        )

    def handle(self, *args, dry_run=False, acting_user=None, **options):
        for name in ("RETENTION_YEARS_PERSONAL", "RETENTION_YEARS_ATTENDANCE", "RETENTION_DAYS_TECHNICAL"):
            if getattr(settings, name) < 1:
                raise CommandError(_("%(name)s doit valoir au moins 1.") % {"name": name})
        signer = self._signer(acting_user) if acting_user else None
        now = timezone.now()
        report = purge_expired_data(now=now, acting_user=signer, dry_run=dry_run)
        self.stdout.write(summary(report, now=now))

    @staticmethod
    def _signer(email: str):
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None or not roles.is_manager(user):
            raise CommandError(
                _("--acting-user : aucun·e gestionnaire actif·ve avec l'adresse %(email)s.")
                % {"email": email}
            )
        return user


DRY_RUN = _("(simulation : rien n'a été modifié)")
LABELS = {
    False: {
        "registers": _(
            "présences nettoyées sur les registres échus (plus de %(years)s ans après la promotion)"
        ),
        "accounts": _("comptes pseudonymisés (sans activité depuis plus de %(years)s ans)"),
        "connexions": _("journaux de connexion supprimés (plus de %(days)s jours)"),
        "invitations": _("invitations supprimées (expirées depuis plus de %(days)s jours)"),
        "notifications": _("accusés d'envoi de notifications supprimés (plus de %(days)s jours)"),
        "sessions": _("sessions de connexion expirées supprimées"),
    },
    True: {
        "registers": _(
            "présences à nettoyer sur les registres échus (plus de %(years)s ans après la promotion)"
        ),
        "accounts": _("comptes à pseudonymiser (sans activité depuis plus de %(years)s ans)"),
        "connexions": _("journaux de connexion à supprimer (plus de %(days)s jours)"),
        "invitations": _("invitations à supprimer (expirées depuis plus de %(days)s jours)"),
        "notifications": _("accusés d'envoi de notifications à supprimer (plus de %(days)s jours)"),
        "sessions": _("sessions de connexion expirées à supprimer"),
    },
}


def summary(report: PurgeReport, *, now: datetime.datetime) -> str:
    """The French report printed by the command, one line per kind of data."""
    labels = LABELS[report.dry_run]
    values = {
        "years": settings.RETENTION_YEARS_ATTENDANCE,
        "days": settings.RETENTION_DAYS_TECHNICAL,
    }
    title = _("Purge des données échues au %(date)s") % {
        "date": timezone.localtime(now).strftime("%d/%m/%Y %H:%M")
    }
    if report.dry_run:
        title = f"{title} {DRY_RUN}"
    lines = [str(title)]
    lines.append(f"- {labels['registers'] % values} : {report.register_rows}")
    accounts = labels["accounts"] % {"years": settings.RETENTION_YEARS_PERSONAL}
    lines.append(f"- {accounts} : {report.accounts}")
    for name in ("connexions", "invitations", "notifications", "sessions"):
        lines.append(f"- {labels[name] % values} : {report.technical.get(name, 0)}")
    if report.registers_waiting:
        waiting = _("registre(s) clos en attente : relancez avec --acting-user <e-mail d'un·e gestionnaire>")
        lines.append(f"! {len(report.registers_waiting)} {waiting}")
    if report.registers_tampered:
        tampered = _("registre(s) au sceau rompu laissé(s) en l'état, à vérifier (séances n° %(ids)s)") % {
            "ids": ", ".join(map(str, report.registers_tampered))
        }
        lines.append(f"! {len(report.registers_tampered)} {tampered}")
    return "\n".join(str(line) for line in lines)
