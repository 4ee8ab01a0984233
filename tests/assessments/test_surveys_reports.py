"""Satisfaction survey reports: the figures against a hand-computed cohort, the anonymity of responses
and reports, the query budget at two sizes, and who may read which report."""

import datetime
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import SurveyRequest, SurveyResponse
from assessments.selectors.surveys import cohort_responses, cohort_summary, cohorts_overview
from courses.models import Cohort
from lms.accounts import roles
from tests.assessments.test_surveys import CLOSED_AT, PRESENT, answer, closed_session, sent_request
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db

MASKED = "moins de 3 réponses : résultats masqués pour préserver l'anonymat"


def _session_answers(satisfaction: int, pace: str, improve: str = "") -> dict:
    return {
        "satisfaction": [str(satisfaction)],
        "usefulness": ["4"],
        "clarity": ["5"],
        "pace": [pace],
        "improve": [improve],
    }


def _follow_up_answers(applied: int, actions: list[str], recommend: str, comment: str = "") -> dict:
    return {"applied": [str(applied)], "actions": actions, "recommend": [recommend], "comment": [comment]}


SESSION_A = [
    _session_answers(5, "right", "Zèbre : plus de pauses"),
    _session_answers(4, "right", "appeler moins tôt"),
    _session_answers(4, "fast"),
    _session_answers(3, "slow"),
]
SESSION_B = [_session_answers(2, "right", "Bravo"), _session_answers(5, "fast")]
FOLLOW_UP = [
    _follow_up_answers(4, ["colleagues", "caleol"], "yes", "Merci"),
    _follow_up_answers(5, ["none"], "yes"),
    _follow_up_answers(3, ["colleagues"], "no"),
]


@pytest.fixture
def world(tree):
    """Eight learners. Session A (trainer Tess): 8 asked, 4 answers; session B (Tess and Ugo): 8 asked,
    2 answers; follow-up: 4 asked, 3 answers; one request never sent; another cohort's answers."""
    cohort = CohortFactory(programme=tree.programme, name="Promotion Lens")
    tess = with_role(UserFactory(first_name="Tess", last_name="Formatrice"), roles.TRAINER)
    ugo = with_role(UserFactory(first_name="Ugo", last_name="Formateur"), roles.TRAINER)
    cohort.trainers.add(tess)
    learners = [
        EnrolmentFactory(cohort=cohort, learner__first_name="Prénom", learner__last_name=f"Apprenant{n}")
        for n in range(8)
    ]
    rows = [(e, PRESENT) for e in learners]
    session_a = closed_session(cohort, rows=rows, trainers=[tess], title="Séance A")
    session_b = closed_session(cohort, rows=rows, trainers=[tess, ugo], half_day="pm", title="Séance B")
    for session, answers in ((session_a, SESSION_A), (session_b, SESSION_B)):
        for position, enrolment in enumerate(learners):
            request = sent_request(enrolment, session)
            if position < len(answers):
                answer(request, answers[position])
    for position, enrolment in enumerate(learners[:4]):
        request = sent_request(enrolment, now=CLOSED_AT + datetime.timedelta(days=50))
        if position < len(FOLLOW_UP):
            answer(request, FOLLOW_UP[position])
    SurveyRequest.objects.create(kind="follow_up", enrolment=learners[7])  # never sent
    other = CohortFactory(programme=tree.programme)
    stranger = EnrolmentFactory(cohort=other)
    answer(sent_request(stranger, closed_session(other, rows=[(stranger, PRESENT)])))
    return cohort, learners, tess, ugo, (session_a, session_b)


def _question(group, key):
    return next(item for item in group.questions if item.question.key == key)


def test_the_summary_matches_the_hand_computed_figures(world):
    cohort, _learners, *_ = world
    summary = cohort_summary(cohort)
    assert (summary.requests, summary.responses, summary.response_rate) == (20, 9, Decimal("45.0"))
    session_a, session_b = summary.sessions
    assert (session_a.count, session_a.masked, session_b.count, session_b.masked) == (4, False, 2, True)
    satisfaction = _question(session_a, "satisfaction")
    assert (satisfaction.count, satisfaction.mean) == (4, Decimal("4.0"))
    assert [count for _label, count in satisfaction.distribution] == [0, 0, 1, 2, 1]
    assert satisfaction.distribution[0][0] == "1 – pas du tout satisfait·e"
    assert _question(session_a, "pace").distribution == [("trop lent", 1), ("adapté", 2), ("trop rapide", 1)]
    assert "improve" not in {item.question.key for item in session_a.questions}  # text: no figure
    assert session_b.questions == []
    # Session B (masked) is left out of every sum: total minus session A would give its answers.
    assert (summary.cohort.count, _question(summary.cohort, "satisfaction").mean) == (4, Decimal("4.0"))
    tess, ugo = summary.trainers
    assert (tess.label, tess.count, tess.masked, ugo.label, ugo.count, ugo.masked) == (
        "Tess Formatrice",
        4,
        False,
        "Ugo Formateur",
        0,
        True,
    )
    follow_up = summary.follow_up
    assert (follow_up.count, _question(follow_up, "applied").mean) == (3, Decimal("4.0"))
    assert [c for _l, c in _question(follow_up, "actions").distribution] == [2, 0, 1, 0, 1]
    assert _question(follow_up, "recommend").distribution == [("oui", 2), ("non", 1)]
    assert summary.comments == ["appeler moins tôt", "Bravo", "Merci", "Zèbre : plus de pauses"]


