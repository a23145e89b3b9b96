"""Similar questions (常见问法): the file, attaching lines to records, chunks, and the search signal."""

from __future__ import annotations

import json

import pytest
from helpers import KNOWLEDGE, FakeEncoder, make_corpus

from advisor import Advisor, Settings
from advisor.errors import QuestionsError
from advisor.models import Case, Guideline
from advisor.retrieval.chunk import QUESTIONS_FIELD, chunk_records, text_chunk_count
from advisor.retrieval.index import build_index
from advisor.retrieval.questions import QuestionSet, attach_questions, load_questions
from advisor.retrieval.store import load_index


def _write(tmp_path, rows, name="questions.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    return path


def _case(rid: str, text: str) -> Case:
    return Case(id=rid, title=f"案例{rid}", text=text, facts=text)


def test_file_is_read_line_by_line_and_blank_lines_are_skipped(tmp_path):
    path = _write(tmp_path, [{"record": "延期交付", "anchor": "延期交付引起的群诉", "questions": [" 房子晚交了怎么办 "]}, ""])
    sets = load_questions(path)
    assert sets == [QuestionSet(record="延期交付", anchor="延期交付引起的群诉", questions=["房子晚交了怎么办"])]


@pytest.mark.parametrize("path", [None, ""])
def test_no_file_means_no_questions(path):
    assert load_questions(path) == []


def test_missing_file_names_the_setting(tmp_path):
    with pytest.raises(QuestionsError, match="ADVISOR_QUESTIONS_FILE"):
        load_questions(tmp_path / "nope.jsonl")


@pytest.mark.parametrize(
    "bad, message",
    [
        ("{not json", "第 2 行不是有效的 JSON"),
        (json.dumps({"anchor": "延期交付引起的群诉", "questions": []}), "第 2 行 questions"),
        (json.dumps({"anchor": "群诉", "questions": ["业主闹事"]}), "太短"),
        (json.dumps({"anchor": "延期交付引起的群诉", "questions": ["  "]}), "问法不能为空"),
        (json.dumps({"anchor": "延期交付引起的群诉", "questions": ["x"], "id": "c-1"}), "第 2 行 id"),
    ],
)
def test_invalid_lines_are_named_errors(tmp_path, bad, message):
    good = {"anchor": "客户投诉处理程序", "questions": ["投诉信怎么回"]}
    with pytest.raises(QuestionsError, match=message):
        load_questions(_write(tmp_path, [good, bad]))


def test_anchor_attaches_questions_to_the_one_record_that_contains_it():
    records = [_case("a", "业主 投诉 延期交付 引起的群诉"), _case("b", "银行理财收益不如预期")]
    sets = [QuestionSet(anchor="延期交付引起的群诉", questions=["房子晚交了"]),
            QuestionSet(anchor="延期交付引起的群訴", questions=["晚交房要赔吗", "房子晚交了"])]  # traditional
    attached = attach_questions(records, sets)
    assert attached.by_record == {"a": ["房子晚交了", "晚交房要赔吗"]}
    assert attached.warnings == []


def test_missing_or_ambiguous_anchors_are_reported_and_skipped():
    records = [_case("a", "客户投诉维修质量问题"), _case("b", "客户投诉维修质量问题和态度")]
    sets = [QuestionSet(record="甲", anchor="投诉维修质量", questions=["修完又坏"]),
            QuestionSet(record="乙", anchor="已经删掉的段落", questions=["不存在"])]
    attached = attach_questions(records, sets)
    assert attached.by_record == {}
    assert any("「甲」" in w and "2 条记录" in w for w in attached.warnings)
    assert any("「乙」" in w and "找不到" in w for w in attached.warnings)


def test_question_chunks_come_after_all_text_chunks():
    case = _case("a", "业主投诉延期交付")
    guide = Guideline(id="g", title="投诉处理程序·时限", text="受理后24小时内回复客户。")
    chunks = chunk_records([case], [guide], {"a": ["房子晚交了", "晚交房要赔吗"], "g": ["多久要回复"]})
    n = text_chunk_count(chunks)
    assert [c.field for c in chunks[:n]] == ["facts", "text"]
    assert [(c.record_id, c.kind, c.text) for c in chunks[n:]] == [
        ("a", "case", "房子晚交了"), ("a", "case", "晚交房要赔吗"), ("g", "guideline", "多久要回复")]
    assert all(c.field == QUESTIONS_FIELD for c in chunks[n:])
    assert text_chunk_count(chunk_records([case], [guide])) == 2


def test_empty_setting_turns_questions_off(monkeypatch):
    monkeypatch.setenv("ADVISOR_QUESTIONS_FILE", "")
    assert Settings().questions_file is None
    assert Settings(_env_file=None).questions_weight > 0


@pytest.fixture
def corpus_settings(tmp_path):
    corpus = make_corpus(tmp_path, "re_cases.txt", "bank_case.txt", "auto_case.txt", "telecom_case.txt",
                         "guideline.txt")
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data",
                    synonyms_file=None, questions_file=None, rules_file=None)


def test_a_staff_question_reaches_its_record_through_the_question_signal(corpus_settings, tmp_path):
    query = "售楼的人当初说好有学校，现在影子都没有"
    build_index(corpus_settings, FakeEncoder(), progress=False)
    plain = Advisor.load(corpus_settings, FakeEncoder()).search(query, top_k=10)
    path = _write(tmp_path, [{"anchor": "严控承诺内容", "questions": [query]}])
    settings = corpus_settings.model_copy(update={"questions_file": path, "index_dir": tmp_path / "index2"})
    stats = build_index(settings, FakeEncoder(), progress=False)
    assert stats.n_questions == 1 and stats.warnings == ()
    result = Advisor.load(settings, FakeEncoder()).search(query, top_k=10)
    assert "销售承诺未兑现" in result.hits[0].title
    named = result.hits[0].id
    before = next(h.score for h in plain.hits if h.id == named)
    assert result.hits[0].score > before  # the question lifted it
    assert len({h.id for h in result.hits}) == len(result.hits)  # still one hit per record
    # The question is embedded, not indexed by BM25.
    index = load_index(settings, FakeEncoder())
    assert index.lexical.n_docs == text_chunk_count(index.chunks) == len(index.chunks) - 1


