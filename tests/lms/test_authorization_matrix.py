"""The authorization matrix: every route x every actor x an object owned by someone else.

Policy (decision 0010):

- **Anonymous**: a page that needs an account sends to the login page (302, ``/connexion/`` or the
  Wagtail admin's login); JSON endpoints do the same (302: the scripts that call them follow it and
  show the login page).
- **A role that can never use the route** (a learner on a staff page, a trainer or a certifier on a
  manager's page, staff on a learner's action): 403, whatever the object, checked before the object is
  looked up so that the answer does not depend on whether it exists.
- **The right role, someone else's object** (another learner's attempt, result, session or
  attendance; another trainer's cohort, its sessions, roster, evaluations, PDFs and exports): 404, as
  for an object that does not exist: the page does not reveal that it does.
- **Certifiers** read everything staff can read, but do not run sessions, score or manage (403).
- **Managers** do everything, except certification decisions (issue #6, later).
- Capability links (QR code token, invitation, password reset, calendar feed, survey) authenticate by
  their token: whoever holds a valid one gets the page; a learner who scans another cohort's code is
  told so (403, the token already says the session exists).

The world is built once per actor: a programme with two modules (a quiz on the first, a rubric);
cohort 1 (trainer T1, learners A and B with quiz attempts, a session with A's attendance, A's evaluation
and T1's opinion on A, an invited learner) and cohort 2 (trainer T2, learner C, a session); a
certifier and a manager. Every URL is built for a cohort-1 object that belongs to learner A or to T1,
so each row says what the owner gets and what everyone else gets. Each request runs in a savepoint
rolled back afterwards: an action (submit, close, publish) never changes what the next request sees.

A new URL pattern without a row in ``MATRIX`` (or ``ADMIN_VIEWS`` for the Wagtail admin views of our
models), and outside the ``EXEMPT_PREFIXES`` (each with its reason), fails ``test_every_route_has_a_row``.
"""

import copy
import datetime
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from assessments import calendar, tokens
from assessments import services as quiz_services
from assessments.models import Attendance, Criterion, Rubric, SurveyRequest, TrainingSession
from assessments.services.rubrics import give_opinion, save_evaluation
from assessments.services.surveys import mark_sent, survey_token
from certificates.models import CertificationRule
from courses.services.enrolment import LearnerData, invitation_token, invite_learner
from lms.accounts import roles
from lms.notifications.services import unsubscribe_token
from tests.conftest import build_tree
from tests.factories import CohortFactory, EnrolmentFactory, QuizFactory, UserFactory, with_role
from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "learner_a", "learner_b", "trainer_1", "trainer_2", "certifier", "manager")
DAY = datetime.date(2026, 3, 10)  # the sessions run 9:00-12:30

# Top-level prefixes left out of the matrix, each with its reason.
EXEMPT_PREFIXES = {
    "admin/": "Wagtail admin internals (pages, images, workflows, reports...): access_admin and Wagtail's "
    "permission policies guard them, and test_two_factor proves the second factor there; every admin "
    "view of a project model or module (organisations, cohorts, quizzes, rubrics, users) has its rows "
    "in ADMIN_MATRIX below",
    "documents/": "Wagtail documents: served with Wagtail's own collection privacy checks; no personal "
    "document is stored there (PDFs are generated per request by the views below)",
    "_util/": "Wagtail's page-password forms (no page of ours uses a password restriction)",
    "static/": "static files (only with DEBUG)",
    "media/": "uploaded files (only with DEBUG; production serves them behind the proxy)",
}
WAGTAIL_CATCH_ALL = "((?:[\\w\\-]+/)*)"  # has its row: a lesson page, checked by the courses hook
PROJECT_PACKAGES = {"lms", "cms", "courses", "assessments", "certificates"}


