"""Rubric scoring: the weighted score, bad input, publication, the trainer's opinion, who may do what,
the pages of trainers and learners, the rubric snippet in the admin, and the pages' query budgets.

The reference rubric has two criteria on a 0..4 scale, weighted 1 ("Analyse") and 3 ("Argumentation"):
scores 3 and 2 give (3×1 + 2×3) / (4×1 + 4×3) = 9/16 = 56.25 %.
"""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from assessments.models import Criterion, CriterionScore, Evaluation, Rubric, TrainerOpinion, TrainingSession
from assessments.selectors.rubrics import (
    evaluation_scores,
    learner_evaluations,
    trainer_opinion_for,
)
from assessments.services.rubrics import (
    ScoreError,
    give_opinion,
    publish_evaluation,
    save_evaluation,
    weighted_percent,
)
from courses.models import Enrolment
from lms.accounts import roles
from lms.errors import LMSError, NotAllowed
from tests.factories import CohortFactory, EnrolmentFactory, ProgrammePageFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db

RUBRICS = "/admin/snippets/assessments/rubric/"
LEVELS = "Absent\nÉbauché\nPartiel\nSolide\nExemplaire"  # 0..4


def make_rubric(programme, *, scale_max=4, weights=(1, 3), title="Étude de cas") -> Rubric:
    rubric = Rubric.objects.create(programme=programme, title=title, scale_max=scale_max)
    labels = ["Analyse", "Argumentation", "Posture", "Droit"]
    for n, weight in enumerate(weights):
        descriptors = "\n".join(f"{labels[n]} niveau {level}" for level in range(scale_max + 1))
        Criterion.objects.create(
            rubric=rubric, label=labels[n], weight=weight, descriptors=descriptors, sort_order=n
        )
    return rubric


def criteria(rubric) -> list:
    return list(rubric.criteria.order_by("sort_order"))


def scores_for(rubric, *levels, comments=None) -> dict:
    comments = comments or [""] * len(levels)
    return {
        c.pk: (level, comment) for c, level, comment in zip(criteria(rubric), levels, comments, strict=True)
    }


def make_session(cohort, *, day=0, half_day="am") -> TrainingSession:
    return TrainingSession.objects.create(
        cohort=cohort,
        title=f"Atelier {day}",
        date=datetime.date(2026, 3, 2) + datetime.timedelta(days=day),
        half_day=half_day,
        starts_at=datetime.time(9, 0),
        ends_at=datetime.time(12, 30),
    )


def staff(role, *, cohort=None):
    user = with_role(UserFactory(is_staff=role != roles.LEARNER), role)
    if cohort is not None:
        cohort.trainers.add(user)
    return user


@pytest.fixture
def cohort(tree):
    return CohortFactory(programme=tree.programme)


@pytest.fixture
def enrolment(cohort):
    return EnrolmentFactory(cohort=cohort)


@pytest.fixture
def rubric(tree):
    return make_rubric(tree.programme)


@pytest.fixture
def trainer(cohort):
    return staff(roles.TRAINER, cohort=cohort)


def _save(enrolment, rubric, trainer, *levels, session=None, comment="Bon travail."):
    return save_evaluation(
        enrolment=enrolment,
        rubric=rubric,
        session=session,
        scores=scores_for(rubric, *levels),
        comment=comment,
        acting_user=trainer,
    )


# --- Weighted score -------------------------------------------------------------------------------------


def test_weighted_score_is_exact(enrolment, rubric, trainer):
    evaluation = _save(enrolment, rubric, trainer, 3, 2)
    assert evaluation.score == Decimal("56.25")
    stored = dict(
        CriterionScore.objects.filter(evaluation=evaluation).values_list("criterion__label", "score")
    )
    assert stored == {"Analyse": 3, "Argumentation": 2}
    assert _save(enrolment, rubric, trainer, 4, 4).score == Decimal("100.00")
    assert _save(enrolment, rubric, trainer, 0, 0).score == Decimal("0.00")
    assert Evaluation.objects.count() == 1  # the same evaluation, corrected


