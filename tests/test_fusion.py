"""Fusion is plain code; BM25 scores are checked against the rank_bm25 reference implementation."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.retrieval.fusion import Weights, roll_up, rrf_fusion, weighted_fusion, zscores
from advisor.retrieval.lexical import LexicalIndex
from advisor.retrieval.tokens import bigram_tokens, jieba_tokens


def test_roll_up_keeps_the_best_chunk_per_record():
    assert roll_up([("a", 0.2), ("b", 0.5), ("a", 0.9)]) == {"a": 0.9, "b": 0.5}


def test_zscores_measure_how_far_a_record_stands_out():
    z = zscores({"a": 1.0, "b": 2.0, "c": 3.0})
    assert z["b"] == pytest.approx(0.0) and z["c"] == pytest.approx(-z["a"]) and z["c"] > 1
    assert zscores({"a": 0.5, "b": 0.5}) == {"a": 0.0, "b": 0.0}


def test_weighted_fusion_standardises_and_weights():
    fused = weighted_fusion({"a": 0.9, "b": 0.85, "c": 0.8}, {"b": 10.0, "c": 2.0, "a": 1.0}, {},
                            Weights(0.5, 0.5, 0.0))
    assert [f.record_id for f in fused] == ["b", "a", "c"]
    z_dense, z_lex = zscores({"a": 0.9, "b": 0.85, "c": 0.8}), zscores({"b": 10.0, "c": 2.0, "a": 1.0})
    assert fused[0].score == pytest.approx(0.5 * z_dense["b"] + 0.5 * z_lex["b"])
    only_dense = weighted_fusion({"a": 0.9, "b": 0.8}, {"b": 10.0}, {}, Weights(1.0, 0.0, 0.0))
    assert only_dense[0].record_id == "a"


def test_questions_only_lift_records_whose_question_stands_out():
    dense = {f"r{i}": 0.80 + 0.001 * i for i in range(10)}
    lexical = {f"r{i}": float(i) for i in range(10)}
    # r9 is best on both text signals and has no curated question; r0 has one that barely stands out.
    flat_questions = {f"q{i}": 0.90 for i in range(20)} | {"r0": 0.905}
    fused = weighted_fusion(dense, lexical, flat_questions, Weights(0.5, 0.5, 0.75, lift_from=2.0))
    assert fused[0].record_id == "r9"
    # A question that clearly stands out lifts its record above the best text match.
    strong = {f"q{i}": 0.90 for i in range(20)} | {"r0": 0.99}
    fused = weighted_fusion(dense, lexical, strong, Weights(0.5, 0.5, 3.0, lift_from=2.0))
    assert fused[0].record_id == "r0"
    # A record missing from the question signal loses nothing.
    without = weighted_fusion(dense, lexical, {}, Weights(0.5, 0.5, 0.75))
    assert {f.record_id: f.score for f in without}["r9"] == pytest.approx(
        {f.record_id: f.score for f in weighted_fusion(dense, lexical, flat_questions, Weights(0.5, 0.5, 0.75))}["r9"])


def test_secondary_records_pay_the_penalty():
    fused = weighted_fusion({"essay": 0.9, "case": 0.88}, {"essay": 5.0, "case": 4.9}, {}, Weights(0.5, 0.5, 0.0,
                            secondary_penalty=5.0), secondary=frozenset({"essay"}))
    assert fused[0].record_id == "case"


def test_rrf_rewards_agreement():
    fused = rrf_fusion({"a": 0.9, "b": 0.8, "c": 0.1}, {"b": 5.0, "c": 4.0, "a": 0.1}, {}, Weights(1.0, 1.0, 0.0), k=60)
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


def test_an_essay_gives_way_to_a_rule_and_a_mini_case_only_to_a_close_case():
    from types import SimpleNamespace

    from advisor.retrieval.engine import SearchEngine
    from advisor.retrieval.fusion import Fused
    from advisor.settings import Settings

    engine = SearchEngine.__new__(SearchEngine)
    engine.settings = Settings(precedent_margin=2.0, candidate_depth=60)
    engine.records = {i: SimpleNamespace(industry="房地产", record_type=t)
                      for i, t in (("essay", "essay"), ("rule", "rules"), ("mini", "case_list"), ("case", "case"))}
    engine._secondary = frozenset({"essay", "mini"})
    engine._penalised = frozenset({"essay"})
    engine._answers = frozenset({"rule", "case"})
    ranked = [Fused("essay", 5.0, 0, 0, 0), Fused("rule", 3.5, 0, 0, 0), Fused("mini", 3.0, 0, 0, 0),
              Fused("case", 1.5, 0, 0, 0)]
    order = [f.record_id for f in engine._precedents_first(ranked, "房地产")]
    assert order == ["rule", "essay", "mini", "case"]  # the rule is within 2.0 of the essay; the case is not
    close = [Fused("mini", 3.0, 0, 0, 0), Fused("case", 2.2, 0, 0, 0)]
    assert [f.record_id for f in engine._precedents_first(close, "房地产")] == ["case", "mini"]
    far = [Fused("mini", 3.0, 0, 0, 0), Fused("case", 1.5, 0, 0, 0)]
    assert [f.record_id for f in engine._precedents_first(far, "房地产")] == ["mini", "case"]


def test_an_essay_stays_above_a_case_that_reads_much_further_from_the_query():
    from types import SimpleNamespace

    from advisor.retrieval.engine import SearchEngine
    from advisor.retrieval.fusion import Fused
    from advisor.settings import Settings

    engine = SearchEngine.__new__(SearchEngine)
    engine.settings = Settings(precedent_margin=2.0, candidate_depth=60)
    engine.records = {i: SimpleNamespace(industry="电信", record_type=i) for i in ("article", "case")}
    engine._secondary = engine._penalised = frozenset({"article"})
    engine._answers = frozenset({"case"})
    # A case lifted by a curated question, but reading further from the query than the article does.
    far = [Fused("article", 4.5, 0.910, 21.0, 0), Fused("case", 3.9, 0.897, 7.0, 0.91)]
    assert [f.record_id for f in engine._precedents_first(far, "电信")] == ["article", "case"]
    near = [Fused("article", 4.5, 0.910, 21.0, 0), Fused("case", 3.9, 0.905, 7.0, 0.91)]
    assert [f.record_id for f in engine._precedents_first(near, "电信")] == ["case", "article"]


def test_an_essay_makes_way_for_a_case_of_the_complaints_industry_which_takes_its_place():
    from types import SimpleNamespace

    from advisor.retrieval.engine import SearchEngine
    from advisor.retrieval.fusion import Fused
    from advisor.settings import Settings

    engine = SearchEngine.__new__(SearchEngine)
    engine.settings = Settings(precedent_margin=2.0, candidate_depth=60)
    kinds = {"essay": ("酒店", "essay"), "other": ("通用", "case"), "hotel": ("酒店", "case_list"), "far": ("酒店", "case")}
    engine.records = {i: SimpleNamespace(industry=ind, record_type=t) for i, (ind, t) in kinds.items()}
    engine._secondary = frozenset({"essay", "hotel"})
    engine._penalised = frozenset({"essay"})
    engine._answers = frozenset({"other", "far"})
    # A guest's first-person account reads closest (0.914); the hotel's mini-case of the same problem reads
    # 0.03 further, more than an article would be allowed, but an essay is no precedent at all.
    ranked = [Fused("essay", 4.2, 0.914, 8.7, 0), Fused("other", 3.0, 0.880, 2.0, 0),
              Fused("hotel", 2.9, 0.884, 8.8, 0), Fused("far", 0.5, 0.900, 1.0, 0)]
    order = [f.record_id for f in engine._precedents_first(ranked, "酒店")]
    assert order == ["hotel", "essay", "other", "far"]  # the match takes the essay's place; the rest keep theirs
    assert sorted(order) == sorted(f.record_id for f in ranked)
    # Of an unknown industry, the essay stays where it is: no case reads as close.
    assert [f.record_id for f in engine._precedents_first(ranked, None)][0] == "essay"


def test_a_script_collection_gives_way_to_a_rule_of_the_complaints_industry_however_the_two_read():
    from types import SimpleNamespace

    from advisor.retrieval.engine import SearchEngine
    from advisor.retrieval.fusion import Fused
    from advisor.settings import Settings

    engine = SearchEngine.__new__(SearchEngine)
    engine.settings = Settings(precedent_margin=2.0, candidate_depth=60)
    kinds = {"script": ("房地产", "script"), "rule": ("房地产", "rules"), "case": ("物业", "case")}
    engine.records = {i: SimpleNamespace(industry=ind, record_type=t) for i, (ind, t) in kinds.items()}
    engine._secondary = frozenset({"script"})
    engine._penalised = frozenset({"script"})
    engine._answers = frozenset({"rule", "case"})
    # 交房推迟仨月 客户要违约金: a sales-objection script reads 0.03 closer than the developer's rule for late delivery.
    ranked = [Fused("script", 3.5, 0.910, 6.0, 0), Fused("rule", 3.2, 0.880, 5.0, 0), Fused("case", 1.0, 0.870, 1.0, 0)]
    assert [f.record_id for f in engine._precedents_first(ranked, "房地产")] == ["rule", "script", "case"]
    # Of an unknown industry, nothing displaces it.
    assert [f.record_id for f in engine._precedents_first(ranked, None)][0] == "script"


def test_questions_about_classification_ask_about_the_rules():
    from advisor.retrieval.query import asks_about_rules

    assert asks_about_rules("酒店的投诉按什么分类？") and asks_about_rules("这种投诉算哪一级，分级标准是什么")
    assert not asks_about_rules("客人说房间里有蟑螂要求换房")
    # what a procedure asks for, and Cantonese 几耐 (多久)
    assert asks_about_rules("客户让家属代他来投诉保单问题，需要什么手续")
    assert asks_about_rules("投保人来投诉要登记哪些个人信息") and asks_about_rules("物管投诉一般要几耐处理完")
    assert not asks_about_rules("过户手续办了三个月还没办下来，业主要求退定金")
    assert not asks_about_rules("客户说手续费收得太高，要求退还")
    # which class a complaint falls in; the first move of a procedure
    assert asks_about_rules("饭店客人投诉一般分几类,服务员态度差算哪种")
    assert asks_about_rules("客人说在房间里丢了东西,前台第一步该怎么做")
    assert not asks_about_rules("客人说在房间里丢了东西,要求酒店赔偿")
    # what kind a complaint is counted as
    assert asks_about_rules("营业厅员工态度差被投诉属于什么类别") and asks_about_rules("电费算错被投诉,归到哪种投诉")
    assert asks_about_rules("客户打电话咨询电价,怎么界定算不算投诉")
    assert not asks_about_rules("营业厅员工态度差,客户要求道歉")


def test_a_curated_question_lifts_no_record_of_another_industry():
    from advisor.retrieval.fusion import Weights, weighted_fusion

    dense = {"bank_case": 0.88, "estate_rule": 0.87, "other": 0.86, "x": 0.85, "y": 0.84}
    lexical = {"bank_case": 7.0, "estate_rule": 7.0, "other": 1.0}
    questions = {"estate_rule": 0.95, "a": 0.80, "b": 0.81, "c": 0.79, "d": 0.80, "e": 0.80, "f": 0.81, "g": 0.79}
    lifted = weighted_fusion(dense, lexical, questions, Weights())
    assert lifted[0].record_id == "estate_rule"
    gated = weighted_fusion(dense, lexical, questions, Weights(), unliftable=frozenset({"estate_rule"}))
    assert gated[0].record_id == "bank_case"


def _engine_with(records):
    """A search engine holding only `records` (id -> industry), for its priors."""
    from advisor.models import Case
    from advisor.retrieval.engine import SearchEngine
    from advisor.settings import Settings

    engine = SearchEngine.__new__(SearchEngine)
    engine.settings = Settings()
    engine.records = {rid: Case(id=rid, title=rid, industry=ind, text=rid) for rid, ind in records.items()}
    engine._rules = frozenset()
    engine._cases = frozenset(engine.records)
    engine._secondary = engine._penalised = engine._answers = frozenset()
    return engine


def test_a_related_industrys_record_drops_only_when_the_query_names_its_industry_twice():
    from advisor.retrieval.fusion import Fused

    engine = _engine_with({"gas": "燃气", "water": "供水", "hotel": "酒店"})
    fused = [Fused("gas", 1.3, 0.9, 1.0, 0.0), Fused("water", 1.0, 0.9, 1.0, 0.0), Fused("hotel", 1.2, 0.9, 1.0, 0.0)]
    sure = [f.record_id for f in engine._priors(fused, "供水", False, strength=2)]
    unsure = [f.record_id for f in engine._priors(fused, "供水", False, strength=1)]
    assert sure[0] == "water" and unsure[0] == "gas"  # 燃气 is related to 供水: a little lower, only when sure
    assert sure[-1] == unsure[-1] == "hotel"  # an unrelated industry drops either way


def test_a_rule_question_prefers_the_rules_of_the_industry_it_names_to_general_ones():
    from advisor.retrieval.fusion import Fused

    engine = _engine_with({"general": "通用", "decoration": "装修", "case": "装修"})
    engine._rules = frozenset({"general", "decoration"})
    engine._cases = frozenset({"case"})
    fused = [Fused("general", 1.3, 0.9, 1.0, 0.0), Fused("decoration", 1.0, 0.9, 1.0, 0.0), Fused("case", 2.0, 0.9, 1.0, 0.0)]
    asked = [f.record_id for f in engine._priors(fused, "装修", True)]
    told = [f.record_id for f in engine._priors(fused, "装修", False)]
    unread = [f.record_id for f in engine._priors(fused, None, True)]
    assert asked[:2] == ["decoration", "general"]  # the rules of the industry named first, then the general rules
    assert told[0] == "case"  # a story of an incident: no rule bonus at all
    assert unread[:2] == ["general", "decoration"]  # no industry read: the rules keep their text order
