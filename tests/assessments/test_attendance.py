"""Attendance services: QR check-in, online attestation, trainer marks, closing, seal, e-mails."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from assessments import tasks, tokens
from assessments.models import Attendance, AttendanceChange, TrainingSession
from assessments.seal import compute_seal, seal_is_intact
from assessments.selectors.attendance import cohort_attendance_rates, enrolment_attendance_rate
from assessments.selectors.trainer import trainer_sessions
from assessments.services import attendance as services
from courses.models import Enrolment
from lms.accounts import roles
from lms.errors import LMSError, NotAllowed, NotFound
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 10)  # a Tuesday; sessions run 9:00-12:30 (am) and 13:30-17:00 (pm)
IP = "192.0.2.10"


def at(hour: int, minute: int = 0, second: int = 0, day: datetime.date = DAY) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute, second)))


def make_session(cohort, *, day=DAY, half_day="am", trainers=(), title="Séance de test", **fields):
    """A session written straight to the database (scheduling is tested elsewhere)."""
    start, end = TrainingSession.DEFAULT_TIMES[half_day]
    fields = {"starts_at": start, "ends_at": end, **fields}
    session = TrainingSession.objects.create(
        cohort=cohort, title=title, date=day, half_day=half_day, **fields
    )
    session.trainers.set(trainers)
    return session


def make_trainer(*cohorts):
    trainer = with_role(UserFactory(), roles.TRAINER)
    for cohort in cohorts:
        cohort.trainers.add(trainer)
    return trainer


def token_at(session, moment) -> str:
    return tokens.current_token(session, moment)


@pytest.fixture
def cohort(tree):
    return CohortFactory(programme=tree.programme)


@pytest.fixture
def trainer(cohort):
    return make_trainer(cohort)


@pytest.fixture
def enrolments(cohort):
    return [EnrolmentFactory(cohort=cohort) for _ in range(3)]


@pytest.fixture
def session(cohort):
    return make_session(cohort)


def check_in(session, enrolment, moment, **kwargs):
    token = kwargs.pop("token", None) or token_at(session, moment)
    return services.check_in(token=token, learner=enrolment.learner, ip=IP, now=moment, **kwargs)


# --- QR check-in ----------------------------------------------------------------------------------------


def test_a_check_in_marks_the_learner_present_with_time_method_and_ip(session, enrolments):
    result = check_in(session, enrolments[0], at(9, 5, 42))
    row = Attendance.objects.get()
    assert not result.already and result.attendance == row
    assert row.status == Attendance.Status.PRESENT and row.method == Attendance.Method.QR
    assert row.arrived_at == datetime.time(9, 5)
    assert row.attested_at == at(9, 5, 42) and row.attested_ip == IP
    assert row.marked_by is None  # recorded by the learner themselves


def test_a_check_in_after_a_quarter_of_an_hour_is_late(session, enrolments):
    check_in(session, enrolments[0], at(9, 15))
    check_in(session, enrolments[1], at(9, 15, 1))
    statuses = dict(Attendance.objects.values_list("enrolment_id", "status"))
    assert statuses == {enrolments[0].pk: "present", enrolments[1].pk: "late"}


def test_a_second_check_in_changes_nothing_and_says_when(session, enrolments):
    check_in(session, enrolments[0], at(9, 2))
    again = check_in(session, enrolments[0], at(9, 20))
    row = Attendance.objects.get()
    assert again.already and again.attested_at.strftime("%H:%M") == "09:02"
    assert (row.status, row.arrived_at, row.attested_at) == ("present", datetime.time(9, 2), at(9, 2))


def test_the_previous_step_is_accepted_and_a_code_two_steps_old_is_expired(session, enrolments):
    shown = at(9, 0, 10)
    token = token_at(session, shown)
    check_in(session, enrolments[0], shown + datetime.timedelta(seconds=30), token=token)
    with pytest.raises(LMSError) as error:
        check_in(session, enrolments[1], shown + datetime.timedelta(seconds=60), token=token)
    assert error.value.code == "token_expired" and error.value.status == 400
    assert Attendance.objects.count() == 1


def test_a_photo_of_the_code_sent_to_someone_else_is_useless_after_rotation(session, enrolments):
    shown = at(9, 1)
    token = token_at(session, shown)
    check_in(session, enrolments[0], shown, token=token)
    with pytest.raises(LMSError) as error:
        check_in(session, enrolments[1], shown + datetime.timedelta(minutes=1), token=token)
    assert error.value.code == "token_expired"
    assert not Attendance.objects.filter(enrolment=enrolments[1]).exists()


def test_a_forged_token_writes_nothing(session, enrolments):
    token = token_at(session, at(9, 1))
    with pytest.raises(LMSError) as error:
        check_in(session, enrolments[0], at(9, 1), token=token[:-2] + "AA")
    assert error.value.code == "token_forged"
    assert not Attendance.objects.exists()


def test_a_token_of_one_session_cannot_check_into_another(tree, session, enrolments):
    other_cohort = CohortFactory(programme=tree.programme)
    other = make_session(other_cohort)
    _id, step, signature = token_at(session, at(9, 1)).split(".")
    with pytest.raises(LMSError) as error:
        check_in(other, enrolments[0], at(9, 1), token=f"{other.pk}.{step}.{signature}")
    assert error.value.code == "token_forged"
    # With the other session's own valid token, a learner of this cohort is not in that cohort: 403.
    with pytest.raises(NotAllowed) as refused:
        check_in(other, enrolments[0], at(9, 1))
    assert refused.value.status == 403 and "pas inscrit·e dans cette promotion" in str(refused.value.message)
    assert not Attendance.objects.exists()


def test_no_check_in_to_a_closed_session(session, enrolments, trainer):
    services.close_session(session=session, acting_user=trainer, now=at(12, 0))
    with pytest.raises(LMSError) as error:
        check_in(session, enrolments[0], at(12, 1))
    assert error.value.code == "closed" and "close" in str(error.value.message)
    assert Attendance.objects.get(enrolment=enrolments[0]).status == "absent"


@pytest.mark.parametrize(
    ("moment", "code"),
    [
        (at(8, 29, 59), "too_early"),
        (at(12, 30, 1), "too_late"),
        (at(9, 0, day=DAY - datetime.timedelta(days=1)), "too_early"),
    ],
)
def test_check_in_only_inside_the_window(session, enrolments, moment, code):
    with pytest.raises(LMSError) as error:
        check_in(session, enrolments[0], moment)
    assert error.value.code == code and error.value.status == 400
    assert not Attendance.objects.exists()


def test_the_window_opens_half_an_hour_before_and_shuts_at_the_end(session, enrolments):
    check_in(session, enrolments[0], at(8, 30))
    check_in(session, enrolments[1], at(12, 30))
    assert Attendance.objects.count() == 2


def test_a_future_sessions_code_checks_nobody_in_today(cohort, enrolments):
    tomorrow = make_session(cohort, day=DAY + datetime.timedelta(days=1))
    with pytest.raises(LMSError) as error:
        services.check_in(
            token=token_at(tomorrow, at(9, 0)), learner=enrolments[0].learner, ip=IP, now=at(9, 0)
        )
    assert error.value.code == "too_early"


@pytest.mark.parametrize("case", ["stranger", "other_cohort", "withdrawn", "invited"])
def test_only_active_learners_of_the_cohort_check_in(tree, session, enrolments, case):
    if case == "stranger":
        learner = with_role(UserFactory(), roles.LEARNER)
    elif case == "other_cohort":
        learner = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme)).learner
    else:
        enrolments[0].status = Enrolment.Status.WITHDRAWN if case == "withdrawn" else Enrolment.Status.INVITED
        enrolments[0].save()
        learner = enrolments[0].learner
    with pytest.raises(NotAllowed) as error:
        services.check_in(token=token_at(session, at(9, 1)), learner=learner, ip=IP, now=at(9, 1))
    assert error.value.status == 403
    assert not Attendance.objects.exists()


def test_a_check_in_upgrades_a_trainers_absent_mark(session, enrolments, trainer):
    services.mark_attendance(
        session=session, enrolment=enrolments[0], status="absent", acting_user=trainer, now=at(9, 0)
    )
    check_in(session, enrolments[0], at(9, 25))
    row = Attendance.objects.get()
    assert (row.status, row.method, row.arrived_at) == ("late", "qr", datetime.time(9, 25))
    assert row.attested_at == at(9, 25)


def test_a_check_in_keeps_a_trainers_present_mark_and_adds_the_attestation(session, enrolments, trainer):
    services.mark_attendance(
        session=session,
        enrolment=enrolments[0],
        status="present",
        arrived_at=datetime.time(8, 55),
        acting_user=trainer,
        now=at(9, 0),
    )
    check_in(session, enrolments[0], at(9, 40))
    row = Attendance.objects.get()
    assert (row.status, row.method, row.arrived_at) == ("present", "trainer", datetime.time(8, 55))
    assert row.attested_at == at(9, 40) and row.marked_by == trainer


def test_a_scan_recorded_while_the_code_was_valid_survives_the_login_page(session, enrolments):
    scanned = at(9, 0, 5)
    token = token_at(session, scanned)
    later = scanned + datetime.timedelta(minutes=4)
    check_in(session, enrolments[0], later, token=token, scanned_at=scanned)
    assert Attendance.objects.get().attested_at == later
    with pytest.raises(LMSError) as error:  # past the grace period, the scan no longer counts
        check_in(
            session, enrolments[1], scanned + datetime.timedelta(minutes=11), token=token, scanned_at=scanned
        )
    assert error.value.code == "token_expired"


# --- online confirmation --------------------------------------------------------------------------------


def test_an_online_confirmation_creates_a_present_row(session, enrolments):
    result = services.attest_presence(session=session, learner=enrolments[0].learner, ip=IP, now=at(9, 3))
    row = Attendance.objects.get()
    assert not result.already
    assert (row.status, row.method, row.attested_at, row.attested_ip) == (
        "present",
        "confirmation",
        at(9, 3),
        IP,
    )
    again = services.attest_presence(session=session, learner=enrolments[0].learner, ip=IP, now=at(9, 30))
    assert again.already and Attendance.objects.get().attested_at == at(9, 3)


def test_an_online_confirmation_attests_a_trainers_mark_but_cannot_undo_an_absence(
    session, enrolments, trainer
):
    for enrolment, status in ((enrolments[0], "late"), (enrolments[1], "absent")):
        services.mark_attendance(
            session=session, enrolment=enrolment, status=status, acting_user=trainer, now=at(9)
        )
    services.attest_presence(session=session, learner=enrolments[0].learner, ip=IP, now=at(9, 30))
    row = Attendance.objects.get(enrolment=enrolments[0])
    assert (row.status, row.method, row.attested_at) == ("late", "trainer", at(9, 30))
    with pytest.raises(LMSError) as error:
        services.attest_presence(session=session, learner=enrolments[1].learner, ip=IP, now=at(9, 30))
    assert error.value.code == "marked_absent"
    assert Attendance.objects.get(enrolment=enrolments[1]).attested_at is None


def test_no_online_confirmation_outside_the_slot_or_after_closing(session, enrolments, trainer):
    with pytest.raises(LMSError):
        services.attest_presence(session=session, learner=enrolments[0].learner, ip=IP, now=at(13, 0))
    services.close_session(session=session, acting_user=trainer, now=at(12, 0))
    session.refresh_from_db()
    with pytest.raises(LMSError) as error:
        services.attest_presence(session=session, learner=enrolments[0].learner, ip=IP, now=at(12, 5))
    assert error.value.code == "closed"


def test_own_session_hides_other_cohorts_sessions(tree, session, enrolments):
    assert services.own_session(session_id=session.pk, learner=enrolments[0].learner) == session
    stranger = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme)).learner
    with pytest.raises(NotFound):
        services.own_session(session_id=session.pk, learner=stranger)


# --- the trainer's marks --------------------------------------------------------------------------------


def mark(session, enrolment, user, status="present", **kwargs):
    kwargs.setdefault("now", at(9, 10))
    return services.mark_attendance(
        session=session, enrolment=enrolment, status=status, acting_user=user, **kwargs
    )


def test_a_trainer_marks_status_times_and_comment(session, enrolments, trainer):
    row = mark(
        session,
        enrolments[0],
        trainer,
        "late",
        arrived_at=datetime.time(9, 40),
        left_at=datetime.time(12, 0),
        comment="  Train en retard ",
    )
    row.refresh_from_db()
    assert (row.status, row.method, row.marked_by, row.comment) == (
        "late",
        "trainer",
        trainer,
        "Train en retard",
    )
    assert (row.arrived_at, row.left_at, row.attested_at) == (
        datetime.time(9, 40),
        datetime.time(12, 0),
        None,
    )


def test_trainers_of_the_session_and_managers_may_mark_others_may_not(
    tree, cohort, session, enrolments, manager
):
    named = with_role(UserFactory(), roles.TRAINER)
    session.trainers.add(named)  # named on the session without training the cohort
    mark(session, enrolments[0], named)
    mark(session, enrolments[1], manager)
    outsiders = [
        make_trainer(CohortFactory(programme=tree.programme)),
        enrolments[2].learner,
        with_role(UserFactory(is_staff=True), roles.CERTIFIER),
    ]
    for user in outsiders:
        with pytest.raises(NotAllowed):
            mark(session, enrolments[2], user)
    assert Attendance.objects.count() == 2


def test_marks_refuse_another_cohorts_or_inactive_enrolments(tree, session, enrolments, trainer):
    with pytest.raises(NotFound):
        mark(session, EnrolmentFactory(cohort=CohortFactory(programme=tree.programme)), trainer)
    Enrolment.objects.filter(pk=enrolments[0].pk).update(status=Enrolment.Status.WITHDRAWN)
    enrolments[0].refresh_from_db()
    with pytest.raises(LMSError) as error:
        mark(session, enrolments[0], trainer)
    assert error.value.code == "inactive"
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"status": "maybe"}, "bad_status"),
        ({"arrived_at": datetime.time(10, 0), "left_at": datetime.time(9, 30)}, "times_order"),
        ({"arrived_at": datetime.time(7, 0)}, "times_bounds"),
        ({"left_at": datetime.time(13, 0)}, "times_bounds"),
    ],
)
def test_bad_marks_are_refused_and_write_nothing(session, enrolments, trainer, fields, code):
    fields = {"status": "present", **fields}
    with pytest.raises(LMSError) as error:
        mark(session, enrolments[0], trainer, **fields)
    assert error.value.code == code and error.value.status == 400
    assert not Attendance.objects.exists()


def test_empty_times_keep_the_check_in_time_and_absence_clears_them(session, enrolments, trainer):
    check_in(session, enrolments[0], at(9, 20))
    row = mark(
        session, enrolments[0], trainer, "late", left_at=datetime.time(11, 0), comment="Parti plus tôt"
    )
    assert (row.arrived_at, row.left_at) == (datetime.time(9, 20), datetime.time(11, 0))
    assert row.method == "qr" and row.attested_at == at(9, 20)  # only times and comment changed
    row = mark(session, enrolments[0], trainer, "absent")
    assert (row.arrived_at, row.left_at, row.method) == (None, None, "trainer")
    assert row.attested_at == at(9, 20)  # the learner's attestation is theirs: never erased


def test_the_same_mark_twice_writes_once(session, enrolments, trainer):
    mark(session, enrolments[0], trainer, "present", now=at(9, 10))
    again = mark(session, enrolments[0], trainer, "present", now=at(9, 11))
    assert again.marked_at == at(9, 10)
    assert Attendance.objects.get().marked_at == at(9, 10)


# --- closing, changes after closing, seal ---------------------------------------------------------------


def test_closing_marks_the_missing_absent_co_signs_and_seals(session, enrolments, trainer):
    check_in(session, enrolments[0], at(9, 0))
    closed = services.close_session(session=session, acting_user=trainer, now=at(12, 31))
    closed.refresh_from_db()
    assert (closed.state, closed.closed_by, closed.closed_at) == ("closed", trainer, at(12, 31))
    statuses = dict(Attendance.objects.values_list("enrolment_id", "status"))
    assert statuses == {enrolments[0].pk: "present", enrolments[1].pk: "absent", enrolments[2].pk: "absent"}
    assert Attendance.objects.get(enrolment=enrolments[1]).marked_by == trainer
    assert closed.seal == compute_seal(closed, list(closed.attendances.all()))
    assert seal_is_intact(closed)


def test_closing_twice_keeps_the_first_closing(session, enrolments, trainer, manager):
    services.close_session(session=session, acting_user=trainer, now=at(12, 31))
    first = TrainingSession.objects.get()
    again = services.close_session(session=session, acting_user=manager, now=at(13, 0))
    assert (again.closed_at, again.closed_by, again.seal) == (first.closed_at, trainer, first.seal)
    assert Attendance.objects.count() == 3


def test_closing_needs_a_started_session_and_a_trainer_of_it(tree, session, enrolments, trainer):
    with pytest.raises(LMSError) as error:
        services.close_session(session=session, acting_user=trainer, now=at(8, 59))
    assert error.value.code == "not_started"
    with pytest.raises(NotAllowed):
        services.close_session(
            session=session, acting_user=make_trainer(CohortFactory(programme=tree.programme)), now=at(12, 31)
        )
    with pytest.raises(NotAllowed):
        services.close_session(session=session, acting_user=enrolments[0].learner, now=at(12, 31))
    assert TrainingSession.objects.get().state == "scheduled" and not Attendance.objects.exists()


@pytest.fixture
def closed(session, enrolments, trainer):
    check_in(session, enrolments[0], at(9, 0))
    services.close_session(session=session, acting_user=trainer, now=at(12, 31))
    session.refresh_from_db()
    return session


def test_a_change_after_closing_needs_a_reason(closed, enrolments, trainer):
    for reason in ("", "   "):
        with pytest.raises(LMSError) as error:
            mark(closed, enrolments[1], trainer, "excused", reason=reason, now=at(14))
        assert error.value.code == "reason_required" and "motif" in str(error.value.message)
    assert Attendance.objects.get(enrolment=enrolments[1]).status == "absent"
    assert not AttendanceChange.objects.exists()


def test_a_change_after_closing_keeps_its_history_and_reseals(closed, enrolments, trainer):
    seal_before = closed.seal
    mark(closed, enrolments[1], trainer, "excused", reason="Certificat médical reçu", now=at(14))
    change = AttendanceChange.objects.get()
    closed.refresh_from_db()
    assert change.changed_by == trainer and change.changed_at == at(14)
    assert change.reason == "Certificat médical reçu"
    assert change.before["status"] == "absent" and change.after["status"] == "excused"
    assert change.before["marked_by"] == trainer.pk and change.after["comment"] == ""
    assert (change.seal_before, change.seal_after) == (seal_before, closed.seal)
    assert closed.seal != seal_before and seal_is_intact(closed)
    assert closed.closed_at == at(12, 31)  # the co-signature stays the original one


def test_a_row_edited_in_the_database_breaks_the_seal_and_blocks_changes(closed, enrolments, trainer):
    assert seal_is_intact(closed)
    Attendance.objects.filter(session=closed, enrolment=enrolments[1]).update(status="present")
    assert not seal_is_intact(closed)
    with pytest.raises(LMSError) as error:
        mark(closed, enrolments[2], trainer, "excused", reason="Justificatif", now=at(14))
    assert error.value.code == "tampered"
    closed.refresh_from_db()
    assert not seal_is_intact(closed)  # the application did not launder the edit
    assert Attendance.objects.get(enrolment=enrolments[2]).status == "absent"


def test_editing_the_closing_itself_breaks_the_seal_too(closed):
    TrainingSession.objects.filter(pk=closed.pk).update(starts_at=datetime.time(8, 0))
    closed.refresh_from_db()
    assert not seal_is_intact(closed)


# --- attendance rates -----------------------------------------------------------------------------------


def _hold(cohort, trainer, day, marks: dict, half_day="am"):
    session = make_session(cohort, day=day, half_day=half_day)
    for enrolment, status in marks.items():
        mark(session, enrolment, trainer, status, now=session.start)
    return services.close_session(session=session, acting_user=trainer, now=session.end)


def test_rates_count_closed_half_days_with_late_as_attended(cohort, enrolments, trainer):
    a, b, c = enrolments
    assert enrolment_attendance_rate(enrolment=a).percent is None  # nothing held yet
    make_session(cohort, day=DAY)  # scheduled, not closed: does not count
    _hold(cohort, trainer, DAY - datetime.timedelta(days=1), {a: "present", b: "late", c: "absent"})
    _hold(cohort, trainer, DAY - datetime.timedelta(days=2), {a: "late", b: "absent"})  # c: no row -> absent
    rates = cohort_attendance_rates(cohort=cohort)
    assert [rates[e.pk].percent for e in enrolments] == [100, 50, 0]
    assert rates[b.pk].below_threshold and not rates[a.pk].below_threshold


@pytest.mark.parametrize(("neutral", "expected"), [(True, 100), (False, 50)])
def test_excused_absences_follow_the_programme_setting(tree, cohort, enrolments, trainer, neutral, expected):
    tree.programme.excused_absences_neutral = neutral
    tree.programme.save()
    cohort.refresh_from_db()
    a = enrolments[0]
    _hold(cohort, trainer, DAY - datetime.timedelta(days=1), {a: "present"})
    _hold(cohort, trainer, DAY - datetime.timedelta(days=2), {a: "excused"})
    a = Enrolment.objects.select_related("cohort__programme").get(pk=a.pk)
    assert enrolment_attendance_rate(enrolment=a).percent == expected


# --- low-attendance e-mails -----------------------------------------------------------------------------


def test_closing_enqueues_the_low_attendance_task_after_commit(
    session, trainer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.close_session(session=session, acting_user=trainer, now=at(12, 31))
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.close_session(session=session, acting_user=trainer, now=at(12, 40))
    assert callbacks == []  # closing again sends nothing again


def test_learners_left_below_the_threshold_and_managers_get_one_email(
    cohort, enrolments, trainer, manager, django_capture_on_commit_callbacks
):
    a, b, c = enrolments
    with django_capture_on_commit_callbacks(execute=True):
        first = _hold(cohort, trainer, DAY, {a: "present", b: "absent", c: "excused"})
    # b is at 0 %; c's excused absence is neutral (programme default); a attended.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([b.learner.email, manager.email])
    learner_mail = next(m for m in mail.outbox if m.to == [b.learner.email])
    assert "assiduité" in learner_mail.subject and "0 %" in learner_mail.body and "80 %" in learner_mail.body
    html, mime = learner_mail.alternatives[0]
    assert mime == "text/html" and 'lang="fr"' in html
    summary = next(m for m in mail.outbox if m.to == [manager.email])
    assert b.learner.email in summary.body and a.learner.email not in summary.body
    assert f"/formateur/seances/{first.pk}/" in summary.body

    assert tasks.notify_low_attendance_task(first.pk) == 0  # run again (a retry): nothing sent twice
    assert len(mail.outbox) == 2

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _hold(cohort, trainer, DAY, {a: "present", b: "present", c: "present"}, half_day="pm")
    assert mail.outbox == []  # b is still at 50 % but attended this time: no reminder


def test_the_task_ignores_a_session_that_is_not_closed(session, enrolments):
    assert tasks.notify_low_attendance_task(session.pk) == 0
    assert tasks.notify_low_attendance_task(987654) == 0
    assert mail.outbox == []


# --- the trainer's sessions -----------------------------------------------------------------------------


def test_trainers_see_their_sessions_upcoming_first_then_past(tree, cohort, trainer, manager):
    today = DAY
    other_cohort = CohortFactory(programme=tree.programme)
    later = make_session(cohort, day=today + datetime.timedelta(days=7), title="Plus tard")
    soon = make_session(cohort, day=today, half_day="pm", title="Bientôt")
    past = make_session(cohort, day=today - datetime.timedelta(days=7), title="Passée")
    named = make_session(
        other_cohort, day=today + datetime.timedelta(days=1), trainers=[trainer], title="Nommé"
    )
    hidden = make_session(other_cohort, day=today + datetime.timedelta(days=2), title="Autre promotion")
    mine = trainer_sessions(user=trainer, today=today)
    assert [s.id for s in mine.upcoming] == [soon.pk, named.pk, later.pk]
    assert [s.id for s in mine.past] == [past.pk]
    everything = trainer_sessions(user=manager, today=today)
    assert hidden.pk in [s.id for s in everything.upcoming]
    learner = EnrolmentFactory(cohort=cohort).learner
    assert trainer_sessions(user=learner, today=today).upcoming == ()
