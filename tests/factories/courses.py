"""Factories for organisations, cohorts, enrolments and progress."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from courses.models import Cohort, Enrolment, LessonProgress
from lms.accounts import roles
from lms.accounts.models import Organisation
from tests.factories.accounts import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisme de test {n}")
    kind = Organisation.Kind.SOCIAL_LANDLORD
    departement = "59"


def with_role(user, role: str):
    user.groups.add(Group.objects.get(name=role))
    if hasattr(user, "_role_names_cache"):
        del user._role_names_cache
    return user


class CohortFactory(factory.django.DjangoModelFactory):
    """Needs ``programme=`` (a ProgrammePage, e.g. the ``tree`` fixture's)."""

    class Meta:
        model = Cohort

    name = factory.Sequence(lambda n: f"Promotion de test {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
    capacity = 20


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    learner = factory.SubFactory(UserFactory, organisation=factory.SubFactory(OrganisationFactory))
    status = Enrolment.Status.ACTIVE

    @factory.post_generation
    def learner_role(obj, create, extracted, **kwargs):
        if create:
            with_role(obj.learner, roles.LEARNER)


class LessonProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LessonProgress

    enrolment = factory.SubFactory(EnrolmentFactory)
    completed_at = None
