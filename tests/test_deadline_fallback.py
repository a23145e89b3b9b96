"""Time limits for a complaint whose own industry has none written down: a related industry's or general rules,
never another industry's (a small corpus, the hashing encoder)."""

from __future__ import annotations

import pytest
from helpers import FakeEncoder

from advisor import Advisor, Settings
from advisor.retrieval.index import build_index

DOCS = {
    "bank_rules.txt": "银行客户投诉处理办法\n\n第一条 网点柜员受理客户投诉后应当登记。\n"
                      "第二条 银行对一般投诉应在5个工作日内答复客户，复杂投诉不超过15个工作日。\n"
                      "第三条 涉及信用卡、理财产品的投诉由支行行长负责处理。\n",
    "general_rules.txt": "客户投诉管理制度\n\n一、客服人员接到投诉后应做好登记，一般投诉应在24小时内答复客户。\n"
                         "二、复杂投诉应在3个工作日内给出处理意见，并向部门负责人报告。\n三、处理结果应回访客户，记录归档。\n",
    "courier_rules.txt": "快递服务投诉处理规定\n\n一、快递企业接到寄件人投诉后应在24小时内联系寄件人。\n"
                         "二、快件延误、丢失的投诉应在7日内答复处理结果,包裹损毁按保价赔偿。\n",
    "hotel_case.txt": "案例：客人投诉房间有异味\n\n事件经过：客人入住酒店后发现房间有烟味，要求换房并投诉前台服务态度差。\n"
                      "处理过程：大堂经理当即致歉，为客人升级房型，并赠送早餐券。\n案例点评：异味问题要在客人入住前检查，前台应主动道歉。\n",
}


def _advisor(root, docs: dict[str, str]) -> Advisor:
    """An advisor over `docs` (file name → text), built in `root` with the hashing encoder."""
    (root / "corpus").mkdir()
    (root / "knowledge").mkdir()
    for name, text in docs.items():
        (root / "corpus" / name).write_text(text, encoding="utf-8")
    # (every query gets a plan: the hashing encoder's cosines say nothing about closeness)
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index", data_dir=root / "data",
                        knowledge_dir=root / "knowledge", no_precedent_threshold=-1, no_precedent_cue_threshold=-1,
                        no_precedent_domain_threshold=-1)
    build_index(settings, FakeEncoder(), progress=False)
    return Advisor.load(settings, FakeEncoder())


@pytest.fixture(scope="module")
def advisor(tmp_path_factory) -> Advisor:
    return _advisor(tmp_path_factory.mktemp("fallback"), DOCS)


@pytest.mark.parametrize("query", ["这种投诉要几天内回复客户", "客户说宽带装了一个月还没通，我们几天内要答复",
                                   "客人投诉房间有烟味要多久回复", "外卖超时送达,顾客投诉,我们几天内要答复"])
def test_without_rules_of_its_own_industry_a_complaint_gets_the_general_time_limits(advisor, query):
    deadlines = advisor.search(query).advice.deadlines
    assert deadlines and {d.industry for d in deadlines} == {"通用"}
    assert all("银行" not in d.standard and "快递" not in d.standard for d in deadlines)  # never another industry's


def test_a_complaint_of_an_industry_with_written_limits_gets_those(advisor):
    deadlines = advisor.search("信用卡年费乱扣，客户投诉，几天内要答复").advice.deadlines
    assert [d.industry for d in deadlines] == ["银行"] and "5个工作日内" in deadlines[0].detail


BANKS = {
    "bank_a_rules.txt": "甲银行客户投诉处理流程\n\n第一条 网点受理客户投诉后应当登记投诉人、投诉事项和联系方式。\n"
                        "第二条 一般投诉银行会在接到投诉后的5个工作日内给予回复。\n"
                        "第三条 复杂投诉银行会在接到投诉后的10个工作日内给予回复，并报分行消保部门。\n",
    "bank_b_rules.txt": "乙银行客户投诉归档规定\n\n第一条 处理时限方面，银行通常规定在3个工作日内完成投诉处理。\n"
                        "第二条 投诉处理完毕后，网点应将投诉材料整理归档，保存不少于五年。\n"
                        "第三条 支行每月汇总投诉情况，分析原因并提出整改措施。\n",
}


def test_time_limits_of_one_document_are_the_plans_and_the_others_are_folded(tmp_path):
    result = _advisor(tmp_path, BANKS).search("客户投诉信用卡年费,我们银行规定几个工作日内要答复")
    shown = {d.citation.file for d in result.advice.deadlines}
    folded = [g for g in result.guidance if not g.primary and g.category == "deadline"]
    assert len(shown) == 1 and folded and {g.citation.file for g in folded}.isdisjoint(shown)
    assert "folded" not in result.model_dump()["advice"]  # the search JSON keeps its contract
