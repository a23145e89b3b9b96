"""Query expansion: the thesaurus file, its validation, and its effect on ranking."""

from __future__ import annotations

import json

import pytest
from helpers import KNOWLEDGE, FakeEncoder, make_corpus

from advisor import Advisor, Settings
from advisor.errors import ThesaurusError
from advisor.retrieval.expansion import Thesaurus, load_thesaurus
from advisor.retrieval.index import build_index
from advisor.text.normalize import to_simplified


def _write(tmp_path, groups) -> object:
    path = tmp_path / "synonyms.json"
    path.write_text(json.dumps({"version": 1, "groups": groups}, ensure_ascii=False), encoding="utf-8")
    return path


def test_cues_add_document_terms_in_file_order_without_repeats(tmp_path):
    thesaurus = load_thesaurus(_write(tmp_path, [
        {"name": "延期交房", "cues": ["晚交", "交房.{0,4}推迟"], "terms": ["延期交房", "延期交付"]},
        {"name": "赔偿", "cues": ["赔钱"], "terms": ["赔偿", "延期交付"]},
        {"name": "无关", "cues": ["天气"], "terms": ["气象"]},
    ]))
    assert thesaurus.expand("房子晚交了三个月，业主要开发商赔钱") == ["延期交房", "延期交付", "赔偿"]
    assert thesaurus.expand("交房时间推迟了") == ["延期交房", "延期交付"]
    assert thesaurus.expand("业主咨询停车位") == []


def test_terms_already_in_the_query_are_not_added(tmp_path):
    thesaurus = load_thesaurus(_write(tmp_path, [
        {"name": "延期交房", "cues": ["晚交", "延期交房"], "terms": ["延期交房", "延期交付"]}]))
    assert thesaurus.expand("延期交房怎么赔") == ["延期交付"]


def test_traditional_queries_match_simplified_cues(tmp_path):
    thesaurus = load_thesaurus(_write(tmp_path, [
        {"name": "维修", "cues": ["报修.{0,6}没人来"], "terms": ["维修不及时"]}]))
    assert thesaurus.expand("業主報修三天了還是沒人來") == ["维修不及时"]


@pytest.mark.parametrize("path", [None, ""])
def test_no_file_means_no_expansion(path):
    assert load_thesaurus(path).expand("房子晚交了") == []


def test_missing_file_is_a_named_error(tmp_path):
    with pytest.raises(ThesaurusError, match="ADVISOR_SYNONYMS_FILE"):
        load_thesaurus(tmp_path / "nope.json")


def test_broken_json_is_a_named_error(tmp_path):
    path = tmp_path / "synonyms.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ThesaurusError, match="synonyms.json"):
        load_thesaurus(path)


@pytest.mark.parametrize("cue, message", [("交房(", "正则表达式无效"), ("(晚交)?", "空字符串")])
def test_bad_cues_are_refused_with_the_group_named(tmp_path, cue, message):
    path = _write(tmp_path, [{"name": "ok", "cues": ["赔钱"], "terms": ["赔偿"]},
                             {"name": "bad", "cues": [cue], "terms": ["延期交房"]}])
    with pytest.raises(ThesaurusError, match=message) as err:
        load_thesaurus(path)
    assert "groups.1" in str(err.value)


def test_shipped_thesaurus_is_valid_and_every_cue_is_live():
    thesaurus = load_thesaurus(KNOWLEDGE / "synonyms.json")
    assert len(thesaurus.groups) >= 50
    names = [g.name for g in thesaurus.groups]
    assert len(names) == len(set(names))
    for group in thesaurus.groups:
        assert all(t.strip() for t in group.terms)
        for cue in group.cues:
            # Cues are matched against simplified Chinese: a traditional-only cue would never fire.
            assert to_simplified(cue) == cue, cue


def test_shipped_thesaurus_does_not_fire_on_small_talk():
    thesaurus = load_thesaurus(KNOWLEDGE / "synonyms.json")
    assert thesaurus.expand("明天北京天气怎么样，会下雨吗") == []
    assert thesaurus.expand("红烧肉怎么做才好吃") == []


@pytest.mark.parametrize("query", ["空调修了三次还是坏", "屋顶漏水修了两回", "报修好几次了"])
def test_repeated_repairs_in_any_wording_expand_to_the_document_term(query):
    assert "重复维修" in load_thesaurus(KNOWLEDGE / "synonyms.json").expand(query)


