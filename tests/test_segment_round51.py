"""Told steps of stories first met in the development splits dev45–dev51 (rechecked this round): a hotline reply
whose handling comes before a numbered answer, a report whose list only details what was found. Texts written for
the tests after the patterns of those documents."""

from __future__ import annotations

import pytest

from advisor.corpus.handling import told_actions

_HOTLINE_REPLY = (
    "近日,政务服务便民热线接到王女士来电反映:小区的自来水很浑浊,而且经常停水,希望尽快解决。\n"
    "收到反映后,县住建局高度重视,第一时间将工单转派至县供水公司,要求核查水质和停水问题,及时解决。\n"
    "经核查,情况如下:一是关于水质问题。因主干管抢修,恢复供水时会有短时浑水;二是关于停水问题。管网老化,正在改造。\n"
)


def test_the_handling_told_before_a_numbered_answer_is_a_step():
    steps = told_actions(_HOTLINE_REPLY)
    assert any("第一时间将工单转派至县供水公司" in s for s in steps)
    assert not any("王女士来电反映" in s for s in steps)


def test_a_sentence_that_only_announces_a_list_is_no_step():
    story = ("该公司在受理客户投诉后,按照如下四个步骤进行了处理:\n1. 核实客户的赎回时间;\n"
             "2. 向客户解释到账时间的规定;\n3. 致电客户说明原因并致歉。\n")
    steps = told_actions(story)
    assert not any("如下四个步骤" in s for s in steps)
    assert any("致电客户说明原因并致歉" in s for s in steps)  # the points: what the company did


def test_a_customer_taking_the_complaint_somewhere_is_no_step_however_the_sentence_opens():
    story = ("家住某小区的周女士向我们反映,她家冰箱坏了,维修人员上门修了三次也没修好。\n"
             "本会收到周女士的投诉后,联络商家的职员尝试调停。\n")
    steps = told_actions(story)
    assert not any("向我们反映" in s for s in steps)
    assert any("联络商家的职员尝试调停" in s for s in steps)  # the complaint received: the handling begins


def test_a_list_asked_of_the_company_is_no_handling():
    letter = ("我们诚挚希望贵公司能够尽快针对以下几点展开调查:\n1. 对新更换的燃气表进行全面检测与校准;\n"
              "2. 核查更换过程中是否存在安装不规范的问题。\n")
    assert told_actions(letter) == []


def test_a_government_bureau_that_handles_the_complaint_acts():
    story = ("游客陈某一行3人报名参加某旅行社的旅游团,行程中两个景点被取消。\n"
             "区文化广电旅游体育局接到该投诉后,积极联系双方沟通协调,并组织双方开展调解。\n")
    assert any("组织双方开展调解" in s for s in told_actions(story))
    assert told_actions("这场纠纷的结局出人意料,双方各执一词。\n局部地区恢复供水时水质浑浊。") == []


def test_a_pet_owner_is_the_person_of_a_story():
    from advisor.corpus.stories import is_story

    text = ("近日,一位宠物主人带着拉肚子的宠物狗到了宠物医院。当时,医生在楼上值班,没有听到楼下响起的急诊电话。"
            "接诊后,主人拒绝医生提出的全面检查建议。简单治疗后无效,宠物狗再接受深入检查,手术后不幸死亡。"
            "双方跑到调解工作站进行调解,最终,医院退赔了宠物狗的医疗费用。")
    assert is_story(text)


def test_a_reporters_follow_up_and_a_councils_record_are_sections_of_the_story():
    from advisor.corpus.roles import label_roles

    assert label_roles("调查附记") == ("facts",) and label_roles("投诉实录") == ("facts",)
    assert label_roles("特别通告") == ()


@pytest.mark.parametrize(("text", "industry"), [
    ("新做的橱柜用了几个月面板就膨胀发霉,卖板材的经营部说是天气潮湿,木工的加工费也没结清。", "家装"),
    ("宽频服务到期前两个月已申请终止,电讯商仍继续收费,投诉人不满职员拒绝办理取消手续。", "电信"),
    ("搬家公司的师傅把衣柜摔断了,搬家公司只肯赔两百元,说搬运工是临时请的。", "快递"),
])
def test_the_industry_of_a_case_from_the_words_of_its_trade(text, industry):
    from advisor.corpus.classify import industry_of

    assert industry_of(text) == industry


@pytest.mark.parametrize(("line", "noise"), [
    ("感谢阁下浏览「精明消费香港游」网站。本网站自2007年推出至今,已为大量旅客提供消费资讯。", True),
    ("本网站届时将不再更新,而现有的文章内容会保留至同年8月31日。", True),
    ("如欲继续收取实用资讯,敬请关注我们的官方微信频道:", True),
    ("前台经理说:感谢您使用本酒店的服务,客人表示满意。", False),
    ("酒店停止运营后客人无法退款,只能向消委会投诉。", False),
])
def test_a_sites_notice_about_itself_is_furniture(line, noise):
    from advisor.corpus.furniture import line_noise

    assert (line_noise(line, set()) is not None) == noise


def test_a_panel_of_experts_or_mediators_acts():
    story = ("因院方与宠物主人各执一词,双方到调解工作站进行调解。\n"
             "经专家组调取诊疗记录、用药记录、监控等资料后评估,院方的诊疗过程没问题。\n")
    assert any("调取诊疗记录" in s for s in told_actions(story))


def test_a_regulators_staff_judging_the_case_is_its_comment():
    from advisor.corpus.fields import story_part

    text = ("超市条幅宣传会员日满百返三十元,黄女士消费150元后商家至今未返还。后经工商部门调解,经营者已兑现返款承诺。\n"
            "工商人员表示,依照法律,会员卡积分是商家和消费者之间的约定,商家不得单方面变更。")
    assert "工商人员表示" not in story_part(text) and "黄女士" in story_part(text)
    assert "工作人员表示" in story_part("酒店工作人员表示,当晚确有客人投诉噪音,已为其换房。")  # the company's own staff tell the story
