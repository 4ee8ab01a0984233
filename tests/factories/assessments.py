"""Factories for quizzes: one question of each kind, and a case with two questions."""

import factory

from assessments.importer import stream_from_questions
from assessments.models import Quiz


def choice(text: str, correct: bool = False) -> dict:
    return {"text": text, "correct": correct, "feedback": f"Commentaire : {text}"}


def true_false(statement: str, answer: bool, explanation: str) -> dict:
    return {
        "type": "true_false",
        "statement": statement,
        "answer": answer,
        "feedback_true": f"Commentaire-vrai : {statement}",
        "feedback_false": f"Commentaire-faux : {statement}",
        "explanation": explanation,
    }


SAMPLE_QUESTIONS = [
    {
        "type": "single",
        "prompt": "Quel texte définit les finalités de l'attribution ?",
        "choices": [choice("L441 CCH", True), choice("225-1 CP"), choice("1388 bis CGI")],
        "explanation": "<p>Explication-single : l'article L441.</p>",
    },
    {
        "type": "multiple",
        "prompt": "Quels critères sont prohibés ?",
        "choices": [
            choice("Lieu de résidence", True),
            choice("Patronyme", True),
            choice("Ressources"),
            choice("Taille du ménage"),
        ],
        "explanation": "<p>Explication-multiple : article 225-1.</p>",
    },
    true_false("La cotation est une aide à la décision.", True, "<p>Explication-vrai-faux : CE 2024.</p>"),
    {
        "type": "case",
        "title": "Un T3 hors QPV",
        "case": "<p>Énoncé du cas de test.</p>",
        "questions": [
            {
                "type": "single",
                "prompt": "Le motif est-il suffisant ?",
                "choices": [choice("Non", True), choice("Oui")],
                "explanation": "<p>Explication-cas-1.</p>",
            },
            true_false("Le PV doit être motivé.", True, "<p>Explication-cas-2.</p>"),
        ],
    },
]


class QuizFactory(factory.django.DjangoModelFactory):
    """Needs ``module=`` (a ModulePage, e.g. the ``tree`` fixture's). Five scored questions."""

    class Meta:
        model = Quiz

    title = factory.Sequence(lambda n: f"Quiz de test {n}")
    questions = factory.LazyFunction(lambda: stream_from_questions(SAMPLE_QUESTIONS))
    shuffle_questions = False
    shuffle_choices = False