@dataclass(frozen=True)
class Row:
    """One request: its method, the object its URL names (a key of ``World.kwargs``), the expected
    answer for each actor (in ``ACTORS`` order), and the POST data (a key of ``World.post_data``).

    An answer is a status code, ``L`` (a redirect to a login page) or ``D`` (Wagtail's refusal: a
    redirect to the admin dashboard). A plain ``302`` is any other redirect (success, next step).
    """

    method: str
    target: str
    expected: str
    data: str = ""

    def answers(self) -> dict[str, str]:
        answers = self.expected.split()
        assert len(answers) == len(ACTORS), self
        return dict(zip(ACTORS, answers, strict=True))


def get(target: str, expected: str) -> Row:
    return Row("get", target, expected)


def post(target: str, expected: str, data: str = "") -> Row:
    return Row("post", target, expected, data)


# fmt: off
MATRIX: dict[str, list[Row]] = {
    # route name                        verb object            anon  A   B  T1  T2 cert mgr
    # --- public and account pages ---
    "health":                           [get("none",          "200 200 200 200 200 200 200")],
    "set_language":                     [post("none",         "302 302 302 302 302 302 302", "language")],
    "login":                            [get("none",          "200 302 302 302 302 302 302")],
    "logout":                           [post("none",         "302 302 302 302 302 302 302")],
    "password_change":                  [get("none",          "  L 200 200 200 200 200 200")],
    "password_change_done":             [get("none",          "  L 200 200 200 200 200 200")],
    "password_reset":                   [get("none",          "200 200 200 200 200 200 200")],
    "password_reset_done":              [get("none",          "200 200 200 200 200 200 200")],
    "password_reset_confirm":           [get("reset",         "302 302 302 302 302 302 302")],
    "password_reset_complete":          [get("none",          "200 200 200 200 200 200 200")],
    "two-factor-setup":                 [get("none",          "  L 200 200 200 200 200 200")],
    "two-factor-verify":                [get("none",          "  L 302 302 200 200 200 200")],
    "two-factor-backup-codes":          [post("none",         "  L 302 302 200 200 200 200")],
    "legal-notice":                     [get("none",          "200 200 200 200 200 200 200")],
    "privacy":                          [get("none",          "200 200 200 200 200 200 200")],
    "accessibility":                    [get("none",          "200 200 200 200 200 200 200")],
    "courses:accept-invitation":        [get("invitation",    "200 200 200 200 200 200 200")],
    "assessments:calendar-feed":        [get("feed",          "200 200 200 200 200 200 200")],
    # A's survey link: whoever holds it answers; nothing records who (a second POST would be a 400).
    "assessments:survey":               [get("survey",        "200 200 200 200 200 200 200"),
                                         post("survey",       "302 302 302 302 302 302 302", "survey")],
    # Learner A's unsubscribe link: the signed token is the capability, whoever opens it.
    "notifications:unsubscribe":        [get("unsubscribe",   "200 200 200 200 200 200 200"),
                                         post("unsubscribe",  "200 200 200 200 200 200 200")],
    # --- everyone signed in, about themselves: another person's object is a 404 ---
    "courses:dashboard":                [get("none",          "  L 200 200 200 200 200 200")],
    "courses:profile":                  [get("none",          "  L 200 200 200 200 200 200")],
    "notifications:preferences":        [get("none",          "  L 200 200 200 200 200 200"),
                                         post("none",         "  L 302 302 302 302 302 302", "preferences")],
    "privacy-export":                   [get("none",          "  L 200 200 200 200 200 200"),
                                         post("none",         "  L 200 200 200 200 200 200")],
    "courses:complete-lesson":          [post("lesson",       "  L 302 302 403 403 403 403")],
    "wagtail_serve":                    [get("lesson page",   "  L 200 200 200 200 200 200")],
    "assessments:quiz":                 [get("quiz",          "  L 200 200 403 403 403 403")],
    "assessments:start":                [post("quiz",         "  L 302 302 403 403 403 403")],
    "assessments:attempt":              [get("open attempt",  "  L 200 404 404 404 404 404")],
    "assessments:save":                 [post("open attempt", "  L 302 404 404 404 404 404", "answers")],
    "assessments:submit":               [post("open attempt", "  L 302 404 404 404 404 404", "answers")],
    "assessments:result":               [get("closed attempt", "  L 200 404 404 404 404 404")],
    "assessments:my-sessions":          [get("none",          "  L 200 200 200 200 200 200")],
    "assessments:my-session":           [get("session",       "  L 200 200 404 404 404 404"),
                                         get("other session", "  L 404 404 404 404 404 404")],
    "assessments:attest":               [post("session",      "  L 302 302 404 404 404 404"),
                                         post("other session", "  L 404 404 404 404 404 404")],
    "assessments:check-in":             [get("check-in",      "  L 200 200 403 403 403 403"),
                                         post("check-in",     "  L 200 200 403 403 403 403")],
    "assessments:session-ics":          [get("session",       "  L 200 200 200 404 200 200")],
    "assessments:my-evaluations":       [get("none",          "  L 200 200 200 200 200 200")],
    # --- staff: trainers of the cohort, certifiers (read only), managers ---
    "courses:cohort-list":              [get("none",          "  L 403 403 200 200 200 200")],
    "courses:cohort-progress":          [get("cohort",        "  L 403 403 200 404 200 200")],
    "courses:cohort-progress-csv":      [get("cohort",        "  L 403 403 200 404 200 200")],
    "assessments:cohort-quiz-results":  [get("cohort",        "  L 403 403 200 404 200 200")],
    "assessments:cohort-quiz-results-csv":
                                        [get("cohort",        "  L 403 403 200 404 200 200")],
    "assessments:quiz-item-analysis":   [get("cohort quiz",   "  L 403 403 200 404 200 200")],
    "assessments:quiz-item-analysis-csv":
                                        [get("cohort quiz",   "  L 403 403 200 404 200 200")],
    "assessments:trainer-home":         [get("none",          "  L 403 403 200 200 200 200")],
    "assessments:session-roster":       [get("session",       "  L 403 403 200 404 200 200")],
    "assessments:session-state":        [get("session",       "  L 403 403 200 404 200 200")],
    "assessments:session-sheet-pdf":    [get("session",       "  L 403 403 200 404 200 200")],
    "assessments:completion-pdf":       [get("enrolment",     "  L 403 403 200 404 200 200")],
    "assessments:session-mark":         [post("session",      "  L 403 403 302 404 403 302", "mark")],
    "assessments:session-qr":           [get("session",       "  L 403 403 200 404 403 200")],
    "assessments:session-qr-token":     [get("session",       "  L 403 403 200 404 403 200")],
    "assessments:session-close":        [post("session",      "  L 403 403 302 404 403 302")],
    "assessments:attendance-change":    [get("attendance",    "  L 403 403 200 404 403 200"),
                                         post("attendance",   "  L 403 403 302 404 403 302", "mark")],
    "assessments:cohort-evaluations":   [get("cohort",        "  L 403 403 200 404 200 200")],
    "assessments:evaluation-edit":      [get("rubric",        "  L 403 403 200 404 403 200"),
                                         post("rubric",       "  L 403 403 302 404 403 302", "scores")],
    "assessments:evaluation-publish":   [post("evaluation",   "  L 403 403 302 404 403 302")],
    "assessments:trainer-opinion":      [get("enrolment",     "  L 403 403 200 404 403 200"),
                                         post("enrolment",    "  L 403 403 302 404 403 302", "opinion")],
    "assessments:survey-reports":       [get("none",          "  L 403 403 200 200 200 200")],
    "assessments:survey-cohort":        [get("cohort",        "  L 403 403 200 404 200 200")],
    # --- managers only ---
    "courses:manage-cohort":            [get("cohort",        "  L 403 403 403 403 403 200")],
    "courses:invite-learner":           [get("cohort",        "  L 403 403 403 403 403 200")],
    "courses:import-learners":          [get("cohort",        "  L 403 403 403 403 403 200")],
    "courses:resend-invitation":        [post("invited",      "  L 403 403 403 403 403 302")],
    "assessments:cohort-sessions":      [get("cohort",        "  L 403 403 403 403 403 200")],
    "assessments:session-edit":         [get("session",       "  L 403 403 403 403 403 200")],
    "privacy-erase":                    [get("person",        "  L 403 403 403 403 403 200")],
    "audit:log":                        [get("none",          "  L 403 403 403 403 403 200")],
    "audit:log-csv":                    [get("none",          "  L 403 403 403 403 403 200")],
    "audit:device-reset-find":          [get("none",          "  L 403 403 403 403 403 200")],
    "audit:device-reset":               [get("person",        "  L 403 403 403 403 403 200")],
    "notifications:previews":           [get("none",          "  L 403 403 403 403 403 200")],
    "notifications:preview":            [get("notification",  "  L 403 403 403 403 403 200")],
    "notifications:preview-html":       [get("notification",  "  L 403 403 403 403 403 200")],
    # --- certification: public pages and the holder's own (certificates.urls_public) ---
    "certificates:verify-home":         [get("none",          "200 200 200 200 200 200 200")],
    "certificates:directory":           [get("none",          "200 200 200 200 200 200 200")],
    "certificates:my-certificates":     [get("none",          "  L 200 200 200 200 200 200")],
    "certificates:my-certificate-pdf":  [get("certificate",   "  L 200 404 404 404 404 404")],
    "certificates:directory-listing":   [post("certificate",  "  L 302 404 404 404 404 404")],
    "certificates:verify":              [get("verification",  "200 200 200 200 200 200 200")],
    # --- certification: Open Badges (certificates.urls_badges) ---
    "certificates:badge-download":      [get("certificate",   "  L 200 404 404 404 200 200")],
    "certificates:issuer-profile":      [get("none",          "200 200 200 200 200 200 200")],
    "certificates:issuer-jwks":         [get("none",          "200 200 200 200 200 200 200")],
    "certificates:status-list-revocation":
                                        [get("none",          "200 200 200 200 200 200 200")],
    "certificates:status-list-suspension":
                                        [get("none",          "200 200 200 200 200 200 200")],
    "certificates:badge-verify":        [get("none",          "200 200 200 200 200 200 200"),
                                         post("none",         "400 400 400 400 400 400 400")],
    # --- certification: review queue, registry, lifecycle (certificates.urls_staff) ---
    "certificates:review":              [get("none",          "  L 403 403 403 403 200 200")],
    "certificates:cohort-review":       [get("cohort",        "  L 403 403 403 403 200 200")],
    "certificates:decision":            [get("enrolment",     "  L 403 403 403 403 200 200"),
                                         # A already holds a certificate: deciding again is refused.
                                         post("enrolment",    "  L 403 403 403 403 400 403", "decide")],
    "certificates:bulk-approve":        [post("cohort",       "  L 403 403 403 403 302 403", "bulk")],
    "certificates:registry":            [get("none",          "  L 403 403 403 403 200 200")],
    "certificates:registry-csv":        [get("none",          "  L 403 403 403 403 200 200")],
    "certificates:certificate":         [get("certificate",   "  L 403 403 403 403 200 200")],
    # Staff download stored PDFs only: the world's certificate has none rendered yet (404).
    "certificates:certificate-pdf":     [get("certificate pdf", "  L 403 403 403 403 404 404")],
    "certificates:certificate-suspend": [post("certificate",  "  L 403 403 403 403 302 403", "motif")],
    "certificates:certificate-reinstate":
                                        [post("certificate",  "  L 403 403 403 403 400 403", "motif")],
    "certificates:certificate-revoke":  [post("certificate",  "  L 403 403 403 403 302 403", "motif")],
    "certificates:certificate-reissue": [post("certificate",  "  L 403 403 403 403 400 403", "motif")],
    # --- steering: the URH dashboard (lms.steering), read by certifiers and managers ---
    "steering:dashboard":               [get("none",          "  L 403 403 403 403 200 200"),
                                         post("none",         "405 405 405 405 405 405 405")],
    # Exports: trainers download émargement and results of their cohorts (another cohort: 404), never
    # certificates, surveys or the evidence pack (403 whatever the cohort); an unknown dataset is a 404.
    "steering:cohort-exports":          [get("cohort",        "  L 403 403 200 404 200 200")],
    "steering:cohort-export":           [get("export emargement", "  L 403 403 200 404 200 200"),
                                         get("export resultats", "  L 403 403 200 404 200 200"),
                                         get("export certificats", "  L 403 403 403 403 200 200"),
                                         get("export unknown", "  L 403 403 404 404 404 404")],
    "steering:evidence-pack":           [get("cohort",        "  L 403 403 403 403 200 200")],
    # Every cohort's quiz attempts, from the dashboard: its readers only (trainers too get a 403).
    "steering:attempts-export":         [get("attempts csv",  "  L 403 403 403 403 200 200"),
                                         get("attempts xlsx", "  L 403 403 403 403 200 200"),
                                         post("attempts csv", "405 405 405 405 405 405 405")],
}

