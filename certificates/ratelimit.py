"""A small fixed-window rate limiter on Django's cache, keyed by the client's IP address.

Used by the public verification page: every request counts, for a known id or not, so that guessing
ids is throttled as much as reading them. The rate is a setting ``"<requests>/<seconds>"`` (for
verification ``CERTIFICATE_VERIFY_RATE``, default ``"30/60"``). The counter lives in the default
cache (locmem in development, Redis in CI and production): with locmem each process counts on its
own, which is acceptable for a development server.

Fixed windows let a client send up to twice the rate across a window boundary; that is enough to
stop guessing (ids carry 192 random bits) and costs one cache round trip.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache

from lms.audit.ip import client_ip


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int

    @classmethod
    def parse(cls, value: str) -> "Rate":
        """``"30/60"`` → 30 requests per 60 seconds. Raises ``ValueError`` on anything else."""
        requests, _slash, seconds = str(value).partition("/")
        rate = cls(int(requests), int(seconds))
        if rate.requests < 1 or rate.seconds < 1:
            raise ValueError(f"rate must be positive: {value!r}")
        return rate


@dataclass(frozen=True)
class Decision:
    allowed: bool
    count: int
    retry_after: int  # seconds until the window ends


def hit(request, *, scope: str, rate: Rate, now: float | None = None) -> Decision:
    """Count one request of ``request``'s client in ``scope`` and say whether it is within ``rate``."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    key = f"ratelimit:{scope}:{client_ip(request) or 'unknown'}:{window}"
    # add() only sets a missing key: the first request of the window creates the counter, the others
    # increment it atomically (Redis INCR; locmem under its lock).
    if cache.add(key, 1, timeout=rate.seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=rate.seconds + 1)
            count = 1
    retry_after = max(1, int((window + 1) * rate.seconds - now + 0.999))
    return Decision(allowed=count <= rate.requests, count=count, retry_after=retry_after)
