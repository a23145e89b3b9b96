"""Index folder: build, load, manifest checks, corruption, interrupted and incremental rebuilds, bad queries."""

from __future__ import annotations

import json

import pytest
from helpers import FakeEncoder, make_corpus

from advisor import Advisor, Settings
from advisor.errors import (
    BuildLockedError,
    EmptyQueryError,
    IndexCorruptError,
    IndexMismatchError,
    IndexMissingError,
    InvalidQueryError,
)
from advisor.retrieval.index import build_index
from advisor.retrieval.query import no_close_precedent
from advisor.retrieval.store import load_index, served_files


@pytest.fixture
def settings(tmp_path):
    corpus = make_corpus(tmp_path, "re_cases.txt", "bank_case.txt", "auto_case.txt", "telecom_case.txt",
                         "guideline.txt")
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data",
                    knowledge_dir=tmp_path / "knowledge")


@pytest.fixture
def built(settings):
    build_index(settings, FakeEncoder(), progress=False)
    return settings


def test_build_writes_a_complete_folder(built):
    names = {p.name for p in built.index_dir.iterdir()}
    assert {"manifest.json", "records.jsonl", "chunks.jsonl", "dense.faiss", "embeddings.npz", "bm25",
            "report.json"} <= names
    manifest = json.loads((built.index_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["encoder"] == FakeEncoder.name and manifest["dim"] == FakeEncoder.dim
    assert manifest["n_cases"] == 6 and manifest["dense_kind"] == "flat"
    line = (built.index_dir / "records.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert "\\u" not in line and "投诉" in line  # ensure_ascii=False


def test_search_returns_whole_cases_once(built):
    advisor = Advisor.load(built, FakeEncoder())
    result = advisor.search("维修站更换安全气囊后报警还要收抢修费", top_k=5)
    ids = [h.id for h in result.hits]
    assert len(ids) == len(set(ids))
    assert result.hits[0].kind == "case" and "减免本次维修费用" in result.hits[0].handling_steps
    assert "维修" in result.hits[0].matched_terms or "气囊" in "".join(result.hits[0].matched_terms)


def test_a_search_encodes_its_query_once_although_the_plan_ranks_again(built):
    encoder = FakeEncoder()  # its cosines are low: no floor, so that the plan is built
    advisor = Advisor.load(built.model_copy(update={"no_precedent_threshold": -1.0}), encoder)
    before = encoder.calls
    result = advisor.search("维修站更换安全气囊后报警还要收抢修费", top_k=5)
    assert not result.no_close_precedent  # so the plan was built, with its second ranking of the guidelines
    assert encoder.calls - before == 1


def test_filters_restrict_kind_and_industry(built):
    advisor = Advisor.load(built, FakeEncoder())
    assert {h.kind for h in advisor.search("群诉分级", kind="guideline").hits} == {"guideline"}
    assert {h.industry for h in advisor.search("客户投诉", industry="银行").hits} == {"银行"}


def test_rebuild_with_nothing_changed_reuses_every_embedding(built):
    stats = build_index(built, FakeEncoder(), progress=False)
    assert stats.embedded == 0 and stats.reused == stats.n_chunks


def test_changed_document_only_embeds_new_chunks(built):
    (built.corpus_dir / "bank_case.txt").write_text(
        (built.corpus_dir / "bank_case.txt").read_text(encoding="utf-8") + "\n【处理结果】客户最终购买理财产品。\n",
        encoding="utf-8")
    stats = build_index(built, FakeEncoder(), progress=False)
    assert 0 < stats.embedded < stats.n_chunks


def test_missing_index_is_a_clear_error(settings):
    with pytest.raises(IndexMissingError, match="python -m advisor build"):
        load_index(settings, FakeEncoder())


def test_index_from_another_encoder_is_refused(built):
    class Other(FakeEncoder):
        name = "other/model"

    with pytest.raises(IndexMismatchError, match="python -m advisor build"):
        load_index(built, Other())


def test_index_with_another_tokenizer_is_refused(built):
    with pytest.raises(IndexMismatchError):
        load_index(built.model_copy(update={"tokenizer": "jieba"}), FakeEncoder())


def test_old_format_version_is_refused(built):
    path = built.index_dir / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format_version"] = 0
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(IndexMismatchError, match="格式版本"):
        load_index(built, FakeEncoder())


@pytest.mark.parametrize("victim", ["dense.faiss", "records.jsonl", "manifest.json"])
def test_corrupt_files_are_clear_errors(built, victim):
    (built.index_dir / victim).write_bytes(b"\x00garbage{")
    with pytest.raises(IndexCorruptError, match="重建"):
        load_index(built, FakeEncoder())


def test_truncated_records_do_not_match_the_manifest(built):
    path = built.index_dir / "records.jsonl"
    path.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="校验和不符"):
        load_index(built, FakeEncoder())


def test_every_served_file_damaged_in_turn_is_a_clear_error(built):
    """Garbling a quarter of any file (same size) is caught by the manifest's SHA-256, never a silent change."""
    for path in served_files(built.index_dir):
        original = path.read_bytes()
        quarter = max(1, len(original) // 4)
        path.write_bytes(original[:quarter] + bytes(b ^ 0x5A for b in original[quarter : 2 * quarter])
                         + original[2 * quarter :])
        try:
            with pytest.raises(IndexCorruptError, match="python -m advisor build"):
                load_index(built, FakeEncoder())
        finally:
            path.write_bytes(original)
    assert load_index(built, FakeEncoder()).manifest.n_cases == 6  # restored: loads again


def test_a_missing_or_extra_file_is_a_clear_error(built):
    extra = built.index_dir / "bm25" / "stray.npy"
    extra.write_bytes(b"x")
    with pytest.raises(IndexCorruptError, match="缺失或多余"):
        load_index(built, FakeEncoder())
    extra.unlink()
    (built.index_dir / "report.json").unlink()
    with pytest.raises(IndexCorruptError, match="缺失或多余"):
        load_index(built, FakeEncoder())


def test_a_corrupt_embedding_cache_is_discarded_with_a_warning(built):
    cache = built.index_dir / "embeddings.npz"
    cache.write_bytes(cache.read_bytes()[:100])  # truncated zip
    stats = build_index(built, FakeEncoder(), progress=False)
    cold = build_index(built.model_copy(update={"index_dir": built.index_dir.parent / "cold"}), FakeEncoder(),
                       progress=False)
    assert stats.embedded == cold.embedded > 0 and any("嵌入缓存" in w for w in stats.warnings)
    assert build_index(built, FakeEncoder(), progress=False).embedded == 0  # the new cache is sound


def test_a_second_build_while_one_runs_is_refused(built):
    import fcntl

    lock = built.index_dir.parent / f".{built.index_dir.name}.lock"
    with lock.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(BuildLockedError, match="另一个构建"):
            build_index(built, FakeEncoder(), progress=False)


def test_folders_left_by_a_killed_build_are_removed(built):
    leftover = built.index_dir.parent / f".{built.index_dir.name}.tmp-99999"
    (leftover / "bm25").mkdir(parents=True)
    old = built.index_dir.parent / f".{built.index_dir.name}.old-99998"
    old.mkdir()
    build_index(built, FakeEncoder(), progress=False)
    assert not leftover.exists() and not old.exists()


def test_unreadable_and_oversize_files_are_skipped_and_listed(built):
    import os

    secret = built.corpus_dir / "secret.txt"
    secret.write_text("客户投诉案例", encoding="utf-8")
    big = built.corpus_dir / "big.txt"
    big.write_text("投诉" * 600_000, encoding="utf-8")  # 3.6 MB
    os.chmod(secret, 0)
    try:
        stats = build_index(built.model_copy(update={"max_file_mb": 1.0}), FakeEncoder(), progress=False)
    finally:
        os.chmod(secret, 0o600)
    report = load_index(built, FakeEncoder()).report
    skipped = {s["file"]: s["reason"] for s in report.skipped}
    assert "文件过大" in skipped["big.txt"]
    assert any("big.txt" in w for w in stats.warnings)
    if not os.access(secret, os.R_OK) or os.geteuid() != 0:  # root reads anything: then only the size check
        assert "无法读取" in skipped.get("secret.txt", "无法读取")


def test_unreadable_file_never_stops_the_build(built, monkeypatch):
    from pathlib import Path

    original = Path.read_bytes

    def deny(self):
        if self.name == "bank_case.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    stats = build_index(built, FakeEncoder(), progress=False)
    report = load_index(built, FakeEncoder()).report
    assert any(s["file"] == "bank_case.txt" and "无法读取" in s["reason"] for s in report.skipped)
    assert stats.n_cases > 0


def test_interrupted_rebuild_leaves_the_old_index_serving(built, monkeypatch):
    before = (built.index_dir / "manifest.json").read_text(encoding="utf-8")

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("advisor.retrieval.index.LexicalIndex.build", boom)
    with pytest.raises(RuntimeError):
        build_index(built, FakeEncoder(), progress=False)
    assert (built.index_dir / "manifest.json").read_text(encoding="utf-8") == before
    assert not list(built.index_dir.parent.glob(".index.tmp-*"))
    assert Advisor.load(built, FakeEncoder()).search("保险收益").hits


@pytest.mark.parametrize("query", ["", "   \n\t ", "\x00\x01\x02"])
def test_empty_queries_raise(built, query):
    with pytest.raises(EmptyQueryError):
        Advisor.load(built, FakeEncoder()).search(query)


def test_binary_query_is_refused(built):
    with pytest.raises(InvalidQueryError):
        Advisor.load(built, FakeEncoder()).search("".join(chr(i) for i in range(1, 32)) * 20 + "投诉")


def test_long_query_is_truncated_with_a_warning(built):
    result = Advisor.load(built, FakeEncoder()).search("业主投诉维修不及时" * 2500)
    assert len(result.query) == built.max_query_chars
    assert result.warnings and "截取" in result.warnings[0]


def test_control_characters_are_stripped(built):
    result = Advisor.load(built, FakeEncoder()).search("保险\x07收益\x1b低")
    assert result.query == "保险 收益 低"


@pytest.mark.parametrize(
    "cosine, query, cue, flagged",
    [
        (0.86, "业主投诉漏水", False, True),  # below the floor, whatever the wording
        (0.87, "业主投诉漏水", False, False),  # complaint vocabulary: the floor is enough
        (0.87, "车半路趴窝了", True, True),  # only a thesaurus cue: needs the middle bar
        (0.89, "车半路趴窝了", True, False),
        (0.89, "今天心情不错", False, True),  # nothing marks a complaint: needs the highest bar
        (0.91, "今天心情不错", False, False),
        (0.87, "银行周六几点开门", False, True),  # an industry noun alone is not complaint vocabulary
    ],
)
def test_no_close_precedent_bars(cosine, query, cue, flagged):
    assert no_close_precedent(cosine, query, cue, Settings()) is flagged


@pytest.mark.parametrize(
    "cosine, question, flagged",
    [
        (0.87, 0.92, False),  # a terse note close to a staff question is in the domain
        (0.87, 0.90, True),  # not close enough: the cue bar still applies
        (0.86, 0.95, True),  # the floor holds whatever the questions say
    ],
)
def test_a_close_similar_question_marks_the_domain(cosine, question, flagged):
    assert no_close_precedent(cosine, "家里上网老掉线 时好时坏", True, Settings(), question) is flagged
