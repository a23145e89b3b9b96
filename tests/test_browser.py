"""End to end: `streamlit run app.py` over the seed index, driven by a real headless Chromium (Playwright)."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERY = "小区电梯一个月坏了三次，昨天有老人被困二十分钟，业主要求物业赔偿"
START_TIMEOUT_S = 120
UI_TIMEOUT_MS = 90_000
ALLOWED_LATIN = {"Markdown", "JSON", "Word", "CSV", "UTC"}  # file formats and the time zone keep their names
# Visible text of the app's own controls (buttons, labels, tabs, expanders, navigation), icons removed.
CHROME_TEXT_JS = """() => {
  const sel = 'button, [data-testid="stWidgetLabel"], summary, [role="tab"], [data-testid="stSidebarNav"] a';
  return [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null).map(e => {
    const c = e.cloneNode(true);
    c.querySelectorAll('[data-testid="stIconMaterial"]').forEach(i => i.remove());
    return c.textContent.trim();
  });
}"""
# Buttons whose text does not fit (the button itself or its label box overflows).
CUT_BUTTONS_JS = """() => [...document.querySelectorAll('button')].filter(b => b.offsetParent !== null)
  .filter(b => b.scrollWidth > b.clientWidth ||
    [...b.querySelectorAll('[data-testid="stMarkdownContainer"], p')].some(p => p.scrollWidth > p.clientWidth))
  .map(b => b.textContent.trim())"""
IDLE_JS = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="需要 /usr/bin/chromium（apt-get install -y chromium）"),
]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    pytest.fail(f"streamlit not healthy after {START_TIMEOUT_S}s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture
def server(project_root: Path, seed_settings, free_port: int, clean_env: dict[str, str],
           tmp_path: Path) -> Iterator[str]:
    """`streamlit run app.py` on a free local port over the seed index, with its own data folder."""
    env = {**clean_env, "ADVISOR_INDEX_DIR": str(seed_settings.index_dir),
           "ADVISOR_CORPUS_DIR": str(seed_settings.corpus_dir), "ADVISOR_KNOWLEDGE_DIR": str(seed_settings.knowledge_dir),
           "ADVISOR_DATA_DIR": str(tmp_path / "data"), "ADVISOR_USERS_FILE": ""}
    log = tmp_path / "streamlit.log"
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(free_port),
           "--server.address", "127.0.0.1", "--server.headless", "true"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=project_root, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(f"http://127.0.0.1:{free_port}/_stcore/health", proc, log)
        yield f"http://127.0.0.1:{free_port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _search(page, query: str) -> float:
    """Type a complaint, click 检索, wait for the plan and an idle app; the seconds it took from the click."""
    box = page.get_by_label("投诉描述")
    box.fill(query)
    started = time.perf_counter()
    page.get_by_role("button", name="检索", exact=True).click()
    page.get_by_text("处理方案", exact=True).first.wait_for(state="visible", timeout=UI_TIMEOUT_MS)
    page.wait_for_function(IDLE_JS, timeout=UI_TIMEOUT_MS)
    return time.perf_counter() - started


def test_search_page_in_a_real_browser(server: str, project_root: Path):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    shots = project_root / "docs" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            page.goto(server, wait_until="domcontentloaded", timeout=UI_TIMEOUT_MS)
            page.get_by_label("投诉描述").wait_for(state="visible", timeout=UI_TIMEOUT_MS)
            page.wait_for_function(IDLE_JS, timeout=UI_TIMEOUT_MS)
            timings = [_search(page, q) for q in (QUERY, "客户在银行网点排队两个小时，柜员态度冷淡，还多收了手续费",
                                                  "车主刚在4S店做完保养，第二天发动机故障灯就亮了", QUERY)]
            # The first click also loads the result components' scripts into the page.
            print(f"\nclick-to-results at 1280 px: {', '.join(f'{t * 1000:.0f} ms' for t in timings)}")
            page.get_by_text("相似先例", exact=True).first.wait_for(state="visible", timeout=UI_TIMEOUT_MS)
            with contextlib.suppress(PlaywrightTimeout):  # on a busy machine the last cards come a moment later
                page.locator("[data-testid=stFeedback]").nth(2).wait_for(state="attached", timeout=UI_TIMEOUT_MS)
            page.wait_for_timeout(300)
            cut = page.evaluate(CUT_BUTTONS_JS)
            chrome = page.evaluate(CHROME_TEXT_JS)
            body = page.inner_text("body")
            votes = page.locator("[data-testid=stFeedback]").count()  # 有帮助 / 没帮助 thumbs
            page.screenshot(path=str(shots / "search-1280.png"))
            page.set_viewport_size({"width": 1920, "height": 1080})
            page.wait_for_timeout(500)
            cut_wide = page.evaluate(CUT_BUTTONS_JS)
            page.screenshot(path=str(shots / "search-1920.png"))
        finally:
            browser.close()

    assert not cut and not cut_wide, (cut, cut_wide)
    assert votes >= 3  # 有帮助 / 没帮助 on every precedent card
    assert "Deploy" not in body and "Traceback" not in body
    english = {w for text in chrome for w in re.findall(r"[A-Za-z]{2,}", text)} - ALLOWED_LATIN
    assert not english, english
    assert chrome and all(re.search(r"[\u4e00-\u9fff]", t) for t in chrome if t), chrome
    assert max(timings) < 10  # generous bound for a loaded CI machine; the printed times are the measurement
    for name in ("search-1280.png", "search-1920.png"):
        assert (shots / name).stat().st_size > 20_000
