"""Base settings, safe for production: everything environment-specific is read in ``env``.

``dev`` and ``test`` relax what they must; ``production`` only insists on what has no safe default.
"""

import re
from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from lms.settings import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# No default here: production must bring its own; dev and test set a fixed, clearly fake one.
SECRET_KEY = env.get_str("DJANGO_SECRET_KEY")
DEBUG = env.get_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS", default=[])

# Absolute base for links that leave the site (e-mails, verification QR codes).
SITE_URL = env.get_url("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_SITE_NAME = "Référent·e égalité de traitement"

INSTALLED_APPS = [
    "lms.accounts",
    "lms.audit",
    "lms.ops",
    "cms",
    "courses",
    "assessments",
    "certificates",
    "lms.notifications",
    "lms.steering",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are served by the app itself (no CDN, no separate web server required).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above everything that reads the session or the database: PostgreSQL, Redis or the broker down
    # gives a French 503 with Retry-After instead of a 500 (still under the security headers).
    "lms.ops.unavailable.DependencyUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Gives the services' audit events the request's IP without passing the request around.
    "lms.audit.middleware.AuditContextMiddleware",
    # Staff (and learners who opted in) must pass the second factor before anything else.
    "lms.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "lms.middleware.MethodNotAllowedPageMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the French lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.context_processors.site",
                "lms.context_processors.staff_links",
            ],
        },
    },
]

