"""Fuzzing of the forms: CSV import, invitation, matrix and audit-log filters, scheduling, rubric scoring,
the trainer's opinion, login and invitation acceptance. Never a 500; a refused form writes nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import given
from hypothesis import strategies as st

from assessments.models import CriterionScore, Evaluation, TrainerOpinion, TrainingSession
from courses.models import Enrolment, Invitation
from courses.services.enrolment import LearnerData, invitation_token, invite_learner
from lms.accounts import roles
from lms.accounts.models import Organisation, User
from tests.assessments.test_rubrics import make_rubric
from tests.factories import CohortFactory, EnrolmentFactory, OrganisationFactory, UserFactory, with_role
from tests.fuzz import FUZZ, PAYLOADS, any_text, field_names, form_body, nasty_text, post_form, rolled_back

pytestmark = pytest.mark.django_db

PASSWORD = "mot-de-passe-solide-42"  # the factories' password


def counts() -> tuple[int, ...]:
    """Rows of every table these forms may write."""
    return (
        User.objects.count(),
        Organisation.objects.count(),
        Enrolment.objects.count(),
        Invitation.objects.count(),
        TrainingSession.objects.count(),
        Evaluation.objects.count(),
        CriterionScore.objects.count(),
        TrainerOpinion.objects.count(),
    )


@pytest.fixture
def cohort(tree):
    return CohortFactory(programme=tree.programme, capacity=50)


# --- managers: CSV import, invitation, scheduling ------------------------------------------------------

headers = st.one_of(
    st.just("email;prenom;nom;organisation"),
    st.just("Courriel,Prénom,Nom"),
    st.lists(
        st.one_of(st.sampled_from(["email", "prenom", "nom", "organisation"]), any_text), max_size=6
    ).map(";".join),
)
cells = st.one_of(
    st.sampled_from(["lea@example.org", "LEA@example.org", "sans-arobase", ""]),
    st.builds(lambda name: f"{name}@example.org", st.from_regex(r"[a-z]{1,8}", fullmatch=True)),
    nasty_text,
)
rows = st.lists(st.lists(cells, max_size=6).map(";".join), max_size=8)
csv_text = st.builds(lambda header, lines: "\n".join([header, *lines]), headers, rows)
csv_bytes = st.one_of(
    csv_text.map(lambda text: text.encode("utf-8")),
    csv_text.map(lambda text: "\ufeff".encode() + text.encode("utf-8")),
    csv_text.map(lambda text: text.encode("utf-16")),
    csv_text.map(lambda text: text.encode("latin-1", errors="replace")),
    st.binary(max_size=300),
)


def test_the_csv_import_never_fails_and_is_all_or_nothing(as_manager, cohort):
    url = reverse("courses:import-learners", args=[cohort.pk])
    OrganisationFactory(name="Habitat du Nord")

    @FUZZ
    @given(content=csv_bytes, name=st.sampled_from(["apprenants.csv", "a.txt", ""]), language=nasty_text)
    def upload(content, name, language):
        upload = SimpleUploadedFile(name or "fichier", content, content_type="text/csv")
        with rolled_back():
            before = counts()
            response = as_manager.post(url, {"file": upload, "language": language})
            assert response.status_code in (302, 400), response.status_code
            if response.status_code == 400:
                assert counts() == before

    upload()


def test_the_invitation_form_never_fails(as_manager, cohort):
    url = reverse("courses:invite-learner", args=[cohort.pk])
    organisation = OrganisationFactory()
    EnrolmentFactory(cohort=cohort, learner__email="deja@example.org")

    @FUZZ
    @given(
        email=st.one_of(
            st.sampled_from(["nadia@example.org", "deja@example.org", "NADIA@Example.org"]), nasty_text
        ),
        first_name=nasty_text,
        last_name=nasty_text,
        organisation=st.one_of(st.just(str(organisation.pk)), st.just(""), nasty_text),
        language=st.one_of(st.sampled_from(["fr", "en"]), nasty_text),
    )
    def invite(email, first_name, last_name, organisation, language):
        fields = {
            "email": email,
            "first_name": first_name,
            "last_name": last_name,
            "organisation": organisation,
            "language": language,
        }
        with rolled_back():
            before = counts()
            response = post_form(as_manager, url, fields)
            assert response.status_code in (302, 400), response.status_code
            if response.status_code == 400:
                assert counts() == before

    invite()


def test_the_session_form_never_fails(as_manager, cohort, tree):
    url = reverse("assessments:cohort-sessions", args=[cohort.pk])
    trainer = with_role(UserFactory(), roles.TRAINER)
    ids = st.one_of(
        st.sampled_from([str(trainer.pk), str(tree.modules[0].pk)]), st.integers().map(str), nasty_text
    )
    dates = st.one_of(
        st.dates(cohort.starts_on, cohort.ends_on).map(datetime.date.isoformat),
        st.dates().map(datetime.date.isoformat),
        nasty_text,
    )
    times = st.one_of(st.times().map(lambda t: t.strftime("%H:%M")), st.just(""), nasty_text)

    @FUZZ
    @given(
        title=nasty_text,
        date=dates,
        half_day=st.one_of(st.sampled_from(["am", "pm"]), nasty_text),
        starts_at=times,
        ends_at=times,
        mode=st.one_of(st.sampled_from(TrainingSession.Mode.values), nasty_text),
        place=nasty_text,
        visio_url=st.one_of(st.just("https://visio.example.org/salle"), nasty_text),
        modules=st.lists(ids, max_size=3),
        trainers=st.lists(ids, max_size=3),
    )
    def schedule(**fields):
        with rolled_back():
            before = counts()
            response = post_form(as_manager, url, fields)
            assert response.status_code in (302, 400), response.status_code
            if response.status_code == 400:
                assert counts() == before

    schedule()


@pytest.mark.parametrize("field", ["trainers", "modules"])
def test_an_id_beyond_64_bits_in_the_session_form_is_refused_cleanly(as_manager, cohort, field):
    fields = {
        "title": "Séance",
        "date": cohort.starts_on.isoformat(),
        "half_day": "am",
        "mode": TrainingSession.Mode.IN_PERSON,
        "place": "Lille",
        field: str(2**63),
    }
    response = post_form(as_manager, reverse("assessments:cohort-sessions", args=[cohort.pk]), fields)
    assert response.status_code == 400
    assert not TrainingSession.objects.exists()


def test_the_matrix_filters_never_fail(as_manager, cohort):
    EnrolmentFactory(cohort=cohort)
    page = reverse("courses:cohort-progress", args=[cohort.pk])
    export = reverse("courses:cohort-progress-csv", args=[cohort.pk])
    params = st.lists(
        st.tuples(st.one_of(st.sampled_from(["status", "organisation", "q"]), field_names), nasty_text),
        max_size=6,
    )

    @FUZZ
    @given(params=params)
    def filter_matrix(params):
        query = form_body(params)
        response = as_manager.get(f"{page}?{query}")
        assert response.status_code == 200
        csv = as_manager.get(f"{export}?{query}")
        assert csv.status_code == 200
        b"".join(csv.streaming_content)

    filter_matrix()


def test_the_audit_log_filters_never_fail(as_manager):
    page, export = reverse("audit:log"), reverse("audit:log-csv")
    dates = st.one_of(st.dates().map(datetime.date.isoformat), nasty_text)
    names = st.sampled_from(["action", "actor", "object_type", "date_from", "date_to", "page"])
    params = st.lists(st.tuples(st.one_of(names, field_names), st.one_of(dates, nasty_text)), max_size=6)

    @FUZZ
    @given(params=params)
    def filter_log(params):
        query = form_body(params)
        with rolled_back():
            assert as_manager.get(f"{page}?{query}").status_code == 200
            csv = as_manager.get(f"{export}?{query}")
            assert csv.status_code == 200
            b"".join(csv.streaming_content)

    filter_log()


# --- trainers: rubric scoring and opinion --------------------------------------------------------------


def test_the_rubric_scoring_form_never_fails(client, cohort, tree):
    rubric = make_rubric(tree.programme)
    enrolment = EnrolmentFactory(cohort=cohort)
    trainer = with_role(UserFactory(), roles.TRAINER)
    cohort.trainers.add(trainer)
    client.force_login(trainer)
    criterion_ids = [str(pk) for pk in rubric.criteria.values_list("pk", flat=True)]
    keys = st.one_of(st.sampled_from(criterion_ids), field_names)
    score = st.builds(
        lambda key, value: (f"score-{key}", value), keys, st.one_of(st.integers(-2, 6).map(str), nasty_text)
    )
    comment = st.builds(lambda key, value: (f"comment-{key}", value), keys, nasty_text)
    sessions = st.one_of(st.just(""), st.integers(-1, 10**20).map(str), nasty_text)

    @FUZZ
    @given(
        pairs=st.lists(st.one_of(score, comment, st.tuples(st.just("comment"), nasty_text)), max_size=10),
        session=sessions,
    )
    def score_it(pairs, session):
        url = reverse("assessments:evaluation-edit", args=[enrolment.pk, rubric.pk])
        with rolled_back():
            before = counts()
            response = post_form(client, f"{url}?{form_body({'seance': session})}", pairs)
            assert response.status_code in (302, 400, 404), response.status_code
            if response.status_code != 302:
                assert counts() == before

    score_it()


def test_the_opinion_form_never_fails(client, cohort):
    enrolment = EnrolmentFactory(cohort=cohort)
    trainer = with_role(UserFactory(), roles.TRAINER)
    cohort.trainers.add(trainer)
    client.force_login(trainer)
    url = reverse("assessments:trainer-opinion", args=[enrolment.pk])

    @FUZZ
    @given(opinion=st.one_of(st.sampled_from(TrainerOpinion.Opinion.values), nasty_text), comment=nasty_text)
    def give(opinion, comment):
        with rolled_back():
            before = counts()
            response = post_form(client, url, {"opinion": opinion, "comment": comment})
            assert response.status_code in (302, 400), response.status_code
            if response.status_code == 400:
                assert counts() == before

    give()


# --- everyone: login and invitation acceptance ---------------------------------------------------------


def test_the_login_form_never_fails_nor_redirects_off_site(db):
    UserFactory(email="lea@example.org")
    nexts = st.one_of(
        st.sampled_from(
            ["/mon-parcours/", "//evil.example.org/", "https://evil.example.org/", "javascript:alert(1)"]
        ),
        nasty_text,
    )

    @FUZZ
    @given(
        username=st.one_of(st.just("lea@example.org"), st.just("LEA@example.org"), nasty_text),
        password=st.one_of(st.just(PASSWORD), nasty_text),
        next_url=nexts,
    )
    def log_in(username, password, next_url):
        with rolled_back():
            response = post_form(
                Client(), "/connexion/", {"username": username, "password": password, "next": next_url}
            )
            assert response.status_code in (200, 302, 400, 429), response.status_code
            if response.status_code == 302:
                location = response["Location"]
                assert url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"}), location

    log_in()


def test_a_username_longer_than_the_lockout_records_allow_is_refused_cleanly(db):
    """django-axes stores the username of each failure in 255 characters (PostgreSQL enforces it)."""
    response = post_form(Client(), "/connexion/", {"username": "x" * 300 + "@example.org", "password": "x"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()


def test_the_invitation_acceptance_form_never_fails(tree, manager):
    enrolment = invite_learner(
        cohort=CohortFactory(programme=tree.programme),
        learner=LearnerData(email="nadia@example.org", first_name="Nadia", last_name="Nouvelle"),
        acting_user=manager,
    )
    url = f"/invitation/{invitation_token(enrolment.invitations.get())}/"
    strong = "une phrase de passe assez longue"

    @FUZZ
    @given(
        password1=st.one_of(st.just(strong), nasty_text),
        password2=st.one_of(st.just(strong), nasty_text),
        extra=st.lists(st.tuples(field_names, nasty_text), max_size=3),
    )
    def accept(password1, password2, extra):
        with rolled_back():
            fields = [("password1", password1), ("password2", password2), *extra]
            response = post_form(Client(), url, fields)
            assert response.status_code in (302, 400), response.status_code
            learner = User.objects.get(email="nadia@example.org")
            assert learner.has_usable_password() == (response.status_code == 302)

    accept()


def test_each_payload_in_each_text_field_of_the_invitation_form(as_manager, cohort):
    """The fixed list, whatever hypothesis draws."""
    url = reverse("courses:invite-learner", args=[cohort.pk])
    for payload in PAYLOADS:
        for field in ("email", "first_name", "last_name", "organisation", "language"):
            fields = {
                "email": "nadia@example.org",
                "first_name": "Nadia",
                "last_name": "Nouvelle",
                "language": "fr",
            }
            with rolled_back():
                response = post_form(as_manager, url, fields | {field: payload})
                assert response.status_code in (302, 400), (field, payload)
