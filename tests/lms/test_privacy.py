"""Personal data (RGPD): the registry of models, the export, the erasure and the retention purge.

The world: one cohort with two learners (Camille Aubert, Sacha Bernard) who both have progress, a quiz
attempt, a closed and sealed session with their attestation IPs, and logs; Camille also has a second,
still open session, published and draft evaluations, the trainer's opinion, an invitation, 2FA devices
and a notification. Camille's export must hold all of hers and nothing of Sacha's.
"""

import datetime
import io
import json
import zipfile
from io import StringIO
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pypdf
import pytest
from axes.models import AccessAttempt, AccessLog
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

import assessments.pdf
from assessments import services as quiz_services
from assessments.models import (
    Attendance,
    AttendanceChange,
    Evaluation,
    QuizAttempt,
    ReviewLevel,
    TrainerOpinion,
    TrainingSession,
)
from assessments.pdf.emargement import AttendanceSheetRenderer
from assessments.seal import compute_seal, seal_is_intact
from assessments.selectors.documents import session_sheet
from assessments.services.rubrics import give_opinion, publish_evaluation, save_evaluation
from courses.models import Enrolment, Invitation, LessonProgress
from lms.accounts import privacy, roles
from lms.accounts.management.commands.purge_expired_data import purge_expired_data
from lms.accounts.models import User
from lms.audit.models import AuditEvent
from lms.errors import LMSError, NotAllowed
from lms.ops.models import SentMessage
from tests.assessments.conftest import wrong_answers
from tests.assessments.test_rubrics import make_rubric, scores_for
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    LessonProgressFactory,
    OrganisationFactory,
    QuizFactory,
    UserFactory,
    with_role,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
IP_A, IP_A_OPEN, IP_B, LOGIN_IP_A = "192.0.2.10", "192.0.2.11", "198.51.100.4", "203.0.113.5"
MEDICAL = "Arrivée après un rendez-vous médical"
EXPORT = reverse("privacy-export")


@pytest.fixture(autouse=True)
def _invariant_pdfs(monkeypatch):
    monkeypatch.setattr(assessments.pdf, "INVARIANT", True)


def _learner(cohort, first, last, email, organisation):
    organisation = OrganisationFactory(name=organisation)
    return EnrolmentFactory(
        cohort=cohort,
        learner__first_name=first,
        learner__last_name=last,
        learner__email=email,
        learner__organisation=organisation,
    )


def _session(cohort, day: datetime.date, *, trainer, closed: bool, rows) -> TrainingSession:
    session = TrainingSession.objects.create(
        cohort=cohort,
        title=f"Atelier du {day:%d/%m}",
        date=day,
        half_day="am",
        starts_at=datetime.time(9, 0),
        ends_at=datetime.time(12, 30),
    )
    session.trainers.add(trainer)
    for enrolment, ip, comment in rows:
        Attendance.objects.create(
            session=session,
            enrolment=enrolment,
            status=Attendance.Status.PRESENT,
            method=Attendance.Method.QR,
            arrived_at=datetime.time(9, 5),
            attested_at=datetime.datetime.combine(day, datetime.time(9, 5), tzinfo=PARIS),
            attested_ip=ip,
            comment=comment,
            marked_at=datetime.datetime.combine(day, datetime.time(9, 5), tzinfo=PARIS),
        )
    if closed:
        session.state, session.closed_by = TrainingSession.State.CLOSED, trainer
        session.closed_at = datetime.datetime.combine(day, datetime.time(12, 40), tzinfo=datetime.UTC)
        session.seal = compute_seal(session, list(session.attendances.all()))
        session.save()
    return session


def _attempt(enrolment, quiz):
    attempt = quiz_services.start_attempt(user=enrolment.learner, quiz=quiz)
    return quiz_services.submit_attempt(
        user=enrolment.learner, attempt_id=attempt.pk, answers=wrong_answers(attempt)
    )


