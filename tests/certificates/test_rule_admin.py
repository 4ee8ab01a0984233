"""The certification rules in the Wagtail admin: managers add and change a programme's rule (audited),
certifiers read them, nobody deletes one."""

import pytest

from certificates.admin_viewsets import rule_viewset
from certificates.models import CertificationRule
from lms.accounts import roles
from lms.audit.models import AuditEvent
from tests.factories import UserFactory, with_role

pytestmark = pytest.mark.django_db

RULES = "/admin/regles-certification/"


def rule_form(programme, **overrides) -> dict:
    return {
        "programme": programme.pk,
        "require_all_modules": "on",
        "min_quiz_score": "70",
        "min_attendance": "80",
        "require_favourable_opinion": "on",
        "hours": "21",
        "validity_years": "3",
        "signatory_name": "Direction de l'URH",
        "signatory_role": "Union régionale pour l'habitat Hauts-de-France",
        **overrides,
    }


@pytest.fixture
def certifier_client(client):
    client.force_login(with_role(UserFactory(), roles.CERTIFIER))
    return client


def test_menu_label_is_french():
    assert (str(rule_viewset.menu_label), rule_viewset.icon) == ("Certification", "clipboard-list")


def test_manager_adds_a_rule_and_the_audit_trail_has_it(as_manager, manager, tree):
    assert as_manager.get(f"{RULES}new/").status_code == 200
    response = as_manager.post(f"{RULES}new/", rule_form(tree.programme, min_attendance="75"))
    assert response.status_code == 302
    rule = CertificationRule.objects.get(programme=tree.programme)
    assert rule.min_attendance == 75
    event = AuditEvent.objects.get(action="certification.rule_changed")
    assert event.actor == manager
    assert event.object_id == str(rule.pk)
    assert event.after["min_attendance"] == 75
    assert event.after["programme"] == tree.programme.pk


def test_manager_changes_a_rule_and_the_audit_trail_keeps_before_and_after(as_manager, tree):
    rule = CertificationRule.objects.create(programme=tree.programme)
    edit = f"{RULES}edit/{rule.pk}/"
    assert as_manager.get(edit).status_code == 200

    data = rule_form(tree.programme, min_quiz_score="", require_favourable_opinion="")
    del data["require_favourable_opinion"]
    assert as_manager.post(edit, data).status_code == 302

    rule.refresh_from_db()
    assert (rule.min_quiz_score, rule.require_favourable_opinion) == (None, False)
    event = AuditEvent.objects.get(action="certification.rule_changed")
    assert event.before == {"min_quiz_score": 70, "require_favourable_opinion": True}
    assert event.after == {"min_quiz_score": None, "require_favourable_opinion": False}


def test_an_unchanged_save_writes_no_audit_event(as_manager, tree):
    rule = CertificationRule.objects.create(programme=tree.programme)
    assert as_manager.post(f"{RULES}edit/{rule.pk}/", rule_form(tree.programme)).status_code == 302
    assert not AuditEvent.objects.filter(action="certification.rule_changed").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"min_quiz_score": "101"}, "min_quiz_score"), ({"validity_years": "0"}, "validity_years")],
)
def test_out_of_range_values_are_refused(as_manager, tree, overrides, field):
    response = as_manager.post(f"{RULES}new/", rule_form(tree.programme, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not CertificationRule.objects.exists()
    assert not AuditEvent.objects.filter(action="certification.rule_changed").exists()


def test_one_rule_per_programme(as_manager, tree):
    CertificationRule.objects.create(programme=tree.programme)
    response = as_manager.post(f"{RULES}new/", rule_form(tree.programme))
    assert response.status_code == 200
    assert "programme" in response.context["form"].errors
    assert CertificationRule.objects.count() == 1


def test_certifiers_read_the_rules_but_do_not_change_them(certifier_client, tree):
    rule = CertificationRule.objects.create(programme=tree.programme, min_attendance=85)
    listing = certifier_client.get(RULES)
    assert listing.status_code == 200
    assert tree.programme.title in listing.content.decode()
    assert certifier_client.get(f"{RULES}inspect/{rule.pk}/").status_code == 200
    for url in (f"{RULES}new/", f"{RULES}edit/{rule.pk}/", f"{RULES}delete/{rule.pk}/"):
        response = certifier_client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url
    certifier_client.post(f"{RULES}edit/{rule.pk}/", rule_form(tree.programme, min_attendance="10"))
    rule.refresh_from_db()
    assert rule.min_attendance == 85


def test_nobody_deletes_a_rule(as_manager, tree):
    rule = CertificationRule.objects.create(programme=tree.programme)
    response = as_manager.post(f"{RULES}delete/{rule.pk}/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert CertificationRule.objects.filter(pk=rule.pk).exists()


@pytest.mark.parametrize("role", [roles.LEARNER, roles.TRAINER])
def test_learners_and_trainers_have_no_admin_access(client, role):
    client.force_login(with_role(UserFactory(), role))
    response = client.get(RULES)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
