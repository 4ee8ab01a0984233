"""Separation of duties: certifiers decide certification; managers only when the union allows it."""

import pytest

from certificates.permissions import user_can_decide_certification
from lms.accounts import roles
from tests.factories import UserFactory, with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "separated", "expected"),
    [
        (roles.CERTIFIER, True, True),
        (roles.MANAGER, True, False),
        (roles.MANAGER, False, True),
        (roles.TRAINER, False, False),
        (roles.LEARNER, False, False),
    ],
)
def test_who_decides(settings, role, separated, expected):
    settings.CERTIFICATION_SEPARATION_OF_DUTIES = separated
    assert user_can_decide_certification(with_role(UserFactory(), role)) is expected


def test_an_inactive_certifier_decides_nothing():
    certifier = with_role(UserFactory(is_active=False), roles.CERTIFIER)
    assert not user_can_decide_certification(certifier)