@pytest.fixture
def world(tree):
    cohort = CohortFactory(programme=tree.programme, name="Promotion Lille 2026")
    trainer = with_role(UserFactory(first_name="Dominique", last_name="Formatrice"), roles.TRAINER)
    cohort.trainers.add(trainer)
    manager = with_role(UserFactory(is_staff=True), roles.MANAGER)
    a = _learner(cohort, "Camille", "Aubert", "camille.aubert@example.org", "Habitat du Nord")
    b = _learner(cohort, "Sacha", "Bernard", "sacha.bernard@example.org", "Ville de Roubaix")
    quiz = QuizFactory(module=tree.modules[0])
    for enrolment in (a, b):
        LessonProgressFactory(enrolment=enrolment, lesson=tree.lessons[0], completed_at=timezone.now())
        _attempt(enrolment, quiz)
        AccessLog.objects.create(
            username=enrolment.learner.email, ip_address=LOGIN_IP_A if enrolment is a else IP_B
        )
    today = timezone.localdate()
    closed = _session(
        cohort,
        today - datetime.timedelta(days=3),
        trainer=trainer,
        closed=True,
        rows=[(a, IP_A, MEDICAL), (b, IP_B, "")],
    )
    still_open = _session(
        cohort, today, trainer=trainer, closed=False, rows=[(a, IP_A_OPEN, "Au fond de la salle")]
    )
    rubric, draft_rubric = make_rubric(tree.programme), make_rubric(tree.programme, title="Brouillon")
    evaluation = save_evaluation(
        enrolment=a,
        rubric=rubric,
        session=None,
        scores=scores_for(rubric, 3, 2, comments=["Analyse fine de Camille", ""]),
        comment="Très bonne analyse, Camille.",
        acting_user=trainer,
    )
    publish_evaluation(evaluation=evaluation, acting_user=trainer)
    draft = scores_for(draft_rubric, 1, 1)
    save_evaluation(
        enrolment=a, rubric=draft_rubric, session=None, scores=draft, comment="BROUILLON", acting_user=trainer
    )
    give_opinion(enrolment=a, opinion="favourable", comment="Camille est prête.", acting_user=trainer)
    Invitation.objects.create(enrolment=a, nonce="n" * 32, expires_at=timezone.now())
    TOTPDevice.objects.create(user=a.learner, name="app", confirmed=True)
    StaticToken.objects.create(
        device=StaticDevice.objects.create(user=a.learner, name="codes"), token="abc12345"
    )
    UserProfile.objects.create(user=a.learner, preferred_language="fr")
    SentMessage.objects.create(key=f"rappel:{a.pk}", recipient=a.learner.email)
    return SimpleNamespace(
        cohort=cohort, trainer=trainer, manager=manager, a=a, b=b, quiz=quiz, closed=closed, open=still_open
    )


# --- The registry -----------------------------------------------------------------------------------


def test_every_model_that_points_to_a_person_is_in_the_registry():
    assert privacy.unhandled_models() == [], "à ajouter dans lms.accounts.privacy.PERSONAL_DATA"


@pytest.mark.parametrize(
    "label",
    [
        "courses.Enrolment",
        "wagtailcore.Revision",
        "otp_totp.TOTPDevice",
        "axes.AccessLog",
        "assessments.AttemptAnswer",
    ],
)
def test_the_registry_check_names_a_missing_model(label):
    """Direct keys to a person, Wagtail's and django-otp's, axes (no key, an e-mail), and a row two
    steps from an enrolment: each is caught when missing."""
    table = {key: value for key, value in privacy.PERSONAL_DATA.items() if key != label}
    assert privacy.unhandled_models(table) == [label]


def test_every_registry_entry_is_an_installed_model_with_a_known_treatment():
    for label, handling in privacy.PERSONAL_DATA.items():
        apps.get_model(label)  # raises LookupError for a stale entry
        assert handling.export.startswith(privacy.EXPORT_WORDS), label
        assert handling.erase.startswith(privacy.ERASE_WORDS), label
        for text in (handling.export, handling.erase):
            if text.startswith(("kept:", "not personal:", "not exported:")):
                assert len(text.split(":", 1)[1].strip()) > 10, f"{label}: la raison manque"


# --- Export -----------------------------------------------------------------------------------------


def _download(client, user):
    client.force_login(user)
    response = client.post(EXPORT)
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return response, archive, json.loads(archive.read("donnees.json"))


def test_the_export_page_needs_a_signed_in_person(client, world):
    assert client.get(EXPORT)["Location"].startswith(reverse("login"))
    assert client.post(EXPORT)["Location"].startswith(reverse("login"))
    client.force_login(world.a.learner)
    page = client.get(EXPORT)
    assert page.status_code == 200
    assert "vos 2 présences aux séances" in page.content.decode()


def test_the_profile_links_to_the_export(client, world):
    client.force_login(world.a.learner)
    assert EXPORT in client.get(reverse("courses:profile")).content.decode()


