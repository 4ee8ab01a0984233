"""Create the four role groups with their permissions (table in ``lms/accounts/roles.py``).

The role definitions are copied here on purpose: a migration must not change when the code does.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Apprenant": [],
    "Formateur": ["courses.view_cohort"],
    "Certificateur URH": ["wagtailadmin.access_admin", "courses.view_cohort", "accounts.view_organisation"],
    "Gestionnaire": [
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
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
    ],
}
PAGE_PERMISSIONS = {"Gestionnaire": ["add_page", "change_page", "publish_page", "view_page"]}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    for name, dotted in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for item in dotted:
            app_label, codename = item.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        for codename in PAGE_PERMISSIONS.get(name, []):
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            if root is not None:
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_organisation_user_organisation"),
        ("courses", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
