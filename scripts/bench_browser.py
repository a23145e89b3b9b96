"""Browser load for scripts/bench.py: N concurrent sessions of the Streamlit app, each running M searches.

One headless Chromium (Playwright, sync API) with one context per session; the sessions are driven in
turn by a polling loop, so they all wait on the server at once. A search is timed from the click on
检索 until the page shows the plan (处理方案) for that query and the app is idle again. With `think` = 0
every session clicks again as soon as its results are shown (a closed loop: the worst case); with
`think` > 0 it first reads them for a seeded random 0.5–1.5 × `think` seconds, as staff do, and the
sessions start at random moments within the first `think` seconds.
"""

from __future__ import annotations

import os
import random
import re
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench_proc import PY, ROOT, cpu_seconds, status_mb

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_S = 120
# Installed in every page: a MutationObserver marks the moment the results for the awaited query are shown
# (the caption names the query, the plan is there, the app is idle) or the busy notice appears, using the
# page's own clock. The driver then only has to look every POLL_S, which keeps the measuring itself off
# the two cores the app and the browser share.
WATCH_JS = """() => {
  const b = window.__bench = {want: "", state: "idle", clickAt: 0, doneAt: 0};
  let pending = false;
  const check = () => {
    pending = false;
    if (b.state !== "wait" || document.querySelector('[data-testid="stStatusWidget"]')) return;
    // (only the few elements that tell: reading the whole page's text on every change cost the browsers
    // more CPU than some of the rendering it waits for)
    const text = (sel) => Array.from(document.querySelectorAll(sel), (e) => e.textContent.replace(/\\s+/g, ""));
    const shown = text('[data-testid^="stCaption"]').some((t) => t.includes("当前查询：" + b.want))
                  && text("h4").some((t) => t.includes("处理方案"));
    const state = shown ? "done" : text('[data-testid^="stAlert"]').some((t) => t.includes("稍后再试")) ? "notice" : "";
    if (state) { b.state = state; b.doneAt = performance.now(); }
  };
  new MutationObserver(() => { if (!pending) { pending = true; setTimeout(check, 0); } })
    .observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true});
}"""
ARM_JS = "(q) => { const b = window.__bench; b.want = q; b.state = 'wait'; b.clickAt = performance.now(); }"
STATE_JS = "() => [window.__bench.state, (window.__bench.doneAt - window.__bench.clickAt) / 1000]"
POLL_S = 0.1


@dataclass
class Session:
    page: object
    queries: list[str]
    times: list[float] = field(default_factory=list)  # seconds per search
    notices: int = 0
    timeouts: int = 0
    current: str = ""
    key: str = ""
    started: float = 0.0
    running: bool = False
    due: float = 0.0  # when the next search may start (after reading the last results)

    def next(self) -> bool:
        """Type the next complaint and click 检索; False when the session is finished."""
        if not self.queries:
            return False
        self.current = self.queries.pop(0)
        self.key = re.sub(r"\s+", "", self.current)[:40]
        self.page.locator(".st-key-query textarea").fill(self.current)
        self.started = time.perf_counter()
        self.page.evaluate(ARM_JS, self.key)
        self.page.locator(".st-key-search button").click()
        self.running = True
        return True

    def poll(self) -> bool:
        """True when the running search finished (its time recorded)."""
        elapsed = time.perf_counter() - self.started
        state, took = self.page.evaluate(STATE_JS)
        if state == "done":
            self.times.append(took)
        elif state == "notice":
            self.notices += 1
        elif elapsed > TIMEOUT_S:
            self.timeouts += 1
        else:
            return False
        self.running = False
        return True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` on a free local port; returns the process and its URL once healthy."""
    port = free_port()
    cmd = [PY, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true",
           "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("streamlit did not become healthy in 120 s")


def machine_busy_seconds() -> float:
    """CPU seconds all cores of the machine have spent busy so far (/proc/stat), browser included."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def drive(runs: list[Session], think: float, rng: random.Random) -> None:
    """Run every session's searches to the end, all at once. With reading time the sessions also start
    at random moments within the first `think` seconds (staff do not click in step); without it they
    all click at once."""
    start = time.perf_counter()
    for r in runs:
        r.due = start + (rng.uniform(0.0, think) if think else 0.0)
    active = list(runs)
    while active:
        now = time.perf_counter()
        for r in list(active):
            if r.running:
                if r.poll():
                    r.due = time.perf_counter() + (rng.uniform(0.5, 1.5) * think if think else 0.0)
            elif now >= r.due and not r.next():
                active.remove(r)
        time.sleep(POLL_S)


def browser_load(env: dict[str, str], queries: list[str], sessions: int, searches: int, log: Path,
                 think: float = 0.0) -> dict:
    """Run the load; returns the search times, notices, timeouts, the first page's load time, the CPU
    seconds of the server and of the whole machine, and the server's memory (current and peak RSS, MB)."""
    from playwright.sync_api import sync_playwright

    proc, url = start_app(env, log)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                runs, first_load = [], 0.0
                for s in range(sessions):
                    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
                    started = time.perf_counter()
                    page.goto(url, wait_until="domcontentloaded", timeout=TIMEOUT_S * 1000)
                    page.locator(".st-key-query textarea").wait_for(state="visible", timeout=TIMEOUT_S * 1000)
                    page.evaluate(WATCH_JS)
                    first_load = first_load or time.perf_counter() - started  # includes loading the index
                    batch = [queries[(s * searches + k) % len(queries)] for k in range(searches)]
                    runs.append(Session(page, batch))
                # Warm-up outside the measurement: the first search loads the result components' scripts.
                runs[0].queries.insert(0, queries[-1])
                runs[0].next()
                while not runs[0].poll():
                    time.sleep(POLL_S)
                runs[0].times.clear()
                cpu, busy, started = cpu_seconds(proc.pid), machine_busy_seconds(), time.perf_counter()
                drive(runs, think, random.Random(7))
                cpu, wall = cpu_seconds(proc.pid) - cpu, time.perf_counter() - started
                busy = machine_busy_seconds() - busy
            finally:
                browser.close()
        times = [t for r in runs for t in r.times]
        return {"times": times, "server_cpu": cpu, "machine_cpu": busy, "wall": wall,
                "notices": sum(r.notices for r in runs), "timeouts": sum(r.timeouts for r in runs), "first_load": first_load, "rss": status_mb(proc.pid, "VmRSS"), "hwm": status_mb(proc.pid, "VmHWM")}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
