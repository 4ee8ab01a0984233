"""Page factories (wagtail-factories): pass ``parent=`` to place a page in the tree."""

import factory
import wagtail_factories

from cms.models import HomePage, LessonPage, ModulePage, ProgrammePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Accueil de test"
    intro = "<p>Bienvenue sur la plateforme de test.</p>"

    class Meta:
        model = HomePage


class ProgrammePageFactory(wagtail_factories.PageFactory):
    title = "Référent·e égalité de traitement"
    subtitle = "Parcours de qualification"
    intro = "<p>Un parcours pour prévenir les discriminations dans les attributions.</p>"

    class Meta:
        model = ProgrammePage


class ModulePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Module de test {n}")
    number = factory.Sequence(lambda n: n + 1)
    intro = "<p>Présentation du module.</p>"

    class Meta:
        model = ModulePage


class LessonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Leçon de test {n}")
    summary = "Résumé de la leçon."
    duration_minutes = 20
    body = factory.LazyFunction(
        lambda: [
            {"type": "paragraph", "value": "<p>Les finalités légales de l'attribution.</p>"},
            {"type": "key_points", "value": {"title": "À retenir", "text": "<p>Égalité des chances.</p>"}},
        ]
    )

    class Meta:
        model = LessonPage