def test_the_export_holds_the_persons_data_and_nothing_of_anyone_else(client, world):
    response, archive, data = _download(client, world.a.learner)
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"
    filename = f"mes-donnees-{timezone.localdate():%Y-%m-%d}.zip"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    raw = archive.read("donnees.json").decode()
    for other in ("sacha.bernard@example.org", "Sacha", "Bernard", "Roubaix", IP_B):
        assert other not in raw
    assert data["compte"]["adresse_email"] == "camille.aubert@example.org"
    assert data["compte"]["organisme"]["nom"] == "Habitat du Nord"
    assert data["compte"]["double_authentification"] == {
        "application_active": True,
        "codes_de_secours_restants": 1,
    }
    [enrolment] = data["inscriptions"]
    assert len(enrolment["lecons"]) == 1 and len(enrolment["invitations"]) == 1
    assert {p["ip_de_l_attestation"] for p in enrolment["presences"]} == {IP_A, IP_A_OPEN}
    assert MEDICAL in raw
    assert [e["commentaire"] for e in enrolment["evaluations_publiees"]] == ["Très bonne analyse, Camille."]
    assert "BROUILLON" not in raw
    assert enrolment["avis_du_formateur"]["motivation"] == "Camille est prête."
    assert LOGIN_IP_A in [c["ip_address"] for c in data["connexions"]]  # and this test's own login
    assert [n["key"] for n in data["notifications_recues"]] == [f"rappel:{world.a.pk}"]
    assert all(
        set(event) == {"created_at", "action", "object_type", "object_id", "ip"}
        for event in data["journal_audit"]
    )
    [certificate] = [name for name in archive.namelist() if name.startswith("certificats/")]
    text = " ".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(archive.read(certificate))).pages
    )
    assert "Camille Aubert" in text and "Bernard" not in text
    assert AuditEvent.objects.filter(action="export.downloaded", actor=world.a.learner).count() == 1


def test_the_export_never_holds_the_quiz_key(client, world):
    _response, archive, data = _download(client, world.a.learner)
    raw = archive.read("donnees.json").decode()
    assert '"correct"' not in raw and "Explication-" not in raw and "Commentaire : " not in raw
    [attempt] = data["inscriptions"][0]["quiz"]
    assert attempt["questions"][0]["vos_reponses"]  # the learner's own choices, by their text


@pytest.mark.parametrize(
    ("level", "score_shown", "points_shown"),
    [
        (ReviewLevel.NOTHING, False, False),
        (ReviewLevel.SCORE, True, False),
        (ReviewLevel.CORRECTNESS, True, True),
    ],
)
def test_the_export_shows_scores_only_as_far_as_the_review_policy(
    client, world, level, score_shown, points_shown
):
    world.quiz.review_after_submit = level
    world.quiz.save()  # one attempt of three used, failed: only "after each attempt" applies
    _response, _archive, data = _download(client, world.a.learner)
    [attempt] = data["inscriptions"][0]["quiz"]
    assert (attempt["note_sur_100"] is not None) is score_shown
    assert all(("points" in q) is points_shown for q in attempt["questions"])


# --- Erasure ----------------------------------------------------------------------------------------


def _erase_url(user_id):
    return reverse("privacy-erase", args=[user_id])


def test_only_managers_reach_the_erasure_page(client, world):
    url = _erase_url(world.a.learner.pk)
    assert client.get(url)["Location"].startswith(reverse("login"))
    for someone in (world.b.learner, world.trainer):
        client.force_login(someone)
        assert client.get(url).status_code == 403
        assert client.get(_erase_url(999_999)).status_code == 403  # no hint whether the person exists
        assert client.post(url, {"reason": "x", "confirm": "on"}).status_code == 403
    client.force_login(world.manager)
    assert client.get(_erase_url(999_999)).status_code == 404
    page = client.get(url)
    assert page.status_code == 200
    assert "camille.aubert@example.org" in page.content.decode()
    assert User.objects.get(pk=world.a.learner.pk).email == "camille.aubert@example.org"


def test_the_erasure_page_asks_for_the_second_factor(client, world):
    client.force_login_without_2fa(world.manager)
    response = client.get(_erase_url(world.a.learner.pk))
    assert response.status_code == 302 and response["Location"].startswith("/compte/2fa/")


def test_the_erasure_needs_a_reason_and_a_confirmation(client, world):
    client.force_login(world.manager)
    url = _erase_url(world.a.learner.pk)
    assert client.post(url, {"reason": "", "confirm": "on"}).status_code == 400
    assert client.post(url, {"reason": "Demande du 3 mars"}).status_code == 400
    assert not privacy.is_erased(User.objects.get(pk=world.a.learner.pk))


