"""Fault cases (feedback): concurrency, unwritable and damaged databases."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

from .common import LAB, ROOT, Result, as_user, can_drop_root, case, cli, one_line, raises

# --------------------------------------------------------------------------- feedback: concurrency, unwritable and damaged databases

def _rows(db: Path) -> int:
    import sqlite3

    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0]


@case("feedback", "16 threads x 25 votes all stored")
def _fb_threads() -> Result:
    import threading

    from advisor.feedback.store import record_feedback

    db = LAB.root / "fb-threads" / "feedback.sqlite3"
    errors: list[BaseException] = []
    start = threading.Barrier(16)

    def vote(n: int) -> None:
        try:
            start.wait()
            for i in range(25):
                record_feedback(db, f"查询{n}-{i}", f"c-{n % 3}", i + 1, i % 2 == 0)
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=vote, args=(n,)) for n in range(16)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return not errors and _rows(db) == 400, f"rows={_rows(db)} errors={errors[:1]}"


VOTER = """
import sys
sys.path.insert(0, {root!r})
from advisor.feedback.store import record_feedback
for i in range(25):
    record_feedback(sys.argv[1], f"进程{{sys.argv[2]}}-{{i}} 13812345678", "c-1", 1, True)
"""


@case("feedback", "6 processes x 25 votes all stored")
def _fb_processes() -> Result:
    db = LAB.root / "fb-procs" / "feedback.sqlite3"
    code = VOTER.format(root=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", code, str(db), str(n)], stderr=subprocess.PIPE)
             for n in range(6)]
    errors = [p.communicate(timeout=300)[1].decode(errors="replace")[-200:] for p in procs]
    failed = [e for p, e in zip(procs, errors, strict=True) if p.returncode != 0]
    return not failed and _rows(db) == 150, f"rows={_rows(db)} failed={failed[:1]}"


NOBODY_VOTE = """
import sys
sys.path.insert(0, {root!r})
from advisor.errors import FeedbackUnavailableError
from advisor.feedback.store import record_feedback
try:
    record_feedback(sys.argv[1], "q", "c-1", 1, True)
except FeedbackUnavailableError as exc:
    print(exc)
    sys.exit(2)
"""


@case("feedback", "read-only data folder (real, child process as nobody): one clear message")
def _fb_read_only() -> Result:
    from advisor.errors import FeedbackUnavailableError
    from advisor.feedback.store import record_feedback

    folder = LAB.root / "fb-ro"
    folder.mkdir(mode=0o555)
    if not can_drop_root():  # simulated: a file where the folder should be
        blocker = LAB.root / "fb-blocker"
        blocker.write_text("x")
        return raises(lambda: record_feedback(blocker / "f.sqlite3", "q", "c", 1, True), FeedbackUnavailableError,
                      "不可写")
    out = subprocess.run([*as_user("nobody"), sys.executable, "-c", NOBODY_VOTE.format(root=str(ROOT)),
                          str(folder / "feedback.sqlite3")], capture_output=True, timeout=120)
    text = (out.stdout + out.stderr).decode("utf-8", "replace").strip()
    ok = out.returncode == 2 and "不可写" in text and "Traceback" not in text and len(text.splitlines()) == 1
    return ok, f"rc={out.returncode} {text[:140]!r}"


@case("feedback", "read-only existing database file (nobody, root-owned file)")
def _fb_read_only_db() -> Result:
    from advisor.feedback.store import feedback_stats, record_feedback

    folder = LAB.root / "fb-rodb"
    record_feedback(folder / "feedback.sqlite3", "q", "c-1", 1, True)
    folder.chmod(0o755)
    (folder / "feedback.sqlite3").chmod(0o644)
    if not can_drop_root():
        return True, "skipped: needs root to run a child as nobody"
    out = subprocess.run([*as_user("nobody"), sys.executable, "-c", NOBODY_VOTE.format(root=str(ROOT)),
                          str(folder / "feedback.sqlite3")], capture_output=True, timeout=120)
    text = (out.stdout + out.stderr).decode("utf-8", "replace").strip()
    ok = out.returncode == 2 and "Traceback" not in text and feedback_stats(folder / "feedback.sqlite3").total == 1
    return ok, f"rc={out.returncode} {text[:140]!r}"


@case("feedback", "damaged database file: named error for votes and statistics")
def _fb_damaged() -> Result:
    from advisor.errors import FeedbackUnavailableError
    from advisor.feedback.store import feedback_stats, helpful_queries, record_feedback

    db = LAB.root / "fb-bad" / "feedback.sqlite3"
    db.parent.mkdir()
    db.write_bytes(b"not a database" * 500)
    checks = [raises(lambda: record_feedback(db, "q", "c", 1, True), FeedbackUnavailableError, "已损坏"),
              raises(lambda: feedback_stats(db), FeedbackUnavailableError, "已损坏"),
              raises(lambda: helpful_queries(db), FeedbackUnavailableError, "已损坏")]
    return all(ok for ok, _ in checks), " | ".join(m for _, m in checks)


@case("feedback", "query with undecodable bytes (lone surrogates) is stored")
def _fb_surrogates() -> Result:
    from advisor.feedback.store import record_feedback

    db = LAB.root / "fb-surrogate" / "feedback.sqlite3"
    record_feedback(db, "业主\udcff投诉\x00漏水", "c-1", 1, True)
    return _rows(db) == 1, "stored"


@case("feedback", "CLI `questions` on a damaged database: exit 2, one line")
def _fb_cli_questions() -> Result:
    folder = LAB.root / "fb-cli-bad"
    folder.mkdir()
    (folder / "feedback.sqlite3").write_bytes(b"garbage" * 100)
    return one_line(cli("questions", env={"ADVISOR_DATA_DIR": str(folder)}), "已损坏")
