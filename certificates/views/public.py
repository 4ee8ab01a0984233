"""Public certificate verification: no login; unknown ids all get the same 404."""

from django.http import Http404
from django.shortcuts import render

from certificates.models import Certificate


def verify(request, verification_id: str):
    certificate = Certificate.objects.filter(verification_id=verification_id).first()
    if certificate is None:
        raise Http404
    return render(request, "certificates/verify.html", {"certificate": certificate})
