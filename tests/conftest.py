"""Shared fixtures: a small programme tree attached to the default Wagtail site."""

from dataclasses import dataclass

import pytest
from wagtail.models import Page, Site

from tests.factories import HomePageFactory, LessonPageFactory, ModulePageFactory, ProgrammePageFactory


@dataclass
class Tree:
    home: Page
    programme: Page
    modules: list[Page]
    lessons: list[Page]


def build_tree(*, modules: int = 2, lessons_per_module: int = 3) -> Tree:
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="accueil-test")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    programme = ProgrammePageFactory(parent=home, slug="programme")
    module_pages, lesson_pages = [], []
    for m in range(modules):
        module = ModulePageFactory(parent=programme, slug=f"module-{m + 1}", number=m + 1)
        module_pages.append(module)
        for n in range(lessons_per_module):
            lesson_pages.append(LessonPageFactory(parent=module, slug=f"lecon-{n + 1}"))
    return Tree(home=home, programme=programme, modules=module_pages, lessons=lesson_pages)


@pytest.fixture
def tree(db) -> Tree:
    return build_tree()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches site root paths; a test must not see the pages of the previous one."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def wagtail_base(transactional_db) -> None:
    """Transactional tests start from an emptied database: put back what migrations created."""
    from wagtail.models import Locale

    locale, _created = Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale, live=True)
    )
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
    from lms.accounts.roles import ensure_role_groups

    ensure_role_groups()


@pytest.fixture
def staff_client(client, db):
    """A client logged in as staff: lessons are readable without an enrolment."""
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    return client


@pytest.fixture
def manager(db):
    """A user in the Gestionnaire group."""
    from lms.accounts import roles
    from tests.factories import UserFactory, with_role

    return with_role(UserFactory(is_staff=True), roles.MANAGER)


@pytest.fixture
def as_manager(client, manager):
    client.force_login(manager)
    return client


def verify_second_factor(client, user) -> None:
    """Mark ``client``'s session as having passed the second factor with a confirmed device."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _force_login_includes_the_second_factor(monkeypatch):
    """In tests, ``force_login`` means fully signed in: staff also pass the second factor.

    The 2FA tests use ``force_login_without_2fa`` to see what an unverified session gets.
    """
    from django.test import Client

    from lms.accounts.twofactor import SESSION_FLAG, needs_two_factor

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if needs_two_factor(user):
            verify_second_factor(self, user)

    def force_login_without_2fa(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        session[SESSION_FLAG] = needs_two_factor(user)
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)
    monkeypatch.setattr(Client, "force_login_without_2fa", force_login_without_2fa, raising=False)
