"""Segmentation of layouts the seed files do not use: every heading form and label family, written for the tests."""

from __future__ import annotations

import pytest
from helpers import seg

from advisor.corpus.clean import clean_document
from advisor.corpus.read import RawDocument, read_document
from advisor.corpus.roles import label_roles
from advisor.corpus.segment import segment_document

COMPANY_TXT = """客户投诉案例汇编
案例一
事件经过
2024年3月5日，王女士在我店购买的热水器安装后漏水，地板被泡坏，她打电话投诉要求赔偿。
处理过程
店长当天上门查看，向王女士道歉，安排师傅更换了漏水的接头，并赔偿地板维修费800元。
经验启示
安装完成后必须试水检查，发现问题要第一时间上门处理。
案例二
事件经过
李先生反映在门店买的冰箱送货晚了五天，多次催问没有答复，要求退货。
处理过程
客服主管向李先生致歉，核实物流记录后为他办理了退货退款。
经验启示
送货延误时要主动告知顾客原因和新的送达时间。
"""


def test_a_company_two_case_txt_with_headings_on_their_own_lines():
    out = seg(COMPANY_TXT)
    assert len(out.cases) == 2 and not out.guidelines
    first, second = out.cases
    assert "热水器" in first.facts and "冰箱" not in first.text
    assert any("更换了漏水的接头" in s for s in first.handling_steps) and first.steps_origin == "section"
    assert any("试水检查" in t for t in first.management_thinking)
    assert "退货退款" in " ".join(second.handling_steps)


def test_bracket_labels_of_a_mediation_case():
    out = seg("""【案情简介】
张先生在某医院做完手术后伤口感染，住院多花了两万元，家属认为医院消毒不到位，要求赔偿。
【调解过程】
调解员调取病历，组织双方面谈，医院同意承担部分费用。
【案例评析】
医院应加强术后感染防控，发生纠纷时主动沟通。
""")
    (case,) = out.cases
    assert "伤口感染" in case.facts
    assert any("调取病历" in s for s in case.handling_steps)
    assert any("感染防控" in t for t in case.management_thinking)
    assert case.industry == "医疗"


def test_colon_labels_repeated_sequence_starts_a_new_case_at_its_first_label():
    out = seg("""宽带工单超时申诉内容：用户反映家里宽带断网三天，报修后一直没人上门。
调查情况：经核查，装维人员漏派工单，现已上门修复并减免当月月租。
案例分析：企业未按承诺时限修复故障。
话费扣错申诉内容：用户反映套餐外被多扣了流量费58元。
调查情况：经核查，系统计费错误，已退还多扣费用。
案例分析：计费系统上线前测试不充分。
""")
    assert len(out.cases) == 2
    first, second = out.cases
    assert first.title == "宽带工单超时" and second.title == "话费扣错"
    assert "断网三天" in first.facts and "58元" in second.facts
    assert any("未按承诺时限" in t for t in first.management_thinking)


def test_corner_brackets_numbered_and_case_n_markers():
    out = seg("""第1个案例：旅客行李在转机时丢失
旅客赵女士乘坐航班到达后发现托运行李没有到，向航空公司投诉要求赔偿。
处理结果：航空公司三天后找回行李并送到赵女士家中，另赔偿交通费200元。
【案例二】
孙先生的航班延误六小时，航空公司没有安排餐食，他在机场投诉。
点评：延误超过两小时应主动提供餐饮。
""")
    assert len(out.cases) == 2
    bag, delay = out.cases
    assert "行李" in bag.title and "找回行李" in bag.outcome
    assert "延误六小时" in delay.facts and any("提供餐饮" in t for t in delay.management_thinking)


