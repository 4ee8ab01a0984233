"""Production settings plus the bench's two baseline views and a query-count header.

The server under test is the production one (``lms.settings.production``, gunicorn); this module only
adds what the benchmark must read from outside: the baselines of quality.md, served through the very
same middleware, and the number of queries each response cost (``X-Bench-Queries``). Never used by the
product: ``python -m bench.run`` sets it for the server it starts.
"""

from lms.settings.production import *  # noqa: F403
from lms.settings.production import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
# Sessions are created by the bench itself; the cookies travel over plain HTTP on the loopback.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