# The Wagtail admin views of the project's models, by viewset: the object its views take ("*"), its
# views, and who may do what. Wagtail answers its refusals with redirects: to its login page without
# admin access (L), to the dashboard with a message without the model permission (D). History and
# usage need the change permission; inspect and the choosers only "view". Nobody deletes a quiz, a
# rubric, a cohort or an organisation from the admin (their rows protect attempts, scores and
# enrolments); users are managed by superusers only.
# fmt: off
ADMIN_ANSWERS = {
    #                         anon A B T1 T2 cert mgr
    "managed":      {"read":   "L L L L L  200 200",
                     "write":  "L L L L L    D 200",
                     "delete": "L L L L L    D   D"},
    "superusers":   {"read":   "L L L L L    D   D",
                     "write":  "L L L L L    D   D",
                     "delete": "L L L L L    D   D"},
}
MODEL_VIEWS = "index index_results add *edit *delete *history *history_results *usage"
SNIPPET_VIEWS = "list list_results *inspect add *edit *delete *usage *history *history_results"
CHOOSER_VIEWS = "choose choose_results *chosen chosen_multiple create"
ADMIN_VIEWS = {
    "organismes":                                ("organisation", MODEL_VIEWS, "managed"),
    "promotions":                                ("admin cohort", MODEL_VIEWS, "managed"),
    "wagtailusers_users":                        ("admin user", f"{MODEL_VIEWS} *copy", "superusers"),
    "wagtailsnippets_assessments_quiz":          ("admin quiz", SNIPPET_VIEWS, "managed"),
    "wagtailsnippets_assessments_rubric":        ("admin rubric", SNIPPET_VIEWS, "managed"),
    "wagtailsnippetchoosers_assessments_quiz":   ("admin quiz", CHOOSER_VIEWS, "managed"),
    "wagtailsnippetchoosers_assessments_rubric": ("admin rubric", CHOOSER_VIEWS, "managed"),
    "regles-certification":                      ("admin rule", f"{MODEL_VIEWS} *inspect", "managed"),
}
# fmt: on
WRITE_VIEWS = {"add", "edit", "copy", "create", "usage", "history", "history_results"}


