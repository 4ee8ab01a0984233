"""Account forms: password reset that e-mails through Celery, with accessible errors."""

from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.utils.translation import get_language

from lms.accounts.validators import PASSWORD_HELP_TEXT
from lms.forms import AccessibleFormMixin


class PasswordResetRequestForm(AccessibleFormMixin, auth_forms.PasswordResetForm):
    """Same answer whether or not the address exists; the e-mail itself is sent by a task."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        from lms.accounts.tasks import send_password_reset_task

        user_id, language = context["user"].pk, (get_language() or "fr")[:2]
        transaction.on_commit(lambda: send_password_reset_task.delay(user_id, language))


class _PasswordRulesHelpMixin:
    """One sentence of help, the same as on the invitation page, instead of Django's list of rules."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_HELP_TEXT


class SetNewPasswordForm(_PasswordRulesHelpMixin, AccessibleFormMixin, auth_forms.SetPasswordForm):
    pass


class ChangePasswordForm(_PasswordRulesHelpMixin, AccessibleFormMixin, auth_forms.PasswordChangeForm):
    pass


class LoginForm(auth_forms.AuthenticationForm):
    """Django's login form, refusing an over-long address before anything is looked up or logged.

    The lockout log stores the address typed; one longer than its column would fail the database
    insert (a 500) instead of being an ordinary failed login.
    """

    MAX_USERNAME = 254

    def clean(self):
        if len(self.data.get("username", "")) > self.MAX_USERNAME:
            raise self.get_invalid_login_error()
        return super().clean()