def test_weighted_score_rounds_half_up_on_the_exact_value(tree, enrolment, trainer):
    # 1 / (4×1 + 4×7) = 1/32 = 3.125 % exactly: binary floats would give 3.12.
    rubric = make_rubric(tree.programme, weights=(1, 7), title="Arrondi")
    assert weighted_percent([(1, 1), (0, 7)], 4) * 1000 == 3125
    assert _save(enrolment, rubric, trainer, 1, 0).score == Decimal("3.13")
    # 2 / (3×1 + 3×2) = 22.22…
    thirds = make_rubric(tree.programme, scale_max=3, weights=(1, 2), title="Tiers")
    assert _save(enrolment, thirds, trainer, 2, 0).score == Decimal("22.22")


# --- Bad input: 400 and nothing written -----------------------------------------------------------------


def _assert_nothing_written():
    assert not Evaluation.objects.exists() and not CriterionScore.objects.exists()


@pytest.mark.parametrize("bad", [5, -1, "2.5", "abc", "", None, True, "²"])
def test_a_score_outside_the_scale_is_refused_naming_the_criterion(enrolment, rubric, trainer, bad):
    analyse, argumentation = criteria(rubric)
    scores = {analyse.pk: (2, ""), argumentation.pk: (bad, "")}
    with pytest.raises(ScoreError) as raised:
        save_evaluation(enrolment=enrolment, rubric=rubric, scores=scores, comment="", acting_user=trainer)
    assert raised.value.status == 400 and raised.value.criterion_id == argumentation.pk
    assert "« Argumentation »" in str(raised.value.message)
    _assert_nothing_written()


def test_a_missing_criterion_is_refused(enrolment, rubric, trainer):
    analyse, _argumentation = criteria(rubric)
    with pytest.raises(ScoreError) as raised:
        save_evaluation(
            enrolment=enrolment, rubric=rubric, scores={analyse.pk: (2, "")}, comment="", acting_user=trainer
        )
    assert raised.value.status == 400 and "« Argumentation »" in str(raised.value.message)
    _assert_nothing_written()


def test_a_criterion_of_another_rubric_is_refused(tree, enrolment, rubric, trainer):
    other = make_rubric(tree.programme, title="Autre grille")
    scores = {**scores_for(rubric, 2, 2), criteria(other)[0].pk: (1, "")}
    with pytest.raises(ScoreError) as raised:
        save_evaluation(enrolment=enrolment, rubric=rubric, scores=scores, comment="", acting_user=trainer)
    assert raised.value.status == 400 and raised.value.code == "unknown_criterion"
    _assert_nothing_written()


def test_a_rubric_of_another_programme_or_a_session_of_another_cohort_is_refused(
    tree, enrolment, rubric, trainer
):
    elsewhere = ProgrammePageFactory(parent=tree.home, slug="autre-programme")
    with pytest.raises(LMSError) as raised:
        _save(enrolment, make_rubric(elsewhere), trainer, 2, 2)
    assert raised.value.status == 400 and raised.value.code == "other_programme"
    other_session = make_session(CohortFactory(programme=tree.programme))
    with pytest.raises(LMSError) as raised:
        _save(enrolment, rubric, trainer, 2, 2, session=other_session)
    assert raised.value.status == 400 and raised.value.code == "other_cohort"
    _assert_nothing_written()


def test_a_refused_correction_keeps_the_stored_scores(enrolment, rubric, trainer):
    evaluation = _save(enrolment, rubric, trainer, 3, 2)
    with pytest.raises(ScoreError):
        _save(enrolment, rubric, trainer, 1, 9, comment="Changé")
    evaluation.refresh_from_db()
    assert evaluation.score == Decimal("56.25") and evaluation.comment == "Bon travail."
    assert sorted(evaluation.scores.values_list("score", flat=True)) == [2, 3]


def test_a_criterion_comment_too_long_is_refused(enrolment, rubric, trainer):
    scores = scores_for(rubric, 2, 2, comments=["x" * 1001, ""])
    with pytest.raises(ScoreError) as raised:
        save_evaluation(enrolment=enrolment, rubric=rubric, scores=scores, comment="", acting_user=trainer)
    assert "« Analyse »" in str(raised.value.message)
    _assert_nothing_written()