def _admin_rows() -> dict[str, list[Row]]:
    rows = {}
    for namespace, (target, views, answers) in ADMIN_VIEWS.items():
        for view in views.split():
            name = view.lstrip("*")
            kind = "delete" if name == "delete" else "write" if name in WRITE_VIEWS else "read"
            row = get(target if view.startswith("*") else "none", ADMIN_ANSWERS[answers][kind])
            rows[f"{namespace}:{name}"] = [row]
    return rows


ADMIN_MATRIX = _admin_rows()


# --- the world ------------------------------------------------------------------------------------------


@dataclass
class World:
    users: dict[str, object]
    kwargs: dict[str, dict] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    post_data: dict[str, dict] = field(default_factory=dict)

    def url(self, name: str, target: str) -> str:
        if target in self.paths:
            return self.paths[target]
        return reverse(name, kwargs=self.kwargs[target])


def _user(role: str):
    return with_role(UserFactory(), role)


def _answers(attempt, *, right: bool) -> dict[str, list[str]]:
    return {
        item["key"]: [next(c["key"] for c in item["choices"] if c["correct"] is right)]
        for item in attempt.content["items"]
    }


def _attempts(quiz, learner_a, learner_b):
    """A: one failed attempt (closed) and one open; B: one failed attempt (B may start another)."""
    first = quiz_services.start_attempt(user=learner_a, quiz=quiz)
    quiz_services.submit_attempt(user=learner_a, attempt_id=first.pk, answers=_answers(first, right=False))
    second = quiz_services.start_attempt(user=learner_a, quiz=quiz)
    other = quiz_services.start_attempt(user=learner_b, quiz=quiz)
    quiz_services.submit_attempt(user=learner_b, attempt_id=other.pk, answers=_answers(other, right=False))
    return first, second