def test_no_sum_lets_a_masked_session_be_computed_by_difference(tree):
    """Two sessions of three answers and one of two: the cohort and the trainer show six answers, so
    that no subtraction of shown figures isolates the two answers of the masked session."""
    cohort = CohortFactory(programme=tree.programme)
    trainer = with_role(UserFactory(), roles.TRAINER)
    enrolments = [EnrolmentFactory(cohort=cohort) for _ in range(3)]
    for number, answered in enumerate((3, 3, 2)):
        session = closed_session(
            cohort,
            rows=[(e, PRESENT) for e in enrolments],
            trainers=[trainer],
            day=CLOSED_AT.date() + datetime.timedelta(days=number),
        )
        for enrolment in enrolments[:answered]:
            answer(sent_request(enrolment, session), _session_answers(1 + number, "right"))
    summary = cohort_summary(cohort)
    assert [g.masked for g in summary.sessions] == [False, False, True]
    assert summary.cohort.count == summary.trainers[0].count == 6
    assert _question(summary.cohort, "satisfaction").distribution[2] == ("3", 0)  # session 3's answers


def test_comments_of_a_survey_under_the_threshold_are_not_shown(tree):
    cohort = CohortFactory(programme=tree.programme)
    enrolments = [EnrolmentFactory(cohort=cohort) for _ in range(2)]
    session = closed_session(cohort, rows=[(e, PRESENT) for e in enrolments])
    for enrolment in enrolments:
        answer(sent_request(enrolment, session), _session_answers(3, "right", "Un avis personnel"))
    summary = cohort_summary(cohort)
    assert summary.comments == [] and summary.cohort.masked and summary.follow_up.masked


def test_the_overview_counts_sent_requests_and_responses_per_cohort(world):
    cohort, *_ = world
    lines = {line.cohort.pk: line for line in cohorts_overview(Cohort.objects.all())}
    assert (lines[cohort.pk].requests, lines[cohort.pk].responses) == (20, 9)
    assert lines[cohort.pk].response_rate == Decimal("45.0")
    empty = CohortFactory(programme=cohort.programme)
    assert cohorts_overview(Cohort.objects.filter(pk=empty.pk))[0].response_rate is None


def test_cohort_responses_are_the_cohorts_own_in_a_stable_order(world):
    cohort, *_ = world
    rows = list(cohort_responses(cohort))
    assert len(rows) == 9 and {r.cohort_id for r in rows} == {cohort.pk}
    assert rows == sorted(rows, key=lambda r: (r.kind, r.submitted_on, r.id))


# --- anonymity ------------------------------------------------------------------------------------------


def test_a_response_has_no_field_that_leads_back_to_a_person_or_a_request():
    related = {f.related_model._meta.label for f in SurveyResponse._meta.get_fields() if f.is_relation}
    assert related == {"courses.Cohort", "assessments.TrainingSession"}
    names = {f.name for f in SurveyResponse._meta.get_fields()}
    assert names == {"id", "kind", "questionnaire", "cohort", "session", "answers", "submitted_on"}
    assert not any(isinstance(f, models.DateTimeField) for f in SurveyResponse._meta.get_fields())
    assert isinstance(SurveyResponse._meta.pk, models.UUIDField)


def test_a_request_keeps_no_time_of_answer():
    moments = {f.name for f in SurveyRequest._meta.get_fields() if isinstance(f, models.DateTimeField)}
    assert moments == {"sent_at", "reminded_at", "deadline", "created_at"}
    assert not any(getattr(f, "auto_now", False) for f in SurveyRequest._meta.get_fields())


def test_response_ids_do_not_follow_the_order_of_answers(world):
    """Random UUIDs: the response order by id is not the order in which they were written."""
    cohort, *_ = world
    ids = [str(r.id) for r in SurveyResponse.objects.filter(cohort=cohort).order_by("submitted_on", "id")]
    assert len(set(ids)) == 9 and all(len(i) == 36 and i[14] == "4" for i in ids)  # UUID version 4


def test_the_report_names_no_learner_masks_small_groups_and_shows_comments_only_once(client, world):
    cohort, learners, *_ = world
    client.force_login(with_role(UserFactory(), roles.MANAGER))
    html = unescape(client.get(reverse("assessments:survey-cohort", args=[cohort.pk])).content.decode())
    for enrolment in learners:
        assert enrolment.learner.email not in html and enrolment.learner.last_name not in html
    assert "Prénom" not in html
    assert html.count(MASKED) == 2  # session B and Ugo
    assert "Tess Formatrice (4 réponses)" in html and "Séance A" in html
    comments = html[html.index("<h2>Commentaires</h2>") :]
    assert comments.index("appeler moins tôt") < comments.index("Bravo") < comments.index("Zèbre")
    before_comments = html[: html.index("<h2>Commentaires</h2>")]
    assert "Bravo" not in before_comments and "Zèbre" not in before_comments  # not next to a session