# --- Upsert, sessions, publication ----------------------------------------------------------------------


def test_one_evaluation_per_session_and_one_practical(cohort, enrolment, rubric, trainer):
    first, second = make_session(cohort, day=0), make_session(cohort, day=1)
    practical = _save(enrolment, rubric, trainer, 1, 1)
    in_first = _save(enrolment, rubric, trainer, 2, 2, session=first)
    assert _save(enrolment, rubric, trainer, 3, 3, session=first).pk == in_first.pk
    in_second = _save(enrolment, rubric, trainer, 4, 4, session=second)
    assert len({practical.pk, in_first.pk, in_second.pk}) == 3
    assert Evaluation.objects.count() == 3 and CriterionScore.objects.count() == 6
    assert Evaluation.objects.get(pk=in_first.pk).score == Decimal("75.00")


def test_saving_the_same_scores_twice_changes_nothing(enrolment, rubric, trainer):
    evaluation = _save(enrolment, rubric, trainer, 3, 2)
    again = _save(enrolment, rubric, trainer, 3, 2)
    assert again.pk == evaluation.pk and again.updated_at == evaluation.updated_at


def test_publish_is_idempotent_and_a_correction_stays_published(enrolment, rubric, trainer):
    evaluation = _save(enrolment, rubric, trainer, 3, 2)
    assert evaluation.published_at is None
    published_at = publish_evaluation(evaluation=evaluation, acting_user=trainer).published_at
    assert published_at is not None
    assert publish_evaluation(evaluation=evaluation, acting_user=trainer).published_at == published_at
    (shown,) = learner_evaluations(learner=enrolment.learner)
    assert not shown.corrected_after_publication
    corrected = _save(enrolment, rubric, trainer, 4, 2)
    assert corrected.published_at == published_at and corrected.updated_at > published_at
    (shown,) = learner_evaluations(learner=enrolment.learner)
    assert shown.corrected_after_publication and shown.score == Decimal("62.50")


def test_learners_see_only_their_published_evaluations(cohort, enrolment, rubric, trainer, tree):
    other = EnrolmentFactory(cohort=cohort)
    second = make_rubric(tree.programme, title="Jeu de rôle")
    mine = _save(enrolment, rubric, trainer, 3, 2, comment="Analyse fine.")
    _save(enrolment, second, trainer, 1, 1)  # never published
    theirs = _save(other, rubric, trainer, 4, 4)
    for evaluation in (mine, theirs):
        publish_evaluation(evaluation=evaluation, acting_user=trainer)
    (shown,) = learner_evaluations(learner=enrolment.learner)
    assert shown.id == mine.pk and shown.comment == "Analyse fine."
    assert [(c.label, c.score, c.descriptor) for c in shown.criteria] == [
        ("Analyse", 3, "Analyse niveau 3"),
        ("Argumentation", 2, "Argumentation niveau 2"),
    ]


# --- The trainer's opinion ------------------------------------------------------------------------------


def test_an_opinion_needs_a_comment_and_a_known_value(enrolment, trainer):
    for opinion, comment in (("favourable", ""), ("favourable", "   "), ("excellent", "Très bien")):
        with pytest.raises(LMSError) as raised:
            give_opinion(enrolment=enrolment, opinion=opinion, comment=comment, acting_user=trainer)
        assert raised.value.status == 400
    assert not TrainerOpinion.objects.exists()


def test_an_opinion_is_one_per_enrolment_and_dated_at_its_last_change(enrolment, trainer):
    first = give_opinion(
        enrolment=enrolment, opinion="reserved", comment="À consolider.", acting_user=trainer
    )
    same = give_opinion(enrolment=enrolment, opinion="reserved", comment="À consolider.", acting_user=trainer)
    assert same.given_at == first.given_at
    changed = give_opinion(enrolment=enrolment, opinion="favourable", comment="Acquis.", acting_user=trainer)
    assert TrainerOpinion.objects.count() == 1 and changed.given_at > first.given_at
    record = trainer_opinion_for(enrolment)
    assert (record.opinion, record.comment, str(record.label)) == ("favourable", "Acquis.", "favorable")
    assert trainer_opinion_for(EnrolmentFactory(cohort=enrolment.cohort)) is None