def test_questions_weight_zero_gives_the_plain_ranking(corpus_settings, tmp_path):
    query = "售楼小姐当时拍胸脯说的学校到现在影子都没有"
    path = _write(tmp_path, [{"anchor": "严控承诺内容", "questions": [query]}])
    settings = corpus_settings.model_copy(update={"questions_file": path})
    build_index(settings, FakeEncoder(), progress=False)
    off = Advisor.load(settings.model_copy(update={"questions_weight": 0.0}), FakeEncoder()).search(query)
    build_index(corpus_settings.model_copy(update={"index_dir": tmp_path / "plain"}), FakeEncoder(), progress=False)
    plain = Advisor.load(corpus_settings.model_copy(update={"index_dir": tmp_path / "plain"}), FakeEncoder()).search(query)
    assert [h.id for h in off.hits] == [h.id for h in plain.hits]


def test_a_record_without_questions_still_ranks_first_on_its_text(corpus_settings, tmp_path):
    """Curated questions only lift the records they name: records of other documents, with many
    staff questions each, do not push down the record whose own text matches."""
    query = "项目公司因土地分割不能按时交付，业主集体投诉要求赔偿"
    build_index(corpus_settings, FakeEncoder(), progress=False)
    plain = Advisor.load(corpus_settings, FakeEncoder()).search(query)
    target = plain.hits[0]
    assert "延期交付" in target.title
    generic = ["客户投诉要求赔偿怎么办", "业主投诉公司不按时处理", "客户集体投诉怎么应对", "投诉要求赔偿损失"]
    lines = [{"anchor": a, "questions": generic} for a in ("保险变理财", "安全气囊灯报警", "梦网投诉")]
    path = _write(tmp_path, lines)
    settings = corpus_settings.model_copy(update={"questions_file": path, "index_dir": tmp_path / "with-questions"})
    assert build_index(settings, FakeEncoder(), progress=False).n_questions == 12
    result = Advisor.load(settings, FakeEncoder()).search(query)
    assert result.hits[0].id == target.id


def test_unmatched_anchor_is_a_build_warning_not_a_failure(corpus_settings, tmp_path):
    path = _write(tmp_path, [{"record": "旧案例", "anchor": "这段文字已经不在语料里", "questions": ["随便问问"]}])
    stats = build_index(corpus_settings.model_copy(update={"questions_file": path}), FakeEncoder(), progress=False)
    assert stats.n_questions == 0 and len(stats.warnings) == 1 and "「旧案例」" in stats.warnings[0]


def test_shipped_file_is_valid():
    sets = load_questions(KNOWLEDGE / "questions.jsonl")
    assert len(sets) >= 100
    assert all(3 <= len(s.questions) <= 6 for s in sets)


@pytest.mark.parametrize("threshold", [10_000, 10])  # flat, then HNSW
def test_dense_search_can_be_limited_to_a_range_of_positions(threshold):
    import numpy as np

    from advisor.retrieval.dense import build_dense, search_dense

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(200, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = build_dense(vectors, threshold)
    _, everywhere = search_dense(index, vectors[5], 3)
    _, questions = search_dense(index, vectors[5], 3, (150, 200))
    assert everywhere[0] == 5
    assert len(questions) == 3 and all(150 <= i < 200 for i in questions)


def test_queries_voted_helpful_become_suggested_questions(tmp_path):
    from advisor.feedback.store import helpful_queries, record_feedback
    from advisor.retrieval.questions import suggest_questions

    records = [_case("a", "业主投诉延期交付引起的群诉，开发商承诺按日赔偿违约金"),
               _case("b", "银行理财收益不如预期，客户要求补偿本金损失")]
    sets = [QuestionSet(anchor="延期交付引起的群诉", questions=["房子晚交了"])]
    db = tmp_path / "feedback.sqlite3"
    record_feedback(db, "房子拖了半年才交，业主要赔钱", "a", 1, True)
    record_feedback(db, "房子晚交了", "a", 1, True)  # already a question of record a
    record_feedback(db, "理财亏了能不能赔", "b", 2, True)
    record_feedback(db, "理财亏了能不能赔", "b", 2, True)
    record_feedback(db, "存款利息太低", "b", 1, True)
    record_feedback(db, "存款利息太低", "b", 1, False)  # as many 没帮助 as 有帮助 votes
    helpful = helpful_queries(db)
    assert ("存款利息太低", "b", 0) not in helpful
    lines = suggest_questions(records, sets, helpful)
    assert [(x.anchor, x.questions) for x in lines if x.anchor == "延期交付引起的群诉"] == [
        ("延期交付引起的群诉", ["房子拖了半年才交，业主要赔钱"])]
    new = next(x for x in lines if x.anchor != "延期交付引起的群诉")
    assert new.questions == ["理财亏了能不能赔"]
    # The chosen anchor finds record b and nothing else, so the line can be appended as it is.
    assert attach_questions(records, [new]).by_record == {"b": ["理财亏了能不能赔"]}
    assert [x.questions for x in suggest_questions(records, sets, helpful_queries(db, min_votes=2))] == [
        ["理财亏了能不能赔"]]