def test_erasure_pseudonymises_the_person_and_keeps_the_statistics(client, world):
    learner = world.a.learner
    old_seal = world.closed.seal
    client.force_login(world.manager)
    response = client.post(_erase_url(learner.pk), {"reason": "Demande reçue le 3 mars", "confirm": "on"})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert (learner.email, learner.first_name, learner.last_name) == (
        f"efface-{learner.pk}@invalid",
        "C.",
        "A.",
    )
    assert str(learner) == "C. A."
    assert not learner.has_usable_password() and not learner.is_active and not learner.groups.exists()
    client.logout()
    login = {"username": "camille.aubert@example.org", "password": "mot-de-passe-solide-42"}
    assert client.post(reverse("login"), login).status_code == 200  # the form again: refused
    assert not TOTPDevice.objects.filter(user=learner).exists() and not StaticToken.objects.exists()
    assert not Invitation.objects.filter(enrolment__learner=learner).exists()
    assert not AccessLog.objects.filter(username__iexact="camille.aubert@example.org").exists()
    assert AccessLog.objects.filter(ip_address=IP_B).exists()
    assert SentMessage.objects.get().recipient == learner.email
    # Statistics: the enrolment, progress, attempt, statuses and scores stay.
    assert Enrolment.objects.filter(learner=learner).count() == 1
    assert LessonProgress.objects.filter(enrolment__learner=learner).count() == 1
    assert QuizAttempt.objects.filter(enrolment__learner=learner, score__isnull=False).count() == 1
    rows = Attendance.objects.filter(enrolment__learner=learner)
    assert {(r.status, r.attested_ip, r.comment) for r in rows} == {("present", None, "")}
    evaluation = Evaluation.objects.get(enrolment__learner=learner, published_at__isnull=False)
    assert evaluation.comment == "" and evaluation.score is not None
    assert not evaluation.scores.exclude(comment="").exists()
    assert TrainerOpinion.objects.get(enrolment=world.a).comment == privacy.OPINION_REDACTED
    # The closed register changed through a reasoned change and is sealed again.
    world.closed.refresh_from_db()
    assert seal_is_intact(world.closed) and world.closed.seal != old_seal
    change = AttendanceChange.objects.get(attendance__session=world.closed)
    assert (change.reason, change.changed_by, change.seal_before, change.seal_after) == (
        "Effacement RGPD",
        world.manager,
        old_seal,
        world.closed.seal,
    )
    assert MEDICAL not in json.dumps(change.before) and IP_A not in json.dumps(change.before)
    assert AuditEvent.objects.filter(
        action="person.erased", actor=world.manager, object_id=str(learner.pk)
    ).exists()


def test_the_attendance_sheet_still_verifies_and_shows_nothing_erased(world):
    privacy.erase_person(user=world.a.learner, acting_user=world.manager, reason="Demande")
    session = TrainingSession.objects.select_related("cohort__programme", "closed_by").get(pk=world.closed.pk)
    sheet = session_sheet(session=session)
    assert sheet.seal_intact is True
    assert {row.name for row in sheet.rows} == {"A. C.", "Bernard Sacha"}
    text = " ".join(
        " ".join(p.extract_text().split())
        for p in pypdf.PdfReader(
            io.BytesIO(AttendanceSheetRenderer(sheet, generated_at=timezone.localtime()).render())
        ).pages
    )
    assert "Effacement RGPD" in text and IP_B in text
    assert IP_A not in text and "médical" not in text and "Camille" not in text and "Aubert" not in text


def test_a_tampered_register_is_left_as_it_is(world):
    Attendance.objects.filter(session=world.closed, enrolment=world.b).update(
        status="absent"
    )  # behind our back
    result = privacy.erase_person(user=world.a.learner, acting_user=world.manager, reason="Demande")
    assert result.registers.tampered == [world.closed.pk]
    assert Attendance.objects.get(session=world.closed, enrolment=world.a).attested_ip == IP_A
    assert Attendance.objects.get(session=world.open, enrolment=world.a).attested_ip is None
    assert not AttendanceChange.objects.exists()
    world.closed.refresh_from_db()
    assert not seal_is_intact(world.closed)  # the tampering stays visible


