"""What the curriculum import last wrote to a page, so that a re-import never overwrites an edit."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="import_record")
    content_hash = models.CharField(max_length=64)
    revision_id = models.PositiveBigIntegerField(help_text=_("Révision publiée par l'import."))
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("import de contenu")
        verbose_name_plural = _("imports de contenu")

    def __str__(self) -> str:
        return f"Import {self.page_id}"
