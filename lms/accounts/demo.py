"""Demo organisations and accounts, one per role. Loaded by ``manage.py load_demo`` only."""

from collections.abc import Iterator

from django.conf import settings
from django.contrib.auth.models import Group

from lms.accounts import roles, twofactor
from lms.accounts.models import Organisation, User

DEMO_ORGANISATIONS = [
    # name, kind, département
    ("Bailleur social de démonstration — Lille", Organisation.Kind.SOCIAL_LANDLORD, "59"),
    ("Communauté urbaine de démonstration — Arras", Organisation.Kind.LOCAL_AUTHORITY, "62"),
    ("Services de l'État de démonstration — Somme", Organisation.Kind.STATE, "80"),
    ("Association de démonstration — Oise", Organisation.Kind.ASSOCIATION, "60"),
]

DEMO_ACCOUNTS = [
    # e-mail, first name, last name, role, is_staff
    ("apprenant@example.org", "Camille", "Apprenant", roles.LEARNER, False),
    ("formateur@example.org", "Dominique", "Formateur", roles.TRAINER, False),
    ("certificateur@example.org", "Claude", "Certificateur", roles.CERTIFIER, True),
    ("gestionnaire@example.org", "Sacha", "Gestionnaire", roles.MANAGER, True),
]


def demo_user(*, email, first_name, last_name, role, password, organisation=None, is_staff=False):
    """Get or create a demo user with ``role``; the password is set only at creation."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "is_staff": is_staff,
            "organisation": organisation,
        },
    )
    if created and password:
        user.set_password(password)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=role))
    return user, created


def load(*, password: str) -> Iterator[str]:
    for name, kind, departement in DEMO_ORGANISATIONS:
        Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "departement": departement})
    landlord = Organisation.objects.get(name=DEMO_ORGANISATIONS[0][0])
    for email, first_name, last_name, role, is_staff in DEMO_ACCOUNTS:
        user, created = demo_user(
            email=email,
            first_name=first_name,
            last_name=last_name,
            role=role,
            password=password,
            organisation=landlord if role == roles.LEARNER else None,
            is_staff=is_staff,
        )
        if role != roles.LEARNER and settings.DEMO_TOTP_SECRET:
            twofactor.demo_device(user=user, secret_base32=settings.DEMO_TOTP_SECRET)
        yield f"{'créé' if created else 'déjà présent'} : {email} ({role})"
    if settings.DEMO_TOTP_SECRET:
        yield f"double authentification des comptes d'équipe : secret TOTP {settings.DEMO_TOTP_SECRET}"
