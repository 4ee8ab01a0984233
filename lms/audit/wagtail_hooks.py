"""Wagtail hooks of the audit trail: role changes made in the admin, and links for managers.

Roles are Django groups edited on Wagtail's user form. ``before_edit_user`` runs before the form is
bound, so it can note the groups and flags as they were; ``after_edit_user`` compares and records a
``role.changed`` event only when something changed. A user created with roles gets an event with an
empty "before".
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from lms.accounts import roles
from lms.audit import services as audit

ROLES_BEFORE_ATTRIBUTE = "_audit_roles_before"


def role_snapshot(user) -> dict:
    return {
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "is_superuser": user.is_superuser,
        "is_staff": user.is_staff,
        "is_active": user.is_active,
    }


@hooks.register("before_edit_user")
def remember_roles_before_edit(request, user):
    setattr(request, ROLES_BEFORE_ATTRIBUTE, role_snapshot(user))


@hooks.register("after_edit_user")
def record_role_change(request, user):
    before, after = getattr(request, ROLES_BEFORE_ATTRIBUTE, None), role_snapshot(user)
    if before != after:
        audit.record(
            actor=request.user,
            action=audit.Action.ROLE_CHANGED,
            obj=user,
            before=before,
            after=after,
            request=request,
        )


@hooks.register("after_create_user")
def record_roles_of_new_user(request, user):
    after = role_snapshot(user)
    if after["groups"] or after["is_superuser"] or after["is_staff"]:
        audit.record(
            actor=request.user, action=audit.Action.ROLE_CHANGED, obj=user, after=after, request=request
        )


class ManagersMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_manager(request.user)


@hooks.register("register_admin_menu_item")
def audit_log_menu_item():
    return ManagersMenuItem(_("Journal d'audit"), reverse("audit:log"), icon_name="list-ul", order=900)


@hooks.register("register_user_listing_buttons")
def device_reset_button(user, request_user):
    if not roles.is_manager(request_user) or user.pk == request_user.pk:
        return []
    url = reverse("audit:device-reset", kwargs={"user_id": user.pk})
    return [Button(_("Double authentification"), url, icon_name="key", priority=60)]
