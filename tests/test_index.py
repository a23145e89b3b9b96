"""Index folder: build, load, manifest checks, corruption, interrupted and incremental rebuilds, bad queries."""

from __future__ import annotations

import json

import pytest
from helpers import FakeEncoder, make_corpus

from advisor import Advisor, Settings
from advisor.errors import (
    EmptyQueryError,
    IndexCorruptError,
    IndexMismatchError,
    IndexMissingError,
    InvalidQueryError,
)
from advisor.retrieval.index import build_index, load_index
from advisor.retrieval.query import no_close_precedent


@pytest.fixture
def settings(tmp_path):
    corpus = make_corpus(tmp_path, "re_cases.txt", "bank_case.txt", "auto_case.txt", "telecom_case.txt",
                         "guideline.txt")
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data")


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
    with pytest.raises(IndexCorruptError, match="不一致"):
        load_index(built, FakeEncoder())


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
