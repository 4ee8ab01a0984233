"""The HTTP load of a faults run, its log of responses, and the reading of statuses against outages.

Learners submit their open attempt (``POST /tentatives/<id>/envoyer/``), start the next one
(``POST /quiz/<id>/commencer/``), and so on, from a few threads, for the whole run. A submit is
*acknowledged* when the site answers what a learner sees as success: the redirect to the result page.
A learner whose submit was not acknowledged submits again, as a person would. Alongside, a probe reads
the public verification page (the cache, hence Redis, and the database) and ``/sante/``.

Every response is logged with its start and end times, so that after the run each status can be put
against the outage windows: a 503 is expected only while PostgreSQL or Redis is down, a 500 never.
"""

import dataclasses
import random
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import requests

from bench.faults_world import Learner

TIMEOUT = 15  # seconds; a request that hangs longer counts as a network error
RESULT_URL = re.compile(r"/tentatives/(\d+)/resultat/$")
ATTEMPT_URL = re.compile(r"/tentatives/(\d+)/$")
# The quiz is passed, or no attempt is left (``lms.errors.Conflict``): on to the next quiz.
CONFLICT_STATUSES = {400, 409}


@dataclass(frozen=True)
class Response:
    kind: str  # submit, start, verify, health
    started: float  # time.monotonic()
    ended: float
    status: int | None  # None: no HTTP answer (refused, reset, timed out)
    attempt: int | None = None
    acknowledged: bool = False
    error: str = ""
    location: str = ""


@dataclass
class Outage:
    label: str
    down_at: float
    up_at: float | None = None


@dataclass
class StatusSummary:
    total: int
    statuses: Counter
    server_errors: int  # 5xx other than 503: a 500 is a bug, whatever the outage
    unavailable_outside: int  # 503 while every dependency was up
    unavailable_during: dict[str, int] = field(default_factory=dict)
    network_errors: int = 0


class ResponseLog:
    def __init__(self):
        self._lock = threading.Lock()
        self.responses: list[Response] = []

    def add(self, response: Response) -> None:
        with self._lock:
            self.responses.append(response)

    def snapshot(self) -> list[Response]:
        with self._lock:
            return list(self.responses)

    def acknowledged_attempts(self) -> set[int]:
        return {r.attempt for r in self.snapshot() if r.kind == "submit" and r.acknowledged}


def during(response: Response, outage: Outage, *, grace: float) -> bool:
    """Whether the request overlapped the outage, from its start to ``grace`` seconds after recovery."""
    end = (outage.up_at if outage.up_at is not None else float("inf")) + grace
    return response.started <= end and response.ended >= outage.down_at


def classify(responses: list[Response], outages: list[Outage], *, grace: float = 3.0) -> StatusSummary:
    """Count the statuses; put every 503 inside an outage window or outside all of them."""
    summary = StatusSummary(
        total=len(responses),
        statuses=Counter(r.status for r in responses),
        server_errors=sum(
            1 for r in responses if r.status is not None and r.status >= 500 and r.status != 503
        ),
        unavailable_outside=0,
        unavailable_during={o.label: 0 for o in outages},
        network_errors=sum(1 for r in responses if r.status is None),
    )
    for response in responses:
        if response.status != 503:
            continue
        windows = [o for o in outages if during(response, o, grace=grace)]
        for outage in windows:
            summary.unavailable_during[outage.label] += 1
        if not windows:
            summary.unavailable_outside += 1
    return summary


def form_answers(learner: Learner, rng: random.Random) -> dict[str, list[str]]:
    """A random answer to every question of the learner's current quiz, as the quiz form posts it."""
    plan = learner.quizzes[learner.quiz_index]
    data: dict[str, list[str]] = {"shown": []}
    for key, kind, choices in plan.questions:
        data["shown"].append(key)
        if kind == "multiple":
            picked = [c for c in choices if rng.random() < 0.5] or [rng.choice(choices)]
        else:
            picked = [rng.choice(choices)]
        data[f"q-{key}"] = picked
    return data


