"""Who may do what in the courses app. Pure functions: views, hooks and exports all call these."""

from lms.accounts import roles


def user_can_manage_cohorts(user) -> bool:
    """Create cohorts, invite and import learners, resend invitations."""
    return roles.is_manager(user)


def user_can_view_cohort(user, cohort) -> bool:
    """Trainers see the cohorts they run; certifiers and managers see every cohort."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or roles.has_role(user, roles.MANAGER) or roles.has_role(user, roles.CERTIFIER):
        return True
    return roles.has_role(user, roles.TRAINER) and cohort.trainers.filter(pk=user.pk).exists()


def user_reads_content_as_staff(user) -> bool:
    """Staff may read every lesson without being enrolled."""
    return user.is_authenticated and (user.is_staff or roles.is_staff_member(user))