def _session(cohort, title: str) -> TrainingSession:
    start, end = TrainingSession.DEFAULT_TIMES["am"]
    return TrainingSession.objects.create(
        cohort=cohort, title=title, date=DAY, half_day="am", starts_at=start, ends_at=end
    )


def _people(tree) -> SimpleNamespace:
    """Two cohorts of one programme, their trainers and learners, a certifier and a manager."""
    cohort_1, cohort_2 = (CohortFactory(programme=tree.programme) for _ in range(2))
    trainer_1, trainer_2 = _user(roles.TRAINER), _user(roles.TRAINER)
    cohort_1.trainers.add(trainer_1)
    cohort_2.trainers.add(trainer_2)
    enrolment_a, enrolment_b = (EnrolmentFactory(cohort=cohort_1) for _ in range(2))
    return SimpleNamespace(
        cohort_1=cohort_1,
        cohort_2=cohort_2,
        enrolment_a=enrolment_a,
        learner_c=EnrolmentFactory(cohort=cohort_2).learner,  # only cohort 2's objects are theirs
        users={
            "learner_a": enrolment_a.learner,
            "learner_b": enrolment_b.learner,
            "trainer_1": trainer_1,
            "trainer_2": trainer_2,
            "certifier": _user(roles.CERTIFIER),
            "manager": _user(roles.MANAGER),
        },
    )