class Load:
    """``threads`` threads share the learners; one probe thread reads the verification page and health."""

    def __init__(self, base_url: str, learners: list[Learner], verification_ids: list[str], *,
                 threads: int = 4, pause: float = 0.1, seed: int = 1):  # fmt: skip
        self.base_url, self.learners, self.verification_ids = base_url, learners, verification_ids
        self.threads, self.pause, self.seed = threads, pause, seed
        self.log = ResponseLog()
        self.stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    # --- one request ---
    def _send(self, http: requests.Session, kind: str, method: str, url: str, **kwargs) -> Response:
        started = time.monotonic()
        try:
            answer = http.request(
                method, self.base_url + url, timeout=TIMEOUT, allow_redirects=False, **kwargs
            )
        except requests.RequestException as exc:
            return Response(kind, started, time.monotonic(), None, error=type(exc).__name__)
        finally:
            http.cookies.clear()  # each learner's cookies are sent explicitly, never carried over
        location = answer.headers.get("Location", "")
        return Response(kind, started, time.monotonic(), answer.status_code, location=location)

    def _post(self, http, kind: str, learner: Learner, url: str, data=None) -> Response:
        headers = {"Cookie": learner.cookie, "X-CSRFToken": learner.csrf_token}
        return self._send(http, kind, "POST", url, data=data or {}, headers=headers)

    def submit(self, http, learner: Learner, rng: random.Random) -> Response:
        attempt = learner.open_attempt
        response = self._post(
            http, "submit", learner, f"/tentatives/{attempt}/envoyer/", form_answers(learner, rng)
        )
        acknowledged = response.status == 302 and bool(RESULT_URL.search(response.location))
        response = dataclasses.replace(response, attempt=attempt, acknowledged=acknowledged)
        self.log.add(response)
        if acknowledged:
            learner.open_attempt, learner.pending_submit = None, False
        else:
            learner.pending_submit = True
        return response

    def start(self, http, learner: Learner) -> Response:
        plan = learner.quizzes[learner.quiz_index]
        response = self._post(http, "start", learner, f"/quiz/{plan.quiz_id}/commencer/")
        match = ATTEMPT_URL.search(response.location) if response.status == 302 else None
        if match:
            learner.open_attempt = int(match.group(1))
            if learner.open_attempt not in learner.attempts:
                learner.attempts.append(learner.open_attempt)
        elif response.status in CONFLICT_STATUSES:
            learner.quiz_index += 1
            learner.done = learner.quiz_index >= len(learner.quizzes)
        response = dataclasses.replace(response, attempt=learner.open_attempt if match else None)
        self.log.add(response)
        return response

    def step(self, http, learner: Learner, rng: random.Random) -> None:
        if learner.open_attempt is not None:
            self.submit(http, learner, rng)
        elif not learner.done:
            self.start(http, learner)

    # --- threads ---
    def _learners_loop(self, mine: list[Learner], rng: random.Random) -> None:
        http = requests.Session()
        http.trust_env = False
        while not self.stopping.is_set():
            active = [learner for learner in mine if not learner.done or learner.open_attempt is not None]
            if not active:
                break
            for learner in active:
                if self.stopping.is_set():
                    break
                self.step(http, learner, rng)
                time.sleep(self.pause)

    def _probe_loop(self) -> None:
        http = requests.Session()
        http.trust_env = False
        index = 0
        while not self.stopping.is_set():
            vid = self.verification_ids[index % len(self.verification_ids)] if self.verification_ids else "0"
            self.log.add(self._send(http, "verify", "GET", f"/verifier/{vid}/"))
            self.log.add(self._send(http, "health", "GET", "/sante/"))
            index += 1
            time.sleep(0.25)

    def start_threads(self) -> None:
        for n in range(self.threads):
            mine = self.learners[n :: self.threads]
            rng = random.Random(self.seed * 1000 + n)
            self._threads.append(threading.Thread(target=self._learners_loop, args=(mine, rng), daemon=True))
        self._threads.append(threading.Thread(target=self._probe_loop, daemon=True))
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self._threads:
            thread.join(timeout=TIMEOUT + 5)

    def drain(self, *, tries: int = 5) -> int:
        """Submit again, with everything up, what was submitted without acknowledgement; how many left."""
        http = requests.Session()
        http.trust_env = False
        rng = random.Random(self.seed)
        for _round in range(tries):
            pending = [learner for learner in self.learners if learner.pending_submit]
            if not pending:
                return 0
            for learner in pending:
                self.submit(http, learner, rng)
            time.sleep(1)
        return sum(1 for learner in self.learners if learner.pending_submit)

    def learners_finished(self) -> int:
        return sum(1 for learner in self.learners if learner.done and learner.open_attempt is None)
