"""StreamField blocks of lesson bodies.

Each block has an icon, a template, a description and a preview value, so that editors see what it is
for in the block picker. Presentation helpers live on ``StructValue`` subclasses, not in templates.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]
CONTENT = _("Contenu")
LEARNING = _("Pédagogie")
MEDIA = _("Médias")


class KeyPointsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), default="À retenir", max_length=120)
    text = blocks.RichTextBlock(label=_("Points clés"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "pick"
        template = "cms/blocks/key_points.html"
        label = _("À retenir")
        group = LEARNING
        description = _("Encadré qui résume les points essentiels de la leçon.")
        preview_value = {
            "title": "À retenir",
            "text": "<ul><li>La cotation est une aide à la décision.</li>"
            "<li>Tout écart entre cotation et décision se motive.</li></ul>",
        }


class LegalReferenceValue(blocks.StructValue):
    def citation(self) -> str:
        parts = [self.get("text")]
        if self.get("article"):
            parts.append(f"art. {self['article']}")
        return ", ".join(p for p in parts if p)


class LegalReferenceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Texte (loi, code, décret)"), max_length=255)
    article = blocks.CharBlock(label=_("Article"), required=False, max_length=80)
    date = blocks.DateBlock(label=_("Date du texte"), required=False)
    url = blocks.URLBlock(label=_("Lien (Légifrance…)"), required=False)
    note = blocks.TextBlock(label=_("Ce que dit le texte"), required=False)

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/legal_reference.html"
        label = _("Référence juridique")
        group = CONTENT
        value_class = LegalReferenceValue
        description = _("Cite un texte (loi, code, décret) avec son article, sa date et un lien.")
        preview_value = {
            "text": "Code de la construction et de l'habitation",
            "article": "L441-2-2",
            "date": None,
            "url": "https://www.legifrance.gouv.fr/",
            "note": "Tout refus d'attribution est notifié par écrit avec ses motifs.",
        }


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), max_length=200)
    situation = blocks.RichTextBlock(label=_("Situation"), features=RICH_TEXT_FEATURES)
    questions = blocks.ListBlock(blocks.TextBlock(label=_("Question")), label=_("Questions"))
    debrief = blocks.RichTextBlock(label=_("Analyse"), features=RICH_TEXT_FEATURES, required=False)

    class Meta:
        icon = "group"
        template = "cms/blocks/case_study.html"
        label = _("Cas pratique")
        group = LEARNING
        description = _("Une situation fictive, des questions, puis l'analyse à dévoiler.")
        preview_value = {
            "title": "Une demande de mutation",
            "situation": "<p>Un locataire demande un logement adapté à son handicap.</p>",
            "questions": ["Quels critères s'appliquent ?"],
            "debrief": "<p>Le handicap fonde une priorité, jamais un refus.</p>",
        }


class TimelineEventBlock(blocks.StructBlock):
    when = blocks.CharBlock(label=_("Date ou période"), max_length=40)
    title = blocks.CharBlock(label=_("Événement"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)


class TimelineBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), max_length=200)
    events = blocks.ListBlock(TimelineEventBlock(), label=_("Étapes"))

    class Meta:
        icon = "date"
        template = "cms/blocks/timeline.html"
        label = _("Frise chronologique")
        group = LEARNING
        description = _("Une suite datée d'étapes, de la plus ancienne à la plus récente.")
        preview_value = {
            "title": "Quelques dates",
            "events": [
                {"when": "1998", "title": "Numéro unique départemental", "description": ""},
                {"when": "2017", "title": "Loi Égalité et citoyenneté", "description": ""},
            ],
        }


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=255)
    answer = blocks.RichTextBlock(label=_("Réponse"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), max_length=200, default="Questions fréquentes")
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Questions"))

    class Meta:
        icon = "list-ul"
        template = "cms/blocks/accordion.html"
        label = _("Accordéon / FAQ")
        group = CONTENT
        description = _("Questions et réponses repliables.")
        preview_value = {
            "title": "Questions fréquentes",
            "items": [
                {
                    "question": "La cotation décide-t-elle de l'attribution ?",
                    "answer": "<p>Non : elle éclaire la décision de la commission.</p>",
                }
            ],
        }


class GlossaryTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Terme"), max_length=120)
    definition = blocks.TextBlock(label=_("Définition"))

    class Meta:
        icon = "help"
        template = "cms/blocks/glossary_term.html"
        label = _("Terme du glossaire")
        group = CONTENT
        description = _("Définit un sigle ou un terme technique.")
        preview_value = {
            "term": "CALEOL",
            "definition": "Commission d'attribution des logements et d'examen de l'occupation.",
        }


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre de la vidéo"), max_length=200)
    embed_url = blocks.URLBlock(
        label=_("Adresse d'intégration"),
        help_text=_("Adresse « embed » de la vidéo ; son origine doit figurer dans VIDEO_FRAME_ORIGINS."),
    )
    transcript = blocks.RichTextBlock(label=_("Transcription"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "media"
        template = "cms/blocks/video.html"
        label = _("Vidéo avec transcription")
        group = MEDIA
        description = _("Vidéo intégrée, toujours accompagnée de sa transcription textuelle.")
        preview_value = {
            "title": "Présentation du parcours",
            "embed_url": "https://video.example.org/embed/presentation",
            "transcript": "<p>Bienvenue dans le parcours Référent·e égalité de traitement.</p>",
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Intitulé du lien"), required=False, max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "download"
        template = "cms/blocks/document.html"
        label = _("Document à télécharger")
        group = MEDIA
        description = _("Un document de la médiathèque, avec son format et son poids.")
        preview_value = {
            "title": "Fiche réflexe du référent",
            "description": "Deux pages à imprimer.",
        }


class LessonBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Texte"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="cms/blocks/paragraph.html",
        group=CONTENT,
        description=_("Texte courant avec intertitres, listes et liens."),
        preview_value="<p>Le droit pose deux objectifs qui peuvent entrer en tension.</p>",
    )
    key_points = KeyPointsBlock()
    legal_reference = LegalReferenceBlock()
    case_study = CaseStudyBlock()
    timeline = TimelineBlock()
    accordion = AccordionBlock()
    glossary_term = GlossaryTermBlock()
    video = VideoBlock()
    document = DocumentBlock()
