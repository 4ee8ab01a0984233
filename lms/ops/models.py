"""A heartbeat is written by the web side and stamped by whichever worker processed it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    processed_at = models.DateTimeField(_("traité le"), null=True, blank=True)
    worker = models.CharField(_("processus de traitement"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("signal de vie")
        verbose_name_plural = _("signaux de vie")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Heartbeat {self.pk}"


class SentMessage(models.Model):
    """One e-mail that must go out at most once (a notification), keyed by what it is about.

    ``send_once`` writes the row and sends in one transaction: a retried task finds the row and
    sends nothing; a failed send rolls the row back so that the retry sends it.
    """

    key = models.CharField(max_length=200, unique=True)
    recipient = models.EmailField(_("destinataire"))
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("message envoyé")
        verbose_name_plural = _("messages envoyés")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key