def test_markdown_headings():
    out = seg("""# 物业服务投诉案例

## 案例一 电梯停运一周无人维修
### 案例背景
业主刘先生家住18楼，小区电梯停运一周，物业一直说在等配件。
### 处理过程
物业经理上门致歉，协调厂家加急发货，三天内修复电梯并减免当月电梯费。
### 启示与建议
设备故障要公开维修进度，给业主明确的修复时间。
""", name="doc.md")
    (case,) = out.cases
    assert case.title == "电梯停运一周无人维修"
    assert any("加急发货" in s for s in case.handling_steps)
    assert any("维修进度" in t for t in case.management_thinking)
    assert case.industry == "物业"


def test_word_heading_styles(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("银行网点投诉案例", level=1)
    document.add_heading("问题呈现", level=2)
    document.add_paragraph("客户周女士在网点排队一个半小时，柜员中途离岗，她要求投诉大堂经理。")
    document.add_heading("处理经过", level=2)
    document.add_paragraph("网点负责人当场道歉，开通绿色通道为她办理业务，并在周会上通报。")
    document.add_heading("案例点评", level=2)
    document.add_paragraph("高峰期应增开窗口，离岗须有人顶岗。")
    path = tmp_path / "bank.docx"
    document.save(str(path))
    out = segment_document(clean_document(read_document(path)).doc_text())
    (case,) = out.cases
    assert "排队一个半小时" in case.facts
    assert any("绿色通道" in s for s in case.handling_steps)
    assert any("增开窗口" in t for t in case.management_thinking)


@pytest.mark.parametrize(("label", "role"), [
    ("案例基本情况", "facts"), ("申诉内容", "facts"), ("调查情况", "facts"), ("问题呈现", "facts"),
    ("案情简介", "facts"), ("投诉过程", "steps"), ("处理过程及结果", "steps"), ("调解过程", "steps"),
    ("解决方案", "steps"), ("案例评析", "thinking"), ("点评", "thinking"), ("启示与建议", "thinking"),
    ("律师说法", "thinking"), ("分析原因", "thinking"), ("调解结果", "outcome"), ("法院判决", "outcome"),
    ("整改措施", "improvements"), ("预防/解决措施", "improvements"),
])
def test_unseen_labels_land_in_the_right_field(label, role):
    assert role in label_roles(label)


def test_titles_and_generic_words_are_not_labels():
    for heading in ("通信维权典型案例分析", "车辆保险定损争议", "客户投诉及群诉典型案例", "前后说词不一致"):
        assert label_roles(heading) == (), heading


def test_rules_with_labels_stay_a_guideline():
    out = seg("""客户投诉处理制度
一、受理：接到投诉后应当在24小时内登记，并告知客户受理编号。
二、处理时限：一般投诉3个工作日内答复，重大投诉不超过7个工作日。
三、处理原则：首问负责，不得推诿，必须跟踪到结案。
""")
    assert not out.cases
    assert any("3个工作日" in g.text for g in out.guidelines)


def test_a_page_title_is_no_case_title_and_industry_comes_from_the_case():
    out = seg("""房地产客户投诉典型案例汇编
2023年5月，15岁的小陈在商场专柜买了一套化妆品，用后脸部过敏，家长找到专柜要求退款，店员称不予退货。
市消委会调解后，商家退还货款并承担了医药费。
""")
    (case,) = out.cases
    assert "汇编" not in case.title and "典型案例" not in case.title
    assert case.industry == "零售"


def test_narrative_headline_becomes_the_title_and_its_actions_become_extracted_steps():
    out = seg("""金店首饰褪色引纠纷 消协调解促和解
本报讯 近日，市民毛女士投诉称，她在某金店买的足金戒指戴了三天就变成银白色，认为商家掺假，要求退款。
接到投诉后，执法人员立即到现场调查，调取了同批次产品的检验报告。
执法人员组织双方调解，工作人员对戒指进行清洗，戒指恢复了金色，双方达成和解。
""")
    (case,) = out.cases
    assert case.title == "金店首饰褪色引纠纷 消协调解促和解"
    assert case.steps_origin == "story" and all(step in case.facts for step in case.handling_steps)
    assert any("调取了同批次" in s for s in case.handling_steps)


def test_two_customers_under_one_heading_are_two_cases():
    out = seg("""过敏却说是正常现象
余小姐1月份在某店购买了一套248元的化妆品，次日面部红肿，店员称是正常反应，她要求赔偿遭到拒绝。
刘小姐在某专柜购买祛斑霜后出现严重过敏，专柜却坚称产品没有问题，拒绝退货。
""")
    assert len(out.cases) == 2
    assert "余小姐" in out.cases[0].facts and "刘小姐" not in out.cases[0].facts


def test_noise_rules_that_generalise():
    cleaned = clean_document(RawDocument("n.txt", """首页 > 消费维权 > 维权案例
国产精品久_蜜桃网站免费_欧美成人精品_黄色影院网
发布时间：2024-03-01  阅读量：970
目录
重复卖房之后1
客人抱怨你的工作2
遇到刁难客人3
消费（fèi）者投诉商家不退货，消协调解后商家同意退款。
消费者投诉商家不退货，消协调解后商家同意退款。
Notice: The content above is uploaded by a user of the platform and only provides storage services.
""", "utf_8", "x"))
    text = cleaned.doc_text().text
    for noise in ("首页 >", "蜜桃", "阅读量", "重复卖房之后", "(fèi)", "（fèi）", "Notice"):
        assert noise not in text, noise
    assert text.count("消协调解后商家同意退款") == 1
    reasons = {d.reason for d in cleaned.dropped}
    assert {"网页信息", "垃圾信息", "目录", "拼音注音", "外文模板", "重复行"} <= reasons


def test_page_title_before_each_heading_is_dropped_and_cases_split():
    text = ("消委会-航空公司投诉|1. 突改飞机型号 已加购指定座位被更改\n\n"
            "一位投诉人与其家人共四人,在A航空公司购买了前往东京的机票,并支付了指定座位附加费。登机时被告知无法坐上原本指定的座位。\n\n"
            "消委会-航空公司投诉|2. 购买优先服务却未获优先待遇\n\n"
            "投诉人在B航空公司购买了两套往返泰国的机票,并每人每程支付50元购买优先服务,登机时却未获优先。\n")
    cases = seg(text).cases
    assert [c.title for c in cases] == ["突改飞机型号 已加购指定座位被更改", "购买优先服务却未获优先待遇"]


def test_numbered_subheadings_under_a_numbered_label_stay_in_the_case():
    text = ("一、案例:秦某某投诉网点拒绝开卡\n秦先生7月11日下午前往网点办借记卡,柜员认为不满足开卡要求,秦先生不满投诉。\n"
            "案例分析:\n1、指出上述服务中的瑕疵\n2、给出正确的服务方式方法\n"
            "二、案例:刘女士投诉分行业务办理问题\n刘女士来电表示,其企业在分行开户时被多次要求补充材料,十分不满。\n")
    cases = seg(text).cases
    assert len(cases) == 2 and cases[1].title.startswith("刘女士投诉")
    assert any("瑕疵" in t for t in cases[0].management_thinking)


def test_unseen_labels_of_a_mediation_report():
    text = ("一、纠纷案例概述\n消费者小李在一家汽车维修店更换了刹车片,使用中刹车片出现异常磨损,小李要求维修店赔偿。\n"
            "二、纠纷原因分析\n维修店在更换刹车片时未严格按照操作规程进行。\n"
            "三、调解过程及结果\n调解员要求维修店对小李的汽车进行免费检查,维修店同意赔偿小李的损失。\n")
    case = seg(text).cases[0]
    assert "未严格按照操作规程" in " ".join(case.management_thinking)
    assert any("免费检查" in s for s in case.handling_steps)


def test_told_actions_are_the_companys_not_the_customers_demand():
    from advisor.corpus.handling import told_actions

    story = ("董小姐马上叫服务员过来。女服务员当场给她连声道歉,称是他们的责任。"
             "当晚这名顾客给我们打电话,索要1000元赔偿,不然就去消委投诉。负责人表示,他们已经给顾客换了菜。")
    actions = told_actions(story)
    assert any("道歉" in a for a in actions) and any("换了菜" in a for a in actions)
    assert not any("索要" in a for a in actions)


def test_an_apology_told_as_regret_is_an_action_and_a_reporters_call_is_not():
    from advisor.corpus.handling import told_actions

    story = ("昨日,导报记者与该餐厅取得了联系。一位何姓餐厅助理表示,首先,确实是餐厅的过错,向黄小姐表示诚挚的歉意。")
    assert told_actions(story) == ["一位何姓餐厅助理表示,首先,确实是餐厅的过错,向黄小姐表示诚挚的歉意。"]


def test_a_list_of_one_line_mini_cases_is_a_case_list():
    items = ["顾客在一家超市购买了一瓶过期的牛奶,投诉后得到了退款和赔偿,超市加强了商品保质期的检查。",
             "顾客在一家餐厅用餐时发现菜品里有头发,投诉后获得免单,餐厅对后厨卫生进行了整改。",
             "顾客在一家酒店入住时发现房间内不干净,投诉后换了房间,酒店加强了客房清洁的检查。",
             "顾客在一家银行办理业务时遇到员工态度不好,投诉后得到了道歉,银行对员工进行了培训。",
             "顾客在一家快递公司寄送的包裹丢失了,投诉后快递公司全额赔偿,并改进了包裹追踪系统。"]
    text = "常见投诉案例\n" + "".join(f"{n}. 案例{n}:{t}\n" for n, t in enumerate(items, 1))
    cases = seg(text).cases
    assert len(cases) == 5 and {c.record_type for c in cases} == {"case_list"}
    story = ("案例一:某业主投诉物业维修不及时\n业主王先生家中卫生间漏水,三次报修物业均未上门,王先生十分不满,"
             "要求物业赔偿损失。物业经理上门道歉,当天安排维修,并减免一个月物业费。\n")
    assert seg(story).cases[0].record_type == "case"


def test_a_news_lead_above_its_headline_opens_the_story():
    text = ("近日,小区业主向记者反映称,自己小区从元旦到现在,每天的生活用水无法保障,反映到多个部门都没有人管。\n"
            "供水公司更换后小区频繁停水\n"
            "业主张女士见到记者就满肚子委屈。张女士说,1月8日晚上准备做饭时一点水都没有,给水厂打电话,对方说在调试水压。"
            "1月11日从早上8点开始又停水,一直到中午都没有来水。\n")
    out = seg(text)
    assert len(out.cases) == 1 and not out.guidelines
    assert out.cases[0].title == "供水公司更换后小区频繁停水" and "每天的生活用水无法保障" in out.cases[0].text


@pytest.mark.parametrize(("heading", "expected"), [
    ("误售车票", "误售车票"),  # a short heading that names the incident is the title
    ("列车晚点", "列车晚点"),
    ("发生在中午时", "发生在中午时：旅客甲购票时被误售了与行程不符的车票"),  # a scene gets the problem
    ("王女士", "王女士：旅客甲购票时被误售了与行程不符的车票"),
    ("海口网", "旅客甲购票时被误售了与行程不符的车票"),  # a news source's credit is no title
])
def test_a_short_heading_is_the_title_unless_it_only_sets_the_scene(heading, expected):
    from advisor.corpus.titles import case_title

    assert case_title(heading, "旅客甲购票时被误售了与行程不符的车票。铁路部门为其办理了退票。") == expected


def test_a_markdown_heading_that_is_a_label_with_a_colon_stays_a_label():
    out = seg("# 点菜服务案例\n703房客人昨日在食街用晚餐,餐后另外点了鱼头和排骨,要求打包带到客房。晚上客人发现只有一份排骨,"
              "客人表示不满。\n## 案例分析:\n服务员已向客人说明并将此菜退掉。\n在为客人点菜前,服务人员要清楚当天沽清的菜式。\n4:\n",
              "a.md")
    (case,) = out.cases
    assert any("沽清的菜式" in t for t in case.management_thinking)
    assert "4:" not in case.management_thinking  # a stray page number is no point of the thinking


def test_a_guest_described_in_a_few_words_makes_a_story():
    out = seg("# 叫出客人的名字\n一位美国客人住进了北京建国饭店。中午在餐厅进餐,接待他的是一位刚上岗不久的男服务员。"
              "服务员一边问候客人一边心中暗暗着急,他怎么也想不起这位客人的名字。\n## 案例评析:\n这是具有强烈服务意识的体现。\n",
              "a.md")
    (case,) = out.cases
    assert case.title == "叫出客人的名字" and case.management_thinking


def test_a_title_from_the_facts_skips_who_the_customer_is():
    from advisor.corpus.titles import title_from_facts

    facts = "张先生是一名普通上班族,因工作原因经常需要使用信用卡进行消费。某日,他发现自己的信用卡账单中有一笔不明支出。"
    assert title_from_facts(facts) == "他发现自己的信用卡账单中有一笔不明支出"


def test_a_numbered_list_of_complaint_types_across_industries_is_a_case_list_and_one_case_is_not():
    from advisor.corpus.classify import case_type

    types = ("以下是一些典型的客户投诉案例。1.网购商品质量问题:消费者在电商平台购买的商品与描述不符。"
             "2.餐饮服务质量问题:消费者在餐厅用餐时遇到食物质量不良。3.汽车质量问题:消费者购买汽车后发现发动机故障,"
             "多次找4S店维修无果。4.房屋交付问题:购房者发现开发商交房延迟。")
    assert case_type(types, "典型投诉") == "case_list"
    one = ("某小区电梯一周内3次困人,业主集体投诉物业。物业的处理:1.当天请电梯公司全面检修;2.在业主群公布维修记录;"
           "3.向被困业主上门致歉;4.更换老化部件,费用从维修基金列支。")
    assert case_type(one, "电梯故障引发的投诉") == "case"


def test_a_case_number_glued_after_its_chapter_heading_starts_the_case():
    text = ("以下是为大家整理的旅游投诉案例,欢迎阅读!旅游投诉案例之购物篇案例1诱导游客高消费,退货换货不配合事件:游客参加某旅行社的"
            "东南亚七日游,导游带游客到商店购买了珠宝,游客回国后发现价格是市价的五倍,要求退货,旅行社拒绝。\n"
            "处理:旅行社经调解同意为游客办理退货,并退还全部货款。\n")
    (case,) = seg(text).cases
    assert case.title.startswith("诱导游客高消费")


def test_numbered_complaints_of_a_news_round_up_are_case_markers():
    text = ("杭州进入三伏天,记者接到了市民周先生、梅先生有关空调故障的投诉。\n"
            "投诉一:又一起空调管漏水\n"
            "6月18日,周先生在一家家电卖场购买了两台空调。前两天晚上,卧室的那台空调漏起水来,泡湿了墙纸和地板。周先生要求厂家赔偿损失。\n"
            "投诉二:缺零件空调迟迟不到位\n"
            "梅先生家的空调线路板坏了,为了等新的线路板到货,梅先生足足等了一个多星期,卖家一直说厂家没发货。\n"
            "有些用户投诉3次才等到维修人员上门。\n")
    cases = seg(text).cases
    titles = [c.title for c in cases]
    assert "又一起空调管漏水" in titles and "缺零件空调迟迟不到位" in titles
    assert not any("周先生" in c.text and "梅先生足足" in c.text for c in cases)


def test_a_markers_own_numbering_goes_on_in_the_next_numbered_paragraphs():
    text = ("银行投诉案例分析\n"
            "银行投诉案例1、多收手续费市民王先生在某银行开办了一张贷记卡。\n"
            "因购房需要,王先生通过贷记卡转现金50万,银行收取了5000元手续费。王先生认为不合理,投诉至市消协。\n"
            "2、办业务排长龙王小姐来到某支行网点办理业务,发现四个窗口只开了两个,排队的长龙已经到网点门外。\n"
            "王小姐向营业厅负责人投诉,主任说人手不够,后面几位客户一声不吭地走了。\n"
            "3、对客不热情李斯是一家银行的大堂引导员,一天因身体不适,为客户解答问题时答非所问,客户向银行领导投诉。\n")
    cases = seg(text).cases
    assert len(cases) == 3
    assert "办业务排长龙" in [c.title for c in cases]


def test_a_list_inside_a_numbered_case_is_no_next_case():
    text = ("典型案例1、快递丢失\n"
            "张先生寄出的包裹显示已签收,但收件人没有收到。张先生向快递公司投诉,要求赔偿。\n"
            "处理过程:\n"
            "1、客服当天调取签收记录。\n"
            "2、网点负责人上门向张先生致歉,按保价赔偿800元。\n")
    cases = seg(text).cases
    assert len(cases) == 1 and "按保价赔偿" in cases[0].text


@pytest.mark.parametrize("text", [
    "一用户打95598供电服务热线报修,称家里没电,要求派人抢修。用户等了两个小时,抢修人员才到,检查后说是用户内部线路故障,"
    "拒绝修理,用户认为抢修人员态度恶劣,遂投诉。\n",
    "武汉74岁的曾庆安爹爹去银行取钱,内急想借用银行厕所,却被保安拦住。回到银行后,他把存折里的余款全部取出,"
    "当场撕掉存折,称再也不来这家银行存钱。银行已道歉。\n",
    "A公司名下车辆与B公司名下车辆发生交通事故,A公司将车辆交由C公司维修,产生修理费82000元。A公司认为C公司过度维修,"
    "诉至法院要求返还修理费,法院判决C公司承担赔偿责任。\n",
])
def test_a_user_described_an_elder_by_age_and_companies_by_letter_are_a_storys_people(text):
    assert len(seg("投诉处理案例\n" + text).cases) == 1


def test_a_case_marker_numbered_with_a_comma_keeps_its_number():
    text = ("网络购物陷阱多 消保委公布网购投诉典型案例\n"
            "近日,消保委梳理了近段时间比较典型的网购案例。\n"
            "案例一、说好的新款变旧款\n"
            "消费者张先生在某网站买了一支新款手电筒,发现是旧款,要求商家补发新款。经调解,商家同意补寄新款。\n"
            "案例二、网购服务有问题,商家失踪消费者柳先生通过搜索引擎找了一家维修单位上门修电脑,修完发现显卡被调换,"
            "再也找不到这家公司。\n")
    titles = [c.title for c in seg(text).cases]
    assert titles[:2] == ["说好的新款变旧款", "网购服务有问题"]


def test_another_court_case_in_the_same_section_is_a_story_of_its_own():
    text = ("## 另外付费的旅游项目需考虑人身安全\n"
            "2015年4月,陈某报名参加旅行社组织的泰国六天游,参加自费的水上降落伞项目时坠落受伤。陈某诉至法院,"
            "法院判决旅行社赔偿38.5万元。\n"
            "而在另外一个案件中,郭某参加旅行社组织的出境游,报名参加地接社另行付费的浮潜项目时溺亡。其亲属起诉两家旅行社,"
            "要求承担赔偿责任。\n")
    cases = seg(text, "doc.md").cases
    assert len(cases) == 2
    assert "另外一个案件" not in cases[1].title and "郭某" in cases[1].title
