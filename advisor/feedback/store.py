"""Staff feedback on results (有帮助 / 没帮助), stored in SQLite with personal data masked."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from advisor.settings import Settings

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


def default_db_path(settings: Settings) -> Path:
    """Where the feedback database lives: `settings.data_dir / "feedback.sqlite3"`."""
    return settings.data_dir / DB_NAME


# --------------------------------------------------------------------------- masking

_SEP = r"[ \-]"
# Order matters: the longest identifiers go first so a mobile pattern never bites into an ID or card.
_ID_CARD = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])"
)
_BANK_CARD = re.compile(
    rf"(?<!\d)(?:\d{{16,19}}|\d{{4}}(?:{_SEP}\d{{4}}){{3}}(?:{_SEP}\d{{1,3}})?|\d{{6}}{_SEP}\d{{10,13}})(?!\d)"
)
_MOBILE = re.compile(rf"(?<!\d)(?:(?:\+|00)?86{_SEP}?)?1[3-9]\d(?:{_SEP}?\d{{4}}){{2}}(?!\d)")
_LANDLINE = re.compile(
    r"(?<![\d\-])(?P<area>(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3})[ \-]?)(?P<local>[1-9]\d{6,7})(?P<ext>(?:-|转)\d{1,5})?(?!\d)"
)
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]{1,64})@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")


def _keep(digits: str, head: int, tail: int) -> str:
    return digits[:head] + "*" * (len(digits) - head - tail) + digits[-tail:]


def _mask_id(m: re.Match[str]) -> str:
    return _keep(m.group(0), 3, 4)


def _mask_card(m: re.Match[str]) -> str:
    return _keep(re.sub(r"\D", "", m.group(0)), 4, 4)


def _mask_mobile(m: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", m.group(0))[-11:]
    return _keep(digits, 3, 4)


def _mask_landline(m: re.Match[str]) -> str:
    return m.group("area") + _keep(m.group("local"), 0, 4) + (m.group("ext") or "")


def _mask_email(m: re.Match[str]) -> str:
    return f"{m.group(1)[:1]}***@{m.group(2)}"


def mask_pii(text: str) -> str:
    """Mask phone numbers, ID-card and bank-card numbers and e-mail addresses.

    A short prefix/suffix stays visible so staff can still tell records apart (138****5678);
    ordinary numbers such as 30多户, 2万元, 24小时 or dates are left alone.

    Args:
        text: Free text, e.g. a staff query.

    Returns:
        The text with personal identifiers masked.
    """
    text = _ID_CARD.sub(_mask_id, text)
    text = _BANK_CARD.sub(_mask_card, text)
    text = _MOBILE.sub(_mask_mobile, text)
    text = _LANDLINE.sub(_mask_landline, text)
    return _EMAIL.sub(_mask_email, text)


# --------------------------------------------------------------------------- storage


@contextmanager
def _connect(db_path: Path) -> Iterator[sqlite3.Connection]:
    # A fresh connection per call: Streamlit serves each session from its own thread.
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(_SCHEMA)
        yield conn
    finally:
        conn.close()


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
    """
    if not case_id.strip():
        raise ValueError("case_id must not be empty")
    if rank < 1:
        raise ValueError("rank starts at 1")
    row = (_utc_iso(when), mask_pii(query)[:MAX_STORED_QUERY_CHARS], case_id, int(rank), int(bool(helpful)))
    with _connect(Path(db_path)) as conn:
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
    with _connect(db_path) as conn:
        rows = conn.execute(
            "SELECT case_id, SUM(helpful), SUM(1 - helpful), COUNT(*) FROM feedback GROUP BY case_id"
        ).fetchall()
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
    with _connect(db_path) as conn:
        rows = conn.execute(
            "SELECT query, case_id, SUM(helpful) - SUM(1 - helpful) AS net FROM feedback "
            "GROUP BY query, case_id HAVING net >= ? ORDER BY case_id, net DESC, query",
            (max(1, min_votes),),
        ).fetchall()
    return [(q, c, int(n)) for q, c, n in rows]