def test_erasing_twice_is_harmless(world):
    first = privacy.erase_person(user=world.a.learner, acting_user=world.manager, reason="Demande")
    changes = AttendanceChange.objects.count()
    second = privacy.erase_person(user=world.a.learner, acting_user=world.manager, reason="Demande")
    assert not first.already_erased and first.name_fingerprint == privacy.name_fingerprint("Camille Aubert")
    assert second.already_erased and second.name_fingerprint == ""
    assert AttendanceChange.objects.count() == changes
    learner = User.objects.get(pk=world.a.learner.pk)
    assert (learner.first_name, learner.last_name, learner.email) == (
        "C.",
        "A.",
        f"efface-{learner.pk}@invalid",
    )


def test_erasure_refusals(world):
    with pytest.raises(NotAllowed):
        privacy.erase_person(user=world.a.learner, acting_user=world.trainer, reason="Demande")
    with pytest.raises(LMSError) as error:
        privacy.erase_person(user=world.manager, acting_user=world.manager, reason="Demande")
    assert error.value.code == "self"
    with pytest.raises(LMSError) as error:
        privacy.erase_person(user=world.a.learner, acting_user=world.manager, reason="  ")
    assert error.value.code == "reason_required"
    root = UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(NotAllowed):
        privacy.erase_person(user=root, acting_user=world.manager, reason="Demande")
    assert not privacy.is_erased(User.objects.get(pk=world.a.learner.pk))


def test_no_erased_record_is_left_pointing_to_the_person(world):
    learner = world.a.learner
    privacy.erase_person(user=learner, acting_user=world.manager, reason="Demande")
    checked = 0
    for label, handling in privacy.PERSONAL_DATA.items():
        if handling.erase != "erased":
            continue
        model = apps.get_model(label)
        for item in model._meta.local_fields:
            if item.is_relation and item.related_model is User:
                assert not model.objects.filter(**{item.name: learner}).exists(), label
                checked += 1
    assert checked >= 5
    assert not AccessAttempt.objects.filter(username__iexact="camille.aubert@example.org").exists()


def test_name_fingerprint_is_keyed_and_normalised():
    fingerprint = privacy.name_fingerprint("Élodie Martin")
    assert len(fingerprint) == 64 and int(fingerprint, 16) >= 0
    assert privacy.name_fingerprint("  élodie   MARTIN ") == fingerprint
    assert privacy.name_fingerprint("Elodie Martin") != fingerprint
    with override_settings(SECRET_KEY="une-autre-cle-secrete-pour-ce-test"):
        assert privacy.name_fingerprint("Élodie Martin") != fingerprint


# --- Privacy page -----------------------------------------------------------------------------------


