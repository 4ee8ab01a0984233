"""The four roles, as Django groups created by a data migration, and the checks built on them.

| rôle | groupe | peut |
|---|---|---|
| Apprenant | ``Apprenant`` | suivre les modules de ses promotions, voir sa propre progression |
| Formateur | ``Formateur`` | voir la progression des promotions qu'il ou elle anime, l'exporter |
| Certificateur URH | ``Certificateur URH`` | consulter toutes les promotions (décisions : à venir) |
| Gestionnaire | ``Gestionnaire`` | organismes, promotions, invitations, contenus et quiz (admin Wagtail) |
"""

LEARNER = "Apprenant"
TRAINER = "Formateur"
CERTIFIER = "Certificateur URH"
MANAGER = "Gestionnaire"
ALL_ROLES = (LEARNER, TRAINER, CERTIFIER, MANAGER)

# Model permissions per role ("app_label.codename"); object-level rules live in each app's permissions.
# Kept in step with the migrations that grant them (accounts 0003_roles, assessments 0002 and 0004,
# certificates 0002; a test compares them).
ROLE_PERMISSIONS = {
    LEARNER: [],
    TRAINER: ["courses.view_cohort"],
    CERTIFIER: [
        "wagtailadmin.access_admin",
        "courses.view_cohort",
        "accounts.view_organisation",
        "assessments.view_quiz",
        "assessments.view_rubric",
        "certificates.view_certificationrule",
    ],
    MANAGER: [
        "wagtailadmin.access_admin",
        "accounts.add_organisation",
        "accounts.change_organisation",
        "accounts.view_organisation",
        "courses.add_cohort",
        "courses.change_cohort",
        "courses.view_cohort",
        "courses.add_enrolment",
        "courses.change_enrolment",
        "courses.view_enrolment",
        "assessments.add_quiz",
        "assessments.change_quiz",
        "assessments.view_quiz",
        "assessments.add_rubric",
        "assessments.change_rubric",
        "assessments.view_rubric",
        "certificates.add_certificationrule",
        "certificates.change_certificationrule",
        "certificates.view_certificationrule",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
    ],
}
# Page permissions granted on the whole tree (Wagtail's GroupPagePermission).
ROLE_PAGE_PERMISSIONS = {MANAGER: ["add_page", "change_page", "publish_page", "view_page"]}


def has_role(user, role: str) -> bool:
    if not user.is_authenticated:
        return False
    return role in _role_names(user)


def is_staff_member(user) -> bool:
    """Trainers, certifiers, managers and superusers: the people who run the programme."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(_role_names(user) & {TRAINER, CERTIFIER, MANAGER})


def is_manager(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, MANAGER))


def _role_names(user) -> set[str]:
    # Cached on the user object for the request: the header, hooks and views ask several times.
    if not hasattr(user, "_role_names_cache"):
        user._role_names_cache = set(user.groups.values_list("name", flat=True))
    return user._role_names_cache


def ensure_role_groups() -> None:
    """Create the role groups and grant their permissions (idempotent); migration 0003 does the same."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    for name, dotted in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for item in dotted:
            app_label, codename = item.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        for codename in ROLE_PAGE_PERMISSIONS.get(name, []):
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            if root is not None:
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
