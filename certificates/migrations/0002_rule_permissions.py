"""Grant the certification-rule permissions: managers edit the rules, certifiers read them.

The grants are copied here, not imported from ``lms.accounts.roles``: a migration must keep doing
what it did when it was written. tests/lms/test_roles.py checks that the migrations together match
the code.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADDED_PERMISSIONS = {
    "Gestionnaire": [
        "certificates.add_certificationrule",
        "certificates.change_certificationrule",
        "certificates.view_certificationrule",
    ],
    "Certificateur URH": ["certificates.view_certificationrule"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("certificates")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, dotted in ADDED_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for item in dotted:
            app_label, codename = item.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, dotted in ADDED_PERMISSIONS.items():
        codenames = [item.split(".")[1] for item in dotted]
        permissions = Permission.objects.filter(content_type__app_label="certificates", codename__in=codenames)
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_certification"),
        ("accounts", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
