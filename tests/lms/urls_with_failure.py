"""The site's URLs plus one view that fails, to see the 500 page a visitor would get."""

from django.urls import path

from lms.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("boom: secret internal detail")


urlpatterns = [path("panne/", broken_view), *site_urlpatterns]
