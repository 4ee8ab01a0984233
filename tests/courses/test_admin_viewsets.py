"""Wagtail admin for organisations and cohorts: managers list, create and edit them; others are refused.

The viewsets are registered by the ``register_admin_viewset`` hook in ``courses/wagtail_hooks.py``.
"""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from courses.admin_viewsets import admin_viewsets, cohort_viewset
from courses.models import Cohort, Enrolment
from lms.accounts import roles
from lms.accounts.admin_viewsets import organisation_viewset
from lms.accounts.models import Organisation
from tests.factories import CohortFactory, EnrolmentFactory, OrganisationFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/admin/organismes/"
COHORTS = "/admin/promotions/"
VALID_SIREN = "732829320"  # passes the Luhn check


@pytest.fixture
def cohort(tree):
    return CohortFactory(programme=tree.programme, name="Promotion Arras", capacity=12)


def test_menu_labels_and_icons_are_french():
    assert (str(organisation_viewset.menu_label), organisation_viewset.icon) == ("Organismes", "site")
    assert (str(cohort_viewset.menu_label), cohort_viewset.icon) == ("Promotions", "group")
    assert admin_viewsets() == [organisation_viewset, cohort_viewset]


# --- organisations --------------------------------------------------------------------------------------


def test_manager_lists_filters_and_searches_organisations(as_manager):
    OrganisationFactory(name="Habitat du Nord", kind=Organisation.Kind.SOCIAL_LANDLORD, departement="59")
    OrganisationFactory(name="Préfecture du Pas-de-Calais", kind=Organisation.Kind.STATE, departement="62")
    OrganisationFactory(name="Habitat de l'Oise", kind=Organisation.Kind.SOCIAL_LANDLORD, departement="60")

    listing = as_manager.get(ORGANISATIONS)
    by_kind = as_manager.get(ORGANISATIONS, {"kind": "etat"})
    by_departement = as_manager.get(ORGANISATIONS, {"departement": "60"})
    by_name = as_manager.get(ORGANISATIONS, {"q": "habitat"})

    assert listing.status_code == 200
    assert "Préfecture du Pas-de-Calais" in listing.content.decode()
    assert _names(by_kind) == ["Préfecture du Pas-de-Calais"]
    assert _names(by_departement) == ["Habitat de l'Oise"]
    assert _names(by_name) == ["Habitat de l'Oise", "Habitat du Nord"]


def _names(response) -> list[str]:
    assert response.status_code == 200
    return [str(organisation) for organisation in response.context["object_list"]]


def test_manager_creates_and_edits_an_organisation(as_manager):
    assert as_manager.get(f"{ORGANISATIONS}new/").status_code == 200
    form = {"name": "Habitat du Nord", "kind": "bailleur", "departement": "59", "siren": VALID_SIREN}
    assert as_manager.post(f"{ORGANISATIONS}new/", form).status_code == 302
    organisation = Organisation.objects.get(name="Habitat du Nord")

    edit_url = f"{ORGANISATIONS}edit/{organisation.pk}/"
    assert as_manager.get(edit_url).status_code == 200
    response = as_manager.post(edit_url, {**form, "departement": "2A", "siren": ""})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.departement, organisation.siren) == ("2A", "")


