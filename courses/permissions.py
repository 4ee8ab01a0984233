"""Who may do what in the courses app. Pure functions: views, hooks and exports all call these.

How a refusal answers (decision 0010; ``tests/lms/test_authorization_matrix.py`` checks every route):
anonymous people go to the login page; a role that never uses a page (a learner on a staff page, a
certifier on a scoring form) gets 403; the right role on someone else's object (another trainer's
cohort, its sessions, registers, PDFs and exports) gets 404, so that the answer does not reveal that
the object exists. The role is checked before the object is looked up, for the same reason.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

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


def user_has_trainer_duties(user) -> bool:
    """Trainers and managers: the roles that run sessions and score (certifiers only read)."""
    return roles.is_manager(user) or roles.has_role(user, roles.TRAINER)


def require_role(allowed: bool) -> None:
    """403 for a role that never uses this page: checked before looking the object up."""
    if not allowed:
        raise PermissionDenied


def require_object(allowed: bool) -> None:
    """404 for someone else's object: the right role learns nothing of what is not theirs."""
    if not allowed:
        raise Http404


def viewable_cohort_or_404(user, cohort_id: int):
    """The cohort with its programme, for a staff page: 403 without a staff role, 404 if unknown or
    not ``user``'s to see (another trainer's cohort)."""
    from courses.models import Cohort

    require_role(roles.is_staff_member(user))
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=cohort_id)
    require_object(user_can_view_cohort(user, cohort))
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
