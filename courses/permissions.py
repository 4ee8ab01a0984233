"""Who may do what in the courses app. Pure functions: views, hooks and exports all call these."""

from lms.accounts import roles


def user_can_manage_cohorts(user) -> bool:
    """Create cohorts, invite and import learners, resend invitations."""
    return roles.is_manager(user)


def _sees_every_cohort(user) -> bool:
    return user.is_superuser or roles.has_role(user, roles.MANAGER) or roles.has_role(user, roles.CERTIFIER)


def user_can_view_cohort(user, cohort) -> bool:
    """Trainers see the cohorts they run; certifiers and managers see every cohort."""
    if not user.is_authenticated:
        return False
    if _sees_every_cohort(user):
        return True
    return roles.has_role(user, roles.TRAINER) and cohort.trainers.filter(pk=user.pk).exists()


def viewable_cohort_or_403(user, cohort_id: int):
    """The cohort with its programme, for a staff page: 404 if unknown, 403 if not ``user``'s to see."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404

    from courses.models import Cohort

    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=cohort_id)
    if not user_can_view_cohort(user, cohort):
        raise PermissionDenied
    return cohort


def cohorts_visible_to(user, cohorts):
    """Narrow a cohort queryset to what ``user_can_view_cohort`` allows."""
    if not user.is_authenticated:
        return cohorts.none()
    if _sees_every_cohort(user):
        return cohorts
    if roles.has_role(user, roles.TRAINER):
        return cohorts.filter(trainers=user)
    return cohorts.none()


def user_reads_content_as_staff(user) -> bool:
    """Staff may read every lesson without being enrolled."""
    return user.is_authenticated and (user.is_staff or roles.is_staff_member(user))
