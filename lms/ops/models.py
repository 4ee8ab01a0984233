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
