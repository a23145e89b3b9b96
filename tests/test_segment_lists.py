"""Forms first met in the external development splits dev36–dev38: a utility's training case whose analysis is
headed 违规条款 / 暴露问题, a consumer council's complaints told by 投诉人 and 事主, a forum poster, a regulator's
list of dated cases by company, a bureau's numbered hotline records, a news story whose headline names a rule
word, a law or a court's finding after the story, and the clutter of such pages. Texts written for the tests
after those patterns."""

from __future__ import annotations

import pytest
from helpers import cleaned, seg

from advisor.corpus.classify import industry_of
from advisor.corpus.roles import label_roles
from advisor.corpus.titles import is_generic_heading


@pytest.mark.parametrize("label", ["暴露问题", "存在问题", "违规行为分析"])
def test_what_a_training_case_exposes_is_its_thinking(label):
    assert label_roles(label) == ("thinking",)


def test_a_training_case_with_violations_and_exposed_problems_is_one_case_under_its_heading():
    out = seg("# 抄表员估抄电量,退费处理拖延惹投诉\n"
              "【事件过程】 2023年3月,客户赵先生致电供电服务热线,称家中3月电量比2月多出一倍,怀疑抄表有误。"
              "抄表员上门核对后发现上月为估抄,答应退还多收电费,但半个月过去仍未退还,客户再次投诉。\n"
              "## 【违规条款】\n1)抄表员未按规定日期抄录电能表读数,擅自估抄,违反了供电服务规范中按期抄表的规定。\n"
              "## 【暴露问题】\n1)抄表员责任心不强,估抄后未及时告知客户;2)退费流程缺少时限,客户等待过久。\n")
    (case,) = out.cases
    assert not out.guidelines
    assert case.title == "抄表员估抄电量,退费处理拖延惹投诉"
    assert "估抄后未及时告知客户" in " ".join(case.management_thinking)
    assert "退费流程缺少时限" not in case.facts


def test_a_councils_complainant_told_as_a_complainant_is_a_case():
    out = seg("消委会表示,近期接获多宗涉及航空公司附加服务的投诉,内容涉及预选座位被更改、优先服务未能享用等。\n"
              "有投诉人一家三口于航空公司购买往返机票,另付600元选定相连座位,但办理登机手续时才获告知座位已被更改,"
              "一家人被分散安排。\n航空公司其后解释因更换机型,同意退回部分附加费。\n")
    (case,) = out.cases
    assert "一家三口" in case.facts


def test_another_complainant_after_a_named_one_starts_a_case():
    out = seg("【本报讯】消委会去年接获多宗集运服务投诉。投诉人陈先生委托集运公司把两箱衣物运回本港,"
              "到货后被额外收取60元超重费,他量度后发现包裹并未超重,要求退款。\n"
              "另一投诉人黄小姐网购的鞋子寄到集运仓后,一个月仍未送达,公司才告知货品被错派到另一个仓库,她要求赔偿运费。\n")
    assert len(out.cases) == 2
    assert "黄小姐" not in out.cases[0].facts and out.cases[1].facts.startswith("另一投诉人黄小姐")


def test_hong_kongs_shi_zhu_is_a_complainant():
    out = seg("消委会过去一年共收到300多宗家居装修投诉。其中一宗个案涉款60万元,当事主搬回装修后的住所,"
              "发现厨房地台不断渗水,木地板全部发霉,其后聘请验楼师检查,才知道装修公司没有做防水层,消委会最终协助事主取得赔偿。\n")
    (case,) = out.cases
    assert "没有做防水层" in case.facts


def test_a_forum_posters_complaint_is_a_case():
    out = seg("现在叫外卖越来越方便,但近日有一名男网友抱怨,外送员说找不到他家地址,直接把订单取消,"
              "平台还要他付全部餐费,他向平台申诉却不被受理,气得上网发文。原PO表示当晚等了一个多小时,"
              "平台客服回复称外送员已拨打电话但无人接听,依规定餐点视同已送达,不予退款。\n")
    (case,) = out.cases
    assert "不予退款" in case.text


def test_a_regulators_dated_cases_by_company_are_separate_cases():
    out = seg("今年以来,各地文化和旅游部门集中整治强迫购物问题,现将一批典型案例公布如下。\n"
              "2025年3月,甲市某某国际旅行社有限公司委派导游张某某带领低价旅游团,行程中张某某在大巴上推销茶叶,"
              "对未购买的游客冷嘲热讽。2025年5月,甲市文化和旅游局对张某某作出罚款3000元的行政处罚。\n"
              "2025年4月,乙市某某假期旅行社有限公司组织20名游客参加五日游,团费低于接待成本,安排游客进入5家购物店,"
              "并收取购物店回扣。2025年6月,乙市文化和旅游局对该旅行社作出罚款5万元的行政处罚。\n")
    assert len(out.cases) == 2
    assert "推销茶叶" in out.cases[0].facts and "购物店回扣" not in out.cases[0].facts
    assert "购物店回扣" in out.cases[1].facts


