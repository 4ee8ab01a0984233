"""StreamField blocks in which editors write a quiz's questions.

Four kinds: single choice, multiple choice, true/false, and "mise en situation" (a case text followed
by its own questions). Each block checks what makes a question answerable (the right number of correct
choices) so that a quiz can never be published without a key. Block ids are the stable keys that
attempts and answers refer to.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

EXPLANATION_FEATURES = ["bold", "italic", "link"]


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Réponse proposée"), max_length=500)
    correct = blocks.BooleanBlock(label=_("Bonne réponse"), required=False)
    feedback = blocks.CharBlock(
        label=_("Commentaire sur ce choix"),
        required=False,
        max_length=500,
        help_text=_("Montré à la relecture, selon la politique de correction du quiz."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Réponse")


class _ChoiceQuestionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Question"), max_length=1000)
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Réponses proposées"), min_num=2, max_num=8)
    explanation = blocks.RichTextBlock(
        label=_("Explication"),
        features=EXPLANATION_FEATURES,
        help_text=_("Pourquoi la bonne réponse est la bonne : montrée à la relecture."),
    )

    def _check_correct_count(self, value, correct: int):
        """The error message when ``correct`` right answers do not suit this kind; None when they do."""
        return None

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        message = self._check_correct_count(value, correct)
        if message:
            raise StructBlockValidationError(block_errors={"choices": ValidationError(message)})
        return value


class SingleChoiceBlock(_ChoiceQuestionBlock):
    def _check_correct_count(self, value, correct: int):
        if correct != 1:
            return _("Cochez exactement une bonne réponse.")
        return None

    class Meta:
        icon = "radio-full"
        label = _("Choix unique")
        description = _("Une seule bonne réponse parmi plusieurs.")


class MultipleChoiceBlock(_ChoiceQuestionBlock):
    def _check_correct_count(self, value, correct: int):
        if correct < 1:
            return _("Cochez au moins une bonne réponse.")
        if correct == len(value["choices"]):
            return _("Au moins une réponse proposée doit être fausse.")
        return None

    class Meta:
        icon = "tasks"
        label = _("Choix multiple")
        description = _(
            "Plusieurs bonnes réponses. Chaque bonne réponse cochée rapporte une part de la question, "
            "chaque mauvaise en retire une ; la note d'une question ne descend pas sous zéro."
        )


class TrueFalseBlock(blocks.StructBlock):
    statement = blocks.TextBlock(label=_("Affirmation"), max_length=1000)
    answer = blocks.BooleanBlock(label=_("L'affirmation est vraie"), required=False)
    feedback_true = blocks.CharBlock(label=_("Commentaire si « Vrai » est choisi"), required=False)
    feedback_false = blocks.CharBlock(label=_("Commentaire si « Faux » est choisi"), required=False)
    explanation = blocks.RichTextBlock(label=_("Explication"), features=EXPLANATION_FEATURES)

    class Meta:
        icon = "tick"
        label = _("Vrai ou faux")
        description = _("Une affirmation à juger vraie ou fausse.")


class CaseQuestionsBlock(blocks.StreamBlock):
    single = SingleChoiceBlock()
    multiple = MultipleChoiceBlock()
    true_false = TrueFalseBlock()

    class Meta:
        min_num = 1


class CaseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre de la mise en situation"), max_length=200)
    case = blocks.RichTextBlock(label=_("Énoncé du cas"), features=["bold", "italic", "ul", "ol"])
    questions = CaseQuestionsBlock(label=_("Questions sur le cas"))

    class Meta:
        icon = "group"
        label = _("Mise en situation")
        description = _("Un cas pratique suivi de plusieurs questions, présentées ensemble et dans l'ordre.")


class QuizQuestionsBlock(blocks.StreamBlock):
    single = SingleChoiceBlock()
    multiple = MultipleChoiceBlock()
    true_false = TrueFalseBlock()
    case = CaseBlock()

    class Meta:
        min_num = 1
