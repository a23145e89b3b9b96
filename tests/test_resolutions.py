"""How the closest precedents were settled: extractive, cited, only settlements (no refusal, advice or debrief)."""

from __future__ import annotations

import pytest

from advisor.guidance.advice import build_advice
from advisor.guidance.plan import plan_markdown, plan_text
from advisor.guidance.resolutions import MAX_CHARS, precedent_resolutions, resolution, settlement_part
from advisor.models import Hit, SearchResult, SourceSpan

AIRCON = "新买的空调装好一周就不制冷 售后说是安装问题 安装说是机器问题 客户要求换新机"


def story(cid: str, facts: str, *, steps: list[str] | None = None, outcome: str = "", confidence: str = "高",
          industry: str = "家电", score: float = 3.0) -> Hit:
    return Hit(kind="case", id=cid, title=f"案例{cid}", score=score, industry=industry, facts=facts, text=facts,
               handling_steps=steps or [], steps_origin="story" if steps else "", outcome=outcome,
               confidence=confidence, matched_terms=["空调", "安装"], sources=[SourceSpan(file="a.txt", start=0, end=9)])


@pytest.mark.parametrize(("sentence", "expected"), [
    ("经调解,商家同意给予免费维修,现已将空调修好。", "经调解,商家同意给予免费维修,现已将空调修好。"),
    # from the turn to the settlement, the earlier hypothetical left out
    ("后来,投诉人查阅条款后发现,如果航班延误超过9小时,应该有资格获得赔偿,最后在消委会的介入下,航空公司最终同意进行赔偿。",
     "最后在消委会的介入下,航空公司最终同意进行赔偿。"),
    # what went wrong after it is no part of it
    ("经过多次投诉,电信专员退还了部分费用,但姚远仍不满意,希望以现金形式退还更多费用。", "经过多次投诉,电信专员退还了部分费用"),
    ("最终双方签订取消行程同意书,旅行社以6万元退款和解。", "最终双方签订取消行程同意书,旅行社以6万元退款和解。"),
    # after a turn the remedy is enough; the company side's own remedy too
    ("用户发起投诉,经核查后运营商退还差价并补偿话费。", "经核查后运营商退还差价并补偿话费。"),
    ("“我们第一时间就向顾客道歉,并将他们两桌饭菜免单。", "我们第一时间就向顾客道歉,并将他们两桌饭菜免单。"),
    # a court's order, a promise kept, a price settled
    ("法官经过审理,认定酒店负有保管不善的责任,判令赔偿1.4万元。", "法官经过审理,认定酒店负有保管不善的责任,判令赔偿1.4万元。"),
    ("后经工商部门调解,经营者已兑现返款承诺。", "后经工商部门调解,经营者已兑现返款承诺。"),
    ("经调解,商家最终同意按新订单价格结算。", "经调解,商家最终同意按新订单价格结算。"),
])
def test_a_settlement_is_read_in_the_documents_words(sentence, expected):
    assert settlement_part(sentence) == expected
    assert expected in sentence


@pytest.mark.parametrize("sentence", [
    "商家一直拒绝退款,消费者只好投诉至消协。",  # a refusal
    "消费者要求商家退一赔三。",  # a demand
    "如果商家不同意退款,消费者可以向12315投诉。",  # advice, a hypothetical
    "人民调解是指调解员促使当事人自愿达成调解协议,解决民间纠纷的活动。",  # a definition
    "根据消费者权益保护法第二十五条的规定,商家应当退货。",  # the law
    "针对这一问题,我们对客服团队进行了再培训,加强了对客户问题的响应速度。",  # the debrief
    "次日客服主动联系,提出500元赔付方案,“站点联系不上,包裹大概率是丢",  # a quote cut by the split
    "空调安装后第二天就不制冷了。",  # the story, no remedy
    "超市卖过期奶粉,还不诚恳道歉,这样的态度让我很气愤。",  # the grievance
    "我们也想争取一些补偿。",  # a wish
    "车主在4S店更换了护套,谁知仅过了一个星期,护套便开始褪色。",  # things turning worse
    "物业多次上门与业主沟通,向业主阐述不配合维修产生的后果。",  # handling, but nothing given
    "最终赔偿。",  # too short to say who gave what
    "投诉中还有不少是商家未兑现承诺。",  # a promise not kept
])
def test_what_is_no_settlement_is_left_out(sentence):
    assert settlement_part(sentence) == ""


