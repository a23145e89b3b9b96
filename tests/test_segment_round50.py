"""Segmentation of layouts first met in the development splits dev44–dev50 (rechecked this round). Texts written
for the tests after the patterns of those documents (a hotel's case study whose handling section tells the
handling before a timeline, news stories that turn to an official's or a commentator's view)."""

from __future__ import annotations

import pytest
from helpers import seg

from advisor.corpus.handling import told_actions

_CASE_STUDY = (
    "客人贵重物品遗失的调查\n"
    "## 案例背景\n"
    "2023年6月2日上午,一位住店客人打电话到前台,说自己在房间里丢了一枚价值不菲的戒指,希望酒店协助寻找。\n"
    "## 处理过程\n"
    "接到求助后,值班经理与保安主管立即陪同客人回到房间仔细查找,但未发现戒指。\n"
    "为尽快查明事实,酒店调取了当天的监控录像进行对比分析,整理出时间线:\n"
    "• 09:10 客人戴着戒指回到房间\n"
    "• 10:25 客人去泳池游泳(监控显示未戴戒指)\n"
    "## 经验启示\n"
    "贵重物品遗失要先稳住客人情绪,再用监控和记录还原事实。\n"
)


def test_a_handling_section_that_tells_the_handling_before_a_list_keeps_it_as_steps():
    case = next(c for c in seg(_CASE_STUDY).cases if "戒指" in c.text)
    steps = "".join(case.handling_steps)
    assert "值班经理与保安主管立即陪同客人" in steps and "调取了当天的监控录像" in steps
    assert not any("值班经理" in t for t in case.management_thinking)


_PLAN_LEAD = (
    "客户投诉网点排队时间过长\n"
    "## 案情简介\n"
    "5月8日,一位客户在网点等候一个多小时仍未办理业务,情绪激动,要求网点负责人出面。\n"
    "## 处理措施\n"
    "网点采取了以下措施:\n"
    "1. 增开一个临时窗口分流客户;\n"
    "2. 大堂经理向等候客户逐一致歉并发放饮用水。\n"
)


def test_a_handling_sections_plain_lead_in_is_no_step():
    case = next(c for c in seg(_PLAN_LEAD).cases if "临时窗口" in c.text)
    assert case.handling_steps[0].startswith("增开一个临时窗口")
    assert not any("以下措施" in s for s in case.handling_steps)


def test_a_handling_sections_comment_before_its_list_stays_thinking():
    text = _PLAN_LEAD.replace("网点采取了以下措施:", "本案例中,客户的主要不满在于等候太久,所以网点应采取的处理方式是:")
    case = next(c for c in seg(text).cases if "临时窗口" in c.text)
    assert case.handling_steps[0].startswith("增开一个临时窗口")
    assert any("主要不满在于等候太久" in t for t in case.management_thinking)


_VIEWS = [
    (  # the story turning to a consumer body's official
        "二手翻新机当新机卖 商家同意换机并赔偿\n"
        "今年3月,陈先生在某手机店花4000元买了一部新手机,用了一周发现手机有拆修痕迹,查询激活时间显示早已激活。"
        "陈先生要求退货,商家以试机造成为由拒绝,陈先生随后向区消保委投诉。\n"
        "经过调解,商家同意给陈先生换一部新手机,同时赔偿其1000元。\n"
        "对此,区消保委相关负责人表示,翻新机在销售时要明示消费者,否则属于欺诈行为。\n",
        "属于欺诈行为",
    ),
    (  # a consumer protection officer
        "电信业者收纸本帐单费 消保官:违反契约\n"
        "林先生说,家中长辈因收不到纸本帐单不知道要缴费,结果被断网,打去客服却说纸本帐单每期要多收10元。\n"
        "消保官王小明指出,契约约定有纸本帐单就应依约履行,业者不能片面变更契约。\n",
        "片面变更契约",
    ),
    (  # the story widening to a debate
        "宠物美容后死亡 店主发文控诉\n"
        "李女士把家里的小狗送到一家宠物店洗澡,店员没有把毛吹干就放进笼子,小狗当晚出现呼吸困难,第二天死亡。"
        "李女士要求店家赔偿,店家只同意退还洗澡费。\n"
        "此事件也引发了对宠物护理行业监管的讨论。目前宠物护理行业缺乏统一标准,服务品质参差不齐。\n",
        "行业监管的讨论",
    ),
]


@pytest.mark.parametrize(("text", "view"), _VIEWS)
def test_a_news_story_turning_to_a_view_gives_that_view_as_thinking(text, view):
    case = next(c for c in seg(text).cases if len(c.facts) > 40)
    assert any(view in t for t in case.management_thinking)
    assert view not in case.facts


def test_a_hotline_office_forwarding_the_complaint_is_a_told_step():
    story = (
        "市民反映,小区暖气管道安装到一半突然停工,希望政府协调。市长公开电话受理中心随即转市建委调查处理。"
        "市长热线科收到情况后,立即将此事移交给市发改委进行调查。"
    )
    steps = told_actions(story)
    assert any("转市建委调查处理" in s for s in steps)
    assert any("移交给市发改委" in s for s in steps)


def test_a_consumer_council_speaking_as_itself_acts_in_its_own_story():
    steps = told_actions("陈先生希望公司退回部分收费。本会收到陈先生的投诉后,联络A公司的职员尝试调停。")
    assert steps == ["本会收到陈先生的投诉后,联络A公司的职员尝试调停。"]
    # a club's notice (本会所…) is no council, and a patient's check-up no handling
    assert told_actions("告示称本会所因经营不善停止一切经营活动,无力退还会费。") == []
    assert told_actions("吴某某前往省肿瘤医院做ct检查,结论为肝脏占位。") == []


def test_a_replys_salutation_is_no_part_of_its_step():
    steps = told_actions("尊敬的市民:\n您的建议很好,我局高度重视,派出专人对信中反映的情况进行了解。")
    assert steps == ["您的建议很好,我局高度重视,派出专人对信中反映的情况进行了解。"]


_KICKERS = (
    "# 燃气报警器不报警 老人要求退货\n\n"
    "## 遭遇:买回的燃气报警器不报警\n\n"
    "孙大爷花298元装了一个燃气报警器。9月1日,燃气泄漏时报警器并没有响。几户老人坚持退货,员工上门取回产品,但扣除了50元费用。\n\n"
    "## 回应:将改进产品改善服务\n\n"
    "记者联系了该公司,公司负责人表示将为老人办理全额退款,并对销售人员进行培训。\n"
)


def test_a_news_kickers_headline_on_its_heading_line_is_no_step():
    case = next(c for c in seg(_KICKERS, name="alarm.md").cases if "报警器" in c.text)
    assert case.handling_steps == ["记者联系了该公司,公司负责人表示将为老人办理全额退款,并对销售人员进行培训。"]
