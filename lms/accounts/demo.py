"""Demo accounts, one per kind of person using the platform. Loaded by ``manage.py load_demo`` only."""

from collections.abc import Iterator

from lms.accounts.models import User

DEMO_ACCOUNTS = [
    # e-mail, first name, last name, is_staff, is_superuser
    ("apprenant@example.org", "Camille", "Apprenant", False, False),
    ("formateur@example.org", "Dominique", "Formateur", False, False),
    ("certificateur@example.org", "Claude", "Certificateur", True, False),
    ("gestionnaire@example.org", "Sacha", "Gestionnaire", True, True),
]


def load(*, password: str) -> Iterator[str]:
    for email, first_name, last_name, is_staff, is_superuser in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "is_staff": is_staff,
                "is_superuser": is_superuser,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        yield f"{'créé' if created else 'déjà présent'} : {email}"