# --- query budget ---------------------------------------------------------------------------------------


def _cohort_of(tree, size: int):
    cohort = CohortFactory(programme=tree.programme)
    trainers = [with_role(UserFactory(), roles.TRAINER) for _ in range(2)]
    cohort.trainers.add(*trainers)
    enrolments = [EnrolmentFactory(cohort=cohort) for _ in range(size)]
    for number in range(size // 3):
        session = closed_session(
            cohort,
            rows=[(e, PRESENT) for e in enrolments],
            trainers=trainers[: 1 + number % 2],
            day=CLOSED_AT.date() + datetime.timedelta(days=number),
        )
        for enrolment in enrolments:
            answer(sent_request(enrolment, session))
    for enrolment in enrolments:
        answer(sent_request(enrolment, now=CLOSED_AT + datetime.timedelta(days=50)))
    return cohort


def test_the_summary_reads_in_four_queries_at_any_size(tree, django_assert_num_queries):
    small, large = _cohort_of(tree, 3), _cohort_of(tree, 12)
    for cohort in (small, large):
        with django_assert_num_queries(4):
            summary = cohort_summary(cohort)
    assert summary.responses == 12 * 4 + 12


def test_the_report_pages_read_in_a_fixed_number_of_queries(client, tree):
    small, large = _cohort_of(tree, 3), _cohort_of(tree, 12)
    client.force_login(with_role(UserFactory(), roles.MANAGER))
    home = reverse("assessments:survey-reports")
    client.get(home)  # warm-up: session, site
    counts = []
    for cohort in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("assessments:survey-cohort", args=[cohort.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    with CaptureQueriesContext(connection) as before:
        client.get(home)
    _cohort_of(tree, 6)
    with CaptureQueriesContext(connection) as after:
        client.get(home)
    assert len(before) == len(after)


# --- access ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "own", "home", "report"),
    [
        (roles.LEARNER, False, 403, 403),
        (roles.TRAINER, True, 200, 200),
        (roles.TRAINER, False, 200, 404),
        (roles.CERTIFIER, False, 200, 200),
        (roles.MANAGER, False, 200, 200),
    ],
)
def test_who_reads_the_reports(client, world, role, own, home, report):
    cohort, *_ = world
    person = with_role(UserFactory(), role)
    if own:
        cohort.trainers.add(person)
    client.force_login(person)
    assert client.get(reverse("assessments:survey-reports")).status_code == home
    assert client.get(reverse("assessments:survey-cohort", args=[cohort.pk])).status_code == report
    assert client.get(reverse("assessments:survey-cohort", args=[999_999])).status_code == (
        403 if role == roles.LEARNER else 404
    )


def test_a_trainer_sees_only_the_cohorts_they_train_on_the_home(client, world):
    cohort, _learners, tess, *_ = world
    other = CohortFactory(programme=cohort.programme, name="Promotion Béthune")
    client.force_login(tess)
    html = client.get(reverse("assessments:survey-reports")).content.decode()
    assert "Promotion Lens" in html and other.name not in html
    assert "45&nbsp;%" in html  # 9 answers to 20 surveys sent


def test_a_trainer_reads_their_own_per_trainer_figures_and_not_a_colleagues(client, world):
    cohort, _learners, _tess, ugo, _sessions = world
    cohort.trainers.add(ugo)
    url = reverse("assessments:survey-cohort", args=[cohort.pk])
    client.force_login(ugo)
    html = client.get(url).content.decode()
    assert "Ugo Formateur" in html and "Tess Formatrice" not in html
    client.force_login(with_role(UserFactory(), roles.MANAGER))
    html = client.get(url).content.decode()
    assert "Ugo Formateur" in html and "Tess Formatrice" in html


# --- the demo -------------------------------------------------------------------------------------------


def test_the_demo_answers_give_figures_a_masked_session_and_comments_and_load_once(client):
    import io

    from django.core.management import call_command

    from courses.demo import COHORT_NAME

    call_command("load_demo", stdout=io.StringIO())
    counts = (SurveyRequest.objects.count(), SurveyResponse.objects.count())
    second = io.StringIO()
    call_command("load_demo", stdout=second)
    assert (SurveyRequest.objects.count(), SurveyResponse.objects.count()) == counts
    assert "enquête" not in second.getvalue()
    summary = cohort_summary(Cohort.objects.get(name=COHORT_NAME))
    assert [group.masked for group in summary.sessions] == [False, False, True]
    assert summary.sessions[0].count == 4 and summary.responses == 9
    assert summary.comments and not summary.trainers[0].masked
    client.force_login(with_role(UserFactory(), roles.MANAGER))
    cohort = Cohort.objects.get(name=COHORT_NAME)
    assert client.get(reverse("assessments:survey-cohort", args=[cohort.pk])).status_code == 200
