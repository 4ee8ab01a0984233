"""Managers' cohort pages: access, inviting one person, importing a CSV list, resending an invitation."""

import datetime
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment, Invitation
from courses.services.enrolment import LearnerData, invite_learner
from lms.accounts import roles
from lms.accounts.models import User
from tests.factories import CohortFactory, EnrolmentFactory, OrganisationFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db

HEADER = "email;prenom;nom;organisation\n"
# Session, user, second-factor device, user's groups, cohort with its programme, seats left,
# enrolments with learner and organisation, their pending invitations: the same whatever the size.
MANAGE_PAGE_QUERIES = 8


@pytest.fixture
def cohort(tree):
    return CohortFactory(programme=tree.programme, name="Promotion Lille 2026", capacity=10)


def counts() -> tuple[int, int, int]:
    return User.objects.count(), Enrolment.objects.count(), Invitation.objects.count()


def urls(cohort) -> dict[str, str]:
    return {
        "manage": reverse("courses:manage-cohort", kwargs={"cohort_id": cohort.pk}),
        "invite": reverse("courses:invite-learner", kwargs={"cohort_id": cohort.pk}),
        "import": reverse("courses:import-learners", kwargs={"cohort_id": cohort.pk}),
    }


def csv_upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("apprenants.csv", text.encode(), content_type="text/csv")


def resend_url(enrolment) -> str:
    kwargs = {"cohort_id": enrolment.cohort_id, "enrolment_id": enrolment.pk}
    return reverse("courses:resend-invitation", kwargs=kwargs)


# --- who may open the pages -----------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["manage", "invite", "import"])
def test_anonymous_visitors_are_sent_to_login(client: Client, cohort, page):
    url = urls(cohort)[page]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/connexion/?next={url}"


@pytest.mark.parametrize("role", [roles.LEARNER, roles.TRAINER, roles.CERTIFIER])
@pytest.mark.parametrize("page", ["manage", "invite", "import"])
def test_other_roles_get_the_french_403(client: Client, cohort, role, page):
    user = with_role(UserFactory(is_staff=role != roles.LEARNER), role)
    cohort.trainers.add(user)  # even the cohort's own trainer may not manage it
    client.force_login(user)
    response = client.get(urls(cohort)[page])
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


@pytest.mark.parametrize("page", ["manage", "invite", "import"])
def test_managers_and_superusers_open_every_page(client: Client, cohort, manager, page):
    client.force_login(manager)
    assert client.get(urls(cohort)[page]).status_code == 200
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(urls(cohort)[page]).status_code == 200


def test_unknown_cohort_is_a_404(as_manager):
    assert as_manager.get(reverse("courses:manage-cohort", kwargs={"cohort_id": 999999})).status_code == 404


def test_posts_from_other_roles_write_nothing(client: Client, cohort):
    client.force_login(with_role(UserFactory(), roles.TRAINER))
    before = counts()
    form = {"email": "a@example.org", "first_name": "A", "last_name": "B", "language": "fr"}
    assert client.post(urls(cohort)["invite"], form).status_code == 403
    upload = {"file": csv_upload(HEADER + "a@example.org;A;B;\n"), "language": "fr"}
    assert client.post(urls(cohort)["import"], upload).status_code == 403
    assert counts() == before


# --- the cohort page ------------------------------------------------------------------------------------


def test_cohort_page_shows_summary_enrolments_and_resend_only_for_invited(as_manager, cohort):
    invited = EnrolmentFactory(cohort=cohort, status=Enrolment.Status.INVITED, learner__last_name="Invitée")
    active = EnrolmentFactory(cohort=cohort, status=Enrolment.Status.ACTIVE, learner__last_name="Active")
    EnrolmentFactory(cohort=cohort, status=Enrolment.Status.WITHDRAWN)

    response = as_manager.get(urls(cohort)["manage"])

    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Promotion « Promotion Lille 2026 »" in html
    assert "Référent·e égalité de traitement" in html
    assert "2 sur 10 — places libres : 8" in html  # the withdrawn learner frees a seat
    assert invited.learner.email in html
    assert active.learner.email in html
    assert "en formation" in html
    assert html.count("Renvoyer l'invitation") == 1
    assert resend_url(invited) in html
    assert resend_url(active) not in html
    assert urls(cohort)["invite"] in html
    assert urls(cohort)["import"] in html


