"""Layouts first met in the development split dev52: a paper's call-log column (time, caller, office's answer),
a government form with its reply fields, 【部门反馈】, a Hong Kong story under crossheads, a blog's footer.
Texts written for the tests after the patterns of those documents."""

from __future__ import annotations

import pytest
from helpers import seg

from advisor.corpus.furniture import line_noise
from advisor.corpus.handling import told_actions
from advisor.corpus.roles import colon_label_roles, is_metadata_label, label_roles

_CALL_LOG = (
    "9:30\n市民张先生来电:我们小区门口的公交站撤了,老人出门要走两公里,能否恢复站点?\n"
    "市交委解答:该站因道路施工临时撤销,本周起在小区东门增设临时站,3路、15路停靠。\n"
    "11:00\n市民李女士来电:学校附近的路灯被树枝挡住,晚上漆黑一片,希望尽快处理!\n"
    "区农林局解答:经核实情况属实,已督促养护单位对遮挡路灯的树枝进行修剪。\n"
)


def test_each_call_and_its_answer_in_a_call_log_column_is_a_case_of_its_own():
    out = seg(_CALL_LOG)
    assert len(out.cases) == 2
    bus, lamp = sorted(out.cases, key=lambda c: c.sources[0].start)
    assert "公交站撤了" in bus.text and "路灯" not in bus.text
    assert any("增设临时站" in s for s in bus.handling_steps)
    assert any("进行修剪" in s for s in lamp.handling_steps)
    assert not any("11:00" in s for c in out.cases for s in c.handling_steps)


def test_a_callers_label_and_an_offices_answer_are_section_labels():
    assert colon_label_roles("市民张先生来电") == ("facts",)
    assert colon_label_roles("读者王女士来信") == ("facts",)
    assert colon_label_roles("市交委解答") == ("steps",)
    assert colon_label_roles("市民反映情况属实") == ()  # a sentence, no label
    assert label_roles("来电显示") == ("facts",)


def test_a_departments_feedback_is_its_reply_but_the_replying_department_is_a_particular():
    assert label_roles("部门反馈", 0.5) == ("steps",)  # (the threshold of a 【bracketed】 label)
    assert label_roles("反馈部门", 0.5) == ()
    out = seg("某村村民反映,村里电压不稳,用电高峰时电饭锅连饭都煮不熟,希望供电部门重视。\n【记者跑腿】\n"
              "该村民告诉记者,每到夏季家中电器就无法运转。\n【部门反馈】\n"
              "记者随后联系了当地供电所。该所负责人表示,已将该村列入农网改造计划,线路改造将于明年实施。\n")
    (case,) = out.cases
    assert any("农网改造计划" in s for s in case.handling_steps)


def test_a_forms_field_and_value_lines_are_particulars_not_headings_or_steps():
    assert is_metadata_label("回复人员 网站管理员")
    assert is_metadata_label("回复时间 2021-09-27")
    assert not is_metadata_label("学校食堂 饭菜质量差")
    out = seg("咨询信息\n标题 学校饭菜质量太差\n提问人 一个家长\n"
              "内容 孩子说午饭只有三小块鸡蛋,一天十块钱的餐费,家长们极其不满,解决不了就向市长热线投诉。\n"
              "提问时间 2021/9/26 9:24:53\n回复信息\n回复人员 网站管理员\n"
              "回复内容 接到留言后,局相关科室高度重视,安排专人对所述问题进行核查,学校已责令食堂立即整改。\n"
              "回复时间 2021-09-27\n")
    assert not out.guidelines
    (case,) = out.cases
    assert any("责令食堂立即整改" in s for s in case.handling_steps)
    assert not any(s.startswith(("回复人员", "回复时间")) for s in case.handling_steps)


def test_a_news_story_goes_on_under_its_crossheads():
    out = seg("该名已向社署实名举报的举报人向本报透露,女院友年近九旬,患有脑退化,今年5月28日入住某安老院,最少在入住当晚、"
              "次日晚上因较难管理,被安排在大厅坐通宵,整晚未回房睡觉。家属曾在同月31日午间探望,发现母亲神情疲累,失禁令裤子湿透。\n\n## 护理员自言被指使\n\n## 称院友不服从管理\n\n"
              "举报人提供的录音显示,涉事夜更护理员曾承认当晚让她出来未返房,又称若长者不服从管理便可推到大厅。"
              "社署回复本报查询称,署方调查后,8月就院舍未有为住客提供适切照顾发出书面警告。\n", "news.md")
    assert not out.guidelines
    (case,) = out.cases
    assert any("发出书面警告" in s for s in case.handling_steps)


def test_the_customers_quoted_account_of_the_company_is_no_step_but_the_companys_own_words_may_be():
    story = ("“搬家公司让我自己和搬家工人协商。”李女士表示,工人态度坚决。\n"
             "“我们已为客户办理退款,并向她道歉。”该公司负责人说。\n")
    steps = told_actions(story)
    assert not any("让我自己" in s for s in steps)
    assert any("办理退款" in s for s in steps)


def test_a_hong_kong_department_acts_but_a_complaint_made_to_it_is_no_step():
    story = ("该名已向社署实名举报的举报人透露,院友被安排在大厅坐通宵。\n"
             "社署回复查询称,署方调查后已向院舍发出书面警告,并会加强监察。\n")
    steps = told_actions(story)
    assert any("发出书面警告" in s for s in steps)
    assert not any("实名举报" in s for s in steps)


