"""The four role groups exist after migration with exactly the permissions documented in roles.py."""

import importlib

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from lms.accounts import roles
from tests.factories import UserFactory, with_role

pytestmark = pytest.mark.django_db

migration = importlib.import_module("lms.accounts.migrations.0003_roles")
# Later migrations that grant more permissions to the role groups.
GRANTS = [
    importlib.import_module(f"{name}").ADDED_PERMISSIONS
    for name in (
        "assessments.migrations.0002_role_permissions",
        "assessments.migrations.0004_rubric_permissions",
        "certificates.migrations.0002_rule_permissions",
    )
]


def test_migrations_and_code_define_the_same_roles():
    granted = {role: list(permissions) for role, permissions in migration.ROLE_PERMISSIONS.items()}
    for grant in GRANTS:
        for role, permissions in grant.items():
            granted[role] += permissions
    assert {role: sorted(p) for role, p in granted.items()} == {
        role: sorted(p) for role, p in roles.ROLE_PERMISSIONS.items()
    }
    assert migration.PAGE_PERMISSIONS == roles.ROLE_PAGE_PERMISSIONS


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_each_role_group_has_exactly_its_permissions(role):
    group = Group.objects.get(name=role)
    granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert granted == set(roles.ROLE_PERMISSIONS[role])
    page_perms = set(
        GroupPagePermission.objects.filter(group=group).values_list("permission__codename", flat=True)
    )
    assert page_perms == set(roles.ROLE_PAGE_PERMISSIONS.get(role, []))


def test_learners_have_no_staff_power():
    learner = with_role(UserFactory(), roles.LEARNER)
    assert not roles.is_staff_member(learner)
    assert not learner.has_perm("wagtailadmin.access_admin")
    manager = with_role(UserFactory(), roles.MANAGER)
    assert roles.is_manager(manager) and manager.has_perm("courses.add_cohort")
    assert not manager.has_perm("courses.delete_cohort")


def test_ensure_role_groups_is_idempotent():
    before = Group.objects.count()
    roles.ensure_role_groups()
    assert Group.objects.count() == before
