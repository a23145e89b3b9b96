"""Segmentation of forms first met in the external development split dev14: a facts label whose subheadings go on
to other people, the parties of a complaint speaking, a heading that announces a case, an investigation label,
two-line news headlines, photo credits glued into a line. Texts written for the tests after those patterns."""

from __future__ import annotations

import pytest
from helpers import cleaned, seg

from advisor.corpus.people import refers_back
from advisor.corpus.titles import is_generic_heading

ROUNDUP_UNDER_ONE_LABEL = (
    "事件\n"
    "他要在柜台存一百次零钱\n"
    "卫先生来到某银行网点窗口,说要把一袋硬币分一百次存进去。\n"
    "说起原因,他说上周办业务时柜员态度冷淡,他就是要出这口气。这是5月3日上午发生在南京市某银行的一幕。\n"
    "1.大客户插队\n"
    "“排了四十分钟,突然有人拿着金卡插到前面。”昨天,市民严女士说,她在某银行办业务时遇到这样的事。\n"
    "严女士质问柜员,对方说金卡客户有优先权,她觉得受到了不公平待遇。\n"
    "2.窗口午休\n"
    "市民柏先生说,中午去银行办业务,六个窗口只开了两个,排了一个多小时。\n"
)


def test_a_facts_label_whose_subheadings_go_on_to_other_people_gives_each_person_a_case():
    out = seg(ROUNDUP_UNDER_ONE_LABEL)
    facts = [c.facts for c in out.cases]
    assert len(out.cases) == 3, facts
    assert "卫先生" in facts[0] and "严女士" not in facts[0]
    assert "严女士" in facts[1] and "柏先生" not in facts[1]
    assert "柏先生" in facts[2]


def test_a_subheading_where_the_companys_manager_answers_stays_in_the_case():
    out = seg("消费者:\n疑吃别人剩饭\n"
              "殷小姐介绍,6月2日中午,她到一家快餐店吃饭,端上来的饭菜盘边有油渍,像是别人吃剩的又端了上来。"
              "她马上叫来服务员,服务员连声道歉。\n"
              "餐馆:系上错菜\n"
              "该餐馆负责人钱先生表示,当时是服务员上错菜,顾客发现后已经给她换了菜,至于细节并不清楚。\n")
    assert len(out.cases) == 1
    assert "钱先生" in out.cases[0].text


def test_the_parties_of_one_complaint_speaking_make_a_story_without_names():
    out = seg("近日,区市场监管局接到消费者投诉,称其在直播间购买了一件标称含绒量90%的羽绒服,到货后发现填充物含有丝绵,"
              "要求退货退款。投诉人表示,购买时主播口头介绍全部为白鸭绒。被投诉方认为商品页面已经写明材质,拒绝退货。"
              "经调解,商家同意退款并赔偿。\n")
    assert len(out.cases) == 1 and not out.guidelines


def test_a_heading_that_announces_a_case_makes_its_unnamed_story_a_case():
    out = seg("# 燃气费不对怎么投诉\n"
              "燃气费应当按照实际用气量计算,如果发现燃气费异常,可以向燃气公司客服反映,也可以拨打监管部门的电话。\n"
              "## 案例分析:\n"
              "Mr.B家里一个月的用气量突然翻了一倍,账单比平时多出三百多元,打客服电话反映,燃气公司一再推脱,"
              "最后他打了市场监管部门的投诉电话,问题才得到解决。\n", "doc.md")
    assert len(out.cases) == 1
    assert out.cases[0].facts.startswith("Mr.B")


def test_an_investigation_label_is_facts_and_a_closing_admonition_is_thinking():
    out = seg("今年春天,我在一家银行买了一款理财产品,理财经理说半年就能取出,半年后去赎回才知道是三年期的。读者 尹先生\n"
              "【调查附记】\n"
              "据了解,理财经理当时没有明确告知产品期限,尹先生多次交涉,只赎回了一部分,银行承认错误但没有给出方案。\n"
              "【本报调解】\n"
              "记者将尹先生和银行相关人员约到报社当面调解,银行同意尽快赎回剩余款项并补偿利息,尹先生表示接受。\n"
              "理财产品实际上也是一种商品,银行应正视这一问题,加强理财经理的培训,不要为了业绩向顾客盲目推销。\n")
    (case,) = out.cases
    assert "赎回了一部分" in case.facts and "买了一款理财产品" in case.facts
    assert any("应正视" in t for t in case.management_thinking)
    assert not any("应正视" in s for s in case.handling_steps)
    assert case.title != "今年春天"


def test_a_two_line_headline_is_the_title_but_a_columns_name_is_not():
    text = ("# 江苏消保委发布典型案例\n"
            "## 3杯饮料装在1个袋子里\n"
            "商家却收了3份打包费\n"
            "2025年5月,市消保委接到消费者邹先生投诉,称他在外卖平台点了3杯饮料,商家装在1个袋子里却收了3份打包费,"
            "消保委调解后商家退还了多收的费用。\n"
            "## 消费资讯\n"
            "## 金项链变色 商场出手验真\n"
            "近日,市民柯女士反映,她在商场买的金项链戴了一个月就变色,要求商场检测并退货,经调解,商场同意退货。\n")
    titles = [c.title for c in seg(text, "doc.md").cases]
    assert "3杯饮料装在1个袋子里：商家却收了3份打包费" in titles
    assert "金项链变色 商场出手验真" in titles
    assert not is_generic_heading("3杯饮料装在1个袋子里") and is_generic_heading("50个投诉案例")


