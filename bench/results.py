"""One benchmark result, its verdict, the line it prints and the RESULTS.md table.

Every speed figure is a ratio against a baseline measured in the same run on the same server
(quality.md): a result carries both measurements, the ratio is computed here, never by a scenario.
"""

import dataclasses
import datetime
import json
import os
import platform
import re
import subprocess
from pathlib import Path

HEADER = "scenario size value baseline ratio target verdict"


@dataclasses.dataclass
class Result:
    """``higher``: the ratio must be at least ``target`` (throughput), else at most (time).

    ``allowance`` (seconds) is added to the baseline's side of a time target (« ≤ 3x + 50 ms »).
    ``checks`` are correctness facts (« exactly N rows ») that fail the verdict when false, whatever
    the speed; ``notes`` are figures printed below the line (p95, query counts, memory).
    """

    scenario: str
    size: str
    value: float
    baseline: float
    unit: str
    target: float
    higher: bool = True
    allowance: float = 0.0
    checks: dict[str, bool] = dataclasses.field(default_factory=dict)
    notes: list[str] = dataclasses.field(default_factory=list)
    facts: dict[str, float] = dataclasses.field(default_factory=dict)  # compared across sizes (queries)

    @property
    def ratio(self) -> float:
        if self.higher:
            return self.value / self.baseline if self.baseline else 0.0
        return self.value / self.baseline if self.baseline else float("inf")

    @property
    def meets_target(self) -> bool:
        if self.higher:
            return self.ratio >= self.target
        return self.value <= self.target * self.baseline + self.allowance

    @property
    def verdict(self) -> str:
        if not all(self.checks.values()):
            return "FAIL(" + ",".join(name for name, ok in self.checks.items() if not ok) + ")"
        return "PASS" if self.meets_target else "MISS"

    @property
    def target_text(self) -> str:
        text = f"{'>=' if self.higher else '<='}{self.target:g}x"
        if self.allowance:
            text += f"+{self.allowance * 1000:g}ms"
        return text

    def line(self) -> str:
        return " ".join(
            [
                self.scenario,
                self.size,
                _figure(self.value, self.unit),
                _figure(self.baseline, self.unit),
                f"{self.ratio:.2f}x",
                self.target_text,
                self.verdict,
            ]
        )

    def as_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Result":
        return cls(**json.loads(text))


def _figure(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f}ms"
    if value >= 100:
        return f"{value:.0f}{unit}"
    return f"{value:.2f}{unit}"


def machine_description() -> list[str]:
    """What the figures were measured on: CPU, cores, memory, versions, commit, date."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    return [
        f"- Date : {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Commit : {_command(['git', 'rev-parse', '--short', 'HEAD']) or '?'}"
        + (" (modifications non validées)" if _command(["git", "status", "--porcelain"]) else ""),
        f"- Processeur : {cpu or platform.processor() or '?'} — {os.cpu_count()} cœurs ; "
        f"mémoire {memory or '?'}",
        f"- Système : {platform.system()} {platform.release()} ; Python {platform.python_version()}",
        f"- PostgreSQL : {_command(['psql', '--version']) or '?'} ; "
        f"Redis : {_version(_command(['redis-server', '--version']))}",
        f"- wrk : {(_command(['wrk', '--version'], stderr=True) or '?').splitlines()[0]}",
    ]


def _version(text: str) -> str:
    match = re.search(r"v=(\S+)", text)
    return match.group(1) if match else (text[:40] or "?")


def _command(argv: list[str], stderr: bool = False) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=10, check=False)  # noqa: S603
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (done.stdout + (done.stderr if stderr else "")).strip()


def results_markdown(results: list[Result], *, machine: list[str], intro: str, appendix: str = "") -> str:
    lines = [
        "# Résultats des bancs d'essai",
        "",
        intro.strip(),
        "",
        "## Machine",
        "",
        *machine,
        "",
        "## Tableau",
        "",
        "| scénario | taille | valeur | référence | rapport | cible | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    for result in results:
        cells = result.line().split(" ")
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "## Détails mesurés", ""]
    for result in results:
        lines.append(f"- **{result.scenario} {result.size}** : " + "; ".join(result.notes or ["—"]))
        failed = [name for name, ok in result.checks.items() if not ok]
        if result.checks:
            lines.append(
                "  - vérifications : "
                + ", ".join(f"{name} {'ok' if ok else 'ÉCHEC'}" for name, ok in result.checks.items())
                + (f" — échecs : {', '.join(failed)}" if failed else "")
            )
    if appendix.strip():
        lines += ["", appendix.strip()]
    return "\n".join(lines) + "\n"
