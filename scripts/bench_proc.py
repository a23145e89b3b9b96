"""Benchmark helpers (used by scripts/bench.py): child processes measured for wall time, CPU time and peak
memory, percentiles, Markdown tables, and `python -m advisor search --stdin` workers driven line by line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
QUERY_FILES = sorted(ROOT.glob("tests/data/heldout*_queries.jsonl")) + [ROOT / "tests/data/staff_queries.jsonl"]


def queries() -> list[str]:
    """The `query` field of the held-out and staff query sets, in file order."""
    out = []
    for path in QUERY_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["query"])
    return out


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0–100)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def bench_env(**advisor: str) -> dict[str, str]:
    """The environment without the caller's ADVISOR_* settings, plus the given ones (name → value)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")}
    env.update({f"ADVISOR_{k.upper()}": str(v) for k, v in advisor.items()})
    return env


@dataclass
class Run:
    """One finished child process."""

    wall: float  # seconds
    cpu: float  # user + system seconds of the child
    rss_mb: float  # peak resident memory
    code: int
    stdout: str
    stderr: str


def measure(cmd: list[str], env: dict[str, str], stdin: str | None = None) -> Run:
    """Run `cmd` from the project root; its own CPU time and peak RSS come from wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as inp:
        if stdin is not None:
            inp.write(stdin.encode("utf-8"))
            inp.seek(0)
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=inp, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def status_mb(pid: int | str, key: str) -> float:
    """VmRSS / VmHWM of a running process in MB (0 when unknown)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a running process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Worker:
    """One `python -m advisor search --stdin --json` process, fed one query at a time."""

    env: dict[str, str]
    proc: subprocess.Popen = field(init=False)
    round_trip: list[float] = field(default_factory=list)  # ms, write → complete JSON line read
    took: list[float] = field(default_factory=list)  # ms, the search's own `took_ms`
    errors: int = 0
    load_s: float = 0.0

    def start(self) -> None:
        self.proc = subprocess.Popen([PY, "-m", "advisor", "search", "--stdin", "--json"], cwd=ROOT, env=self.env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def ask(self, query: str) -> dict:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(query.replace("\n", " ").encode("utf-8") + b"\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("search process ended early")
        return json.loads(line)

    def warm(self) -> None:
        """Wait until the index is loaded (the first answer)."""
        started = time.perf_counter()
        self.ask("业主投诉物业")
        self.load_s = time.perf_counter() - started

    def run(self, batch: list[str]) -> None:
        for query in batch:
            started = time.perf_counter()
            answer = self.ask(query)
            self.round_trip.append((time.perf_counter() - started) * 1000)
            if "error" in answer:
                self.errors += 1
            else:
                self.took.append(answer["took_ms"])

    def stop(self) -> float:
        """Close stdin, wait, and return the process's peak RSS in MB."""
        assert self.proc.stdin
        hwm = status_mb(self.proc.pid, "VmHWM")
        self.proc.stdin.close()
        self.proc.wait(timeout=60)
        return hwm


def concurrent_search(n_procs: int, batch: list[str], env: dict[str, str]) -> tuple[list[Worker], float, list[float]]:
    """Start `n_procs` workers, wait until all are loaded, then let each run the batch (rotated) at once.

    Returns the workers, the wall time of the concurrent phase, and each worker's peak RSS."""
    workers = [Worker(env) for _ in range(n_procs)]
    for w in workers:
        w.start()
    loaders = [threading.Thread(target=w.warm) for w in workers]
    for t in loaders:
        t.start()
    for t in loaders:
        t.join()
    step = max(1, len(batch) // n_procs)
    runners = [threading.Thread(target=w.run, args=(batch[i * step :] + batch[: i * step],))
               for i, w in enumerate(workers)]
    started = time.perf_counter()
    for t in runners:
        t.start()
    for t in runners:
        t.join()
    wall = time.perf_counter() - started
    return workers, wall, [w.stop() for w in workers]