def test_evaluation_scores_for_certification(cohort, enrolment, rubric, trainer):
    session = make_session(cohort)
    practical = _save(enrolment, rubric, trainer, 3, 2)
    _save(enrolment, rubric, trainer, 4, 4, session=session)
    assert evaluation_scores(enrolment) == ()
    publish_evaluation(evaluation=practical, acting_user=trainer)
    (score,) = evaluation_scores(enrolment)
    assert (score.evaluation_id, score.session_id, score.score) == (practical.pk, None, Decimal("56.25"))
    every = evaluation_scores(enrolment, published_only=False)
    assert [s.session_id for s in every] == [None, session.pk]


# --- Permissions ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["learner", "other_trainer", "certifier", "trainer_role_only"])
def test_only_the_cohorts_trainers_and_managers_write(tree, cohort, enrolment, rubric, trainer, who):
    other_cohort = CohortFactory(programme=tree.programme)
    user = {
        "learner": lambda: enrolment.learner,
        "other_trainer": lambda: staff(roles.TRAINER, cohort=other_cohort),
        "certifier": lambda: staff(roles.CERTIFIER),
        "trainer_role_only": lambda: staff(roles.TRAINER),
    }[who]()
    evaluation = _save(enrolment, rubric, trainer, 3, 2)
    calls = [
        lambda: _save(enrolment, rubric, user, 1, 1),
        lambda: publish_evaluation(evaluation=evaluation, acting_user=user),
        lambda: give_opinion(enrolment=enrolment, opinion="favourable", comment="Oui", acting_user=user),
    ]
    for call in calls:
        with pytest.raises(NotAllowed):
            call()
    evaluation.refresh_from_db()
    assert evaluation.published_at is None and evaluation.score == Decimal("56.25")
    assert not TrainerOpinion.objects.exists()


def test_a_manager_scores_any_cohort(enrolment, rubric):
    manager = staff(roles.MANAGER)
    evaluation = _save(enrolment, rubric, manager, 2, 2)
    assert evaluation.trainer == manager and evaluation.score == Decimal("50.00")


def test_an_invited_learner_cannot_be_scored(cohort, rubric, trainer):
    invited = EnrolmentFactory(cohort=cohort, status=Enrolment.Status.INVITED)
    with pytest.raises(LMSError):
        _save(invited, rubric, trainer, 2, 2)
    _assert_nothing_written()


# --- Pages ----------------------------------------------------------------------------------------------


def _url(name, *args) -> str:
    return reverse(f"assessments:{name}", args=args)


def _post_scores(rubric, *levels, comment="") -> dict:
    data = {"comment": comment}
    for criterion, level in zip(criteria(rubric), levels, strict=True):
        data[f"score-{criterion.pk}"] = level
        data[f"comment-{criterion.pk}"] = ""
    return data


def test_the_trainer_scores_publishes_and_the_learner_reads(client, enrolment, rubric, trainer):
    client.force_login(trainer)
    overview = client.get(_url("cohort-evaluations", enrolment.cohort_id))
    edit = _url("evaluation-edit", enrolment.pk, rubric.pk)
    assert overview.status_code == 200 and edit in overview.content.decode()
    assert _url("completion-pdf", enrolment.pk) in overview.content.decode()
    page = client.get(edit).content.decode()
    analyse = criteria(rubric)[0]
    assert "<legend>Analyse" in page and f'name="score-{analyse.pk}"' in page
    assert f'<label for="score-{analyse.pk}-3"><strong>3</strong> — Analyse niveau 3</label>' in page
    # A NUL character (which PostgreSQL text refuses) is dropped rather than answered with a 500.
    posted = {**_post_scores(rubric, 3, 2, comment="Bon\x00 travail"), f"comment-{analyse.pk}": "Précis."}
    response = client.post(edit, posted)
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert (
        evaluation.score == Decimal("56.25") and evaluation.scores.get(criterion=analyse).comment == "Précis."
    )

    client.force_login(enrolment.learner)
    assert "56,25" not in client.get(_url("my-evaluations")).content.decode()
    client.force_login(trainer)
    assert client.get(_url("evaluation-publish", evaluation.pk)).status_code == 405
    for _twice in range(2):
        assert client.post(_url("evaluation-publish", evaluation.pk)).status_code == 302
    client.force_login(enrolment.learner)
    mine = client.get(_url("my-evaluations")).content.decode()
    assert "56,25" in mine and "Analyse niveau 3" in mine and "Précis." in mine and "Bon travail" in mine


