"""Account forms: password reset that e-mails through Celery, with accessible errors."""

from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.utils.translation import get_language

from lms.forms import AccessibleFormMixin


class PasswordResetRequestForm(AccessibleFormMixin, auth_forms.PasswordResetForm):
    """Same answer whether or not the address exists; the e-mail itself is sent by a task."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        from lms.accounts.tasks import send_password_reset_task

        user_id, language = context["user"].pk, (get_language() or "fr")[:2]
        transaction.on_commit(lambda: send_password_reset_task.delay(user_id, language))


class SetNewPasswordForm(AccessibleFormMixin, auth_forms.SetPasswordForm):
    pass


class ChangePasswordForm(AccessibleFormMixin, auth_forms.PasswordChangeForm):
    pass
