"""Notification URLs: the unsubscribe link (no account needed: the signed token is the capability),
the person's e-mail preferences, and the managers' previews (under ``gestion/``, second factor)."""

from django.urls import path

from lms.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("compte/notifications/", views.preferences, name="preferences"),
    path("gestion/notifications/", views.preview_list, name="previews"),
    path("gestion/notifications/<slug:key>/", views.preview, name="preview"),
    path("gestion/notifications/<slug:key>/html/", views.preview_html, name="preview-html"),
]