def test_a_bureaus_dated_hotline_records_are_one_case_each():
    out = seg("2023年第一季度,我局共接到旅游投诉3宗:\n"
              "1、2023年1月8日接12345市民服务热线转来的工单,诉求内容:1月7日,市民在景区游玩时,景区观光车刮蹭其车辆,"
              "等候交警两个多小时无人安抚。我局与景区联系后,景区负责人致电市民道歉,并承担维修费用。\n"
              "2、2023年2月12日接12345市民服务热线转来的工单,诉求内容:2月11日,游客反映景区未按公示给予老年人门票优惠,"
              "要求退还差价。经核实,景区已向游客退还差价并致歉。\n")
    assert len(out.cases) == 2
    assert "观光车" in out.cases[0].facts and "门票优惠" not in out.cases[0].facts
    assert "门票优惠" in out.cases[1].facts


def test_a_news_story_whose_headline_names_a_rule_word_is_a_case():
    out = seg("基金赎回款迟到被投诉 公司改进流程\n王小伟\n"
              "2023年底,某基金公司接到监管部门转交的一起客户投诉,客户称赎回款比系统显示的到账日晚了三天,"
              "认为公司占用资金,要求赔偿利息。\n"
              "一是核实情况。公司查询参数设置,发现销售机构把划款时间误作到账时间。\n"
              "二是投诉处理。公司多次联系客户解释原因并道歉,客户表示接受。\n")
    (case,) = out.cases
    assert "要求赔偿利息" in case.facts
    assert case.title != "王小伟" and not case.title.startswith("底")


def test_a_writers_name_alone_is_no_title():
    assert is_generic_heading("王小伟")
    assert not is_generic_heading("王先生") and not is_generic_heading("黄金首饰") and not is_generic_heading("高温")


def test_the_law_quoted_and_the_courts_finding_after_a_story_are_its_thinking():
    out = seg("2024年5月,消费者李女士为孩子在托育机构报名,一次缴费2万元,孩子入托一周后生病住院,"
              "她要求退还剩余费用,机构称合同约定签约三日后概不退费,双方协商无果,李女士向消协投诉。\n"
              "我国《消费者权益保护法》第26条规定,经营者不得以格式条款作出排除或者限制消费者权利的规定。\n"
              "某区人民法院审理认为,机构的不退费条款加重了消费者责任,应属无效。\n")
    (case,) = out.cases
    thinking = " ".join(case.management_thinking)
    assert "格式条款" in thinking and "应属无效" in thinking
    assert "格式条款" not in case.facts


def test_spam_symbols_inside_sentences_and_a_version_switch_are_clutter():
    kept = cleaned("无障碍版\n今年以来★◈✿,市场监管部门查处了一批价格违法案件★◈✿。\n"
                   "王先生在超市买的鸡蛋标价与结账价不一致,多付了12元,超市退还了差价。\n").text
    assert "★" not in kept and "无障碍版" not in kept
    assert "今年以来,市场监管部门" in kept and "退还了差价" in kept


@pytest.mark.parametrize(("text", "industry"), [
    ("燃气公司管网检修暂停供气,提前48小时通知用户,停气后24小时内恢复,用户可在营业厅购气。", "燃气"),
    ("培训学校投诉处理流程:教学类投诉由教务部负责,家长要求补课或退费的,应在3个工作日内答复。", "教育"),
    # a government service centre's rules are no company's general rules
    ("投诉处理制度:中心督查科和监察投诉窗口共同负责受理服务对象对窗口工作人员的投诉,违反审批办法的,应在5个工作日内作出答复。", "政务"),
])
def test_a_utilitys_and_a_schools_own_words_name_their_industry(text, industry):
    assert industry_of(text, "", 2) == industry


def test_a_government_pages_particulars_row_is_clutter_and_a_hotline_records_title_is_its_complaint():
    out = seg("| 索引号: | 文号: | ||\n|---|---|---|---|\n| 目录组配分类: | 旅游投诉 | 发布时间: | 2020-09-21 14:59:42 |\n"
              "1、2023年1月8日接12345市民服务热线转来的工单,单号20230108001,诉求内容:1月7日,市民在景区游玩时,"
              "景区观光车刮蹭其车辆,等候交警两个多小时无人安抚。我局与景区联系后,景区负责人致电市民道歉,并承担维修费用。\n")
    (case,) = out.cases
    assert "索引号" not in case.text and "组配分类" not in case.text
    assert case.title.startswith("市民在景区游玩")


