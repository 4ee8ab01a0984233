"""Password rules (CNIL 2022, length over complexity): 12 characters at least, passphrases welcome, common
passwords (Django's breach list and our French one) and passwords close to the name or e-mail refused,
with French messages, on every page that sets a password."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from courses.models import Enrolment
from courses.services.enrolment import LearnerData, invitation_token, invite_learner
from lms.accounts import demo
from lms.accounts.models import User
from lms.accounts.validators import CommonPasswordValidator, normalise
from tests.factories import CohortFactory, UserFactory

pytestmark = pytest.mark.django_db

GOOD = "Un-mot-de-passe-solide-2026"
PASSPHRASE = "le chat de la voisine dort sur le radiateur depuis mardi"


def refusals(password: str, user=None) -> list[str]:
    """The French messages refusing ``password`` (empty when it is accepted)."""
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


def codes(password: str, user=None) -> set[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


def test_twelve_characters_at_least_without_composition_rules():
    assert refusals("tulipe-verte") == []  # 12 lower-case letters and a dash: accepted
    assert refusals("crayonpapier") == []
    assert refusals("tulipe-vert") == [
        "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères."
    ]


def test_long_passphrases_are_welcome_up_to_256_characters():
    assert refusals(PASSPHRASE) == []
    long_one = ("une phrase de passe très longue " * 9)[:256]
    assert refusals(long_one) == []
    assert codes(long_one + "x") == {"password_too_long"}
    assert refusals(long_one + "x") == ["Ce mot de passe est trop long : 256 caractères au plus."]


def test_all_digit_passwords_are_refused():
    assert "password_entirely_numeric" in codes("202620262026")


@pytest.mark.parametrize("password", ["password1234", "international", "jamesbond007", "Leavemealone"])
def test_passwords_from_djangos_breach_list_are_refused(password):
    assert refusals(password) == ["Ce mot de passe est trop courant."]


@pytest.mark.parametrize(
    "password",
    [
        "MotDePasse-2026!",
        "AZERTY123456",
        "Azertyuiop!!",
        "Soleil-2024-2025!",
        "soleilsoleil",
        "Marseille13013",
        "Hauts-de-France 59",
        "Bienvenue@2026",
        "Formation-2026",
        "Égalité-2026-!",
    ],
)
def test_passwords_common_in_france_are_refused_whatever_the_case_accents_or_padding(password):
    assert codes(password) == {"password_too_common"}
    assert refusals(password) == [
        "Ce mot de passe est trop courant : il figure parmi les premiers qu'un attaquant essaie."
    ]


def test_normalisation_is_light_a_common_word_inside_a_passphrase_is_fine():
    assert normalise("Soleil-2024!") == "soleil"
    assert normalise("MotDePasse MotDePasse") == "motdepasse"
    assert normalise("Égalité") == "egalite"
    CommonPasswordValidator().validate("soleil sur marseille en juin")
    CommonPasswordValidator().validate(settings.DEMO_PASSWORD)


def test_a_password_close_to_the_name_or_email_is_refused():
    user = User(email="camille.durand@example.org", first_name="Camille", last_name="Durandeau")
    assert codes("camille.durand@example", user) == {"password_too_similar"}
    assert refusals("camille.durand@example", user) == [
        "Le mot de passe est trop semblable au champ «\xa0adresse e-mail\xa0»."
    ]
    assert codes("Durandeau-1234", user) == {"password_too_similar"}
    assert codes(PASSPHRASE, user) == set()


def test_the_demo_password_passes_the_rules_for_every_demo_account():
    for email, first_name, last_name, _role, _staff in demo.DEMO_ACCOUNTS:
        user = User(email=email, first_name=first_name, last_name=last_name)
        assert refusals(settings.DEMO_PASSWORD, user) == [], email


def test_a_password_on_both_lists_gets_one_message():
    assert refusals("azerty123") == [
        "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères.",
        "Ce mot de passe est trop courant.",
    ]


def test_the_validators_help_texts_are_french():
    from django.contrib.auth.password_validation import password_validators_help_texts

    texts = " ".join(password_validators_help_texts())
    assert "au minimum 12 caractères" in texts
    assert "jusqu'à 256 caractères" in texts
    assert "ne peut pas être un mot de passe courant" in texts


# --- every page that sets a password --------------------------------------------------------------------


@pytest.fixture
def invitation_url(tree):
    manager = UserFactory(is_staff=True)
    from lms.accounts import roles
    from tests.factories import with_role

    with_role(manager, roles.MANAGER)
    enrolment = invite_learner(
        cohort=CohortFactory(programme=tree.programme),
        learner=LearnerData(email="nadia.nouvelle@example.org", first_name="Nadia", last_name="Nouvelle"),
        acting_user=manager,
    )
    return f"/invitation/{invitation_token(enrolment.invitations.get())}/"


def test_the_invitation_page_shows_the_rules(client: Client, invitation_url):
    html = client.get(invitation_url).content.decode()
    assert "Au moins 12 caractères" in html and "10 caractères" not in html


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Marseille-13013", "Ce mot de passe est trop courant : il figure parmi les premiers"),
        ("password1234", "Ce mot de passe est trop courant."),
        ("court-2026", "Il doit contenir au minimum 12 caractères."),
        ("nadia.nouvelle@example", "Le mot de passe est trop semblable au champ"),
    ],
)
def test_the_invitation_form_refuses_a_weak_password_in_french_and_writes_nothing(
    client: Client, invitation_url, password, message
):
    response = client.post(invitation_url, {"password1": password, "password2": password})
    assert response.status_code == 400
    html = response.content.decode()
    assert message.replace("'", "&#x27;") in html
    assert 'aria-invalid="true"' in html
    learner = User.objects.get(email="nadia.nouvelle@example.org")
    assert not learner.has_usable_password()
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.status == Enrolment.Status.INVITED
    assert enrolment.invitations.get().used_at is None


def test_the_invitation_form_accepts_a_passphrase(client: Client, invitation_url):
    response = client.post(invitation_url, {"password1": PASSPHRASE, "password2": PASSPHRASE})
    assert response.status_code == 302
    assert User.objects.get(email="nadia.nouvelle@example.org").check_password(PASSPHRASE)


def test_changing_ones_password_follows_the_same_rules(client: Client):
    user = UserFactory(email="lea@example.org")
    client.force_login(user)
    page = client.get("/mot-de-passe/changer/").content.decode()
    assert "Au moins 12 caractères" in page
    old = "mot-de-passe-solide-42"
    refused = client.post(
        "/mot-de-passe/changer/",
        {"old_password": old, "new_password1": "Azerty-2026!", "new_password2": "Azerty-2026!"},
    )
    assert refused.status_code == 200
    assert "trop courant" in refused.content.decode()
    done = client.post(
        "/mot-de-passe/changer/",
        {"old_password": old, "new_password1": PASSPHRASE, "new_password2": PASSPHRASE},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSPHRASE)


def test_the_reset_form_shows_the_rules_and_refuses_a_short_password(client: Client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = UserFactory(email="lea@example.org")
    link = f"/mot-de-passe/nouveau/{urlsafe_base64_encode(force_bytes(user.pk))}/"
    form_page = client.get(link + default_token_generator.make_token(user) + "/", follow=True)
    assert "Au moins 12 caractères" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    refused = client.post(set_url, {"new_password1": "court-2026", "new_password2": "court-2026"})
    assert refused.status_code == 200
    assert "au minimum 12 caractères" in refused.content.decode()
    user.refresh_from_db()
    assert user.check_password("mot-de-passe-solide-42")
