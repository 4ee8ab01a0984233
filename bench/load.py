"""Load from outside the server: wrk for steady throughput, a thread pool of raw HTTP clients for bursts.

A burst sends N different requests (one per learner, each with its own cookies) as fast as the server
takes them, with ``concurrency`` in flight; its throughput is N over the wall time from the first send
to the last answer, and every answer is kept so the scenario can check it.
"""

import dataclasses
import http.client
import re
import statistics
import subprocess
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor


@dataclasses.dataclass
class WrkRun:
    requests_per_s: float
    requests: int
    bad_responses: int  # non-2xx/3xx, socket errors and timeouts
    latency_p50_ms: float | None
    latency_p99_ms: float | None


def wrk(url: str, *, cookie: str = "", seconds: int = 8, connections: int = 8, threads: int = 2) -> WrkRun:
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if cookie:
        argv += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run([*argv, url], capture_output=True, text=True, check=True)  # noqa: S603
    return parse_wrk(done.stdout)


def parse_wrk(output: str) -> WrkRun:
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    if not rate or not total:
        raise ValueError(f"sortie de wrk illisible : {output[:200]!r}")
    bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if errors:
        bad += sum(int(n) for n in errors.groups())
    return WrkRun(
        requests_per_s=float(rate.group(1)),
        requests=int(total.group(1)),
        bad_responses=bad,
        latency_p50_ms=_latency(output, "50%"),
        latency_p99_ms=_latency(output, "99%"),
    )


def _latency(output: str, percentile: str) -> float | None:
    match = re.search(rf"^\s*{re.escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    if not match:
        return None
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


@dataclasses.dataclass
class Request:
    method: str
    path: str
    cookie: str = ""
    csrf: str = ""
    body: str = ""
    tag: object = None  # what the scenario needs to check this request's answer (an attempt id…)


@dataclasses.dataclass
class Answer:
    request: Request
    status: int
    location: str
    seconds: float


@dataclasses.dataclass
class Burst:
    answers: list[Answer]
    wall_seconds: float

    @property
    def requests_per_s(self) -> float:
        return len(self.answers) / self.wall_seconds

    @property
    def p95_ms(self) -> float:
        times = sorted(a.seconds for a in self.answers)
        return statistics.quantiles(times, n=20)[-1] * 1000 if len(times) > 1 else times[0] * 1000

    @property
    def statuses(self) -> Counter:
        return Counter(a.status for a in self.answers)


def burst(host: str, port: int, requests: list[Request], *, concurrency: int = 32) -> Burst:
    start = threading.Event()

    def send(request: Request) -> Answer:
        start.wait()
        began = time.perf_counter()
        connection = http.client.HTTPConnection(host, port, timeout=120)
        try:
            headers = {"Cookie": request.cookie, "Host": host}
            if request.method == "POST":
                headers |= {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-CSRFToken": request.csrf,
                    "Referer": f"http://{host}:{port}/",
                }
            connection.request(request.method, request.path, body=request.body or None, headers=headers)
            response = connection.getresponse()
            response.read()
            return Answer(
                request, response.status, response.getheader("Location", ""), time.perf_counter() - began
            )
        except OSError:
            return Answer(request, 0, "", time.perf_counter() - began)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = [pool.submit(send, request) for request in requests]
        began = time.perf_counter()
        start.set()
        answers = [future.result() for future in futures]
        wall = time.perf_counter() - began
    return Burst(answers=answers, wall_seconds=wall)
