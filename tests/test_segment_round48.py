"""Segmentation of layouts first met in the development split dev48. Texts written for the tests after the
patterns of those documents (a hotline office's report on several households, a mayor's mailbox page, a
consumer council's cases, a scraped case book that glues its labels)."""

from __future__ import annotations

from helpers import seg

from advisor.corpus.handling import told_actions
from advisor.corpus.roles import label_roles
from advisor.corpus.titles import clean_heading
from advisor.text.terms import industry_scores

_REPORT = (
    "根据12月25日下发的热线工单核查报告,现将相关情况报告如下:\n"
    "1.幸福里小区3号楼801室,联系方式见工单。核查情况:一是现场实测温度16度;二是热力公司未主动上门联系住户。\n"
    "整改回复情况:\n"
    "热力公司已与物业取得联系,对楼道管网进行了排气,现场复测温度21℃。\n"
    "2.幸福里小区5号楼1单元302室,联系方式见工单。\n"
    "核查情况:一是住户反映维修工上门后态度生硬;二是检修完成后室温仍未达到18度。\n"
    "整改回复情况:\n"
    "经现场复测,室内温度已达标,热力公司已对该维修工批评教育。\n"
    "3.明月花园2号楼602室,联系方式见工单。\n"
    "核查情况:一是暖气片上热下凉;二是热力公司以历史遗留问题为由拒绝入户。\n"
    "整改回复情况:\n"
    "热力公司已安排专人入户清洗暖气片,住户表示满意。\n"
)


def test_a_hotline_report_on_several_households_is_one_case_each():
    out = seg(_REPORT)
    cases = [c for c in out.cases if "核查" in c.text or "室温" in c.text or "暖气片" in c.text]
    assert len(cases) == 3, [c.title for c in out.cases]
    first, second, third = cases
    assert any("排气" in s for s in first.handling_steps)
    # the numbered household above the second 核查情况 opens the second case, no step of the first
    assert not any("5号楼" in s for s in first.handling_steps)
    assert "5号楼" in second.text and "批评教育" in "".join(second.handling_steps)
    assert "清洗暖气片" in "".join(third.handling_steps)
    assert first.industry == third.industry == "供暖"


def test_a_reply_of_what_was_put_right_is_the_handling():
    assert label_roles("整改回复情况") == ("steps",)
    assert label_roles("整改情况") == ("steps",)
    assert label_roles("整改措施") == ("improvements",)  # what will change stays an improvement
    assert label_roles("核查情况") == ("facts",)


_MAILBOX = (
    "您的位置: 首页 >互动交流>市长信箱\n"
    "信件标题 洒水车噪音扰民问题\n"
    "来信人 李** 来信日期 2020-03-17\n"
    "信件内容\n"
    "尊敬的市长:\n"
    "您好!我是花园小区的居民。每天清晨五点多,洒水车就开始来回播放刺耳的音乐,孩子每天都被吵醒,"
    "能不能把洒水车的音量降低一些,请领导给予解决,谢谢!\n"
    "公开状态 已公开 办理状态 已办结\n"
    "办理结果\n"
    "回复部门 热线办 回复日期 2020-03-19\n"
    "市民朋友您好!\n"
    "您反映的问题已收悉,现回复如下:接到您诉求后,我局工作人员及时与您进行了电话沟通,"
    "要求作业公司降低洒水车音量,调整洒水作业时间。\n"
    "回复附件\n"
)


def test_a_mailbox_page_is_one_case_with_the_reply_as_its_steps():
    out = seg(_MAILBOX)
    assert len(out.cases) == 1, [c.title for c in out.cases]
    case = out.cases[0]
    assert case.title == "洒水车噪音扰民问题"  # the form's field name is no part of the title
    assert "洒水车" in case.facts
    assert any("降低洒水车音量" in s for s in case.handling_steps)
    # the reply's salutation, its particulars and the attachment line are no steps
    assert not any(s.startswith(("市民朋友", "回复部门", "回复附件")) for s in case.handling_steps)


def test_a_forms_field_name_is_no_title():
    assert clean_heading("信件标题 洒水车噪音扰民问题") == "洒水车噪音扰民问题"
    assert clean_heading("标题：小区停水三天") == "小区停水三天"
    assert clean_heading("标题党的危害") == "标题党的危害"


def test_a_council_speaking_as_itself_is_the_cases_analysis():
    doc = ("实际收费与报价落差大\n"
           "陈先生去年7月搬家,当时A公司电话报价约3300元。搬家当日,职员指收费是逐项计算,总数是5120元。"
           "陈先生认为不合理,于是联络本会,希望A公司退回部分收费。\n"
           "本会认为,公司在报价时应表明收费的计算准则,例如是逐项收费还是全包价,避免双方发生争拗。\n")
    case = seg(doc).cases[0]
    assert any(t.startswith("本会认为") for t in case.management_thinking)
    assert "本会认为" not in case.facts


