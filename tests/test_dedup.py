"""Near-duplicate records merge into one that cites every source."""

from __future__ import annotations

from helpers import make_corpus

from advisor.corpus.dedup import merge_duplicates
from advisor.corpus.pipeline import build_corpus
from advisor.models import Guideline, SourceSpan


def test_three_versions_merge_with_three_sources(tmp_path):
    folder = make_corpus(tmp_path, "re_cases.txt", "re_cases_stripped.txt", "re_cases_traditional.txt")
    corpus = build_corpus(folder)
    assert [c.title for c in corpus.cases] == ["销售承诺未兑现引发群诉", "延期交付引起的群诉"]
    for case in corpus.cases:
        assert sorted(s.file for s in case.sources) == ["re_cases.txt", "re_cases_stripped.txt",
                                                          "re_cases_traditional.txt"]
        assert case.id.startswith("c-")
    # The punctuated simplified version is the one kept for display.
    assert "(一)投诉概述" in corpus.cases[0].original_text
    assert len(corpus.report.merged) == 2


def test_ids_are_stable_across_builds(tmp_path):
    folder = make_corpus(tmp_path, "re_cases.txt", "bank_case.txt")
    assert [c.id for c in build_corpus(folder).cases] == [c.id for c in build_corpus(folder).cases]


def test_distinct_cases_are_not_merged(tmp_path):
    folder = make_corpus(tmp_path, "auto_case.txt", "bank_case.txt")
    assert len(build_corpus(folder).cases) == 3


def test_merge_keeps_the_version_with_the_extra_clause():
    # Two handbooks share a principles list; one of them has a clause the other lacks. The record kept
    # must be the one that says everything, even though the shorter copy scores better on punctuation.
    shared = ("及时准确原则：对投诉及时做出反应，并在规定的时间进行有效处理，不能及时处理完毕的应按时跟进进展情况，"
              "并适时通知客户。诚实信用原则：注重承诺和契约，有诺必践；处理问题应以能够公诸于众为标准，不暗箱操作。"
              "专业人性原则：以专业标准要求自己，对客户体恤、尊重；协调专业部门从专业角度处理问题。")
    extra = "首问责任原则 公司任何人员接到客户投诉后 不得推诿 应及时将情况反馈相关部门 "
    short = Guideline(id="g-a", title="万科·3.1投诉处理原则", text=shared,
                      sources=[SourceSpan(file="a.txt", start=0, end=len(shared))])
    full_text = shared[:70].replace("，", " ") + extra + shared[70:].replace("，", " ")
    full = Guideline(id="g-b", title="金地·4.4投诉处理原则", text=full_text,
                     sources=[SourceSpan(file="b.txt", start=0, end=len(full_text))])
    merged, groups = merge_duplicates([short, full])
    assert len(merged) == 1 and len(groups) == 1
    assert "首问责任" in merged[0].text
    assert merged[0].title == "金地·4.4投诉处理原则"
    assert [s.file for s in merged[0].sources] == ["a.txt", "b.txt"]


def test_merge_prefers_punctuated_copy_when_both_say_the_same():
    text = ("客户在交房时发现墙面开裂，要求赔偿。项目经理当天上门查看，承诺一周内修复，并按合同给予补偿。"
            "事后回访客户表示满意，公司把墙体裂缝列入交房前的必查项目。")
    bare = text.replace("，", " ").replace("。", " ")
    merged, _ = merge_duplicates([Guideline(id="g-1", title="无标点", text=bare),
                                  Guideline(id="g-2", title="有标点", text=text)])
    assert merged[0].title == "有标点"
