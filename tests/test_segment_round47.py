"""Segmentation of layouts first met in the development split dev47. Texts written for the tests after the
patterns of those documents."""

from __future__ import annotations

from helpers import seg

from advisor.corpus.furniture import line_noise
from advisor.corpus.guidelines import one_line
from advisor.corpus.handling import told_actions
from advisor.corpus.stories import is_story, story_score
from advisor.corpus.titles import case_title, clean_heading, title_from_facts
from advisor.text.terms import industry_scores


def test_what_someone_in_the_story_said_states_no_rule():
    # the staff member reads out the contract's conditions: a story, not a rulebook
    text = ("赵同学报名某培训机构的考研课程时,顾问保证“不过就退费”,他交了两万元。考试没过,他提出退费,"
            "工作人员却念起合同:“必须全程签到,必须参加模考,必须按时提交成绩单。”最后他只拿回一半的钱。")
    assert is_story(text)
    bare = text.replace("“", "").replace("”", "")
    assert story_score(bare) < story_score(text)  # the same words outside quotation marks are the text's own


def test_the_person_in_charge_is_no_duty():
    # 负责人 names a person; 负责 (is responsible for) is a rule's word
    story = "该机构今年3月停课后就联系不上负责人,家长们多次到店里找负责人,始终没有人出面。"
    rule = "该机构今年3月停课后,由校长负责处理退费,各部门负责协助。"
    assert story_score(story) >= 0 > story_score(rule)


def test_an_anonymised_letter_name_is_a_person():
    text = ("2020年,Q女士为自己和家人投保了多份人身保险。2025年8月,Q女士看到网上“代理退保”的宣传,便联系了相关人员,"
            "随后向公司提出退保,要求全额退还保费。")
    assert is_story(text)
    assert not is_story(text.replace("Q女士", "QQ女士").replace("2020年,", "").replace("2025年8月,", ""))


def test_an_insurers_case_under_numbered_subheadings_is_one_case_with_its_steps():
    doc = ("# 一、案情介绍\n"
           "## (一)误入“代理退保”陷阱,发生纠纷\n"
           "2020年,K女士为家人投保了多份人身保险,累计缴费5万余元。2024年6月,K女士看到网上“代理退保”的宣传,"
           "在代理人员唆使下向公司提出退保,并声称销售人员存在误导,要求全额退还保费,拒绝与公司正常沟通。\n"
           "## (二)多元调解介入处理,化解矛盾\n"
           "鉴于K女士的情况,公司向当地银行保险业纠纷调解中心申请介入。调解员首先分别与K女士和公司沟通,全面了解情况。"
           "随后,调解员组织双方进行现场调解,向K女士详细解释了保险合同的重要条款。\n")
    out = seg(doc)
    assert len(out.cases) == 1, ([c.title for c in out.cases], [g.title for g in out.guidelines])
    case = out.cases[0]
    assert case.title.startswith("误入")  # the heading's number is no part of the title
    assert any("申请介入" in s for s in case.handling_steps)
    assert not any("#" in s or "化解矛盾" in s for s in case.handling_steps)


def test_a_told_step_does_not_carry_the_subheading_above_it():
    story = "## (二)调解介入处理\n鉴于客户的情况,公司向调解中心申请介入,调解员随后组织双方进行现场调解。"
    steps = told_actions(story)
    assert steps and steps[0].startswith("鉴于客户的情况")


def test_a_headings_number_is_no_part_of_the_title():
    assert clean_heading("(一)误入“代理退保”陷阱") == "误入“代理退保”陷阱"
    assert clean_heading("（二）多元调解") == "多元调解"
    assert title_from_facts("(一)误入陷阱,发生纠纷\n2020年,K女士投保…").startswith("误入陷阱")
    assert case_title("(三)退费被拒", "市民王女士报名后要求退费被拒。") == "退费被拒"


def test_a_papers_dateline_with_its_byline_is_no_text():
    assert line_noise("本报讯(记者 孟锋)", set()) is not None
    assert line_noise("本报讯（记者 张三 通讯员 李四）", set()) is not None
    assert line_noise("本报讯(记者 孟锋)上个月,我市共受理市民来话3177件。", set()) is None


def test_booking_a_room_is_a_hotels_word():
    scores = industry_scores("她透过电话订房,付了全额房费,饭店却以早鸟价不得取消为由拒绝退款")
    assert scores.get("酒店", 0) > scores.get("餐饮", 0)


def test_who_told_it_is_no_title():
    assert title_from_facts("有网友在问政平台发帖称,小区门口的路灯坏了三个月没人修。") == "小区门口的路灯坏了三个月没人修"
    assert title_from_facts("南京市民卢女士向晚报爆料称,她在超市买的牛奶过期了。") == "她在超市买的牛奶过期了"
    # a clause that names the problem before who complained stays
    assert title_from_facts("卧室漏水装修公司拒绝退费成都消费者陈先生投诉称,…").startswith("卧室漏水")


def test_a_reprint_line_and_a_breadcrumb_are_page_chrome():
    assert line_noise("转自:北京日报客户端", set()) is not None
    assert line_noise("首页- 新闻中心- 图片- 人才网- ", set()) is not None
    assert line_noise("转自某位业主的来信,他说物业拖了三个月。", set()) is None


def test_a_rules_text_without_a_heading_is_titled_by_its_first_line():
    assert one_line("引言\n快递“失踪”是许多人在使用快递服务时会遇到的问题。") == "快递“失踪”是许多人在使用快递服务时会遇到的问题"
    assert one_line("咨询热线\n0898-12345678\n网上投诉") == "咨询热线"
    assert one_line("燃气费暴涨跟换表有关系吗?官方介入调查") == "燃气费暴涨跟换表有关系吗?官方介入调查"  # a headline may ask
    long = one_line("为了进一步规范客户投诉处理流程,提升客户满意度,现对客户投诉处理作如下规定。一、…")
    assert long.startswith("为了进一步规范") and long.endswith("…") and len(long) == 31


def test_a_papers_bracketed_credit_and_how_long_ago_are_no_title():
    facts = "【金陵晚报84612345热线报道】还没有打开自来水龙头,自来水表就自己转起来了。家住牌楼巷的郑先生就遇到这件怪事。"
    assert title_from_facts(facts) == "还没有打开自来水龙头,自来水表就自己转起来了"
    assert title_from_facts("两年前,卢女士要求解除保单,保险公司拒绝全额退保。").startswith("卢女士要求解除保单")


def test_a_document_sites_page_count_a_byline_with_its_place_and_a_sites_domain_are_chrome():
    for line in ("该文档总共9页", "刘汉生 报导 / 台南市", "中华网 china.com", "新浪网 www.sina.com.cn"):
        assert line_noise(line, set()) is not None, line
    for line in ("王先生在中华网 china.com 上投诉", "刘汉生报导台南市一家餐厅"):
        assert line_noise(line, set()) is None, line