def _fill(cohort, count: int) -> None:
    for enrolment in EnrolmentFactory.create_batch(count, cohort=cohort, status=Enrolment.Status.INVITED):
        Invitation.objects.create(
            enrolment=enrolment, nonce="n", expires_at=timezone.now() + datetime.timedelta(days=7)
        )


@pytest.mark.parametrize("size", [5, 50])
def test_cohort_page_query_budget_does_not_grow_with_the_cohort(
    as_manager, tree, size, django_assert_num_queries
):
    cohort = CohortFactory(programme=tree.programme, capacity=60)
    _fill(cohort, size)
    url = urls(cohort)["manage"]
    as_manager.get(url)  # warm-up: Wagtail's site root cache, content types
    with django_assert_num_queries(MANAGE_PAGE_QUERIES):
        response = as_manager.get(url)
    assert response.status_code == 200
    assert len(response.context["overview"].enrolments) == size


# --- inviting one person --------------------------------------------------------------------------------


def test_invite_form_is_labelled(as_manager, cohort):
    html = as_manager.get(urls(cohort)["invite"]).content.decode()
    assert html.count("<h1") == 1
    for name in ("email", "first_name", "last_name", "organisation", "language"):
        assert f'<label for="id_{name}">' in html
        assert f'id="id_{name}"' in html


