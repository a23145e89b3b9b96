"""Browser load for scripts/bench.py: N concurrent sessions of the Streamlit app, each running M searches.

One headless Chromium (Playwright, sync API) with one context per session; the sessions are driven in
turn by a polling loop, so they all wait on the server at once. A search is timed from the click on
检索 until the page shows the plan (处理方案) for that query and the app is idle again.
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench_proc import PY, ROOT, status_mb

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_S = 120
# "busy" while the script runs; "done" when the caption names this query and the plan is shown;
# "notice" when the app answered with the busy notice (all search slots taken).
STATE_JS = """(q) => {
  if (document.querySelector('[data-testid="stStatusWidget"]')) return "busy";
  const t = document.body.innerText.replace(/\\s+/g, "");
  if (t.includes("当前查询：" + q) && t.includes("处理方案")) return "done";
  if (t.includes("稍后再试")) return "notice";
  return "wait";
}"""


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

    def next(self) -> bool:
        """Type the next complaint and click 检索; False when the session is finished."""
        if not self.queries:
            return False
        self.current = self.queries.pop(0)
        self.key = re.sub(r"\s+", "", self.current)[:40]
        self.page.locator(".st-key-query textarea").fill(self.current)
        self.started = time.perf_counter()
        self.page.locator(".st-key-search button").click()
        return True

    def poll(self) -> bool:
        """True when the running search finished (its time recorded)."""
        elapsed = time.perf_counter() - self.started
        state = self.page.evaluate(STATE_JS, self.key)
        if state == "done":
            self.times.append(elapsed)
            return True
        if state == "notice":
            self.notices += 1
            return True
        if elapsed > TIMEOUT_S:
            self.timeouts += 1
            return True
        return False


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


def browser_load(env: dict[str, str], queries: list[str], sessions: int, searches: int, log: Path) -> dict:
    """Run the load; returns the search times, notices, timeouts, the first page's load time and the
    server's memory (current and peak RSS, MB)."""
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
                    first_load = first_load or time.perf_counter() - started  # includes loading the index
                    batch = [queries[(s * searches + k) % len(queries)] for k in range(searches)]
                    runs.append(Session(page, batch))
                # Warm-up outside the measurement: the first search loads the result components' scripts.
                runs[0].queries.insert(0, queries[-1])
                runs[0].next()
                while not runs[0].poll():
                    time.sleep(0.05)
                runs[0].times.clear()
                active = [r for r in runs if r.next()]
                while active:
                    for r in list(active):
                        if r.poll() and not r.next():
                            active.remove(r)
                    time.sleep(0.02)
            finally:
                browser.close()
        times = [t for r in runs for t in r.times]
        return {"times": times, "notices": sum(r.notices for r in runs), "timeouts": sum(r.timeouts for r in runs),
                "first_load": first_load, "rss": status_mb(proc.pid, "VmRSS"), "hwm": status_mb(proc.pid, "VmHWM")}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