def test_the_outcome_section_comes_first_then_the_end_of_the_story():
    assert resolution(story("c1", "故事。", outcome="商家为蔡女士免费更换了一台新空调。")) == "商家为蔡女士免费更换了一台新空调。"
    told = story("c2", "蔡女士购买了空调。", steps=["商家到蔡女士家中查看。", "经调解,商家同意给予免费维修,现已将空调修好。"])
    assert resolution(told) == "经调解,商家同意给予免费维修,现已将空调修好。"
    untold = story("c3", "蔡女士购买了空调,不制冷。商家说是安装问题。最终,商家同意退货退款。")
    assert resolution(untold) == "最终,商家同意退货退款。"
    assert resolution(story("c4", "蔡女士购买了空调,不制冷。商家一直推诿。")) == ""


def test_a_long_settlement_is_clipped_at_a_clause():
    text = "经调解,商家同意" + "，".join(["为消费者免费更换压缩机并上门检修全部管路"] * 8) + "。"
    got = resolution(story("c1", text))
    assert got and len(got) <= MAX_CHARS and text.startswith(got)


def test_only_the_best_precedent_and_close_matches_lend_their_settlement():
    best = story("c1", "最终商家同意免费维修。", confidence="中")
    close = story("c2", "经协调,厂家同意为客户换新机。", confidence="高", score=2.9)
    loose = story("c3", "经调解,商家同意退还安装费。", confidence="中", score=2.8)
    found = precedent_resolutions([best, close, loose])
    assert [r.sources for r in found] == [["c1"], ["c2"]]


def test_the_same_settlement_twice_is_cited_once_with_both_sources():
    found = precedent_resolutions([story("c1", "经调解,商家同意给予免费维修。"),
                                   story("c2", "经调解,商家同意给予免费维修,消费者满意。", score=2.9)])
    assert len(found) == 1 and found[0].sources == ["c1", "c2"]


def test_the_plan_carries_the_settlements_of_matching_precedents_only():
    hits = [story("c1", "蔡女士购买空调后不制冷。经调解,商家同意给予免费维修,现已将空调修好。"),
            story("b1", "经调解,银行同意退还手续费。", industry="银行", score=2.9)]
    advice = build_advice(AIRCON, hits, [], "家电")
    assert [r.sources for r in advice.resolutions] == [["c1"]]  # another industry's case settles nothing here
    result = SearchResult(query=AIRCON, no_close_precedent=False, took_ms=1.0, hits=hits, advice=advice)
    for rendered in (plan_markdown(result), plan_text(result)):
        assert "类似先例的处理结果" in rendered and "商家同意给予免费维修" in rendered and "案例c1" in rendered
    assert "没有足够接近的先例" not in plan_markdown(result)  # there is one: it only has no steps to copy


@pytest.mark.parametrize(("query", "signals"), [
    ("今天上午十几个老年客户一起到柜面,有人说明天要来拉横幅", ["集体投诉"]),
    ("一批生鲜件压了3天,十多个客户同时打电话说海鲜都坏了", ["集体投诉"]),  # a group by its size
    ("客户说不退钱就发抖音,还要去法院起诉", ["媒体或舆情", "诉讼或仲裁"]),
    ("患者家属说要找卫健委和律师", ["诉讼或仲裁", "监管或政府部门"]),  # each industry's regulator by name
    ("航班延误5小时,旅客说要投诉到民航局", ["监管或政府部门"]),
    ("退房押金没退 客人急", []),
    ("客户说没有找记者,只想尽快退款", []),  # a negated cue does not count
])
def test_the_escalation_a_complaint_shows_is_read_from_its_own_words(query, signals):
    from advisor.guidance.document_grades import escalation_signals
    from advisor.guidance.facts import extract_facts

    assert escalation_signals(query, extract_facts(query)) == signals


def test_without_a_grade_the_plan_names_the_escalation_it_shows():
    query = "十几个客户一起来店里闹,说要找电视台曝光"
    advice = build_advice(query, [], [], "零售")
    assert advice.grade is None and advice.signals == ["媒体或舆情", "集体投诉"]
    result = SearchResult(query=query, no_close_precedent=False, took_ms=1.0, advice=advice)
    assert "**升级情形：** 媒体或舆情、集体投诉（未匹配到定级标准" in plan_markdown(result)
    assert "升级情形：媒体或舆情、集体投诉" in plan_text(result)
