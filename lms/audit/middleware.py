"""Makes the client's IP of the request being served available to ``lms.audit.services.record``.

Services record events without a request in hand (they take ``acting_user``, not the request); this
middleware keeps the IP, read behind ``TRUSTED_PROXY_COUNT`` proxies as django-axes reads it, in a
context variable for the duration of the request.
"""

from axes.helpers import get_client_ip_address

from lms.audit.services import client_ip


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = client_ip.set(get_client_ip_address(request))
        try:
            return self.get_response(request)
        finally:
            client_ip.reset(token)
