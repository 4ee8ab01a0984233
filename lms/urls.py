"""Site URLs. Wagtail serves every page not matched before its catch-all, which stays last."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.ops.views import health

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sante/", health, name="health"),
    path("", include("courses.urls")),
    path(
        "connexion/",
        auth_views.LoginView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "mentions-legales/",
        TemplateView.as_view(template_name="lms/legal_notice.html"),
        name="legal-notice",
    ),
    path(
        "confidentialite/",
        TemplateView.as_view(template_name="lms/privacy.html"),
        name="privacy",
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
