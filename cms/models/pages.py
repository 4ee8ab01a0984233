"""The programme's page tree. ``get_context`` only gathers data; the reads live in ``cms.selectors``."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import selectors
from cms.blocks import RICH_TEXT_FEATURES, LessonBodyBlock

OBJECTIVES_BLOCK = [("objective", blocks.CharBlock(label=_("Objectif"), max_length=255))]


class HomePage(Page):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ProgrammePage"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def route(self, request, path_components):
        """Resolve a deep URL with one lookup on ``url_path`` instead of one query per level.

        Falls back to Wagtail's level-by-level routing when no page has that exact path (e.g. a
        sub-route of a routable page), so the result is the same, only cheaper.
        """
        if path_components:
            target = f"{self.url_path}{'/'.join(path_components)}/"
            page = Page.objects.filter(url_path=target).specific().first()
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = selectors.programme_cards(home=self)
        return context


class ProgrammePage(Page):
    subtitle = models.CharField(_("sous-titre"), max_length=255, blank=True)
    intro = RichTextField(_("présentation"), features=RICH_TEXT_FEATURES, blank=True)
    audience = models.TextField(_("public"), blank=True)
    objectives = StreamField(OBJECTIVES_BLOCK, verbose_name=_("objectifs"), blank=True)
    sequential_modules = models.BooleanField(
        _("modules dans l'ordre"),
        default=False,
        help_text=_("Le module suivant s'ouvre quand le précédent est terminé."),
    )
    attendance_threshold = models.PositiveSmallIntegerField(
        _("seuil d'assiduité (%)"),
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "En dessous, l'apprenant·e et son organisme sont prévenus à la clôture de chaque séance."
        ),
    )
    excused_absences_neutral = models.BooleanField(
        _("les absences excusées ne comptent pas"),
        default=True,
        help_text=_(
            "Cochée : une demi-journée d'absence excusée sort du calcul du taux d'assiduité. "
            "Décochée : elle compte comme une absence."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("intro"),
        FieldPanel("audience"),
        FieldPanel("objectives"),
        FieldPanel("sequential_modules"),
        MultiFieldPanel(
            [FieldPanel("attendance_threshold"), FieldPanel("excused_absences_neutral")],
            heading=_("Assiduité aux séances"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("subtitle")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ModulePage"]

    class Meta:
        verbose_name = _("programme")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = selectors.programme_outline(programme=self)
        return context


class ModulePage(Page):
    number = models.PositiveSmallIntegerField(
        _("numéro"), validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    intro = RichTextField(_("présentation"), features=RICH_TEXT_FEATURES, blank=True)
    objectives = StreamField(OBJECTIVES_BLOCK, verbose_name=_("objectifs"), blank=True)
    sources = RichTextField(
        _("sources"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Textes et publications sur lesquels repose le module."),
    )
    last_reviewed = models.DateField(_("dernière relecture"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("number"),
        FieldPanel("intro"),
        FieldPanel("objectives"),
        FieldPanel("sources"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.ProgrammePage"]
    subpage_types = ["cms.LessonPage"]

    class Meta:
        verbose_name = _("module")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = selectors.module_outline(module=self)
        return context


class LessonPage(Page):
    summary = models.TextField(_("résumé"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), default=15, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("duration_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("leçon")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A learner's progress, read before serving (courses' hook), may already have placed the lesson.
        context["place"] = getattr(request, "lesson_place", None) or selectors.lesson_place(lesson=self)
        return context
