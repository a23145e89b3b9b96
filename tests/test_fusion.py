"""Fusion is plain code; BM25 scores are checked against the rank_bm25 reference implementation."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.retrieval.fusion import roll_up, rrf_fusion, weighted_fusion
from advisor.retrieval.lexical import LexicalIndex
from advisor.retrieval.tokens import bigram_tokens, jieba_tokens


def test_roll_up_keeps_the_best_chunk_per_record():
    assert roll_up([("a", 0.2), ("b", 0.5), ("a", 0.9)]) == {"a": 0.9, "b": 0.5}


def test_weighted_fusion_normalizes_and_weights():
    fused = weighted_fusion({"a": 0.9, "b": 0.85, "c": 0.8}, {"b": 10.0, "c": 2.0, "a": 1.0}, {}, 0.5, 0.5)
    assert [f.record_id for f in fused] == ["b", "a", "c"]
    assert fused[0].score == pytest.approx(0.5 * 0.5 + 0.5 * 1.0)
    only_dense = weighted_fusion({"a": 0.9, "b": 0.8}, {"b": 10.0}, {}, 1.0, 0.0)
    assert only_dense[0].record_id == "a"


def test_rrf_rewards_agreement():
    fused = rrf_fusion({"a": 0.9, "b": 0.8, "c": 0.1}, {"b": 5.0, "c": 4.0, "a": 0.1}, {}, k=60)
    assert fused[0].record_id == "b"


def test_bigram_tokens_cover_traditional_input():
    assert bigram_tokens("業主投訴") == bigram_tokens("业主投诉") == ["业主", "主投", "投诉"]
    assert "投诉" in jieba_tokens("業主投訴物業")


def test_bm25_ranking_matches_rank_bm25():
    rank_bm25 = pytest.importorskip("rank_bm25")
    docs = ["业主投诉物业维修不及时，重复维修", "银行理财产品收益低于预期，客户要求补偿",
            "维修站更换安全气囊后报警，客户拒付抢修费", "物业保洁不到位，绿化无人管理", "延期交房引起业主群诉"]
    queries = ["物业维修不及时", "理财收益补偿", "业主群诉交房", "安全气囊报警"]
    ours = LexicalIndex.build(docs, bigram_tokens)
    ref = rank_bm25.BM25Okapi([bigram_tokens(d) for d in docs])
    for q in queries:
        a = np.argsort(-ours.scores(q))[:2].tolist()
        b = np.argsort(-ref.get_scores(bigram_tokens(q)))[:2].tolist()
        assert a == b, q


def test_unknown_query_tokens_score_zero():
    index = LexicalIndex.build(["业主投诉"], bigram_tokens)
    assert index.scores("天气晴朗").tolist() == [0.0]