@override_settings(RETENTION_YEARS_ATTENDANCE=7, RETENTION_DAYS_TECHNICAL=90)
def test_the_privacy_page_states_the_configured_retention(client):
    page = client.get(reverse("privacy"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "7 ans après la fin de votre promotion" in html and "90 jours" in html
    assert "formation@example.org" in html and EXPORT in html and "<strong>Effacement</strong>" in html


# --- Retention --------------------------------------------------------------------------------------

NOW = datetime.datetime(2040, 6, 1, 10, 0, tzinfo=PARIS)


def _old(user, *, joined=datetime.datetime(2030, 1, 1, tzinfo=PARIS), last_login=None):
    User.objects.filter(pk=user.pk).update(date_joined=joined, last_login=last_login)
    return user


@pytest.fixture
def archive(tree):
    """People and records at ``NOW``: some past their retention, some not."""
    manager = with_role(UserFactory(is_staff=True), roles.MANAGER)
    _old(manager, last_login=NOW - datetime.timedelta(days=2))
    trainer = _old(with_role(UserFactory(), roles.TRAINER))
    expired = CohortFactory(
        programme=tree.programme, starts_on=datetime.date(2031, 9, 1), ends_on=datetime.date(2032, 1, 31)
    )
    evidence = CohortFactory(
        programme=tree.programme, starts_on=datetime.date(2035, 9, 1), ends_on=datetime.date(2036, 1, 31)
    )
    former = EnrolmentFactory(cohort=expired)
    kept = EnrolmentFactory(cohort=evidence)
    for enrolment in (former, kept):
        _old(enrolment.learner)
    old_register = _session(
        expired, datetime.date(2031, 10, 6), trainer=trainer, closed=True, rows=[(former, IP_A, MEDICAL)]
    )
    _session(evidence, datetime.date(2035, 10, 6), trainer=trainer, closed=True, rows=[(kept, IP_B, "")])
    people = SimpleNamespace(
        manager=manager,
        trainer=trainer,
        former=former,
        kept=kept,
        old_register=old_register,
        idle=_old(UserFactory()),
        active=_old(UserFactory(), last_login=NOW - datetime.timedelta(days=300)),
        root=_old(UserFactory(is_superuser=True, is_staff=True)),
    )
    for days in (200, 10):
        Invitation.objects.create(enrolment=kept, nonce="x", expires_at=NOW - datetime.timedelta(days=days))
        log = AccessLog.objects.create(username=f"log-{days}@example.org", ip_address=IP_A)
        AccessLog.objects.filter(pk=log.pk).update(attempt_time=NOW - datetime.timedelta(days=days))
        sent = SentMessage.objects.create(key=f"cle-{days}", recipient="x@example.org")
        SentMessage.objects.filter(pk=sent.pk).update(sent_at=NOW - datetime.timedelta(days=days))
        Session.objects.create(
            session_key=f"s{days}" * 4, session_data="", expire_date=NOW - datetime.timedelta(days=days - 15)
        )
    return people


def _erased(user) -> bool:
    return privacy.is_erased(User.objects.get(pk=user.pk))


def test_the_purge_applies_each_retention_period(archive):
    report = purge_expired_data(now=NOW, acting_user=archive.manager)
    assert {u.pk for u in User.objects.all() if privacy.is_erased(u)} == {
        archive.idle.pk,
        archive.former.learner.pk,
    }
    assert report.accounts == 2
    # The trainer co-signed a register still kept as evidence; so is the learner on it.
    assert not _erased(archive.trainer) and not _erased(archive.kept.learner)
    assert not _erased(archive.active) and not _erased(archive.root) and not _erased(archive.manager)
    row = Attendance.objects.get(enrolment=archive.former)
    assert (row.attested_ip, row.comment) == (None, "")
    assert Attendance.objects.get(enrolment=archive.kept).attested_ip == IP_B
    archive.old_register.refresh_from_db()
    assert seal_is_intact(archive.old_register)
    assert AttendanceChange.objects.get().reason == "Durée de conservation échue"
    assert report.technical == {"connexions": 1, "invitations": 1, "notifications": 1, "sessions": 1}
    assert list(Invitation.objects.values_list("expires_at", flat=True)) == [
        NOW - datetime.timedelta(days=10)
    ]
    assert (
        AccessLog.objects.count() == 1 and SentMessage.objects.count() == 1 and Session.objects.count() == 1
    )
    again = purge_expired_data(now=NOW, acting_user=archive.manager)
    assert (again.accounts, again.register_rows, sum(again.technical.values())) == (0, 0, 0)
    assert AttendanceChange.objects.count() == 1


def test_without_a_signer_closed_registers_wait(archive):
    report = purge_expired_data(now=NOW)
    assert report.registers_waiting == [archive.old_register.pk]
    assert Attendance.objects.get(enrolment=archive.former).attested_ip == IP_A
    assert _erased(archive.former.learner)  # the account is pseudonymised all the same
    later = purge_expired_data(now=NOW, acting_user=archive.manager)
    assert later.register_rows == 1 and later.registers_waiting == []
    assert Attendance.objects.get(enrolment=archive.former).attested_ip is None


def test_the_dry_run_counts_and_writes_nothing(archive, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    out = StringIO()
    call_command("purge_expired_data", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "simulation : rien n'a été modifié" in text
    assert "comptes à pseudonymiser (sans activité depuis plus de 3 ans) : 2" in text
    assert "présences à nettoyer sur les registres échus (plus de 6 ans après la promotion) : 1" in text
    assert "journaux de connexion à supprimer (plus de 180 jours) : 1" in text
    assert not any(privacy.is_erased(u) for u in User.objects.all())
    assert AccessLog.objects.count() == 2 and Invitation.objects.count() == 2


def test_the_command_checks_its_signer_and_settings(archive, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    with pytest.raises(CommandError):
        call_command("purge_expired_data", "--acting-user", archive.trainer.email, stdout=StringIO())
    with override_settings(RETENTION_YEARS_PERSONAL=0), pytest.raises(CommandError):
        call_command("purge_expired_data", stdout=StringIO())
    out = StringIO()
    call_command("purge_expired_data", "--acting-user", archive.manager.email.upper(), stdout=out)
    assert "comptes pseudonymisés (sans activité depuis plus de 3 ans) : 2" in out.getvalue()