def test_default_settings_point_at_the_shipped_file():
    assert Settings().synonyms_file == (KNOWLEDGE / "synonyms.json")
    assert isinstance(load_thesaurus(Settings().synonyms_file), Thesaurus)


def build_small(tmp_path, **update):
    corpus = make_corpus(tmp_path, "re_cases.txt", "bank_case.txt", "auto_case.txt", "telecom_case.txt",
                         "guideline.txt")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data", **update)
    build_index(settings, FakeEncoder(), progress=False)
    return settings


@pytest.fixture
def built(tmp_path):
    # BM25 over bigrams: in a five-document corpus the IDF of jieba words (the default adds them) is noise
    # that can outweigh the expansion; the default tokenizer's lift is checked on the index below.
    return build_small(tmp_path, tokenizer="bigram")


def test_expansion_raises_the_bm25_score_of_the_document_terms_with_the_default_tokenizer(tmp_path):
    advisor = Advisor.load(build_small(tmp_path), FakeEncoder())
    lexical, chunks = advisor.index.lexical, advisor.index.chunks
    query, terms = "业主说房子晚交了半年", ["延期交付"]
    plain, expanded = lexical.scores(query), lexical.scores(query, terms, 0.2)
    target = [i for i in range(lexical.n_docs) if "延期交付" in chunks[i].text]
    others = [i for i in range(lexical.n_docs) if "延期交付" not in chunks[i].text]
    assert target and all(expanded[i] > plain[i] for i in target)
    assert all(expanded[i] - plain[i] < min(expanded[t] - plain[t] for t in target) for i in others)


def test_expansion_lifts_the_case_written_in_document_terms(built):
    query = "业主说房子晚交了半年"
    plain = Advisor.load(built.model_copy(update={"synonyms_file": None}), FakeEncoder()).search(query)
    expanded = Advisor.load(built, FakeEncoder()).search(query)
    assert plain.expanded_terms == [] and "延期交付" in expanded.expanded_terms
    assert "延期交付" in expanded.hits[0].title
    target = expanded.hits[0].id
    # The document terms the staff member did not type lift the case (BM25 only).
    assert expanded.hits[0].score > next(h.score for h in plain.hits if h.id == target)
    # The document term the staff member did not type is highlighted in the card.
    assert "延期交付" in expanded.hits[0].matched_terms and "延期交付" not in plain.hits[0].matched_terms


def test_expansion_weight_zero_turns_it_off(built):
    query = "业主说房子晚交了半年"
    off = Advisor.load(built.model_copy(update={"expansion_weight": 0.0}), FakeEncoder()).search(query)
    plain = Advisor.load(built.model_copy(update={"synonyms_file": None}), FakeEncoder()).search(query)
    assert [h.id for h in off.hits] == [h.id for h in plain.hits]


def test_bad_thesaurus_fails_at_load_not_at_search(built, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"groups": [{"name": "x", "cues": ["("], "terms": ["y"]}]}', encoding="utf-8")
    with pytest.raises(ThesaurusError):
        Advisor.load(built.model_copy(update={"synonyms_file": path}), FakeEncoder())


def test_a_group_of_one_industry_expands_only_queries_of_a_related_one():
    from advisor.retrieval.expansion import SynonymGroup, Thesaurus

    thesaurus = Thesaurus(groups=[
        SynonymGroup(name="虚假宣传", cues=["被骗"], terms=["虚假宣传", "夸大房产的优势"], industry="房地产"),
        SynonymGroup(name="卫生", cues=["有虫"], terms=["卫生问题"]),
    ])
    assert thesaurus.expand("ATM转账被骗能撤销吗", "银行") == []  # a bank's 被骗 is no flat's 虚假宣传
    assert thesaurus.expand("买房被骗了", "房地产") == ["虚假宣传", "夸大房产的优势"]
    assert thesaurus.expand("物业说的被骗了", "物业") == ["虚假宣传", "夸大房产的优势"]  # a related industry
    assert thesaurus.expand("被骗了", None) == []  # no industry read: nothing says it is a flat
    assert thesaurus.expand("菜里有虫", "餐饮") == ["卫生问题"]
