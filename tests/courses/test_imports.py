"""CSV import of learners: every line checked first, then all enrolled in one transaction, or nothing."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.models import Enrolment, Invitation
from courses.services import imports
from courses.services.imports import ImportRefused, import_learners, read_rows
from lms.accounts import roles
from lms.accounts.models import User
from lms.errors import NotAllowed
from tests.factories import CohortFactory, EnrolmentFactory, OrganisationFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db

HEADER = "email;prenom;nom;organisation\n"


def csv_file(text: str, *, bom: bool = False) -> SimpleUploadedFile:
    data = ("\ufeff" if bom else "").encode() + text.encode("utf-8")
    return SimpleUploadedFile("apprenants.csv", data, content_type="text/csv")


def counts() -> tuple[int, int, int]:
    return User.objects.count(), Enrolment.objects.count(), Invitation.objects.count()


def refused_lines(error: ImportRefused) -> list[tuple[int, str]]:
    return [(line_error.line, line_error.code) for line_error in error.errors]


@pytest.fixture
def manager(db):
    return with_role(UserFactory(is_staff=True), roles.MANAGER)


@pytest.fixture
def cohort(tree):
    return CohortFactory(programme=tree.programme, capacity=10)


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Habitat du Nord")


@pytest.fixture
def refuse(cohort, manager):
    """Import ``text``, expect a refusal, and check that nothing at all was written or sent."""

    def run(text: str, **kwargs) -> ImportRefused:
        before = counts()
        with pytest.raises(ImportRefused) as caught:
            import_learners(cohort=cohort, file=csv_file(text, **kwargs), acting_user=manager)
        assert counts() == before
        assert mail.outbox == []
        assert caught.value.status == 400
        return caught.value

    return run


# --- happy paths ------------------------------------------------------------------------------------


def test_every_line_is_enrolled_as_invited_and_e_mailed_in_french(
    cohort, manager, organisation, django_capture_on_commit_callbacks
):
    text = (
        "E-mail;Prénom;NOM;Organisme\n"
        "Camille.Martin@Example.org;Camille;Martin; habitat du NORD \n"
        "dominique@example.org;Dominique;Lefebvre;\n"
        "sacha@example.org;Sacha;Durand;Habitat du Nord\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = import_learners(cohort=cohort, file=csv_file(text, bom=True), acting_user=manager)

    assert result.count == 3
    enrolments = Enrolment.objects.filter(cohort=cohort).select_related("learner")
    assert {e.learner.email for e in enrolments} == {
        "camille.martin@example.org",
        "dominique@example.org",
        "sacha@example.org",
    }
    assert {e.status for e in enrolments} == {Enrolment.Status.INVITED}
    assert {e.invited_by_id for e in enrolments} == {manager.pk}
    camille = User.objects.get(email="camille.martin@example.org")
    assert (camille.first_name, camille.last_name, camille.organisation) == (
        "Camille",
        "Martin",
        organisation,
    )
    assert User.objects.get(email="dominique@example.org").organisation is None
    assert camille.groups.filter(name=roles.LEARNER).exists()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(e.learner.email for e in enrolments)
    assert all(message.body.startswith("Bonjour") for message in mail.outbox)
    assert set(Invitation.objects.values_list("language", flat=True)) == {"fr"}


def test_comma_separated_file_without_bom_in_english(cohort, manager, django_capture_on_commit_callbacks):
    OrganisationFactory(name="Ville de Lille, direction de l'habitat")
    text = (
        "email,prenom,nom,organisation\n"
        'alex@example.org,Alex,Petit,"Ville de Lille, direction de l\'habitat"\n'
        "lou@example.org,Lou,Grand,\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = import_learners(cohort=cohort, file=csv_file(text), acting_user=manager, language="en")

    assert result.count == 2
    assert User.objects.get(email="alex@example.org").organisation.name.startswith("Ville de Lille")
    assert len(mail.outbox) == 2
    assert all(message.body.startswith("Hello") for message in mail.outbox)


@pytest.mark.parametrize(
    "header",
    [
        "email;prenom;nom;organisation",
        "E-mail;Prénom;Nom;Organisation",
        "Adresse e-mail;PRÉNOM;Nom de famille;Organisme",
        " Courriel ; First name ; Last name ; Structure ",
        "organisation;nom;prenom;email;commentaire",  # any order, extra columns ignored
    ],
)
def test_header_variants_are_recognised(header):
    positions, rows = read_rows(csv_file(f"{header}\na@example.org;A;B;C\n"))
    assert set(positions) == {"email", "prenom", "nom", "organisation"}
    assert len(rows) == 1


def test_an_existing_account_is_enrolled_without_a_second_user(cohort, manager):
    existing = UserFactory(email="deja.inscrite@example.org", first_name="Nour", last_name="Benali")
    before = User.objects.count()

    import_learners(
        cohort=cohort, file=csv_file(HEADER + "Deja.Inscrite@example.org;Nour;Benali;\n"), acting_user=manager
    )

    assert User.objects.count() == before
    assert Enrolment.objects.get(cohort=cohort).learner == existing


def test_blank_lines_are_skipped_but_keep_their_spreadsheet_number(refuse):
    error = refuse(HEADER + "a@example.org;A;B;\n\n;;;\nmauvaise-adresse;C;D;\n")
    assert refused_lines(error) == [(5, "bad_email")]


# --- refused lines: one test per reason, then all together --------------------------------------------


def test_missing_header_column_is_named(refuse):
    error = refuse("email;prenom;nom\na@example.org;A;B\n")
    assert refused_lines(error) == [(1, "missing_column")]
    assert "organisation" in error.errors[0].reason
    assert error.code == "invalid_lines"


def test_missing_cells_name_each_missing_column(refuse):
    error = refuse(HEADER + "a@example.org;Alex\n")
    assert refused_lines(error) == [(2, "missing_column"), (2, "missing_column")]
    assert ["nom" in error.errors[0].reason, "organisation" in error.errors[1].reason] == [True, True]


def test_bad_e_mail(refuse):
    error = refuse(HEADER + "a@example.org;A;B;\npas-une-adresse;C;D;\n;E;F;\n")
    assert refused_lines(error) == [(3, "bad_email"), (4, "bad_email")]
    assert error.errors[0].reason == "Adresse e-mail invalide."


def test_duplicate_within_the_file_points_to_the_first_line(refuse):
    error = refuse(HEADER + "a@example.org;A;B;\nb@example.org;C;D;\nA@Example.org;A;B;\n")
    assert refused_lines(error) == [(4, "duplicate_in_file")]
    assert "ligne 2" in error.errors[0].reason


def test_already_enrolled_in_this_cohort(refuse, cohort):
    EnrolmentFactory(cohort=cohort, learner__email="deja@example.org", status=Enrolment.Status.WITHDRAWN)
    error = refuse(HEADER + "a@example.org;A;B;\nDEJA@example.org;C;D;\n")
    assert refused_lines(error) == [(3, "already_enrolled")]
    assert "déjà inscrite" in error.errors[0].reason


def test_unknown_organisation_is_matched_by_exact_name_only(refuse, organisation):
    error = refuse(HEADER + "a@example.org;A;B;HABITAT DU NORD\nb@example.org;C;D;Habitat Nord\n")
    assert refused_lines(error) == [(3, "unknown_organisation")]
    assert "« Habitat Nord »" in error.errors[0].reason


def test_lines_beyond_the_seats_left_are_reported(refuse, cohort):
    cohort.capacity = 3
    cohort.save()
    EnrolmentFactory(cohort=cohort)
    text = HEADER + "".join(f"p{n}@example.org;P;{n};\n" for n in range(4))
    error = refuse(text)
    assert refused_lines(error) == [(4, "over_capacity"), (5, "over_capacity")]
    assert "2 places restantes" in error.errors[0].reason


def test_missing_first_or_last_name(refuse):
    error = refuse(HEADER + "a@example.org;;Martin;\nb@example.org;Camille; ;\n")
    assert refused_lines(error) == [(2, "missing_name"), (3, "missing_name")]
    assert error.errors[0].reason == "Le prénom et le nom sont obligatoires."


def test_too_long_values_are_refused_before_writing(refuse):
    error = refuse(HEADER + f"a@example.org;{'A' * 151};B;\n")
    assert refused_lines(error) == [(2, "too_long")]


def test_every_bad_line_is_reported_at_once(refuse, cohort, organisation):
    # 5 seats left. A bad line would still take a seat once corrected, so it counts; a duplicate or an
    # enrolled person would not.
    cohort.capacity = 6
    cohort.save()
    EnrolmentFactory(cohort=cohort, learner__email="deja@example.org")
    text = (
        HEADER
        + "ok1@example.org;A;B;Habitat du Nord\n"  # 2: fine
        + "pas-une-adresse;A;B;Inconnu SA\n"  # 3: two problems, reported in column order
        + "ok1@example.org;A;B;\n"  # 4: duplicate of line 2
        + "deja@example.org;A;B;\n"  # 5
        + "ok2@example.org;A;B;Inconnu SA\n"  # 6
        + "ok3@example.org;;B;\n"  # 7
        + "ok4@example.org;A\n"  # 8: two missing cells; takes the last seat
        + "ok5@example.org;A;B;\n"  # 9: fine but no seat left
    )
    error = refuse(text)
    assert refused_lines(error) == [
        (3, "bad_email"),
        (3, "unknown_organisation"),
        (4, "duplicate_in_file"),
        (5, "already_enrolled"),
        (6, "unknown_organisation"),
        (7, "missing_name"),
        (8, "missing_column"),
        (8, "missing_column"),
        (9, "over_capacity"),
    ]


# --- refused files --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (b"", "empty", "vide"),
        (b"\xef\xbb\xbf \r\n", "empty", "vide"),
        (HEADER.encode(), "empty", "aucune ligne"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "not_csv", "pas un fichier CSV"),
        (HEADER.encode() + "é@example.org;Zoé;Lemaître;\n".encode("cp1252"), "not_utf8", "UTF-8"),
        (HEADER.encode() + b'a@example.org;"A\x00;B;\n', "not_csv", "pas un fichier CSV"),
    ],
)
def test_unreadable_files_are_refused_with_a_french_message(cohort, manager, content, code, words):
    before = counts()
    file = SimpleUploadedFile("apprenants.csv", content, content_type="text/csv")
    with pytest.raises(ImportRefused) as caught:
        import_learners(cohort=cohort, file=file, acting_user=manager)
    assert caught.value.code == code
    assert words in str(caught.value.message)
    assert caught.value.errors == []
    assert counts() == before


def test_more_than_2000_lines_is_refused(refuse):
    text = HEADER + "".join(f"p{n}@example.org;P;N;\n" for n in range(imports.MAX_LINES + 1))
    error = refuse(text)
    assert error.code == "too_many_lines"
    assert "2 000" in str(error.message)


def test_exactly_2000_lines_is_readable():
    text = HEADER + "".join(f"p{n}@example.org;P;N;\n" for n in range(imports.MAX_LINES))
    _positions, rows = read_rows(csv_file(text))
    assert len(rows) == imports.MAX_LINES
    assert rows[-1].line == imports.MAX_LINES + 1


@pytest.mark.parametrize("with_size", [True, False])
def test_a_file_over_1_mb_is_refused(cohort, manager, with_size):
    content = HEADER.encode() + b"a@example.org;A;B;" + b"x" * imports.MAX_BYTES + b"\n"
    file = SimpleUploadedFile("gros.csv", content) if with_size else io.BytesIO(content)
    with pytest.raises(ImportRefused) as caught:
        import_learners(cohort=cohort, file=file, acting_user=manager)
    assert caught.value.code == "too_large"
    assert "1 Mo" in str(caught.value.message)
    assert Enrolment.objects.count() == 0


# --- permission and races -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [roles.LEARNER, roles.TRAINER, roles.CERTIFIER])
def test_only_managers_may_import(cohort, role):
    someone = with_role(UserFactory(), role)
    before = counts()
    with pytest.raises(NotAllowed):
        import_learners(cohort=cohort, file=csv_file(HEADER + "a@example.org;A;B;\n"), acting_user=someone)
    assert counts() == before


@pytest.mark.parametrize(
    ("taken_meanwhile", "refused"),
    [(2, [(3, "over_capacity")]), (4, [(2, "over_capacity"), (3, "over_capacity")])],
)
def test_seats_taken_meanwhile_are_counted_again_under_the_lock(
    cohort, manager, monkeypatch, taken_meanwhile, refused
):
    cohort.capacity = 3
    cohort.save()
    validate = imports.validate_rows

    def validate_then_another_manager_enrols(**kwargs):
        accepted = validate(**kwargs)
        EnrolmentFactory.create_batch(taken_meanwhile, cohort=cohort)  # even past the capacity
        return accepted

    monkeypatch.setattr(imports, "validate_rows", validate_then_another_manager_enrols)
    text = HEADER + "a@example.org;A;B;\nb@example.org;C;D;\n"
    with pytest.raises(ImportRefused) as caught:
        import_learners(cohort=cohort, file=csv_file(text), acting_user=manager)
    assert refused_lines(caught.value) == refused
    assert cohort.enrolments.count() == taken_meanwhile  # only the other manager's
    assert not User.objects.filter(email__in=["a@example.org", "b@example.org"]).exists()


def test_a_write_time_conflict_rolls_back_the_lines_already_written(cohort, manager, monkeypatch):
    validate = imports.validate_rows

    def validate_then_another_manager_enrols(**kwargs):
        accepted = validate(**kwargs)
        EnrolmentFactory(cohort=cohort, learner__email="b@example.org")
        return accepted

    monkeypatch.setattr(imports, "validate_rows", validate_then_another_manager_enrols)
    text = HEADER + "a@example.org;A;B;\nb@example.org;C;D;\n"
    with pytest.raises(ImportRefused) as caught:
        import_learners(cohort=cohort, file=csv_file(text), acting_user=manager)
    assert refused_lines(caught.value) == [(3, "duplicate")]
    assert not User.objects.filter(email="a@example.org").exists()
    assert Invitation.objects.count() == 0