def _scoring(tree, people) -> SimpleNamespace:
    """A rubric, T1's evaluation of learner A and T1's opinion on A."""
    rubric = Rubric.objects.create(programme=tree.programme, title="Étude de cas", scale_max=4)
    criterion = Criterion.objects.create(
        rubric=rubric, label="Analyse", weight=1, descriptors="0\n1\n2\n3\n4", sort_order=0
    )
    trainer = people.users["trainer_1"]
    evaluation = save_evaluation(
        enrolment=people.enrolment_a,
        rubric=rubric,
        session=None,
        scores={criterion.pk: (3, "")},
        comment="Bon travail.",
        acting_user=trainer,
    )
    give_opinion(enrolment=people.enrolment_a, opinion="favourable", comment="Prêt·e.", acting_user=trainer)
    return SimpleNamespace(rubric=rubric, criterion=criterion, evaluation=evaluation)


def _attendance(session, enrolment, trainer) -> Attendance:
    return Attendance.objects.create(
        session=session,
        enrolment=enrolment,
        status=Attendance.Status.PRESENT,
        method=Attendance.Method.TRAINER,
        marked_by=trainer,
        marked_at=timezone.now(),
    )


def _survey_request(enrolment, session) -> SurveyRequest:
    """A's survey about session 1, e-mailed and still open."""
    request = SurveyRequest.objects.create(kind="session", enrolment=enrolment, session=session)
    mark_sent(request, now=timezone.now())
    return request


