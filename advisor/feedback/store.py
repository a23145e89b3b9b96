"""Staff feedback on results (有帮助 / 没帮助), stored in SQLite with personal data masked."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from advisor.errors import FeedbackUnavailableError
from advisor.settings import Settings
from advisor.text.pii import mask_pii

DB_NAME = "feedback.sqlite3"
BUSY_TIMEOUT_MS = 10_000
MAX_STORED_QUERY_CHARS = 2_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    query TEXT NOT NULL,
    case_id TEXT NOT NULL,
    rank INTEGER NOT NULL,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1))
);
CREATE INDEX IF NOT EXISTS feedback_case_id ON feedback (case_id);
"""


class CaseFeedback(BaseModel):
    """Feedback counts for one case."""

    model_config = ConfigDict(extra="forbid")

    case_id: str
    helpful: int
    not_helpful: int
    total: int
    ratio: float


class FeedbackStats(BaseModel):
    """What `feedback_stats` returns: totals and the most and least helpful cases."""

    model_config = ConfigDict(extra="forbid")

    total: int = 0
    helpful: int = 0
    not_helpful: int = 0
    cases: list[CaseFeedback] = Field(default_factory=list)
    most_helpful: list[CaseFeedback] = Field(default_factory=list)
    least_helpful: list[CaseFeedback] = Field(default_factory=list)


def feedback_db(settings: Settings) -> Path:
    """Where the feedback database lives: `settings.data_dir / "feedback.sqlite3"`."""
    return settings.data_dir / DB_NAME


# --------------------------------------------------------------------------- masking

@contextmanager
def _connect(db_path: Path) -> Iterator[sqlite3.Connection]:
    # A fresh connection per call: Streamlit serves each session from its own thread.
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _prepare(conn)
        yield conn
    finally:
        conn.close()


def _prepare(conn: sqlite3.Connection, attempts: int = 50) -> None:
    """WAL mode and the schema. Switching to WAL does not wait for a busy database (busy_timeout does not
    cover it), so threads creating a new database at once retry here instead of failing."""
    for attempt in range(attempts):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.executescript(_SCHEMA)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.01 * (attempt + 1))


def _read(db_path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of a query on a read-only connection, so that statistics work in a read-only data folder."""
    for mode in ("ro", "ro&immutable=1"):
        try:
            conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                return conn.execute(sql, params).fetchall()
            finally:
                conn.close()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return []
            error = exc
        except sqlite3.DatabaseError as exc:  # not a database at all: retrying read-only will not help
            raise FeedbackUnavailableError(_damaged(db_path)) from exc
    raise FeedbackUnavailableError(f"反馈数据无法读取：{db_path}（{type(error).__name__}）") from error


def _damaged(db_path: Path) -> str:
    return f"反馈数据库 {db_path} 已损坏（不是有效的 SQLite 文件），请将其移走后重试"


def _utc_iso(when: datetime | None) -> str:
    when = when or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)  # naive datetimes are taken to be UTC already
    return when.astimezone(UTC).isoformat(timespec="seconds")


def record_feedback(
    db_path: Path,
    query: str,
    case_id: str,
    rank: int,
    helpful: bool,
    when: datetime | None = None,
) -> int:
    """Store one 有帮助 / 没帮助 vote; the query is masked before it is written.

    Args:
        db_path: The SQLite file (created with its folder if missing).
        query: The query the result was shown for.
        case_id: Id of the case (or guideline) voted on.
        rank: Position of the result in the list (1 = first).
        helpful: True for 有帮助, False for 没帮助.
        when: Time of the vote; now (UTC) if not given.

    Returns:
        The id of the stored row.

    Raises:
        ValueError: `case_id` is empty or `rank` is below 1.
        FeedbackUnavailableError: the database cannot be written (read-only or full folder).
    """
    if not case_id.strip():
        raise ValueError("case_id must not be empty")
    if rank < 1:
        raise ValueError("rank starts at 1")
    row = (_utc_iso(when), _storable(query), case_id, int(rank), int(bool(helpful)))
    try:
        return _insert(Path(db_path), row)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError):
            raise FeedbackUnavailableError(_unwritable(db_path, exc)) from exc
        raise FeedbackUnavailableError(_damaged(db_path)) from exc
    except (sqlite3.Error, OSError) as exc:
        raise FeedbackUnavailableError(_unwritable(db_path, exc)) from exc


def _unwritable(db_path: Path, exc: BaseException) -> str:
    return f"反馈未能保存：数据目录 {Path(db_path).parent} 不可写或已满（{type(exc).__name__}）"


def _storable(query: str) -> str:
    """The query as stored: personal data masked, capped in length, lone surrogates (undecodable bytes
    passed on by a terminal) replaced so that SQLite's UTF-8 encoding cannot fail."""
    text = mask_pii(query)[:MAX_STORED_QUERY_CHARS]
    return text.encode("utf-8", "replace").decode("utf-8")


def _insert(db_path: Path, row: tuple) -> int:
    with _connect(db_path) as conn:
        # BEGIN IMMEDIATE takes the write lock up front, so concurrent writers wait instead of failing.
        conn.execute("BEGIN IMMEDIATE")
        try:
            cur = conn.execute(
                "INSERT INTO feedback (created_at, query, case_id, rank, helpful) VALUES (?, ?, ?, ?, ?)", row
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return int(cur.lastrowid)


def feedback_stats(db_path: Path, limit: int = 10) -> FeedbackStats:
    """Count votes per case and rank the cases staff found most and least helpful.

    Args:
        db_path: The SQLite file; a missing file means no feedback yet.
        limit: How many cases each ranking lists.

    Returns:
        Totals, every case's counts (most voted first), `most_helpful` (cases with a helpful vote,
        highest ratio first) and `least_helpful` (cases with a 没帮助 vote, lowest ratio first);
        ties go to the case with more votes.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        return FeedbackStats()
    rows = _read(db_path, "SELECT case_id, SUM(helpful), SUM(1 - helpful), COUNT(*) FROM feedback GROUP BY case_id")
    cases = [
        CaseFeedback(case_id=c, helpful=h, not_helpful=n, total=t, ratio=round(h / t, 4))
        for c, h, n, t in rows
    ]
    cases.sort(key=lambda c: (-c.total, c.case_id))
    most = sorted((c for c in cases if c.helpful), key=lambda c: (-c.ratio, -c.total, c.case_id))
    least = sorted((c for c in cases if c.not_helpful), key=lambda c: (c.ratio, -c.total, c.case_id))
    return FeedbackStats(
        total=sum(c.total for c in cases),
        helpful=sum(c.helpful for c in cases),
        not_helpful=sum(c.not_helpful for c in cases),
        cases=cases,
        most_helpful=most[:limit],
        least_helpful=least[:limit],
    )


def helpful_queries(db_path: Path, min_votes: int = 1) -> list[tuple[str, str, int]]:
    """(query, case_id, net votes) for queries voted 有帮助 on a result more often than 没帮助.

    These are the staff's own words for a record: the best candidates for its similar questions.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        return []
    rows = _read(db_path, "SELECT query, case_id, SUM(helpful) - SUM(1 - helpful) AS net FROM feedback "
                          "GROUP BY query, case_id HAVING net >= ? ORDER BY case_id, net DESC, query",
                 (max(1, min_votes),))
    return [(q, c, int(n)) for q, c, n in rows]
