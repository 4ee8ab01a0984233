"""A person's choices about the e-mails the platform sends them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationPreference(models.Model):
    """The language of a person's e-mails and whether they receive the non-essential ones.

    No row means the defaults: French, every e-mail. The unsubscribe link of a non-essential e-mail
    creates the row if needed and turns ``non_essential`` off; essential e-mails ignore it.
    """

    class Language(models.TextChoices):
        FRENCH = "fr", "Français"
        ENGLISH = "en", "English"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    language = models.CharField(
        _("langue des e-mails"), max_length=2, choices=Language.choices, default=Language.FRENCH
    )
    non_essential = models.BooleanField(
        _("e-mails non essentiels"),
        default=True,
        help_text=_("Rappels et informations ; les e-mails essentiels sont toujours envoyés."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("préférences de notification")
        verbose_name_plural = _("préférences de notification")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}, {'tout' if self.non_essential else 'essentiel'}"