def test_invite_enrols_e_mails_and_redirects(as_manager, cohort, manager, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory(name="Habitat du Nord")
    form = {
        "email": "Camille.Martin@example.org",
        "first_name": "Camille",
        "last_name": "Martin",
        "organisation": organisation.pk,
        "language": "en",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = as_manager.post(urls(cohort)["invite"], form)

    assert response.status_code == 302
    assert response["Location"] == urls(cohort)["manage"]
    enrolment = Enrolment.objects.get(cohort=cohort)
    assert enrolment.learner.email == "camille.martin@example.org"
    assert enrolment.learner.organisation == organisation
    assert enrolment.invited_by == manager
    assert [message.to for message in mail.outbox] == [["camille.martin@example.org"]]
    assert mail.outbox[0].body.startswith("Hello")
    page = as_manager.get(response["Location"]).content.decode()
    assert "Invitation envoyée à camille.martin@example.org." in page


def test_invalid_input_is_tied_to_its_field(as_manager, cohort):
    before = counts()
    response = as_manager.post(
        urls(cohort)["invite"],
        {"email": "pas-une-adresse", "first_name": "A", "last_name": "", "language": "fr"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    for name in ("email", "last_name"):
        assert f'id="id_{name}_errors"' in html
        tag = re.search(rf'<input[^>]*id="id_{name}"[^>]*>', html).group(0)
        assert f'aria-describedby="id_{name}_errors"' in tag
        assert 'aria-invalid="true"' in tag
    assert counts() == before


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("full", "La promotion est complète"),
        ("enrolled", "Cette personne est déjà inscrite dans cette promotion."),
    ],
)
def test_service_refusal_is_shown_on_the_form_with_a_400(as_manager, cohort, setup, message):
    if setup == "full":
        cohort.capacity = 1
        cohort.save()
        EnrolmentFactory(cohort=cohort)
    else:
        EnrolmentFactory(cohort=cohort, learner__email="camille@example.org")
    before = counts()
    form = {"email": "camille@example.org", "first_name": "Camille", "last_name": "Martin", "language": "fr"}

    response = as_manager.post(urls(cohort)["invite"], form)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert counts() == before


# --- importing a CSV list -------------------------------------------------------------------------------


def test_import_form_is_labelled_and_describes_the_format(as_manager, cohort):
    html = as_manager.get(urls(cohort)["import"]).content.decode()
    assert html.count("<h1") == 1
    assert 'enctype="multipart/form-data"' in html
    assert '<label for="id_file">' in html
    assert '<label for="id_language">' in html
    assert 'aria-describedby="id_file_helptext"' in html


def test_import_enrols_everyone_and_says_how_many(as_manager, cohort, django_capture_on_commit_callbacks):
    text = HEADER + "".join(f"personne{n}@example.org;Prénom;Nom {n};\n" for n in range(3))
    with django_capture_on_commit_callbacks(execute=True):
        response = as_manager.post(urls(cohort)["import"], {"file": csv_upload(text), "language": "fr"})

    assert response.status_code == 302
    assert response["Location"] == urls(cohort)["manage"]
    assert cohort.enrolments.filter(status=Enrolment.Status.INVITED).count() == 3
    assert len(mail.outbox) == 3
    assert all(message.body.startswith("Bonjour") for message in mail.outbox)
    assert "3 apprenant·es invité·es." in as_manager.get(response["Location"]).content.decode()


def test_import_report_lists_bad_lines_escaped_and_writes_nothing(as_manager, cohort):
    text = HEADER + "a@example.org;A;B;<script>alert(1)</script>\npas-une-adresse;C;D;\n"
    before = counts()

    response = as_manager.post(urls(cohort)["import"], {"file": csv_upload(text), "language": "fr"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Aucune inscription n&#x27;a été enregistrée" in html
    assert '<th scope="row">2</th>' in html
    assert '<th scope="row">3</th>' in html
    assert "Adresse e-mail invalide." in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert counts() == before
    assert mail.outbox == []


def test_unreadable_file_gets_a_clear_message(as_manager, cohort):
    upload = SimpleUploadedFile("liste.xlsx", b"PK\x03\x04\x00\x00binary")
    response = as_manager.post(urls(cohort)["import"], {"file": upload, "language": "fr"})
    assert response.status_code == 400
    assert "pas un fichier CSV" in response.content.decode()


def test_import_without_a_file_is_a_field_error(as_manager, cohort):
    response = as_manager.post(urls(cohort)["import"], {"language": "fr"})
    assert response.status_code == 400
    assert 'id="id_file_errors"' in response.content.decode()


# --- resending an invitation ----------------------------------------------------------------------------


@pytest.fixture
def invited(cohort, manager):
    """An invitation sent in English two hours ago, never opened."""
    enrolment = invite_learner(
        cohort=cohort,
        learner=LearnerData(email="lou@example.org", first_name="Lou", last_name="Grand"),
        acting_user=manager,
        language="en",
    )
    enrolment.invitations.update(created_at=timezone.now() - datetime.timedelta(hours=2))
    return enrolment


def test_resend_is_post_only(client: Client, as_manager, invited):
    assert as_manager.get(resend_url(invited)).status_code == 405
    client.logout()
    assert client.get(resend_url(invited)).status_code == 405


def test_resend_replaces_the_link_once_even_when_clicked_twice(
    as_manager, invited, django_capture_on_commit_callbacks
):
    first = invited.invitations.get()
    with django_capture_on_commit_callbacks(execute=True):
        responses = [as_manager.post(resend_url(invited)) for _click in range(2)]

    assert [r.status_code for r in responses] == [302, 302]
    assert responses[0]["Location"] == urls(invited.cohort)["manage"]
    assert invited.invitations.count() == 2  # the original and ONE replacement
    first.refresh_from_db()
    assert first.revoked_at is not None
    replacement = invited.invitations.get(revoked_at__isnull=True)
    assert replacement.language == "en"  # the learner keeps the language of the first e-mail
    assert [message.to for message in mail.outbox] == [["lou@example.org"]]
    assert (
        "Invitation renvoyée à lou@example.org."
        in as_manager.get(urls(invited.cohort)["manage"]).content.decode()
    )


def test_resend_for_an_enrolment_of_another_cohort_is_a_404(as_manager, invited, tree):
    other = CohortFactory(programme=tree.programme)
    url = reverse("courses:resend-invitation", kwargs={"cohort_id": other.pk, "enrolment_id": invited.pk})
    assert as_manager.post(url).status_code == 404
    assert invited.invitations.count() == 1


def test_resend_for_an_active_learner_explains_why_not(as_manager, cohort):
    enrolment = EnrolmentFactory(cohort=cohort, status=Enrolment.Status.ACTIVE)
    response = as_manager.post(resend_url(enrolment), follow=True)
    assert "Cette inscription n&#x27;attend plus d&#x27;invitation." in response.content.decode()
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize("role", [roles.LEARNER, roles.TRAINER])
def test_resend_refused_to_other_roles(client: Client, invited, role):
    client.force_login(with_role(UserFactory(), role))
    assert client.post(resend_url(invited)).status_code == 403
    assert invited.invitations.count() == 1


def test_resend_by_anonymous_goes_to_login(client: Client, invited):
    response = client.post(resend_url(invited))
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")
