"""Site URLs. Wagtail serves every page not matched before its catch-all, which stays last."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.accounts import views as account_views
from lms.accounts.forms import ChangePasswordForm, LoginForm, PasswordResetRequestForm, SetNewPasswordForm
from lms.ops.views import health

FORM_PAGE = "accounts/form_page.html"

password_urlpatterns = [
    path(
        "mot-de-passe/changer/",
        auth_views.PasswordChangeView.as_view(
            template_name=FORM_PAGE,
            form_class=ChangePasswordForm,
            extra_context={
                "title": _("Changer mon mot de passe"),
                "submit_label": _("Changer le mot de passe"),
            },
        ),
        name="password_change",
    ),
    path(
        "mot-de-passe/change/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name=FORM_PAGE,
            extra_context={
                "title": _("Mot de passe changé"),
                "intro": _("Votre nouveau mot de passe est enregistré."),
            },
        ),
        name="password_change_done",
    ),
    path(
        "mot-de-passe/oublie/",
        auth_views.PasswordResetView.as_view(
            template_name=FORM_PAGE,
            form_class=PasswordResetRequestForm,
            success_url=reverse_lazy("password_reset_done"),
            extra_context={
                "title": _("Mot de passe oublié"),
                "intro": _(
                    "Indiquez l'adresse e-mail de votre compte : vous recevrez un lien "
                    "pour choisir un nouveau mot de passe."
                ),
                "submit_label": _("Recevoir le lien"),
            },
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oublie/envoye/",
        auth_views.PasswordResetDoneView.as_view(
            template_name=FORM_PAGE,
            extra_context={
                "title": _("Vérifiez votre messagerie"),
                "intro": _(
                    "Si un compte existe pour cette adresse, un e-mail avec un lien vient de lui être envoyé."
                ),
            },
        ),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=FORM_PAGE,
            form_class=SetNewPasswordForm,
            success_url=reverse_lazy("password_reset_complete"),
            extra_context={"title": _("Choisir un nouveau mot de passe"), "submit_label": _("Enregistrer")},
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/termine/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name=FORM_PAGE,
            extra_context={
                "title": _("Mot de passe enregistré"),
                "intro": _("Vous pouvez maintenant vous connecter avec votre nouveau mot de passe."),
                "next_link": reverse_lazy("login"),
                "next_label": _("Se connecter"),
            },
        ),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sante/", health, name="health"),
    path("", include("courses.urls")),
    path("", include("assessments.urls")),
    path("", include("certificates.urls")),
    path("", include("lms.steering.urls")),
    path("", include("lms.notifications.urls")),
    path("", include("lms.audit.urls")),
    path("", include("lms.accounts.privacy_urls")),
    path(
        "connexion/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    *password_urlpatterns,
    *account_views.urlpatterns,
    path(
        "mentions-legales/",
        TemplateView.as_view(template_name="lms/legal_notice.html"),
        name="legal-notice",
    ),
    path(
        "accessibilite/",
        TemplateView.as_view(template_name="lms/accessibility.html"),
        name="accessibility",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
