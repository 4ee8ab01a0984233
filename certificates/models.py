"""Certification: the rules of a programme, the URH's decisions and the certificates they issue.

- ``CertificationRule``: per programme, edited by managers in the Wagtail admin. Eligibility is computed
  from it (``certificates.selectors.eligibility``), never stored.
- ``CertificationDecision``: a certifier's approve / reject / defer on an enrolment, with its motive and
  the eligibility it was decided on. An enrolment has at most one final decision (approve or reject);
  deferrals may precede it.
- ``Certificate``: exactly one per enrolment (unique), numbered ``URH-HDF-YYYY-NNNNNN`` from
  ``CertificateSequence`` taken under lock, verified by an unguessable id. It keeps snapshots of the
  holder, organisation, programme and hours at issue time, so that later edits do not change what was
  certified. Its PDFs are ``CertificateDocument`` rows, one per version: a corrected re-issue adds a
  version and keeps the earlier files.
- ``CertificateStatusChange``: the history of suspensions, reinstatements, revocations and expiry.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

NUMBER_PREFIX = "URH-HDF"


def new_verification_id() -> str:
    """192 random bits, URL-safe (32 characters): far beyond guessing."""
    return secrets.token_urlsafe(24)


class CertificationRule(models.Model):
    programme = models.OneToOneField(
        "cms.ProgrammePage",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="certification_rule",
    )
    require_all_modules = models.BooleanField(_("tous les modules terminés"), default=True)
    min_quiz_score = models.PositiveSmallIntegerField(
        _("moyenne minimale aux quiz (%)"),
        null=True,
        blank=True,
        default=70,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Moyenne des meilleures notes obtenues à chaque quiz du programme (un quiz non passé compte "
            "0). Laisser vide pour ne pas l'exiger."
        ),
    )
    min_attendance = models.PositiveSmallIntegerField(
        _("assiduité minimale (%)"),
        null=True,
        blank=True,
        default=80,
        validators=[MaxValueValidator(100)],
        help_text=_("Part des demi-journées closes auxquelles la personne a assisté. Vide : non exigée."),
    )
    require_favourable_opinion = models.BooleanField(
        _("avis favorable du formateur"),
        default=True,
        help_text=_("Un avis « réservé » ne peut être dépassé que par un certificateur, avec un motif."),
    )
    hours = models.DecimalField(
        _("durée de la formation (heures)"),
        max_digits=5,
        decimal_places=1,
        default=21,
        validators=[MinValueValidator(0)],
    )
    validity_years = models.PositiveSmallIntegerField(
        _("durée de validité (années)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    signatory_name = models.CharField(_("signataire"), max_length=200, default="Direction de l'URH")
    signatory_role = models.CharField(
        _("qualité du signataire"),
        max_length=200,
        default="Union régionale pour l'habitat Hauts-de-France",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("règle de certification")
        verbose_name_plural = _("règles de certification")

    def __str__(self) -> str:
        return str(_("Règle de certification — %(programme)s") % {"programme": self.programme.title})


class CertificationDecision(models.Model):
    class Outcome(models.TextChoices):
        APPROVED = "approved", _("certifié·e")
        REJECTED = "rejected", _("refusé")
        DEFERRED = "deferred", _("ajourné")

    FINAL = (Outcome.APPROVED, Outcome.REJECTED)

    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("inscription"),
        on_delete=models.PROTECT,
        related_name="certification_decisions",
    )
    outcome = models.CharField(_("décision"), max_length=10, choices=Outcome.choices)
    motive = models.TextField(_("motif"), blank=True)
    override = models.BooleanField(
        _("avis réservé dépassé"),
        default=False,
        help_text=_("Le certificateur a passé outre un avis « réservé » du formateur, avec un motif."),
    )
    eligibility = models.JSONField(_("éligibilité au moment de la décision"), default=dict)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("décidé par"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("décidé le"))

    class Meta:
        verbose_name = _("décision de certification")
        verbose_name_plural = _("décisions de certification")
        ordering = ["decided_at", "pk"]
        constraints = [
            # One final decision per enrolment: a double click or two certifiers at once give one.
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(outcome__in=["approved", "rejected"]),
                name="certificates_one_final_decision",
            ),
            models.CheckConstraint(
                condition=Q(outcome="approved") | ~Q(motive=""),
                name="certificates_decision_motive_unless_approved",
            ),
            models.CheckConstraint(
                condition=Q(override=False) | ~Q(motive=""), name="certificates_override_has_motive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} — {self.get_outcome_display()}"


class CertificateSequence(models.Model):
    """The last number given in a year; the row is locked while a number is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("séquence de numérotation")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("valide")
        SUSPENDED = "suspended", _("suspendu")
        REVOKED = "revoked", _("révoqué")
        EXPIRED = "expired", _("expiré")

    enrolment = models.OneToOneField(
        "courses.Enrolment",
        verbose_name=_("inscription"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    decision = models.OneToOneField(
        CertificationDecision,
        verbose_name=_("décision"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("titulaire"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    previous = models.OneToOneField(
        "self",
        verbose_name=_("certificat renouvelé"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewal",
    )
    number = models.CharField(_("numéro"), max_length=32, unique=True)
    year = models.PositiveSmallIntegerField(_("année"))
    sequence = models.PositiveIntegerField(_("rang dans l'année"))
    verification_id = models.CharField(
        _("identifiant de vérification"), max_length=64, unique=True, default=new_verification_id
    )
    # Snapshots at issue time (a corrected re-issue updates the holder's name and adds a PDF version).
    holder_name = models.CharField(_("nom du titulaire"), max_length=300)
    holder_organisation = models.CharField(_("organisme"), max_length=300, blank=True)
    holder_departement = models.CharField(_("département"), max_length=3, blank=True)
    programme_title = models.CharField(_("programme"), max_length=300)
    cohort_name = models.CharField(_("promotion"), max_length=200)
    hours = models.DecimalField(_("heures"), max_digits=5, decimal_places=1)
    signatory_name = models.CharField(_("signataire"), max_length=200)
    signatory_role = models.CharField(_("qualité du signataire"), max_length=200)
    issued_at = models.DateTimeField(_("délivré le"))
    valid_from = models.DateField(_("valide à partir du"))
    valid_until = models.DateField(_("valide jusqu'au"))
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.VALID)
    status_reason = models.TextField(_("motif du statut"), blank=True)
    status_changed_at = models.DateTimeField(_("statut changé le"), null=True, blank=True)
    template_version = models.PositiveSmallIntegerField(_("version du modèle"), default=1)
    pdf_version = models.PositiveSmallIntegerField(
        _("version du PDF attendue"),
        default=1,
        help_text=_("Le rendu produit cette version ; une réédition corrigée l'incrémente."),
    )
    listed_in_directory = models.BooleanField(
        _("dans l'annuaire public"),
        default=False,
        help_text=_("Choisi par la personne certifiée : nom, organisme et département visibles par tous."),
    )
    holder_erased = models.BooleanField(_("titulaire effacé (RGPD)"), default=False)
    holder_name_fingerprint = models.CharField(
        _("empreinte du nom"),
        max_length=64,
        blank=True,
        help_text=_("HMAC du nom, gardé après un effacement RGPD pour qu'un nom connu reste vérifiable."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("certificat")
        verbose_name_plural = _("certificats")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="certificates_unique_year_sequence"),
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")), name="certificates_validity_order"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["valid", "expired"]) | ~Q(status_reason=""),
                name="certificates_status_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "valid_until"], name="certificates_status_until"),
            models.Index(fields=["holder_name"], name="certificates_holder_name"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.VALID

    def current_document(self) -> "CertificateDocument | None":
        """The rendered PDF of the current ``pdf_version``; None until it is rendered (1 query)."""
        return self.documents.filter(version=self.pdf_version).first()


def document_path(document: "CertificateDocument", filename: str) -> str:
    return f"certificats/{document.certificate.year}/{document.certificate.number}-v{document.version}.pdf"


class CertificateDocument(models.Model):
    """One rendered, signed PDF of a certificate. Versions are kept: a corrected re-issue adds one."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("certificat"), on_delete=models.PROTECT, related_name="documents"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("fichier"), upload_to=document_path, max_length=200)
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("taille (octets)"))
    holder_name = models.CharField(_("nom imprimé"), max_length=300)
    demo_signature = models.BooleanField(_("signature de démonstration"), default=False)
    rendered_at = models.DateTimeField(_("produit le"))
    emailed_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("PDF de certificat")
        verbose_name_plural = _("PDF de certificats")
        ordering = ["certificate", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "version"], name="certificates_one_pdf_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate.number} v{self.version}"


def current_document_subquery():
    """The document of the outer query's certificate at its current ``pdf_version`` (for ``Exists``)."""
    return CertificateDocument.objects.filter(
        certificate=models.OuterRef("pk"), version=models.OuterRef("pdf_version")
    )


class CertificateStatusChange(models.Model):
    certificate = models.ForeignKey(
        Certificate, verbose_name=_("certificat"), on_delete=models.PROTECT, related_name="status_changes"
    )
    from_status = models.CharField(_("ancien statut"), max_length=10, choices=Certificate.Status.choices)
    to_status = models.CharField(_("nouveau statut"), max_length=10, choices=Certificate.Status.choices)
    reason = models.TextField(_("motif"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Vide : changement automatique (expiration)."),
    )
    changed_at = models.DateTimeField(_("le"))

    class Meta:
        verbose_name = _("changement de statut")
        verbose_name_plural = _("changements de statut")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.certificate.number}: {self.from_status} → {self.to_status}"