def test_a_bad_score_answers_400_with_the_criterion_named_and_keeps_the_input(
    client, enrolment, rubric, trainer
):
    client.force_login(trainer)
    edit = _url("evaluation-edit", enrolment.pk, rubric.pk)
    analyse, argumentation = criteria(rubric)
    response = client.post(
        edit, {f"score-{analyse.pk}": 3, f"comment-{analyse.pk}": "Gardé", "comment": "Général"}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "« Argumentation »" in page
    assert f'id="criterion-{argumentation.pk}-error"' in page and "Gardé" in page and "Général" in page
    assert f'id="score-{analyse.pk}-3" value="3" checked' in page
    assert client.post(edit, _post_scores(rubric, 3, 7)).status_code == 400
    other = make_rubric(enrolment.cohort.programme, title="Autre")
    forged = {**_post_scores(rubric, 3, 2), f"score-{criteria(other)[0].pk}": 1, "score-x": 1}
    assert client.post(edit, forged).status_code == 400
    _assert_nothing_written()


def test_the_session_in_the_query_string(client, tree, cohort, enrolment, rubric, trainer):
    client.force_login(trainer)
    session = make_session(cohort)
    edit = _url("evaluation-edit", enrolment.pk, rubric.pk)
    assert client.post(f"{edit}?seance={session.pk}", _post_scores(rubric, 4, 4)).status_code == 302
    assert Evaluation.objects.get().session == session
    other_session = make_session(CohortFactory(programme=tree.programme))
    assert client.get(f"{edit}?seance={other_session.pk}").status_code == 404  # not theirs: as if unknown
    assert client.get(f"{edit}?seance=abc").status_code == 404
    assert client.get(f"{edit}?seance=999999").status_code == 404
    elsewhere = make_rubric(ProgrammePageFactory(parent=tree.home, slug="ailleurs"))
    assert client.get(_url("evaluation-edit", enrolment.pk, elsewhere.pk)).status_code == 400


def test_the_opinion_form(client, enrolment, trainer):
    client.force_login(trainer)
    url = _url("trainer-opinion", enrolment.pk)
    page = client.get(url).content.decode()
    assert "<legend>Avis</legend>" in page and "défavorable" in page
    response = client.post(url, {"opinion": "favourable", "comment": "  "})
    assert response.status_code == 400 and "Motivez votre avis" in response.content.decode()
    assert client.post(url, {"opinion": "brillant", "comment": "Oui"}).status_code == 400
    assert not TrainerOpinion.objects.exists()
    assert client.post(url, {"opinion": "reserved", "comment": "À revoir."}).status_code == 302
    assert TrainerOpinion.objects.get().opinion == "reserved"
    assert "réservé" in client.get(_url("cohort-evaluations", enrolment.cohort_id)).content.decode()


@pytest.mark.parametrize("who", ["learner", "other_trainer", "certifier"])
def test_who_may_open_the_trainer_pages(client, tree, enrolment, rubric, trainer, who):
    evaluation = _save(enrolment, rubric, trainer, 3, 2)
    user = {
        "learner": lambda: enrolment.learner,
        "other_trainer": lambda: staff(roles.TRAINER, cohort=CohortFactory(programme=tree.programme)),
        "certifier": lambda: staff(roles.CERTIFIER),
    }[who]()
    client.force_login(user)
    # Another trainer's cohort does not exist for them (404); learners and certifiers never score (403).
    refused = 404 if who == "other_trainer" else 403
    overview = client.get(_url("cohort-evaluations", enrolment.cohort_id))
    assert overview.status_code == {"certifier": 200, "other_trainer": 404, "learner": 403}[who]
    if who == "certifier":  # reads, without the links to score
        assert _url("evaluation-edit", enrolment.pk, rubric.pk) not in overview.content.decode()
    assert client.get(_url("evaluation-edit", enrolment.pk, rubric.pk)).status_code == refused
    assert (
        client.post(_url("evaluation-edit", enrolment.pk, rubric.pk), _post_scores(rubric, 0, 0)).status_code
        == refused
    )
    assert client.post(_url("evaluation-publish", evaluation.pk)).status_code == refused
    assert client.get(_url("trainer-opinion", enrolment.pk)).status_code == refused
    evaluation.refresh_from_db()
    assert evaluation.published_at is None and evaluation.score == Decimal("56.25")


def test_anonymous_people_are_sent_to_the_login_page(client, enrolment, rubric):
    for url in (_url("cohort-evaluations", enrolment.cohort_id), _url("my-evaluations")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_another_learners_evaluation_is_never_shown(client, cohort, enrolment, rubric, trainer):
    other = EnrolmentFactory(cohort=cohort)
    publish_evaluation(evaluation=_save(other, rubric, trainer, 4, 4, comment="Secret"), acting_user=trainer)
    client.force_login(enrolment.learner)
    page = client.get(_url("my-evaluations")).content.decode()
    assert "Secret" not in page and "100" not in page and "Aucune évaluation publiée" in page


# --- The rubric snippet in the admin --------------------------------------------------------------------


def _rubric_form(programme, *items, scale_max=4, initial=0, title="Étude de cas") -> dict:
    return nested_form_data(
        {
            "programme": programme.pk,
            "title": title,
            "description": "Analyser une attribution.",
            "scale_max": scale_max,
            "criteria": inline_formset(list(items), initial=initial),
        }
    )


def _item(label, weight, descriptors=LEVELS, **extra) -> dict:
    return {"label": label, "weight": weight, "descriptors": descriptors, **extra}


def _stored_items(rubric, **changes) -> list[dict]:
    """The rubric's criteria as the edit form posts them back; ``changes`` by label."""
    items = []
    for criterion in criteria(rubric):
        item = _item(criterion.label, criterion.weight, criterion.descriptors, id=criterion.pk)
        items.append({**item, **changes.get(criterion.label, {})})
    return items


def _errors(response) -> str:
    return response.content.decode()


def test_a_manager_creates_a_rubric_with_its_criteria(as_manager, tree):
    assert as_manager.get(RUBRICS).status_code == 200
    assert as_manager.get(f"{RUBRICS}add/").status_code == 200
    data = _rubric_form(tree.programme, _item("Analyse", 1), _item("Argumentation", 3))
    response = as_manager.post(f"{RUBRICS}add/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    rubric = Rubric.objects.get()
    assert (rubric.programme_id, rubric.scale_max) == (tree.programme.pk, 4)
    assert [(c.label, c.weight, c.levels[4]) for c in criteria(rubric)] == [
        ("Analyse", 1, "Exemplaire"),
        ("Argumentation", 3, "Exemplaire"),
    ]
    assert as_manager.get(f"{RUBRICS}edit/{rubric.pk}/").status_code == 200


@pytest.mark.parametrize("descriptors", ["Absent\nÉbauché\nPartiel\nSolide", LEVELS + "\nParfait"])
def test_each_criterion_needs_one_descriptor_per_level(as_manager, tree, descriptors):
    data = _rubric_form(tree.programme, _item("Analyse", 1), _item("Argumentation", 3, descriptors))
    response = as_manager.post(f"{RUBRICS}add/", data)
    assert response.status_code == 200
    assert "Il faut exactement 5 lignes de descripteurs, une par niveau de 0 à 4" in _errors(response)
    assert not Rubric.objects.exists()
    # Blank lines do not count, as in Criterion.levels.
    data = _rubric_form(tree.programme, _item("Analyse", 1, "\n" + LEVELS.replace("\n", "\n\n") + "\n"))
    assert as_manager.post(f"{RUBRICS}add/", data).status_code == 302


def test_a_rubric_needs_a_criterion(as_manager, tree):
    response = as_manager.post(f"{RUBRICS}add/", _rubric_form(tree.programme))
    assert response.status_code == 200 and "au moins un critère" in _errors(response)
    assert not Rubric.objects.exists()


def test_an_unused_rubric_can_change_its_scale(as_manager, tree, rubric):
    three_levels = {"descriptors": "Non\nEn partie\nOui"}
    items = _stored_items(rubric, Analyse=three_levels, Argumentation=three_levels)
    data = _rubric_form(tree.programme, *items, scale_max=2, initial=2)
    assert as_manager.post(f"{RUBRICS}edit/{rubric.pk}/", data).status_code == 302
    rubric.refresh_from_db()
    assert rubric.scale_max == 2


def test_a_used_rubric_keeps_its_scale_weights_and_criteria(as_manager, tree, enrolment, rubric, trainer):
    _save(enrolment, rubric, trainer, 3, 2)
    edit = f"{RUBRICS}edit/{rubric.pk}/"
    assert "ne peuvent plus changer" in as_manager.get(edit).content.decode()
    six_levels = {"descriptors": LEVELS + "\nParfait"}
    refused = [
        _rubric_form(
            tree.programme,
            *_stored_items(rubric, Analyse=six_levels, Argumentation=six_levels),
            scale_max=5,
            initial=2,
        ),
        _rubric_form(tree.programme, *_stored_items(rubric, Analyse={"weight": 2}), initial=2),
        _rubric_form(tree.programme, *_stored_items(rubric, Analyse={"DELETE": "1"}), initial=2),
        _rubric_form(tree.programme, *_stored_items(rubric), _item("Posture", 1), initial=2),
    ]
    for data in refused:
        response = as_manager.post(edit, data)
        assert response.status_code == 200
        assert "Une évaluation utilise déjà cette grille" in _errors(response)
    rubric.refresh_from_db()
    assert rubric.scale_max == 4 and [(c.label, c.weight) for c in criteria(rubric)] == [
        ("Analyse", 1),
        ("Argumentation", 3),
    ]
    # The wording can still be improved.
    reworded = _stored_items(rubric, Analyse={"label": "Analyse de la situation"})
    data = _rubric_form(tree.programme, *reworded, initial=2, title="Étude de cas (v2)")
    assert as_manager.post(edit, data).status_code == 302
    assert criteria(rubric)[0].label == "Analyse de la situation"
    assert Evaluation.objects.get().score == Decimal("56.25")


def test_certifiers_read_rubrics_and_trainers_do_not_reach_them(client, tree, rubric):
    certifier = staff(roles.CERTIFIER)
    client.force_login(certifier)
    assert client.get(RUBRICS).status_code == 200
    client.post(f"{RUBRICS}add/", _rubric_form(tree.programme, _item("Analyse", 1)))
    client.post(
        f"{RUBRICS}edit/{rubric.pk}/",
        _rubric_form(tree.programme, *_stored_items(rubric), initial=2, title="Piraté"),
    )
    client.force_login(staff(roles.TRAINER))
    assert client.get(RUBRICS).status_code in (302, 403)
    assert Rubric.objects.count() == 1 and Rubric.objects.get().title == "Étude de cas"


# --- Query budgets --------------------------------------------------------------------------------------

# session, user, second-factor device, cohort + programme, roles, trainer check (view), trainer check
# (may score), then the selector's three: rubrics, evaluations with their sessions, enrolments with opinions,
# and the attendance rates' three: closed sessions, attendance counts, the cohort's enrolments.
OVERVIEW_QUERY_BUDGET = 13
# session, user, then the selector's two: published evaluations (rubric, session, cohort, trainer joined)
# and their criterion scores with the criteria.
MY_EVALUATIONS_QUERY_BUDGET = 4


def _populate(cohort, rubrics, trainer, *, learners: int, sessions: list) -> None:
    for _n in range(learners):
        enrolment = EnrolmentFactory(cohort=cohort)
        for rubric in rubrics:
            for session in [None, *sessions]:
                evaluation = _save(enrolment, rubric, trainer, 2, 3, session=session)
                publish_evaluation(evaluation=evaluation, acting_user=trainer)
        give_opinion(enrolment=enrolment, opinion="favourable", comment="Acquis.", acting_user=trainer)


def test_the_cohort_overview_query_count_does_not_grow(
    client, tree, cohort, rubric, trainer, django_assert_num_queries
):
    rubrics = [rubric, make_rubric(tree.programme, title="Jeu de rôle", weights=(2, 2))]
    client.force_login(trainer)
    url = _url("cohort-evaluations", cohort.pk)
    for learners, sessions in ((3, 1), (30, 3)):
        _populate(
            cohort,
            rubrics,
            trainer,
            learners=learners - cohort.enrolments.count(),
            sessions=[make_session(cohort, day=cohort.sessions.count() + n) for n in range(sessions)],
        )
        client.get(url)  # warm-up
        with django_assert_num_queries(OVERVIEW_QUERY_BUDGET):
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("@example.org") == learners


def test_my_evaluations_query_count_does_not_grow(
    client, tree, cohort, enrolment, trainer, django_assert_num_queries
):
    client.force_login(enrolment.learner)
    url = _url("my-evaluations")
    for size in (2, 12):
        while Evaluation.objects.filter(enrolment=enrolment).count() < size:
            rubric = make_rubric(tree.programme, title=f"Grille {Rubric.objects.count()}")
            publish_evaluation(evaluation=_save(enrolment, rubric, trainer, 1, 4), acting_user=trainer)
        client.get(url)  # warm-up
        with django_assert_num_queries(MY_EVALUATIONS_QUERY_BUDGET):
            response = client.get(url)
        assert response.content.decode().count("Analyse niveau 1") == size


# --- Ten identical POSTs at once (PostgreSQL, where requests really overlap) ---------------------------


def _ten_at_once(action) -> list:
    barrier, results, lock = threading.Barrier(10), [], threading.Lock()

    def run(n: int):
        from django.db import connections

        barrier.wait()
        try:
            outcome = action(n)
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_ten_parallel_saves_publishes_and_opinions_store_one_row_each(wagtail_base):
    if connection.vendor != "postgresql":
        pytest.skip("courses concurrentes : vérifiées sur PostgreSQL (second passage de la CI)")
    from tests.conftest import build_tree

    tree = build_tree(modules=1, lessons_per_module=1)
    cohort = CohortFactory(programme=tree.programme)
    enrolment, rubric = EnrolmentFactory(cohort=cohort), make_rubric(tree.programme)
    trainer = staff(roles.TRAINER, cohort=cohort)

    clients = [Client() for _n in range(10)]
    for client in clients:  # logged in beforehand: the logins are not what is tested
        client.force_login(trainer)

    def post(url, data):
        return lambda n: clients[n].post(url, data).status_code

    edit = _url("evaluation-edit", enrolment.pk, rubric.pk)
    assert _ten_at_once(post(edit, _post_scores(rubric, 3, 2))) == [302] * 10
    assert Evaluation.objects.count() == 1 and CriterionScore.objects.count() == 2
    publish = _url("evaluation-publish", Evaluation.objects.get().pk)
    assert _ten_at_once(post(publish, {})) == [302] * 10
    opinion = _url("trainer-opinion", enrolment.pk)
    assert _ten_at_once(post(opinion, {"opinion": "favourable", "comment": "Oui."})) == [302] * 10
    assert TrainerOpinion.objects.count() == 1 and Evaluation.objects.get().published_at is not None


def test_the_overview_shows_each_learners_attendance_rate(client, cohort, enrolment, trainer):
    from django.utils import timezone

    from assessments.models import Attendance

    for day, status in ((0, Attendance.Status.PRESENT), (1, Attendance.Status.ABSENT)):
        session = make_session(cohort, day=day)
        Attendance.objects.create(
            session=session, enrolment=enrolment, status=status, method="trainer", marked_at=timezone.now()
        )
        TrainingSession.objects.filter(pk=session.pk).update(
            state="closed", closed_at=timezone.now(), closed_by=trainer
        )
    client.force_login(trainer)
    html = client.get(_url("cohort-evaluations", cohort.pk)).content.decode()
    assert "50 %" in html and "sous le seuil" in html and "1 demi-journée(s) sur 2" in html