def build_world() -> World:
    tree = build_tree(modules=2, lessons_per_module=1)
    quiz = QuizFactory(module=tree.modules[0])
    people = _people(tree)
    learner_a, learner_c = people.users["learner_a"], people.learner_c
    closed_attempt, open_attempt = _attempts(quiz, learner_a, people.users["learner_b"])
    session_1, session_2 = _session(people.cohort_1, "Séance 1"), _session(people.cohort_2, "Séance 2")
    attendance = _attendance(session_1, people.enrolment_a, people.users["trainer_1"])
    scoring = _scoring(tree, people)
    certificate = issued_certificate(people.enrolment_a, certifier=people.users["certifier"])
    rule = CertificationRule.objects.create(programme=tree.programme)  # the defaults, saved
    invited = invite_learner(
        cohort=people.cohort_1,
        learner=LearnerData(email="invitee@example.org", first_name="Iris", last_name="Invitée"),
        acting_user=people.users["manager"],
    )
    survey = _survey_request(people.enrolment_a, session_1)
    world = World(users=people.users, paths={"lesson page": tree.lessons[0].url})
    world.kwargs = {
        "none": {},
        "lesson": {"lesson_id": tree.lessons[0].pk},
        "quiz": {"quiz_id": quiz.pk},
        "open attempt": {"attempt_id": open_attempt.pk},
        "closed attempt": {"attempt_id": closed_attempt.pk},
        "session": {"session_id": session_1.pk},
        "other session": {"session_id": session_2.pk},
        "cohort": {"cohort_id": people.cohort_1.pk},
        "cohort quiz": {"cohort_id": people.cohort_1.pk, "quiz_id": quiz.pk},
        "export emargement": {"cohort_id": people.cohort_1.pk, "dataset": "emargement", "fmt": "csv"},
        "export resultats": {"cohort_id": people.cohort_1.pk, "dataset": "resultats", "fmt": "xlsx"},
        "export certificats": {"cohort_id": people.cohort_1.pk, "dataset": "certificats", "fmt": "csv"},
        "export unknown": {"cohort_id": people.cohort_1.pk, "dataset": "notes", "fmt": "pdf"},
        "attempts csv": {"fmt": "csv"},
        "attempts xlsx": {"fmt": "xlsx"},
        "enrolment": {"enrolment_id": people.enrolment_a.pk},
        "rubric": {"enrolment_id": people.enrolment_a.pk, "rubric_id": scoring.rubric.pk},
        "attendance": {"attendance_id": attendance.pk},
        "evaluation": {"evaluation_id": scoring.evaluation.pk},
        "invited": {"cohort_id": people.cohort_1.pk, "enrolment_id": invited.pk},
        "person": {"user_id": learner_a.pk},
        "certificate": {"certificate_id": certificate.pk},
        "certificate pdf": {"certificate_id": certificate.pk, "version": 1},
        "verification": {"verification_id": certificate.verification_id},
        "check-in": {"token": tokens.current_token(session_1, timezone.now())},
        "invitation": {"token": invitation_token(invited.invitations.get())},
        "feed": {"token": calendar.feed_token(learner_a)},
        "survey": {"token": survey_token(survey)},
        "unsubscribe": {"token": unsubscribe_token(learner_a)},
        "notification": {"key": "session_reminder"},
        # Learner C's link: C never logs in here, and a login would void the link (last_login).
        "reset": {
            "uidb64": urlsafe_base64_encode(force_bytes(learner_c.pk)),
            "token": default_token_generator.make_token(learner_c),
        },
        "organisation": {"pk": learner_a.organisation_id},
        "admin cohort": {"pk": people.cohort_1.pk},
        "admin quiz": {"pk": quiz.pk},
        "admin rubric": {"pk": scoring.rubric.pk},
        "admin user": {"pk": learner_a.pk},
        "admin rule": {"pk": rule.pk},
    }
    world.post_data = {
        "": {},
        "language": {"language": "fr", "next": "/"},
        "answers": {f"q-{key}": value for key, value in _answers(open_attempt, right=True).items()},
        "mark": {"enrolment": people.enrolment_a.pk, "status": "late", "reason": "Arrivée notée en retard."},
        "scores": {f"score-{scoring.criterion.pk}": "4", "comment": "Très bien."},
        "opinion": {"opinion": "reserved", "comment": "À confirmer."},
        "decide": {"outcome": "approved"},
        "bulk": {"enrolments": [people.enrolment_a.pk]},
        "motif": {"reason": "Vérification demandée.", "confirm": "on"},
        "survey": {"satisfaction": "4", "usefulness": "5", "clarity": "4", "pace": "right"},
        "preferences": {"language": "en", "non_essential": "on"},
    }
    return world


