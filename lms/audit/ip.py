"""The client's IP address behind ``TRUSTED_PROXY_COUNT`` reverse proxies (``AXES_IPWARE_PROXY_COUNT``).

Meant as django-axes' ``AXES_CLIENT_IP_CALLABLE``, so that lockouts, attendance attestations and the
audit trail read the same address. Each trusted proxy appends to ``X-Forwarded-For`` the address it
received the request from; behind N proxies the client is therefore the N-th address from the right,
and whatever stands further left was written by the client and proves nothing (the rule of
Werkzeug's ProxyFix). With no proxy, or a request that did not pass through them all (fewer
addresses than proxies), it is ``REMOTE_ADDR``.

django-ipware, axes' default, reads only ``REMOTE_ADDR`` with axes' default header order, and then
returns no address at all as soon as the proxy count is 1 or more.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    count = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    candidate = request.META.get("REMOTE_ADDR")
    if count > 0:
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= count:
            candidate = forwarded[-count]
    return _valid(candidate)


def _valid(value) -> str | None:
    try:
        return str(ipaddress.ip_address(value)) if value else None
    except ValueError:
        return None