def test_invalid_siren_and_departement_are_refused_in_french(as_manager):
    form = {"name": "Habitat du Nord", "kind": "bailleur", "departement": "99", "siren": "123456789"}
    response = as_manager.post(f"{ORGANISATIONS}new/", form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Code de département invalide" in html
    assert "Ce SIREN n&#x27;est pas valide" in html
    assert not Organisation.objects.exists()


# --- cohorts --------------------------------------------------------------------------------------------


def test_cohort_list_shows_programme_dates_capacity_and_enrolled(as_manager, cohort):
    EnrolmentFactory.create_batch(3, cohort=cohort)
    EnrolmentFactory(cohort=cohort, status=Enrolment.Status.WITHDRAWN)

    response = as_manager.get(COHORTS)

    assert response.status_code == 200
    listed = response.context["object_list"][0]
    assert (listed.name, listed.capacity, listed.enrolled_count) == ("Promotion Arras", 12, 3)
    html = response.content.decode()
    assert "Référent·e égalité de traitement" in html
    assert "Inscrit·es" in html
    assert f"/gestion/promotions/{cohort.pk}/" in html  # link to the enrolments page


def _cohort_form(programme, **overrides) -> dict:
    today = timezone.localdate()
    return {
        "programme": programme.pk,
        "name": "Promotion Amiens",
        "starts_on": today.isoformat(),
        "ends_on": (today + datetime.timedelta(days=60)).isoformat(),
        "capacity": "15",
        **overrides,
    }


def test_manager_creates_a_cohort_with_trainers_only(as_manager, tree):
    trainer = with_role(UserFactory(last_name="Formatrice"), roles.TRAINER)
    learner = with_role(UserFactory(last_name="Apprenante"), roles.LEARNER)

    page = as_manager.get(f"{COHORTS}new/")
    assert page.status_code == 200
    choices = {user.pk for user in page.context["form"].fields["trainers"].queryset}
    assert choices == {trainer.pk}

    refused = as_manager.post(f"{COHORTS}new/", _cohort_form(tree.programme, trainers=[learner.pk]))
    assert refused.status_code == 200
    assert not Cohort.objects.exists()

    created = as_manager.post(f"{COHORTS}new/", _cohort_form(tree.programme, trainers=[trainer.pk]))
    assert created.status_code == 302
    cohort = Cohort.objects.get(name="Promotion Amiens")
    assert list(cohort.trainers.all()) == [trainer]


def test_manager_edits_a_cohort_and_dates_or_capacity_are_checked(as_manager, cohort, tree):
    EnrolmentFactory.create_batch(2, cohort=cohort)
    edit_url = f"{COHORTS}edit/{cohort.pk}/"
    assert as_manager.get(edit_url).status_code == 200

    today = timezone.localdate()
    backwards = _cohort_form(tree.programme, ends_on=(today - datetime.timedelta(days=1)).isoformat())
    too_small = _cohort_form(tree.programme, capacity="1")
    assert "ne peut pas précéder son début" in as_manager.post(edit_url, backwards).content.decode()
    assert "pas moins que les 2 personnes" in as_manager.post(edit_url, too_small).content.decode()

    assert as_manager.post(edit_url, _cohort_form(tree.programme, capacity="30")).status_code == 302
    cohort.refresh_from_db()
    assert (cohort.name, cohort.capacity) == ("Promotion Amiens", 30)


# --- refusals -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [ORGANISATIONS, f"{ORGANISATIONS}new/", COHORTS, f"{COHORTS}new/"])
def test_learner_is_refused(client: Client, url):
    client.force_login(with_role(UserFactory(), roles.LEARNER))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_learner_cannot_create_by_posting(client: Client, tree):
    client.force_login(with_role(UserFactory(is_staff=True), roles.LEARNER))
    client.post(f"{ORGANISATIONS}new/", {"name": "Pirate", "kind": "etat", "departement": "59"})
    client.post(f"{COHORTS}new/", _cohort_form(tree.programme))
    assert not Organisation.objects.exists()
    assert not Cohort.objects.exists()


def test_certifier_may_list_but_not_create_or_edit(client: Client, cohort):
    client.force_login(with_role(UserFactory(is_staff=True), roles.CERTIFIER))
    assert client.get(COHORTS).status_code == 200
    assert client.get(f"{COHORTS}new/").status_code != 200
    assert client.get(f"{COHORTS}edit/{cohort.pk}/").status_code != 200
    assert client.get(ORGANISATIONS).status_code == 200
    assert client.get(f"{ORGANISATIONS}new/").status_code != 200
