"""Process-wide resources (the advisor, search slots) and the index rebuild, shared by every page."""

from __future__ import annotations

import gc
import logging
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from advisor import Advisor, AdvisorError, IndexMissingError, Settings
from advisor.auth.users import can
from advisor.text.markdown import escape_md

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REBUILD_COMMANDS = "make rebuild\n# 或\npython -m advisor build"
BUILD_TIMEOUT_S = 1800
SLOT_WAIT_S = 30
OUTPUT_LINES = 40
LOG = logging.getLogger("advisor.ui")
if not LOG.handlers:  # errors shown as one Chinese line go to the server log with their traceback
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    LOG.addHandler(_handler)


class BusyError(Exception):
    """Every search slot stayed taken for `SLOT_WAIT_S` seconds."""


@dataclass(frozen=True)
class BuildOutput:
    """What one `python -m advisor build` run printed."""

    ok: bool
    stdout: str
    stderr: str


def settings() -> Settings:
    """The settings of this run (environment variables `ADVISOR_…`)."""
    return Settings()


@st.cache_resource(show_spinner="正在加载案例索引…", max_entries=4)
def _load(key: str, _settings: Settings) -> Advisor:
    # `key` is the settings as JSON, so other settings (tests, a changed environment) get their own advisor.
    advisor = Advisor.load(_settings)
    freeze_heap()
    return advisor


def freeze_heap() -> None:
    """Put what is loaded (the index, the encoder, the modules) out of the cyclic garbage collector's reach.

    Streamlit runs a full collection after every script run (`runner.postScriptGC`); scanning the loaded
    index each time was about 60 % of the server's CPU per search (docs/benchmarks.md). What was frozen before
    is thawed and collected first, so an index replaced by a rebuild is freed even where it holds cycles.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def current() -> Advisor:
    """The advisor for the current settings, loaded once per process."""
    s = settings()
    return _load(s.model_dump_json(), s)


@st.cache_resource
def _slots(count: int) -> threading.BoundedSemaphore:
    return threading.BoundedSemaphore(count)


@contextmanager
def search_slot(s: Settings) -> Iterator[None]:
    """Hold one of `max_concurrent_searches` slots, so many sessions do not oversubscribe the cores."""
    slots = _slots(s.max_concurrent_searches)
    if not slots.acquire(timeout=SLOT_WAIT_S):
        raise BusyError
    try:
        yield
    finally:
        slots.release()


def load_or_stop(s: Settings, role: str) -> Advisor:
    """The advisor; a missing or unreadable index stops the page with one Chinese message."""
    try:
        return current()
    except IndexMissingError:
        st.error("还没有案例索引。请在项目目录运行下面的命令构建索引，然后刷新页面。")
        st.code(REBUILD_COMMANDS, language="bash")
        if can(role, "admin"):
            rebuild_button("立即构建索引", key="build_index")
    except AdvisorError as exc:
        LOG.exception("index could not be loaded")
        st.error(f"案例索引无法加载：{escape_md(exc)}")
        st.code(REBUILD_COMMANDS, language="bash")
    st.stop()


def run_build() -> BuildOutput:
    """Run `python -m advisor build` in a subprocess (same interpreter and environment, project root)."""
    cmd = [sys.executable, "-m", "advisor", "build", "--quiet"]
    try:
        done = subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        LOG.exception("index build failed to run")
        return BuildOutput(False, "", f"构建未能完成：{type(exc).__name__}")
    return BuildOutput(done.returncode == 0, done.stdout, done.stderr)


def rebuild_button(label: str, key: str) -> None:
    """A button that rebuilds the index; the output is kept for the next run, which loads the new index."""
    if st.button(label, key=key, type="primary"):
        with st.spinner("正在构建索引，请稍候…"):
            st.session_state["build_output"] = run_build()
        st.rerun()


def show_build_output() -> None:
    """The result of the last rebuild started in this session, if any."""
    out: BuildOutput | None = st.session_state.get("build_output")
    if out is None:
        return
    if out.ok:
        st.success("索引已重建，新的案例库已生效。")
    else:
        st.error("索引构建失败，请查看下面的输出。")
    if out.stdout.strip():
        st.code(tail(out.stdout), language=None)
    if out.stderr.strip():
        with st.expander(f"构建提示（{len(out.stderr.splitlines())} 行）", expanded=not out.ok):
            st.code(tail(out.stderr), language=None)


def tail(text: str, lines: int = OUTPUT_LINES) -> str:
    """The last lines of a command's output."""
    kept = text.strip().splitlines()
    return "\n".join((["…"] if len(kept) > lines else []) + kept[-lines:])


def notice_reload(advisor: Advisor) -> None:
    """Swap in a rebuilt index and tell this session once when the library it sees has changed."""
    try:
        if advisor.reload_if_changed():
            freeze_heap()
    except AdvisorError as exc:
        LOG.exception("new index could not be loaded")
        st.warning(f"新索引无法加载，继续使用原索引：{escape_md(exc)}")
    seen = st.session_state.get("index_seen")
    if seen is not None and seen != advisor.built_at:
        st.toast(f"案例库已更新（索引构建时间 {built_label(advisor.built_at)}）")
    st.session_state["index_seen"] = advisor.built_at


def built_label(built_at: str) -> str:
    """`2026-01-02T03:04:05+00:00` as `2026-01-02 03:04 UTC`."""
    return built_at[:16].replace("T", " ") + " UTC" if len(built_at) >= 16 else built_at


def keep_widget_values(keys: Sequence[str]) -> None:
    """Keep the values of widgets on pages not shown in this run (Streamlit drops them otherwise)."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