def test_a_scrape_that_glues_its_labels_glues_the_lesson_too():
    doc = ("物业投诉处理案例集一、设施维护类:电梯故障引发的信任危机案例背景某小区电梯一周内三次困人,业主集体投诉。"
           "处理过程1.应急响应:接报后15分钟物业经理带队到场。2.长效机制:每月公示维护记录。"
           "经验启示响应速度决定信任基础:15分钟到场与48小时整改计划缺一不可。\n")
    case = seg(doc).cases[0]
    assert any(t.startswith("响应速度决定信任基础") for t in case.management_thinking), case.management_thinking
    assert not any("响应速度" in s for s in case.handling_steps)


def test_a_label_word_that_goes_on_as_a_sentence_is_no_heading():
    doc = ("物业投诉处理案例集一、设施维护类:漏水案例背景某小区楼顶漏水,业主集体投诉。"
           "处理过程中,客服先后三次上门查看,物业随后安排维修。\n")
    case = seg(doc).cases[0]
    assert "处理过程中,客服先后三次上门查看" in case.text.replace("，", ",")
    assert not any(t.startswith("中,") for t in [*case.management_thinking, *case.handling_steps])


def test_what_the_company_did_unasked_is_the_grievance_not_a_step():
    story = ("投诉人为儿子报读A公司的英文课程,原订2月开课。1个月后,A公司突然通知课堂改为网上教学,并安排家长陪同上课。"
             "投诉人坚决不接受网上授课。经过消委会与A公司多番商讨,A公司最终同意退款。")
    steps = told_actions(story)
    assert steps == ["经过消委会与A公司多番商讨,A公司最终同意退款。"]
    assert told_actions("酒店擅自取消了预订,经协调后同意退还差价并道歉。")  # settled in the same sentence


def test_room_temperature_is_a_heating_word():
    scores = industry_scores("住户反映刚开完空调,热力公司检修后室温仍未达到18度")
    assert scores.get("供暖", 0) > scores.get("家电", 0)


def test_a_title_above_a_short_label_is_the_cases_heading():
    doc = ("王某和潘某房屋租赁合同纠纷调解案\n"
           "案情简介\n"
           "2025年2月,某社区发生了一起因房屋租赁押金退还引发的纠纷。租客王某退租时,房东潘某以折叠床缺失为由拒绝退还押金。\n"
           "调解过程\n"
           "调解员先通过电话与双方沟通,随后组织双方到调解室面对面协商,最终房东退还押金7000元。\n")
    (case,) = seg(doc).cases
    assert case.title == "王某和潘某房屋租赁合同纠纷调解案"
    assert any("组织双方" in s for s in case.handling_steps)


def test_a_blog_story_opening_with_a_saying_is_a_case_titled_by_its_headline():
    doc = ("常言道:抓贼要抓赃。\n"
           "指问罪要有真凭实据,如果没有,一切的怀疑都是站不住脚跟的。\n"
           "酒店强行扣客人200元押金10月6日,媒体报道了一件令人气愤的事:酒店以房间内丢失了一个设备为由,扣下客人的押金不退。\n"
           "起因是前两天家长陪同孩子前往省城参加比赛,入住时给酒店交了200元的押金。\n"
           "退房的时候酒店却以房间内的设备找不到了为由,要把押金扣掉。家长与经理吵了起来,之后选择了报警处理。\n"
           "实在气不过的家长选择了打12315热线投诉酒店。\n")
    out = seg(doc)
    assert len(out.cases) == 1 and not out.guidelines, [g.title for g in out.guidelines]
    title = out.cases[0].title
    assert title.startswith("酒店强行扣客人200元押金") and "10月6日" not in title and "常言道" not in title


def test_a_news_story_under_markdown_subheadings_is_one_case():
    doc = ("2025年7月,某寿险公司客服中心接到投诉电话——已退保三年的罗女士声称销售人员代签保单,要求补偿近20万元,"
           "并在3个月内向监管部门投诉26次。\n"
           "## 突如其来的投诉 掀开退保背后的黑幕\n"
           "罗某在投诉中以持续举报相要挟,要求公司私下和解赔钱。公司工作人员介入沟通后发现,罗某对投诉流程了如指掌。\n"
           "## 核查确认流程合规 公司启动诉讼\n"
           "为查明事实,公司迅速组建专项核查团队,调取罗某的投保资料、回访录音和退保确认单,核查结果显示流程合规。\n")
    out = seg(doc)
    assert len(out.cases) == 1, [c.title for c in out.cases]
    assert "专项核查团队" in out.cases[0].text


def test_numbered_markdown_items_of_one_surname_stay_apart():
    doc = ("# 市长电话周综述\n"
           "## 2.空调外机扰民问题\n"
           "市民张女士反映:小区楼下商铺的空调外机每天凌晨4点开始运行,噪音很大,多次反映未解决。\n"
           "## 3.垃圾中转站问题\n"
           "市民张先生反映:附近垃圾中转站每天4点开始清理垃圾,近期持续到中午,气味难闻。\n")
    assert len(seg(doc).cases) == 2
