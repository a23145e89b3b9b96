"""Integration on the real seed corpus with the embedded encoder (index built once per session)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import KNOWLEDGE

from advisor import Settings
from advisor.corpus.pipeline import build_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
NOISE = ("下载文档", "www.", "催天下", "久久", "人妻", "ICP备", "版权所有", "文档页数", "相关范文推荐",
         "SAT-QT", "内部资料严禁外传", "课程大纲", "翅膀", "母爱", "照搬照抄", "发表时间", "??")
# Held-out query sets (tests/data) and the floors under their Recall@1 / Recall@5 (README figures).
HELD_OUT_FLOORS = {
    "heldout_queries.jsonl": (0.86, 0.95),
    "heldout2_queries.jsonl": (0.75, 0.95),
    "heldout3_queries.jsonl": (0.85, 0.95),
    "heldout4_queries.jsonl": (0.85, 0.95),
    "heldout5_queries.jsonl": (0.90, 0.95),
}

pytestmark = pytest.mark.integration


@pytest.fixture(scope="session")
def corpus():
    return build_corpus(CORPUS)


@pytest.fixture(scope="session")
def advisor(seed_advisor):
    return seed_advisor


def test_no_record_contains_noise(corpus):
    for record in [*corpus.cases, *corpus.guidelines]:
        for noise in NOISE:
            assert noise not in record.text, (record.title, noise)


def test_triplicated_compilation_is_merged_with_every_source(corpus):
    re_cases = [c for c in corpus.cases if c.format == "labelled" and len({s.file for s in c.sources}) == 3]
    assert len(re_cases) == 10
    for case in re_cases:
        files = sorted({s.file for s in case.sources})
        assert files == ["000_750d983955acc44f.txt", "001_6b8e38dafb8a237f.txt", "002_a17a0dff6b6ac628.txt"]
    promise = next(c for c in re_cases if "销售承诺未兑现" in c.title)
    assert promise.management_thinking[0].startswith("严控承诺内容")
    assert "5500元/㎡" in promise.facts


def test_source_offsets_cite_the_files(corpus):
    for case in corpus.cases[:20]:
        for span in case.sources:
            text = (CORPUS / span.file).read_text(encoding="utf-8")
            assert 0 <= span.start < span.end <= len(text)


def test_labelled_compilations_have_thinking_and_steps(corpus):
    # The compilations whose cases have analysis sections (管理思考, 案例点评, 案例分析 …).
    labelled = [c for c in corpus.cases if re.search(r"管理思考|案例点评|经验启示|二、案例分析|案例分析:", c.text)]
    assert len(labelled) >= 20
    complete = [c for c in labelled if c.management_thinking and c.handling_steps]
    assert len(complete) / len(labelled) >= 0.9


def test_airbag_case_steps(corpus):
    airbag = next(c for c in corpus.cases if "安全气囊" in c.facts)
    assert "减免本次维修费用" in airbag.handling_steps
    assert airbag.industry == "汽车" and airbag.steps_origin == "section"
    assert any("培训" in x for x in airbag.improvements)


def test_duplicate_bank_case_in_one_file_is_merged(corpus):
    insurance = [c for c in corpus.cases if "成功使客户撤诉" in c.title]
    assert len(insurance) == 1 and len(insurance[0].sources) == 2


def test_guidelines_cover_grading_and_deadlines(corpus):
    kinds = {g.kind for g in corpus.guidelines}
    assert {"grading", "deadline", "procedure", "principle"} <= kinds
    assert any("危机群诉" in g.text and g.kind == "grading" for g in corpus.guidelines)


def test_sales_promise_query_finds_the_precedent(advisor):
    result = advisor.search("售楼时经纪人承诺电梯厅精装修标准和样板房一样，交房后发现标准降低了，业主要求按样板房施工")
    assert any("销售承诺未兑现" in h.title for h in result.hits[:3])
    assert not result.no_close_precedent


def test_traditional_query_works_like_simplified(advisor):
    simple = advisor.search("业主投诉物业维修不及时，同一个问题反复报修")
    trad = advisor.search("業主投訴物業維修不及時，同一個問題反覆報修")
    assert [h.id for h in trad.hits[:3]] == [h.id for h in simple.hits[:3]]


def test_off_topic_queries_are_flagged(advisor):
    lines = (ROOT / "tests" / "data" / "offtopic_queries.txt").read_text(encoding="utf-8").splitlines()
    assert all(advisor.search(q).no_close_precedent for q in lines if q.strip())


def test_in_domain_queries_are_not_flagged(advisor):
    rows = [row for name in HELD_OUT_FLOORS
            for row in (ROOT / "tests" / "data" / name).read_text(encoding="utf-8").splitlines()]
    flagged = [q for q in (json.loads(r)["query"] for r in rows if r.strip()) if advisor.search(q).no_close_precedent]
    assert flagged == []


def test_colloquial_query_is_expanded_to_document_terms(advisor):
    result = advisor.search("业主说房子晚交了三个月，要求开发商赔钱")
    assert {"延期交房", "赔偿"} <= set(result.expanded_terms)
    assert any("延期交房" in h.text or "延期交付" in h.text for h in result.hits[:3])


def test_group_complaint_guidance(advisor):
    result = advisor.search("30 多户业主拉横幅，要求开发商赔偿")
    grades = {(g.standard, g.label) for g in result.guidance if g.category == "grading"}
    assert ("xx地产客户群诉处理指引", "重大群诉") in grades
    assert any(g.category == "deadline" for g in result.guidance)


def _cli(settings: Settings, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "ADVISOR_INDEX_DIR": str(settings.index_dir), "ADVISOR_DATA_DIR": str(settings.data_dir)}
    return subprocess.run([sys.executable, "-m", "advisor", *args], input=stdin, capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300)


def test_cli_search_json_contract(seed_settings):
    out = _cli(seed_settings, "search", "银行理财产品收益不如预期，客户要求补偿", "--top-k", "3", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"query", "no_close_precedent", "took_ms", "guidance", "hits"}
    assert len(data["hits"]) == 3
    hit = data["hits"][0]
    assert set(hit) >= {"kind", "id", "title", "score", "industry", "sources", "facts", "management_thinking",
                        "handling_steps", "improvements", "text"}
    assert set(hit["sources"][0]) == {"file", "start", "end"}


def test_cli_stdin_jsonl_keeps_order(seed_settings):
    queries = ["客户投诉4S店报错零件价格", "", "群诉处理小组应该由哪些人组成"]
    out = _cli(seed_settings, "search", "--stdin", "--jsonl", "--top-k", "2", stdin="\n".join(queries) + "\n")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["query"] for r in rows] == queries
    assert "error" in rows[1] and len(rows[2]["hits"]) == 2


def test_cli_empty_query_exits_nonzero_with_one_line(seed_settings):
    out = _cli(seed_settings, "search", "   ", "--json")
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "查询" in out.stderr


def test_cli_eval_and_report(seed_settings, tmp_path):
    queries = tmp_path / "q.jsonl"
    queries.write_text(json.dumps({"id": "t1", "kind": "case", "query": "维修站非要客户把旧电瓶带回来才肯退钱",
                                   "any_of": ["旧电瓶"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = _cli(seed_settings, "eval", "--queries", str(queries), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["recall_at_5"] == 1.0
    report = _cli(seed_settings, "report", "--json", str(tmp_path / "r.json"))
    assert report.returncode == 0 and "合并的重复记录" in report.stdout
    assert "条可用，0 条告警" in report.stdout  # every rule in rules.json cites text found in the corpus
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["n_cases"] > 40


def test_cli_missing_index_names_the_rebuild_command(tmp_path):
    settings = Settings(index_dir=tmp_path / "nothing", data_dir=tmp_path)
    out = _cli(settings, "search", "投诉", "--json")
    assert out.returncode == 2 and "python -m advisor build" in out.stderr


def test_held_out_quality_does_not_regress(advisor):
    """A floor under the figures in the README (held-out set written without looking at the engine)."""
    from advisor.evaluation.queries import evaluate, load_queries

    for name, (min_r1, min_r5) in HELD_OUT_FLOORS.items():
        report = evaluate(advisor, load_queries(ROOT / "tests" / "data" / name), top_k=5)
        assert report.recall_at_1 >= min_r1 and report.recall_at_5 >= min_r5, name


def test_every_shipped_similar_question_finds_its_record(advisor):
    from advisor.retrieval.questions import attach_questions, load_questions

    sets = load_questions(KNOWLEDGE / "questions.jsonl")
    attached = attach_questions([*advisor.cases, *advisor.guidelines], sets)
    assert attached.warnings == []
    n_question_chunks = sum(c.field == "questions" for c in advisor.index.chunks)
    assert n_question_chunks == sum(len(q) for q in attached.by_record.values())


def test_cli_suggests_similar_questions_from_helpful_feedback(seed_settings, advisor, tmp_path):
    from advisor.feedback.store import feedback_db, record_feedback
    from advisor.retrieval.questions import QuestionSet, attach_questions

    settings = seed_settings.model_copy(update={"data_dir": tmp_path})  # votes of this test only
    record = next(c for c in advisor.cases if "延期办证" in c.title)
    record_feedback(feedback_db(settings), "业主的房产证拖了一年还没办下来", record.id, 1, True)
    out = _cli(settings, "questions")
    assert out.returncode == 0 and "1 条建议" in out.stderr
    line = QuestionSet.model_validate_json(out.stdout.strip())
    assert line.questions == ["业主的房产证拖了一年还没办下来"]
    assert attach_questions([*advisor.cases, *advisor.guidelines], [line]).by_record == {record.id: line.questions}


@pytest.mark.parametrize(("top_k", "kind"), [(0, None), (-3, None), (51, None), (5, "bogus")])
def test_facade_refuses_out_of_range_arguments(advisor, top_k, kind):
    from advisor.errors import InvalidQueryError

    with pytest.raises(InvalidQueryError):
        advisor.search("保险收益不如预期", top_k=top_k, kind=kind)


def test_a_hit_of_an_industry_the_complaints_words_rule_out_is_shown_as_low(advisor):
    from advisor.text.industry import compatible, infer_industry

    shown = []
    for query in ("酒店房间有蟑螂客人要求退房费", "快递丢件了客户要求赔偿", "小区电梯坏了业主拒交物业费", "手机套餐被乱扣费用户要投诉"):
        industry = infer_industry(query)
        hits = advisor.search(query, top_k=10).hits
        shown += [h.confidence for h in hits if not compatible(h.industry, industry)]
    assert shown and set(shown) == {"低"}


def test_a_second_ranking_of_the_same_query_reuses_its_signals_and_ranks_as_a_fresh_one(advisor):
    engine = advisor._engine
    query = "业主说交房晚了三个月要求赔偿违约金"
    first = engine.rank(query)
    calls = []
    encode = engine.encoder.encode_queries
    engine.encoder.encode_queries = lambda texts: calls.append(texts) or encode(texts)
    try:
        reused = engine.rank(query, kind="guideline", earlier=first)
        filtered = engine.rank(query, industry="房地产", earlier=first)  # another reading: signals recomputed
    finally:
        engine.encoder.encode_queries = encode
    assert calls == []  # the query's vector is never encoded twice
    assert reused.signals is first.signals
    assert filtered.signals is not first.signals and filtered.signals.vector is first.signals.vector
    fresh = engine.rank(query, kind="guideline")
    assert [f.record_id for f in reused.fused] == [f.record_id for f in fresh.fused]
    assert [round(f.score, 9) for f in reused.fused] == [round(f.score, 9) for f in fresh.fused]
    assert reused.fused and all(f.record_id in {g.id for g in engine.index.guidelines} for f in reused.fused)
