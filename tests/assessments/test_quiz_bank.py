"""The quiz bank in cms/content/quizzes/: complete, answerable, explained, imported safely."""

import pytest
from django.core.management import call_command

from assessments import importer
from assessments.blocks import QuizQuestionsBlock
from assessments.models import Quiz
from assessments.questions import quiz_items
from cms import curriculum

MODULE_NUMBERS = [m["number"] for m in curriculum.modules()]


def _scored(questions: list[dict]) -> list[dict]:
    return [sub for q in questions for sub in (q["questions"] if q["type"] == "case" else [q])]


def test_every_module_has_a_quiz_file():
    assert sorted(data["module"] for data in importer.quiz_files()) == sorted(MODULE_NUMBERS)


@pytest.mark.parametrize("data", importer.quiz_files(), ids=lambda d: f"module-{d['module']}")
def test_each_quiz_has_six_answerable_explained_questions(data):
    scored = _scored(data["questions"])
    assert len(scored) >= 6
    for question in scored:
        assert question["explanation"].strip(), question
        if question["type"] == "true_false":
            assert isinstance(question["answer"], bool)
            continue
        correct = sum(1 for c in question["choices"] if c["correct"])
        if question["type"] == "single":
            assert correct == 1, question["prompt"]
        else:
            assert 1 <= correct < len(question["choices"]), question["prompt"]
        assert all(c["text"].strip() and c["feedback"].strip() for c in question["choices"])
    # The blocks' own validation accepts it, as the Wagtail admin would.
    block = QuizQuestionsBlock()
    block.clean(block.to_python(importer.stream_from_questions(data["questions"])))


def test_both_case_studies_of_the_fact_sheet_are_in_the_bank():
    cases = [q for data in importer.quiz_files() for q in data["questions"] if q["type"] == "case"]
    assert len(cases) >= 2
    assert all(len(case["questions"]) >= 3 for case in cases)


@pytest.mark.django_db
def test_import_creates_one_quiz_per_module_and_never_overwrites_an_edit():
    call_command("import_curriculum", verbosity=0)
    call_command("import_quizzes", verbosity=0)
    assert Quiz.objects.count() == len(MODULE_NUMBERS)
    quiz = Quiz.objects.select_related("module").get(module__number=1)
    expected = len(_scored(next(d for d in importer.quiz_files() if d["module"] == 1)["questions"]))
    items = quiz_items(quiz.questions)
    assert len(items) == expected and all(item["key"] for item in items)
    assert all(choice["key"] for item in items for choice in item["choices"])

    programme = quiz.module.get_parent()
    assert {o.action for o in importer.import_quizzes(programme=programme)} == {"unchanged"}

    quiz.title = "Titre modifié dans Wagtail"
    quiz.save()
    data = {**importer.quiz_files()[0], "title": "Nouveau titre du fichier"}
    outcome = importer.upsert_quiz(module=quiz.module, data=data)
    assert outcome.action == "kept"
    assert Quiz.objects.get(pk=quiz.pk).title == "Titre modifié dans Wagtail"
    assert importer.upsert_quiz(module=quiz.module, data=data, force=True).action == "updated"
    assert Quiz.objects.get(pk=quiz.pk).title == "Nouveau titre du fichier"
    # Not edited since: a changed file updates it.
    data = {**data, "title": "Troisième titre"}
    assert importer.upsert_quiz(module=quiz.module, data=data).action == "updated"