def test_an_industry_insiders_view_is_the_cases_comment():
    out = seg("市民李女士致电本报称,搬家公司谈好价格200元,工人上门后涨到750元,协商不成还遭辱骂。\n"
              "记者致电该搬家公司,工作人员称不可能坐地涨价。\n"
              "业内人士表示,不正规的搬家公司会冒充名牌搬家公司,大多没有工商登记。\n")
    (case,) = out.cases
    assert any("冒充名牌搬家公司" in t for t in case.management_thinking)


@pytest.mark.parametrize("line", ["lvpgku 发表在 痞客邦 留言(0) 人气()", "全站热搜", "11:00", "date 2025-08-30 明报记者 方宁"])
def test_a_blogs_footer_a_time_of_day_and_a_dated_byline_are_page_furniture(line):
    assert line_noise(line, set()) == "网页信息"


@pytest.mark.parametrize("line", ["留言后3天内回复", "11:00前到店的客人可免费升级房型", "阅读(理解)能力"])
def test_lines_of_text_that_mention_counters_or_times_are_kept(line):
    assert line_noise(line, set()) is None


def test_a_story_that_lists_the_options_the_company_offered_is_a_case_not_a_rule():
    out = seg("航班取消或延误的保障\n\n航空公司不时取消航班和整合部分班次,有时甚至停飞某些航线,以节省营运成本。本会检视20间航空公司的"
              "运送条款,看看消费者碰上更改或取消航班,能否获得足够的保障。\n\n例子个案\n\n"
              "陈小姐8月中旬透过A航空公司网站购买9月下旬由香港到芝加哥的直航来回机票。出发前2天才发现预订的直航航班被改为需转机的航班,"
              "陈小姐遂向本会作出投诉。经本会调停后,A航空公司以价值300美元之旅游礼券作补偿。\n\n"
              "张小姐于今年5月购买了2张明年1月由香港到关岛的直航来回机票,于7月收到B航空公司来电通知,"
              "来往香港及关岛的航线即将停航,公司提供3个改乘安排:\n"
              "1. 日期不变,须到夏威夷转机,不另收费,但没有差价可退还;\n"
              "2. 启程日和回程日均延后4天,须到东京转机,不另收费;\n"
              "3. 取消机票,全数退款。\n")
    assert any("关岛" in c.text for c in out.cases)
    assert not any("关岛" in g.text for g in out.guidelines)


def test_the_crux_named_by_the_writer_is_the_cases_comment_but_not_when_someone_is_quoted_saying_it():
    out = seg("近日,某小区多名用户反映,更换新燃气表后燃气费翻倍,燃气公司初期坚称一切正常,后在督导组督促下同意退款。\n"
              "用户愤怒的焦点在于燃气公司未能及时自查自纠,反而在初期否认存在问题。\n")
    (case,) = out.cases
    assert any("焦点在于" in t for t in case.management_thinking)
    quoted = seg("一位老太太来到调解中心,称储蓄卡中的百余万元存款不翼而飞,调解中心成立了专门的调解小组。"
                 "“本案的焦点在于,老太太的资金交易记录是否被银行篡改。”调解员说。调解小组随后对交易流水展开联动查账。\n")
    (case,) = quoted.cases
    assert not any("焦点在于" in t for t in case.management_thinking)


def test_a_consumer_councils_mediation_is_the_handling_but_its_news_and_the_customer_going_to_it_are_not():
    story = ("2020年9月,周女士来到余姚消保委办公室反映她儿子在该健身房充值近9000元,说好的退款等了一年多还是不履行。\n"
             "经南岸区消费者权益保护委员会调解,健身房退还周女士6000元,并赠送价值1000元的体验卡。\n"
             "3月6日,珠海市消费者权益保护委员会召开信息通报会,公布了一批消费维权典型案例。\n"
             "调查显示,45.64%的人购买的课程存在退费难问题。\n")
    steps = told_actions(story)
    assert any("退还周女士6000元" in s for s in steps)
    assert not any("来到余姚消保委办公室反映" in s for s in steps)
    assert not any("通报会" in s or "45.64%" in s for s in steps)


def test_a_numbered_case_set_off_by_spaces_in_a_run_on_page_starts_a_case_of_its_own():
    out = seg("细心的小伙伴可能留意到,市交通部门发布了出租车服务质量投诉攻略,今天再跟大家分享一些出租车司机拒载、议价的违章案例。"
              " 要点1 遇到出租车违章行为怎么办? 市民可拨打12345热线进行反映,保障自身合法权益。"
              " 参考案例1 4月30日,市民岳女士在客运站候乘,司机关闭车门不让乘客上车,与市民议价,要求不打表前往目的地。"
              "岳女士将情况通过12345热线反映,市交通部门调查取证后依法对司机作出罚款的行政处罚决定。\n")
    case = next(c for c in out.cases if "岳女士" in c.text)
    assert "细心的小伙伴" not in case.text and "要点1" not in case.text


def test_what_the_company_failed_to_tell_is_no_step():
    story = ("一位消费者办理了某银行的信用卡,在办卡时,银行工作人员未明确告知该信用卡存在年费减免条件。\n"
             "客服只回复已联系邻居,请您耐心等待,并未告知沟通结果。\n"
             "经协商,银行同意退还已收取的年费。\n")
    steps = told_actions(story)
    assert not any("未明确告知" in s or "未告知" in s for s in steps)
    assert any("退还已收取的年费" in s for s in steps)