DATABASES = {"default": env.get_database("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Short transactions everywhere; views opt into atomic writes through services.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.get_int("DB_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.get_cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis that stops answering fails a request (and the health check) in seconds instead of hanging.
    CACHES["default"].setdefault("OPTIONS", {}).update({"socket_connect_timeout": 2, "socket_timeout": 2})

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a login for a locked-out e-mail + IP before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Brute force: 5 failures for one e-mail from one IP lock that pair for a cool-off period.
AXES_FAILURE_LIMIT = env.get_int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.get_int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
# Number of reverse proxies in front of the app, to read the client's IP from X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = env.get_int("TRUSTED_PROXY_COUNT", default=0)
# Managers run cohorts; only certifiers decide certification, unless the union turns this off.
CERTIFICATION_SEPARATION_OF_DUTIES = env.get_bool("CERTIFICATION_SEPARATION_OF_DUTIES", default=True)
# One reading of the client's address (X-Forwarded-For behind the trusted proxies) for lockouts,
# attendance attestations and the audit trail: django-ipware's default finds none behind a proxy.
AXES_CLIENT_IP_CALLABLE = "lms.audit.ip.client_ip"
AXES_VERBOSE = False
# Passwords after the CNIL recommendation (2022): length over complexity, no composition rules. With a
# lockout in front (django-axes above) the CNIL asks for about 50 bits: 12 lower-case letters give 56;
# 12 digits give only 40, hence the all-digit refusal. Staff also have their second factor.
# Everyone, staff included, gets the same rules; the lists refuse what attackers try first.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "lms.accounts.validators.MaximumLengthValidator", "OPTIONS": {"max_length": 256}},
    # Django's list of 20 000 passwords from breaches, then ours of passwords common in France (compared
    # without case, accents, digits or punctuation): one validator, so one message.
    {"NAME": "lms.accounts.validators.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/mon-parcours/"
LOGOUT_REDIRECT_URL = "/"
INVITATION_VALIDITY_DAYS = env.get_int("INVITATION_VALIDITY_DAYS", default=7)

# Retention periods applied by `manage.py purge_expired_data` and stated on the privacy page. The
# defaults follow common practice (CNIL guidance on training records and connection logs); the exact
# durations are to be confirmed with the URH's data protection officer (DPO) before going live.
# Accounts: pseudonymised after this many years without any activity (login, enrolment, cohort end).
RETENTION_YEARS_PERSONAL = env.get_int("RETENTION_YEARS_PERSONAL", default=3)
# Attendance registers are evidence for the funders: kept whole (names, attestation IPs, comments) this
# many years after their cohort ends; the people named on them are kept that long too.
RETENTION_YEARS_ATTENDANCE = env.get_int("RETENTION_YEARS_ATTENDANCE", default=6)
# Technical records: login logs (django-axes), expired invitations, notification receipts.
RETENTION_DAYS_TECHNICAL = env.get_int("RETENTION_DAYS_TECHNICAL", default=180)

# Two-factor authentication (django-otp, TOTP + backup codes): required on these prefixes for staff,
# and everywhere for anyone whose login flagged it (staff roles, or a learner who enrolled a device).
STAFF_URL_PREFIXES = ("/admin/", "/gestion/", "/promotions/", "/formateur/")
OTP_TOTP_ISSUER = "URH Hauts-de-France"
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds, doubled after each failed code
OTP_STATIC_THROTTLE_FACTOR = 1

# French first: the interface's source strings are French; English is a compiled translation.
LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "lms_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# The project package is not an installed app, so its static folder is listed explicitly.
STATICFILES_DIRS = [BASE_DIR / "lms" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get_str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_CONFIG = env.get_email("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.get_str("DEFAULT_FROM_EMAIL", default="URH Hauts-de-France <formation@example.org>")

# Celery: without a broker, tasks run eagerly in-process (the embedded default).
CELERY_BROKER_URL = env.get_broker("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged only once done, and re-queued if its worker dies mid-way.
CELERY_TASK_ACKS_LATE = True
# Celery's Django fixup closes the database connection after every task unless this is set; with it,
# it closes every N tasks and lms/celery.py applies CONN_MAX_AGE between tasks, as between requests.
CELERY_DB_REUSE_MAX = env.get_int("CELERY_DB_REUSE_MAX", default=1000)
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Security headers: secure defaults that dev relaxes explicitly.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No external origin is needed by our own pages; the Wagtail admin needs inline styles and scripts.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-src": ["'self'", *env.get_list("VIDEO_FRAME_ORIGINS", default=[])],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "csv", "txt"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]
WAGTAIL_USER_CUSTOM_FIELDS = []

DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.get_str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per background task run is noise at INFO.
        "django_tasks": {"level": "WARNING"},
    },
}

# The demo is loaded only by `manage.py load_demo` (never by migrations); each app contributes a loader.
DEMO_PASSWORD = env.get_str("DEMO_PASSWORD", default="Formation-URH-2026")
# Base32 TOTP secret given to the staff demo accounts, so a tester can add it to any authenticator app.
# Production settings refuse to start when it is set.
DEMO_TOTP_SECRET = env.get_str("DEMO_TOTP_SECRET", default="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
DEMO_LOADERS = [
    "lms.accounts.demo.load",
    "cms.demo.loader.load",
    "courses.demo.load",
    "assessments.demo.load",
    "certificates.demo.load",
]

# Periodic tasks (Celery beat): one place for every schedule.
CELERY_BEAT_SCHEDULE = {
    "close-expired-quiz-attempts": {
        "task": "assessments.close_expired_attempts",
        "schedule": 60.0,
    },
    # A certificate whose PDF was lost (worker killed, broker emptied) is rendered again.
    "reconcile-certificate-pdfs": {
        "task": "certificates.reconcile",
        "schedule": 15 * 60.0,
    },
    # CELERY_TIMEZONE is Europe/Paris: 03:00 local time, after the day has turned.
    "expire-certificates": {
        "task": "certificates.expire",
        "schedule": crontab(hour=3, minute=0),
    },
    # Notifications (lms.notifications.catalogue): each kind's « trigger » text reads its time here.
    # Each run catches up what a missed day left and sends nothing twice (lms.ops.mail.send_once).
    "notify-eligibility-reached": {
        "task": "certificates.notify_eligibility_reached",
        "schedule": crontab(hour=7, minute=30),
    },
    "notify-session-reminders": {
        "task": "assessments.notify_session_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "notify-quiz-deadlines": {
        "task": "assessments.notify_quiz_deadlines",
        "schedule": crontab(hour=8, minute=10),
    },
    "notify-certificates-expiring": {
        "task": "certificates.notify_expiring",
        "schedule": crontab(hour=8, minute=20),
    },
    # Satisfaction surveys (Qualiopi indicator 30): a session's survey opens soon after its closing;
    # the follow-up after the certification and the reminders go out once a day, in the morning.
    "create-session-surveys": {
        "task": "assessments.create_session_surveys",
        "schedule": 15 * 60.0,
    },
    "create-follow-up-surveys": {
        "task": "certificates.create_follow_up_surveys",
        "schedule": crontab(hour=9, minute=0),
    },
    "send-survey-reminders": {
        "task": "assessments.send_survey_reminders",
        "schedule": crontab(hour=9, minute=15),
    },
}

# --- Notifications (lms.notifications) ---
# Days before a session its reminder goes out; before a cohort's end (the quizzes' deadline) the
# reminder of the quizzes not yet passed; before a certificate's end of validity its reminder.
NOTIFY_SESSION_REMINDER_DAYS = env.get_int("NOTIFY_SESSION_REMINDER_DAYS", default=2)
NOTIFY_QUIZ_DEADLINE_DAYS = env.get_int("NOTIFY_QUIZ_DEADLINE_DAYS", default=7)
NOTIFY_CERTIFICATE_EXPIRY_DAYS = env.get_int("NOTIFY_CERTIFICATE_EXPIRY_DAYS", default=60)
for _name, _maximum in (
    ("NOTIFY_SESSION_REMINDER_DAYS", 30),
    ("NOTIFY_QUIZ_DEADLINE_DAYS", 90),
    ("NOTIFY_CERTIFICATE_EXPIRY_DAYS", 365),
):
    if not 1 <= globals()[_name] <= _maximum:
        raise env.ImproperlyConfigured(
            f"{_name}: un nombre de jours entre 1 et {_maximum} est attendu (reçu {globals()[_name]})"
        )

# --- Satisfaction surveys (assessments.services.surveys, certificates.follow_up) ---
# Hours after a session's closing before its survey opens (0: at the next scan, within 15 minutes);
# days a survey stays open; days after sending before the one reminder; days after the certificate's
# issue before the follow-up survey (6 weeks: time to apply the practices at work).
SURVEY_SESSION_DELAY_HOURS = env.get_int("SURVEY_SESSION_DELAY_HOURS", default=0)
SURVEY_DEADLINE_DAYS = env.get_int("SURVEY_DEADLINE_DAYS", default=14)
SURVEY_REMINDER_DAYS = env.get_int("SURVEY_REMINDER_DAYS", default=5)
SURVEY_FOLLOW_UP_DELAY_DAYS = env.get_int("SURVEY_FOLLOW_UP_DELAY_DAYS", default=42)
# The reminder must leave time to answer: it goes out before the deadline.
for _name, _minimum, _maximum in (
    ("SURVEY_SESSION_DELAY_HOURS", 0, 168),
    ("SURVEY_DEADLINE_DAYS", 2, 90),
    ("SURVEY_REMINDER_DAYS", 1, SURVEY_DEADLINE_DAYS - 1),
    ("SURVEY_FOLLOW_UP_DELAY_DAYS", 1, 365),
):
    if not _minimum <= globals()[_name] <= _maximum:
        raise env.ImproperlyConfigured(
            f"{_name}: un nombre entre {_minimum} et {_maximum} est attendu (reçu {globals()[_name]})"
        )

# --- Certificate PDFs (certificates.signing, certificates.services.rendering) ---
# PEM key and X.509 certificate that sign the PDFs (PAdES). Unset: a demo pair under var/signing/,
# created by `manage.py ensure_signing_keys` (or on first use); the PDF then says it has no value.
CERTIFICATE_SIGNING_KEY_FILE = Path(
    env.get_str("CERTIFICATE_SIGNING_KEY_FILE", default=str(BASE_DIR / "var" / "signing" / "demo-key.pem"))
)
CERTIFICATE_SIGNING_CERT_FILE = Path(
    env.get_str("CERTIFICATE_SIGNING_CERT_FILE", default=str(BASE_DIR / "var" / "signing" / "demo-cert.pem"))
)
CERTIFICATE_SIGNING_KEY_PASSPHRASE = env.get_str("CERTIFICATE_SIGNING_KEY_PASSPHRASE", default="")
# Whether a demo key may sign (and be created on first use). Production turns it off.
CERTIFICATE_SIGNING_ALLOW_DEMO = env.get_bool("CERTIFICATE_SIGNING_ALLOW_DEMO", default=True)
# Seconds the rendering waits after storing the file, before recording it: only for the test and the
# faults run (make faults) that kill a worker in the middle of a rendering. Always 0 otherwise.
CERTIFICATE_RENDER_DELAY = env.get_int("CERTIFICATE_RENDER_DELAY", default=0)
# A certificate still without its PDF this many minutes after its last change is rendered again.
CERTIFICATE_RECONCILE_AFTER_MINUTES = env.get_int("CERTIFICATE_RECONCILE_AFTER_MINUTES", default=5)

# Public verification page: requests allowed per client IP, "count/seconds" (throttles id guessing).
CERTIFICATE_VERIFY_RATE = env.get_str("CERTIFICATE_VERIFY_RATE", default="30/60")
if not re.fullmatch(r"[1-9][0-9]*/[1-9][0-9]*", CERTIFICATE_VERIFY_RATE):
    raise env.ImproperlyConfigured(
        f"CERTIFICATE_VERIFY_RATE: « requêtes/secondes » attendu, par exemple 30/60 "
        f"(reçu {CERTIFICATE_VERIFY_RATE!r})"
    )

# --- Open Badges 3.0 (certificates.badges) ---
# The issuer's Ed25519 private key (PEM, PKCS#8) that signs the badges and the status lists. Unset: a
# key is generated at this default path on first use and is a demo key (the issuer profile says so).
_BADGE_KEY_FROM_ENV = env.get_str("BADGE_SIGNING_KEY_FILE", default="")
BADGE_SIGNING_KEY_FILE = Path(_BADGE_KEY_FROM_ENV or BASE_DIR / "var" / "signing" / "badge-ed25519.pem")
BADGE_SIGNING_KEY_IS_DEMO = not _BADGE_KEY_FROM_ENV