def test_a_tv_transcripts_cues_stay_inside_its_story_and_a_time_word_is_no_title():
    out = seg("近期,某县有居民反映,家中暖气不热,室温只有16度左右,希望供热公司尽快解决,于是督办员来到现场落实。\n"
              "【同期】住户 暖气片也换了,管道也冲洗了,今年还加了窗户,屋里还是冷,老人只能穿着棉袄。\n"
              "【解说】经过现场测温,室温已经达到20度左右,但住户仍担心再出现暖气不热的情况。\n"
              "【同期】供热公司副经理 我们会调整换热站的参数,再到周边住户家里测温,把原因查出来。\n")
    assert not out.guidelines
    (case,) = out.cases
    assert "暖气片也换了" in case.facts or "暖气片也换了" in case.text
    assert not case.title.startswith("近期")


def test_complainants_listed_with_semicolons_are_one_case_each():
    out = seg("近期,消委分会接到了多宗有关美容消费的投诉:冯小姐在某美容院购买3800元的美容产品,使用后脸上出现红疹,"
              "要求退款,遭拒;黄小姐在某美容院付款办理多个美容套餐,后发现商家没有美容资质,要求退回未消费的金额,遭拒。\n")
    assert len(out.cases) == 2
    assert "黄小姐" not in out.cases[0].facts and out.cases[1].facts.startswith("黄小姐")


def test_a_message_boards_numbered_messages_are_one_case_each():
    out = seg("小区环境是留言板上网友关注的焦点,记者撷取一部分回访结果与读者共享。 "
              "甲区星悦中心: 地库垃圾清理了 8月28日,编号为“7957808”的网友留言:地库垃圾成堆无人清运,臭气熏天。"
              "甲区受理后回复:已约谈物业公司,堆积垃圾已清理完毕。 "
              "甲区香梅家园: 物业不再占用通道 8月21日,编号为“7949157”的网友留言:换了物业公司后,停车位旁经常堆放枯木,"
              "多次反映无人处理。物业公司受理后回复:已清理枯木,今后不再占用通道。\n")
    assert len(out.cases) == 2
    assert "7949157" not in out.cases[0].text and "7949157" in out.cases[1].text


def test_a_similar_case_after_a_quotation_starts_a_case_and_a_sections_proposals_are_none():
    out = seg("## 一、免费维修藏陷阱\n车主宋先生投诉称,质保期内免费更换的车窗配件,竟被4S店擅自替换为副厂件。"
              "面对质疑,商家回应:“免费换了就别在意细节。”类似案例中,一位车主发现售后更换的大灯内部有划痕和使用痕迹,怀疑是旧件,要求重新更换被拒。\n"
              "## 二、维权成本高\n车主徐先生的车辆行驶仅3万公里便出现刹车盘异常磨损,4S店以“易损件”为由拒保。\n"
              "## 三、多方联动\n专家建议从三方面破局:\n1. 强化厂家责任:将售后投诉率纳入经销商考核,公开配件价格与工时费标准;\n")
    facts = [c.facts for c in out.cases]
    assert len(facts) == 3, facts
    assert facts[1].startswith("类似案例中") and "大灯" not in facts[0]
    assert "刹车盘" in facts[2]
    assert not any("投诉率" in c.text for c in out.cases)


def test_a_photos_credit_is_clutter():
    kept = cleaned("物业公司在清运垃圾。(部门提供) |\n王先生投诉小区垃圾无人清运,物业接到投诉后当天清理。\n").text
    assert "部门提供" not in kept and "当天清理" in kept


def test_another_one_of_the_same_kind_starts_a_case_but_another_of_the_staff_does_not():
    out = seg("经历过公司的几次意外险理赔,我对保险失去了信任。\n"
              "去年3月,我的同事小刘被家里的猫抓伤,打疫苗花了2000元,公司团体意外险只赔付了1000元。"
              "我向保险公司反馈后,对方才又私下补了700元,理由是之前核算有误。\n"
              "今年,又有一位同事骨折,保守治疗花费1700多元,医保报销一半后,剩下800多元走团体意外险,"
              "结果只报销了200多元。她仔细核对发票,发现一张300多元的药费发票被遗漏了,向保险公司投诉后才补报。\n")
    assert len(out.cases) == 2 and out.cases[1].facts.startswith("今年,又有一位同事骨折")
    one = seg("客人王先生在前台投诉房间有异味,要求换房,前台说当天满房无法更换,王先生情绪激动,要求退房退款。\n"
              "随后,又有一位保安赶来劝说,值班经理也到场向王先生道歉,并为他升级到套房,王先生表示接受。\n")
    assert len(one.cases) == 1
