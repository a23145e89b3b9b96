"""Several stories where one record used to be cut: people's stories under one case heading, a story told inside
an article, a mini-case the writer announces ("还有一个案例:"), and "还有一些商家…" before another example.
Texts written for the tests."""

from __future__ import annotations

from helpers import seg

from advisor.corpus.anecdotes import is_anecdote
from advisor.corpus.stories import starts_new_story

_TWO_UNDER_ONE_HEADING = (
    "案例 3\n"
    "会员卡余额不退\n"
    "不少消费者反映,一些门店关门前仍在大力推销储值卡,顾客办卡后不久门店就停业,余额退不回来的情况时有发生。\n"
    "家住城东的赵先生说,去年他在一家理发店充值了两千元,用了不到三次,门店突然贴出停业通知,店主的电话也打不通了。\n"
    "孙女士称,她在小区附近的洗衣店办了一张八百元的储值卡,洗了两件大衣后,洗衣店换了老板,新老板不认旧卡,要求她重新充值,否则卡里剩下的六百多元就作废。\n"
    "提醒:\n"
    "消费者办理储值卡前应了解商家的经营状况,保留好消费凭证,一次充值不宜过多,遇到纠纷可拨打12315投诉。\n"
)


def _by_start(cases):
    return sorted(cases, key=lambda c: c.sources[0].start)


def test_two_peoples_stories_under_one_case_heading_are_two_cases_sharing_the_reminder():
    out = seg(_TWO_UNDER_ONE_HEADING)
    assert len(out.cases) == 2
    barber, laundry = _by_start(out.cases)
    assert "赵先生" in barber.facts and "孙女士" not in barber.text
    assert "孙女士" in laundry.facts and "赵先生" not in laundry.text
    for case in (barber, laundry):
        assert case.title == "会员卡余额不退"
        assert any("保留好消费凭证" in t for t in case.management_thinking)


def test_stories_that_end_together_stay_one_case():
    # the last paragraph tells both people's outcome: one incident with two complainants
    text = _TWO_UNDER_ONE_HEADING.replace(
        "提醒:\n", "经消协调解,理发店退还赵先生一千五百元,洗衣店也答应为孙女士继续使用旧卡。\n提醒:\n")
    out = seg(text)
    assert len(out.cases) == 1


def test_a_case_with_its_handling_section_is_not_cut():
    text = _TWO_UNDER_ONE_HEADING.replace("提醒:\n", "处理结果:\n门店所在商场垫付了两位顾客的余额。\n提醒:\n")
    assert len(seg(text).cases) == 1


def test_the_same_person_written_two_ways_is_no_new_story():
    text = (
        "案例 2\n快递被代签后丢失\n"
        "不少消费者反映,快递员不按约定派送,短信里却显示已由家人代签,包裹丢失后快递公司又互相推诿的情况时有发生。\n"
        "上海的钱先先生致电本报,讲述了自己的快递被人代签后丢失的经过,他说快递公司至今没有给出说法,让他非常着急。\n"
        "钱先生表示,6月20日他在网上买了四件家居用品,6月26日快递员来电后他请对方周一再送,当天却收到了“家人代签”的短信,"
        "可他家里根本没有人签收,包裹至今下落不明。\n"
        "提醒:\n消费者可要求快递企业按约定地址当面派送,发现被代签应立即联系快递企业并保留短信截图。\n"
    )
    assert len(seg(text).cases) == 1


def test_a_story_told_inside_an_article_is_also_a_case():
    text = (
        "健身卡退费为什么这么难?维权指南\n"
        "周同学在学校附近的健身房办了一张三千元的年卡,店员保证“随时可退”。两个月后他因实习搬到外地,提出退卡,"
        "店长却翻出合同一条一条地念,最后扣掉了一半的钱。他跑了三趟门店,又打了十几个电话,折腾了一个多月,只拿回了不到一千元。\n"
        "这样的遭遇并不稀奇。办卡时商家口头承诺随时退,合同里却写着种种限制。消费者在签约前应仔细阅读合同中的退费条款,"
        "要求商家把口头承诺写进合同,保留付款凭证和聊天记录。\n"
        "如果协商不成,可以向当地市场监管部门投诉,也可以向消费者协会申请调解,必要时通过诉讼维护自身权益。\n"
    )
    out = seg(text)
    anecdotes = [c for c in out.cases if c.format == "anecdote"]
    assert len(anecdotes) == 1
    assert "周同学" in anecdotes[0].facts and "仔细阅读合同" not in anecdotes[0].text
    assert any("仔细阅读合同" in g.text for g in out.guidelines)  # the article keeps its whole text


def test_an_anecdote_opens_with_a_customer_and_tells_events():
    assert is_anecdote("老周上次遇到外卖骑手把餐洒了一地,他立刻拍了照片发给平台客服,客服先是说要核实,"
                       "三天后才退了一半的钱,老周气得直接卸载了这个软件,还在业主群里把经过讲了一遍,让邻居们点餐时多留个心眼。")
    # an opinion, a rule and a passing example are none
    assert not is_anecdote("网友“晴天”在微博上留言,他认为商家应当承担责任,因为顾客已经按要求把贵重物品交给了前台保管,"
                           "前台工作人员也签收了物品,出了问题理应由商家负责赔偿,这是最基本的道理。")
    assert not is_anecdote("消费者在签约前应仔细阅读合同中的退费条款,要求商家把口头承诺写进合同,保留付款凭证和聊天记录,"
                           "如果协商不成,可以向当地市场监管部门投诉,也可以向消费者协会申请调解。")
    assert not is_anecdote("老周上次遇到外卖骑手把餐洒了。")


def test_a_person_after_an_announced_mini_case_starts_another_story():
    announced = "还有一个案例:一台冰箱在保修期内坏了,维修点让用户等了一个多月仍未修好,用户投诉后三天内就换了新机。"
    after = "车主吴先生上个月在4S店更换了前挡风玻璃,一周后发现玻璃边缘渗水,4S店却说是洗车造成的,拒绝免费维修。"
    assert starts_new_story(after, announced)


def test_more_of_the_same_kind_then_someone_new_starts_another_story():
    before = ("湖北武汉的郑女士在一家舞蹈机构购买了40节课,上了5节后机构更换了老师,新老师的教学水平明显不如从前,"
              "郑女士多次找到机构负责人,要求退还剩余35节课的课时费,机构以合同约定“概不退费”为由拒绝。")
    after = ("还有一些商家通过捆绑其他服务等方式变相加收费用。四川成都的冯女士在瑜伽馆购买了20节私教课,教练离职后,"
             "新教练要求她先续办年卡才能上剩下的课程。")
    assert starts_new_story(after, before)
    out = seg(f"{before}\n{after}\n")
    assert len(out.cases) == 2
    assert [c.title.startswith("还有一些") for c in out.cases] == [False, False]
