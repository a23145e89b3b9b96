"""Tests for the feedback store: round trip, PII masking, WAL, concurrent writers, stats."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from advisor.errors import FeedbackUnavailableError
from advisor.feedback.store import feedback_db, feedback_stats, record_feedback
from advisor.settings import Settings


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "nested" / "feedback.sqlite3"


def rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT id, created_at, query, case_id, rank, helpful FROM feedback ORDER BY id"
        ).fetchall()


def test_round_trip_creates_folder_and_masks_query(db: Path) -> None:
    when = datetime(2024, 5, 13, 19, 14, 4, tzinfo=timezone(timedelta(hours=8)))
    row_id = record_feedback(db, "业主13812345678投诉30多户漏水", "case-1", 2, True, when=when)
    assert db.exists()
    assert rows(db) == [
        (row_id, "2024-05-13T11:14:04+00:00", "业主138****5678投诉30多户漏水", "case-1", 2, 1)
    ]


def test_default_time_is_utc_now(db: Path) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    record_feedback(db, "q", "c", 1, False)
    created = datetime.fromisoformat(rows(db)[0][1])
    assert created.utcoffset() == timedelta(0)
    assert before <= created <= datetime.now(UTC)
    assert rows(db)[0][5] == 0


def test_rejects_bad_input(db: Path) -> None:
    with pytest.raises(ValueError):
        record_feedback(db, "q", " ", 1, True)
    with pytest.raises(ValueError):
        record_feedback(db, "q", "c", 0, True)


def test_feedback_db_lives_in_the_data_folder(tmp_path: Path) -> None:
    assert feedback_db(Settings(data_dir=tmp_path)) == tmp_path / "feedback.sqlite3"


def test_full_width_and_spaced_personal_data_is_masked_before_storing(db: Path) -> None:
    record_feedback(db, "客户１３８１２３４５６７８，身份证110101 19900307 123X，邮箱 li＠qq.com，车牌京A12345", "c", 1, True)
    stored = rows(db)[0][2]
    for raw in ("１３８１２３４５６７８", "19900307", "li＠qq.com", "京A12345"):
        assert raw not in stored
    assert "客户" in stored


def test_unwritable_data_folder_refuses_votes_with_a_named_error(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")  # mkdir fails even for root
    with pytest.raises(FeedbackUnavailableError):
        record_feedback(blocker / "feedback.sqlite3", "q", "c", 1, True)


def test_read_only_database_refuses_votes_and_stats_still_read(db: Path, monkeypatch) -> None:
    import advisor.feedback.store as store

    record_feedback(db, "q", "c", 1, True)

    def read_only(*_args):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(store, "_insert", read_only)
    with pytest.raises(FeedbackUnavailableError, match="反馈未能保存"):
        record_feedback(db, "q2", "c", 1, True)
    assert feedback_stats(db).total == 1


def test_concurrent_writes_all_land(db: Path) -> None:
    threads, per_thread = 8, 25
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def write(n: int) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                record_feedback(db, f"查询{n}-{i}", f"case-{n % 3}", i + 1, i % 2 == 0)
        except BaseException as exc:  # surfaced below; a thread's exception is otherwise lost
            errors.append(exc)

    workers = [threading.Thread(target=write, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    assert len(rows(db)) == threads * per_thread == 200
    assert len({r[0] for r in rows(db)}) == 200
    assert feedback_stats(db).total == 200


def test_stats_ordering(db: Path) -> None:
    votes = {
        "a": [True, True, True],
        "b": [True, False],
        "c": [False, False, True, False],
        "d": [True],
        "e": [False],
    }
    for case, helpful in votes.items():
        for rank, h in enumerate(helpful, 1):
            record_feedback(db, "q", case, rank, h)
    stats = feedback_stats(db, limit=3)
    assert (stats.total, stats.helpful, stats.not_helpful) == (11, 6, 5)
    by_id = {c.case_id: c for c in stats.cases}
    assert (by_id["c"].helpful, by_id["c"].not_helpful, by_id["c"].total, by_id["c"].ratio) == (1, 3, 4, 0.25)
    assert [c.case_id for c in stats.cases] == ["c", "a", "b", "d", "e"]  # most votes first
    # ratio first; ties go to the case with more votes; limit applies
    assert [c.case_id for c in stats.most_helpful] == ["a", "d", "b"]
    assert [c.case_id for c in stats.least_helpful] == ["e", "c", "b"]
    assert all(c.not_helpful for c in feedback_stats(db).least_helpful)
    assert "a" not in {c.case_id for c in feedback_stats(db).least_helpful}


def test_stats_without_database(tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite3"
    stats = feedback_stats(missing)
    assert stats.total == 0 and stats.most_helpful == [] and not missing.exists()
