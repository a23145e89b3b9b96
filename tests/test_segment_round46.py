"""Segmentation of layouts first met in the development split dev46. Texts written for the tests after the
patterns of those documents."""

from __future__ import annotations

import pytest
from helpers import seg

from advisor.corpus.handling import told_actions
from advisor.corpus.roles import label_roles
from advisor.corpus.titles import case_title, title_from_facts

# A regulator's list told the same way each time: the complaint, what checking found, the lesson; no headings.
_LIST = ("辖区投诉处理典型案例汇编\n"
         "2016年5月,投资者在某证券公司营业部开通两融业务后申请融券卖出某股票,营业部只鼓励投资者融资,却不让融券。"
         "投资者于5月9日再次到营业部询问,得知仍无法融券,客户对此不满,致电监管部门投诉。\n"
         "经核实,该公司仅对部分标的提供融券业务,客户所选股票不在范围内。营业部已与客户联系,详细解释了相关政策,获得了客户的谅解。\n"
         "证券营业部遇到问题时应及时与客户沟通,从源头上减少投诉。\n"
         "投资者于2019年3月5日在某证券公司营业部开户,约定手续费按万分之三收取。投资者于3月12日打印对账单,发现按千分之一收取,"
         "对此表示不满,要求退还差额并赔偿2000元。\n"
         "经调查核实,开户时工作人员曾口头告知优惠费率,但需客户到账后申请。营业部已向客户解释了费率调整流程,并退还了多收的手续费。\n"
         "营业部在服务中要做到言而有信,向投资者讲清业务办理的步骤,减少客户纠纷。\n")


def test_a_complainant_opening_after_a_finding_starts_the_next_case():
    out = seg(_LIST)
    assert len(out.cases) == 2, [c.title for c in out.cases]
    first, second = out.cases
    assert "融券" in first.facts and "手续费" not in first.facts
    assert "万分之三" in second.facts and "融券" not in second.facts


def test_the_companys_answer_after_the_finding_is_a_step_and_the_lesson_is_thinking():
    second = seg(_LIST).cases[1]
    assert any("营业部已向客户解释了费率调整流程" in s for s in second.handling_steps)
    assert any("言而有信" in t for t in second.management_thinking)


def test_the_company_as_the_object_of_the_customers_deed_does_not_act():
    # the customer went to the branch and opened an account there: nothing the company did about a complaint
    assert told_actions("投资者在某证券公司营业部开通融资业务,并向营业部提出融券申请。") == []
    assert told_actions("客户到营业厅办理退订,营业厅工作人员当场核实并退还了多扣的费用。") == [
        "客户到营业厅办理退订,营业厅工作人员当场核实并退还了多扣的费用。"]


@pytest.mark.parametrize("heading", ["亲", "新闻", "购房人", "小区名称", "处理结果", "AI人机协同生成",
                                     "欢迎光临 某市人民法院网站：司法为民"])
def test_a_heading_that_names_nothing_gives_way_to_the_facts(heading):
    facts = "业主发现新房卫生间漏水到楼下,开发商只修不赔。物业协调后维修完毕。"
    assert case_title(heading, facts).startswith("业主发现新房卫生间漏水到楼下")


@pytest.mark.parametrize("heading", ["门票里的“小秘密”", "退费难", "漏水", "电梯困人"])
def test_a_short_heading_that_names_the_case_stays(heading):
    assert case_title(heading, "游客购票时未被告知观光车另收费。景区致歉并退款。") == heading


@pytest.mark.parametrize(("label", "roles"), [
    ("解析", ("thinking",)), ("行业痛点剖析", ("thinking",)), ("市场监管小贴士", ("thinking",)),
    ("消费风险提示", ("thinking",)), ("个案跟进", ("steps",)), ("处理方式方法", ("steps",)),
    ("付款方式", ()), ("联系方式", ()), ("郾城教体局也给出回复", ()),  # a field of a form, a sentence
])
def test_labels_of_analysis_tips_and_follow_up(label, roles):
    assert label_roles(label) == roles


@pytest.mark.parametrize(("facts", "title"), [
    ("202X年X月,客户张女士在网点购买理财产品后亏损。", "客户张女士在网点购买理财产品后亏损"),  # an anonymised date
    ("亲,我在你们店买的衣服洗一次就掉色了,要求退货。", "我在你们店买的衣服洗一次就掉色了，要求退货"),  # a shop's greeting
    ("date 2025-11-07 赵先生收到的电费账单暴涨三倍。", "赵先生收到的电费账单暴涨三倍"),  # a page's date field
])
def test_a_title_from_the_facts_skips_dates_greetings_and_fields(facts, title):
    assert title_from_facts(facts) == title


def test_several_outlets_credit_is_no_title():
    assert title_from_facts("新安晚报 安徽网 大皖客户端讯 合肥市一业主因漏水与物业产生纠纷,将物业告上法庭。") == \
        "合肥市一业主因漏水与物业产生纠纷"


def test_a_video_or_porn_sites_link_list_is_no_title_nor_text():
    out = seg("家长万元课时费险些打水漂 培训机构突然搬空|国产美女裸体无遮挡免费视频\n"
              "1. 4399在线观看免费高清电视剧\n2. 陌陌影视在线观看高清完整版\n3. 国产美女裸体无遮挡免费视频\n"
              "家长吴女士给孩子预付了80节音乐课共17188元,上了17节后培训机构的教室突然搬空,老板起初承诺退费,后来百般推诿。"
              "吴女士向法院起诉,经调解机构同意分期退还剩余课时费。\n")
    (case,) = out.cases
    text = case.title + case.text
    assert "裸体" not in text and "在线观看" not in text and case.title.startswith("家长万元课时费")