def test_a_photo_credit_glued_into_a_line_is_dropped():
    doc = cleaned("二手车调表,消协撑腰起诉图源 视觉中国2024年4月,柳女士在网上买了一辆二手车,表显里程7万多公里。\n")
    assert "视觉中国" not in doc.text and "2024年4月,柳女士" in doc.text


def test_bylines_datelines_captions_and_menus_are_page_furniture():
    text = cleaned("财经全媒体记者张明 王丽 实习生赵一 深圳报道\n"
                   "新闻中心／上海5日电\n"
                   "【资料图】\n"
                   "date 2025-03-02 我的频道\n"
                   "收藏 分销(赏)\n下载 相关 举报\n点击\n转发\n电邮此页面\n《选择》月刊\n"
                   "市民李女士说,她的宽带每月被多扣了30元,客服一直说在核查。\n").text
    assert text.strip() == "市民李女士说,她的宽带每月被多扣了30元,客服一直说在核查。"


def test_a_reporter_saying_what_he_learned_stays():
    text = cleaned("记者了解到情况属实\n市民李女士说,她的宽带每月被多扣了30元。\n").text
    assert "记者了解到情况属实" in text


def test_a_news_source_before_the_story_is_no_title():
    from advisor.corpus.titles import title_from_facts
    assert title_from_facts("根据某某新闻报导,市民王先生的燃气费在换表后翻了一倍。").startswith("市民王先生")
    assert not title_from_facts("【民生组报道】健身房推销手法多,会员被重复扣款。").startswith("民生组")
    assert is_generic_heading("民生组报道")


def test_a_follow_up_story_takes_the_title_of_the_story_it_follows():
    from advisor.corpus.titles import title_from_facts
    facts = "本报讯(记者 张三) 5月2日,本报A3版报道了《宽带莫名被扣费三个月》一文,报道刊发后,问题很快得到解决。"
    assert title_from_facts(facts) == "宽带莫名被扣费三个月"


def test_a_title_in_book_quotes_is_no_publication_line():
    text = cleaned("《酒店客房物品遗失事件处置案例》\n客人王先生称房间内的手表不见了,要求酒店调取监控。\n").text
    assert "《酒店客房物品遗失事件处置案例》" in text


def test_a_byline_glued_before_the_case_is_no_title_and_a_name_is_not_cut():
    out = seg("作者:{admin 整理}【案情一】患者海某某,因腹痛到某医院普外科就诊,术后出现消化道出血,抢救无效死亡。"
              "患者家属认为医院存在过错,要求赔偿。【调解过程】医调委马上派出调解员介入调解。")
    assert len(out.cases) == 1
    case = out.cases[0]
    assert "作者" not in case.title and "作者" not in case.text
    assert case.facts.startswith("患者海某某")


@pytest.mark.parametrize("lead", ["核心提示: ", "摘要:", "【导读】:"])
def test_a_news_lead_label_is_no_title_and_no_thinking(lead):
    out = seg(f"{lead}一家名为“田边瓦舍”的餐厅近期陷入舆论漩涡。消费者王女士投诉其菜品口味过重,服务员态度恶劣,"
              "她在点评平台发了差评后,餐厅工作人员竟然报警处理。\n")
    assert len(out.cases) == 1
    case = out.cases[0]
    assert not any(w in case.title for w in ("提示", "摘要", "导读")), case.title
    assert not case.management_thinking


@pytest.mark.parametrize(("heading", "generic"), [
    ("典型案例:一件跑绒的羽绒服引发的维权拉锯战", False),  # the collection's word, then the case's own title
    ("案例三:服务质量问题", False),
    ("典型案例分析", True),
    ("经典案例:十大投诉", True),  # both sides name the collection
    ("投诉案例:案例分析汇编", True),
])
def test_a_collection_word_before_a_colon_does_not_make_a_case_title_generic(heading, generic):
    assert is_generic_heading(heading) is generic


def test_a_role_word_before_a_colon_is_no_title():
    from advisor.corpus.titles import title_from_facts

    assert title_from_facts("家长:培训机构卷钱跑路怎么办?教育部:按属地管理原则核查处理!") == "培训机构卷钱跑路怎么办"


_CROSSHEADED = (
    "“存折和U盾都是银行封好的,可我的存款却没了。”储户何平(化名)说,去年4月他在支行存了一笔定期。\n"
    "经人推荐 办理定期存款业务\n"
    "何平在本市做生意,常去该支行办理业务,认识了在那里工作的孙某。孙某经常打电话向他推荐定期存款业务,利息比别家高。\n"
)


def test_a_plain_crosshead_over_the_same_person_by_name_alone_goes_on_with_the_story():
    (case,) = seg(_CROSSHEADED).cases
    assert "认识了在那里工作的孙某" in case.text and "存款却没了" in case.text


def test_a_plain_crosshead_over_someone_introduced_anew_heads_another_story():
    text = _CROSSHEADED.replace("何平在本市做生意", "市民张平在本市做生意").replace("认识了在那里工作的孙某。孙某", "认识了孙某。孙某")
    assert len(seg(text).cases) == 2


@pytest.mark.parametrize(("head", "goes_on"), [
    ("何平在本市做生意,常去该支行办理业务", True),
    ("2015年4月28日,这笔存款到期之后,何平来到支行取钱", True),
    ("市民何平在本市做生意", False),  # introduced again: another story's person
    ("家住城东的何平说,他也遇到了", False),
    ("记者了解到此事。何平说", False),  # not in the first sentence
    ("张平告诉记者,何平在本市做生意", False),  # someone else first
])
def test_a_paragraph_refers_back_to_the_storys_person_by_name_alone(head, goes_on):
    assert refers_back(head, {"何平"}) is goes_on
