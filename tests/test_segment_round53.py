"""Forms met while re-reading the development splits' unfilled thinking and steps: a lawyer of a long-named firm
giving the view, meter readers and counter staff acting, an inspection done. Texts written for the tests after
the patterns of those documents."""

from __future__ import annotations

import pytest
from helpers import seg

from advisor.corpus.handling import told_actions


def test_a_lawyer_of_a_long_named_firm_gives_the_cases_view():
    out = seg("消费者陈某在某网贷平台借款1万元,因疫情失去收入,主动协商提前结清被拒,之后每天遭第三方催收骚扰。\n"
              "对此,某某消费维权法律服务联盟江苏某某律师事务所律师王明建议,平台应当依规为受疫情影响的借款人"
              "合理延后还款期限,不得暴力催收。\n")
    (case,) = out.cases
    assert any("合理延后还款期限" in t for t in case.management_thinking)
    assert "暴力催收" not in case.facts


@pytest.mark.parametrize(("story", "step"), [
    # an inspection done by the company's staff
    ("李女士家的空房子两个月用了一千多度电。10日上午,供电公司两名工作人员到李女士家检查了电表和线路,没有发现漏电。",
     "检查了电表和线路"),
    ("消费者举报饭店设最低消费。市场监管局执法人员随即到该饭店进行现场检查,责令撤下最低消费告示。", "现场检查"),
    # a meter reader's, a counter clerk's own action
    ("用户称换表后补气量不对。营业员进行气量核算,按历史购气记录补足了差额。", "气量核算"),
    ("台电回应,是抄表员看错了千位数,已重新计算并寄送新电单。", "重新计算"),
])
def test_what_staff_did_is_a_step(story, step):
    assert any(step in s for s in told_actions(story))


@pytest.mark.parametrize("story", [
    # the customer's own check-up, a repairer's trick: no handling
    "做完祛痘项目后脸上起了红疹,顾客马上去医院进行了检查。",
    "维修人员在换屏过程中试图掉包,被顾客当场发现。",
])
def test_what_the_customer_did_or_the_grievance_is_no_step(story):
    assert told_actions(story) == []


@pytest.mark.parametrize(("story", "industry"), [
    # how the customer paid the shop, or got the money back, makes no bank case
    ("某美容店推销万元染发疗程,长者在慌张下以信用卡付款。美容师称效果保证,事后店方仅同意退回信用卡约七成款项。", "健身美容"),
    ("连锁美睫美甲店突然停业,数百名会员储值余额无法使用。主管机关要求业者协助已刷信用卡支付的会员向银行申请争议款。", "健身美容"),
    # a card stolen and used is the bank's
    ("客户信用卡被盗刷两万元,银行客服称需先报警,支行网点协助办理了挂失和争议交易调查。", "银行"),
])
def test_the_business_complained_of_is_the_industry_not_how_the_customer_paid(story, industry):
    from advisor.corpus.classify import industry_of

    assert industry_of(story) == industry
