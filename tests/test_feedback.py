"""Tests for the feedback store: round trip, PII masking, WAL, concurrent writers, stats."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from advisor.feedback.store import default_db_path, feedback_stats, mask_pii, record_feedback
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


def test_default_db_path(tmp_path: Path) -> None:
    assert default_db_path(Settings(data_dir=tmp_path)) == tmp_path / "feedback.sqlite3"


def test_wal_mode_is_on(db: Path) -> None:
    record_feedback(db, "q", "c", 1, True)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("手机13812345678", "手机138****5678"),
        ("手机138-1234-5678", "手机138****5678"),
        ("手机+86 138 1234 5678", "手机138****5678"),
        ("座机0755-12345678", "座机0755-****5678"),
        ("座机(010)87654321转123", "座机(010)****4321转123"),
        ("身份证110101199003071234", "身份证110***********1234"),
        ("身份证11010119900307123X", "身份证110***********123X"),
        ("卡号6222021234567890", "卡号6222********7890"),
        ("卡号6222 0212 3456 7890 123", "卡号6222***********0123"),
        ("卡号6222-0212-3456-7890", "卡号6222********7890"),
        ("邮箱zhang.san@example.com", "邮箱z***@example.com"),
    ],
)
def test_mask_pii(text: str, masked: str) -> None:
    assert mask_pii(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "30多户业主拉横幅",
        "赔偿要求2万元",
        "24小时内回复",
        "2019-05-13 11:14:04",
        "20190513",
        "3个工作日，7工作日",
        "客服热线955XX",
        "400-820-8820",
        "第12345号订单",
        "房款1200000元",
    ],
)
def test_ordinary_numbers_are_not_masked(text: str) -> None:
    assert mask_pii(text) == text


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
