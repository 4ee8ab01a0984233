"""The platform's user (identified by e-mail address, stored lower-case and unique) and organisations."""

import re

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEPARTEMENT_RE = re.compile(r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$")


def validate_departement(value: str) -> None:
    if not DEPARTEMENT_RE.match(value or ""):
        raise ValidationError(_("Code de département invalide (ex. 59, 2A, 974)."), code="invalid")


def validate_siren(value: str) -> None:
    """A SIREN is 9 digits whose Luhn checksum is valid."""
    if not re.fullmatch(r"\d{9}", value or ""):
        raise ValidationError(_("Le SIREN compte exactement 9 chiffres."), code="invalid")
    total = 0
    for index, char in enumerate(reversed(value)):
        digit = int(char) * (2 if index % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    if total % 10:
        raise ValidationError(_("Ce SIREN n'est pas valide (clé de contrôle)."), code="invalid")


class Organisation(models.Model):
    """The employer of a learner: a social landlord, a local authority, a State service or an association."""

    class Kind(models.TextChoices):
        SOCIAL_LANDLORD = "bailleur", _("Bailleur social")
        LOCAL_AUTHORITY = "collectivite", _("Collectivité")
        STATE = "etat", _("Services de l'État")
        ASSOCIATION = "association", _("Association")

    name = models.CharField(_("nom de l'organisme"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    departement = models.CharField(_("département"), max_length=3, validators=[validate_departement])
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, validators=[validate_siren])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisme")
        verbose_name_plural = _("organismes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siren"], condition=~models.Q(siren=""), name="accounts_organisation_siren_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError(_("L'adresse e-mail est obligatoire."))
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if extra_fields["is_staff"] is not True or extra_fields["is_superuser"] is not True:
            raise ValueError(_("Un super-utilisateur doit avoir is_staff=True et is_superuser=True."))
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("adresse e-mail"), max_length=254, unique=True)
    first_name = models.CharField(_("prénom"), max_length=150, blank=True)
    last_name = models.CharField(_("nom"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("accès à l'administration"),
        default=False,
        help_text=_("Permet de se connecter à l'administration du site."),
    )
    is_active = models.BooleanField(_("actif"), default=True)
    date_joined = models.DateTimeField(_("date d'inscription"), default=timezone.now)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email
