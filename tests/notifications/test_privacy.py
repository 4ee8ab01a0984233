"""E-mail preferences and personal data: in the person's export, deleted at erasure."""

import io
import json
import zipfile

import pytest

from lms.accounts import privacy
from lms.notifications import services
from lms.notifications.models import NotificationPreference
from tests.factories import EnrolmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _exported(user) -> dict:
    archive = privacy.export_archive(user=user)
    with zipfile.ZipFile(io.BytesIO(archive.content)) as content:
        return json.loads(content.read("donnees.json"))


def test_the_registry_knows_the_preferences():
    assert "notifications.NotificationPreference" in privacy.PERSONAL_DATA
    assert privacy.PERSONAL_DATA["notifications.NotificationPreference"].erase == "erased"


def test_the_export_holds_the_persons_choices(tree):
    learner = EnrolmentFactory(cohort__programme=tree.programme).learner
    assert _exported(learner)["preferences_e_mail"] is None  # nothing chosen: the defaults
    services.set_preferences(user=learner, language="en", non_essential=False)
    section = _exported(learner)["preferences_e_mail"]
    assert (section["langue"], section["e_mails_non_essentiels"]) == ("en", False)


def test_the_erasure_deletes_the_preferences(tree, manager):
    learner = EnrolmentFactory(cohort__programme=tree.programme).learner
    other = UserFactory()
    services.unsubscribe(user=learner)
    services.unsubscribe(user=other)
    privacy.erase_person(user=learner, acting_user=manager, reason="Demande de la personne")
    assert list(NotificationPreference.objects.values_list("user_id", flat=True)) == [other.pk]
