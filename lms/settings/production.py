"""Production settings: the secret key and hosts must come from the environment; HTTPS is assumed."""

import os

from lms.settings import env
from lms.settings.base import *  # noqa: F403

DEBUG = env.get_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise env.ImproperlyConfigured("ALLOWED_HOSTS: au moins un nom d'hôte est requis en production")

if os.environ.get("DEMO_TOTP_SECRET"):
    raise env.ImproperlyConfigured("DEMO_TOTP_SECRET: secret de démonstration interdit en production")
DEMO_TOTP_SECRET = ""

# TLS is terminated by the reverse proxy, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.get_int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# Behind one reverse proxy by default (it sets X-Forwarded-For); login lockouts key on the real client IP.
AXES_IPWARE_PROXY_COUNT = env.get_int("TRUSTED_PROXY_COUNT", default=1)

# Certificates: a demo signing key never signs in production (set CERTIFICATE_SIGNING_KEY_FILE and
# CERTIFICATE_SIGNING_CERT_FILE); a staging site may allow it explicitly.
CERTIFICATE_SIGNING_ALLOW_DEMO = env.get_bool("CERTIFICATE_SIGNING_ALLOW_DEMO", default=False)