@pytest.fixture
def world(monkeypatch) -> World:
    """The world, at 9:05 on ``DAY``: session 1's check-in window is open."""
    now = timezone.make_aware(datetime.datetime.combine(DAY, datetime.time(9, 5))).astimezone(datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return build_world()


# --- the routes -----------------------------------------------------------------------------------------


def _routes(resolver=None, prefix="", namespace=""):
    """(route, name, needs a row) of every URL pattern, names with their namespaces."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern).lstrip("^").replace("\\Z", "").rstrip("$")
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry, route, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else ""
            yield route, name, _needs_a_row(route, entry.callback)


def _is_project_code(view) -> bool:
    """A view of ours, or a Wagtail view working on one of our models (a viewset, a snippet, users)."""
    view_class = getattr(view, "view_class", None)
    model = (getattr(view, "view_initkwargs", None) or {}).get("model") or getattr(view_class, "model", None)
    modules = [getattr(view_class or view, "__module__", ""), getattr(model, "__module__", "")]
    return any(module.split(".")[0] in PROJECT_PACKAGES for module in modules if isinstance(module, str))


def _needs_a_row(route: str, view) -> bool:
    if route == WAGTAIL_CATCH_ALL or _is_project_code(view):
        return True
    return not route.startswith(tuple(EXEMPT_PREFIXES))


def test_every_route_has_a_row():
    routes = list(_routes())
    unnamed = sorted(route for route, name, needed in routes if needed and not name)
    assert not unnamed, f"routes sans nom (impossible à classer) : {unnamed}"
    table = MATRIX | ADMIN_MATRIX
    missing = sorted(f"{name} ({route})" for route, name, needed in routes if needed and name not in table)
    assert not missing, "routes sans ligne dans la matrice d'autorisation :\n" + "\n".join(missing)
    stale = sorted(set(table) - {name for _route, name, _needed in routes})
    assert not stale, f"lignes de la matrice sans route : {stale}"


# --- the walk -------------------------------------------------------------------------------------------


def _request(client: Client, row: Row, url: str, data: dict):
    """One request whose writes are rolled back; the session cookie is restored too (logout, login)."""
    cookies = copy.deepcopy(client.cookies)
    try:
        return _rolled_back(client, row, url, data)
    finally:
        client.cookies = cookies


def _rolled_back(client: Client, row: Row, url: str, data: dict):
    with transaction.atomic():
        try:
            response = client.post(url, data) if row.method == "post" else client.get(url)
        except Exception as error:  # a crash is reported with the other mismatches
            transaction.set_rollback(True)
            return None, f"{type(error).__name__}: {error}"
        transaction.set_rollback(True)
    return response, ""


def _answer(response) -> str:
    if response.status_code != 302:
        return str(response.status_code)
    location = response["Location"]
    if location.startswith(("/connexion/", "/admin/login/")):
        return "L"
    return "D" if location == "/admin/" else "302"


def walk(world: World, actor: str, table: dict[str, list[Row]]) -> list[str]:
    client = Client()
    if actor != "anonymous":
        client.force_login(world.users[actor])
    mismatches = []
    for name, rows in table.items():
        for row in rows:
            url = world.url(name, row.target)
            expected = row.answers()[actor]
            response, crash = _request(client, row, url, world.post_data[row.data])
            got = _answer(response) if response is not None else crash
            if got != expected:
                mismatches.append(
                    f"{name} {row.method.upper()} {url} {actor}: {expected} attendu, {got} obtenu"
                )
    return mismatches


@pytest.mark.parametrize("actor", ACTORS)
def test_authorization_matrix(world, actor):
    mismatches = walk(world, actor, MATRIX | ADMIN_MATRIX)
    assert not mismatches, f"{len(mismatches)} écart(s) pour {actor} :\n" + "\n".join(mismatches)
