"""Which sentence of a document is a step for staff (advisor.guidance.clauses) and what the plan keeps of rules."""

from __future__ import annotations

import pytest

from advisor.guidance.advice import build_advice
from advisor.guidance.clauses import (
    industries_named,
    instruction,
    is_fragment,
    is_handling,
    is_setup,
    not_a_precedent_step,
    remedies,
)
from advisor.models import Hit


def rule(gid: str, text: str, *, industry: str = "通用", kind: str = "procedure") -> Hit:
    return Hit(kind="guideline", id=gid, title=f"规程{gid}", score=1.0, industry=industry, guideline_kind=kind,
               record_type="rules", text=text, confidence="中")


@pytest.mark.parametrize("text", ["则门店应将双方留在现场等候处理。", "但门店应对顾客表示关心。", "是仓库工作疏忽发错了货",
                                  "否则应上报主管。", "以便及时回复客户。", "都应礼貌、耐心倾听。", "均应登记在册,不得遗漏。"])
def test_half_a_sentence_is_a_fragment(text):
    assert is_fragment(text)


@pytest.mark.parametrize("text", ["都市报记者上门核实情况。", "均价上涨后应提前告知业主。"])
def test_a_word_that_opens_on_all_is_no_fragment(text):
    assert not is_fragment(text)


@pytest.mark.parametrize("text", ["问题解决率 1. 应", "投诉处理人员必须", "接到投诉后应当:"])
def test_a_clause_cut_off_after_its_modal_is_a_fragment(text):
    assert is_fragment(text)


@pytest.mark.parametrize("text", ["王经理先给李女士一家赔礼道歉,然后提出带她前往医院治疗。", "我们应首先道歉并立即更换房间",
                                  "随后酒店为客人更换了房间并免除房费。", "客服人员当天上门回访,承诺三日内修复。"])
def test_the_company_giving_a_remedy_remedies(text):
    assert remedies(text)


@pytest.mark.parametrize("text", ["维修站检查后告知鼓风机损坏,但在更换前发现报错了零件。",  # a finding
                                  "客服回复只能退100元话费。",  # the refusal complained of
                                  "物业公司存在过错,应对李某的损失承担全部赔偿责任。",  # the analysis of a case
                                  "李女士要求餐厅道歉并免单。"])  # the customer's demand
def test_findings_refusals_liability_and_demands_are_no_remedy(text):
    assert not remedies(text)


@pytest.mark.parametrize("text", ["即时回复客户的留言。", "应立即核实情况。", "如客户要求退款,应在当天办理。"])
def test_a_whole_instruction_is_no_fragment(text):
    assert not is_fragment(text)


@pytest.mark.parametrize("text", ["公司应设立客户投诉受理部门。", "服务电话须明示于门店收银台。", "应指定专门机构负责投诉工作。",
                                  "供水企业应设置客户服务中心,确保客服电话畅通。", "向用户提供一站式服务。"])
def test_setting_up_the_complaint_desk_is_setup(text):
    assert is_setup(text)


def test_a_step_in_a_complaint_is_no_setup():
    assert not is_setup("应当天联系客户说明处理进度。")
    assert not is_setup("调查过程中,应与客户保持沟通,了解客户的具体需求和期望。")


@pytest.mark.parametrize("text", ["了解《保险法》及相关法律法规和监管规定", "了解保险条款和相关业务知识",
                                  "应当具备处理各种情况的能力。", "投诉处理人员应熟悉投诉处理流程。"])
def test_what_the_staff_must_know_is_no_step(text):
    assert is_setup(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("总则随着供暖的不断增加,用户投诉也日益增多。", ""),  # 供应-like words hold no modal 应
    ("接到报修后2小时内做出响应。", "接到报修后2小时内做出响应。"),
    ("一般投诉:需在24小时内回复客户。", "一般投诉:需在24小时内回复客户。"),  # the label is the condition
    ("如需复检,由检验室编号送检。", ""),  # 如需: a condition, not "must"
    # the kind of complaint it is for is the step's condition: it stays
    ("能够当场协调处理的投诉,应当立即协调解决", "能够当场协调处理的投诉,应当立即协调解决"),
    # a service commitment needs no modal: what is done within the time limit
    ("管道燃气泄漏接报后1小时内到达现场处理。", "管道燃气泄漏接报后1小时内到达现场处理。"),
    ("本公司成立以来,3年内发展了十万用户。", ""),
])
def test_instruction_reads_modals_as_words(text, expected):
    assert instruction(text)[0] == expected


def test_an_industry_named_by_its_own_name_marks_the_clause():
    assert "保险" in industries_named("保险消费投诉应当由投保本人提出。")
    assert "电力" in industries_named("尽量少用生僻的电力专业术语。")
    assert not industries_named("应耐心倾听客户陈述。")


def test_handling_words_time_limits_and_situations_count_as_handling():
    assert is_handling("应耐心倾听客户陈述。")
    assert is_handling("应在5个工作日内办结。")
    assert is_handling("应由专人统一接受媒体采访。")
    assert not is_handling("电表空转须是在客户完全不用电的情况下。")


def plan(query: str, industry: str | None, *rules: Hit) -> list[str]:
    return [s.text for s in build_advice(query, [], [], industry, procedures=list(rules)).steps]


def test_rules_for_complainants_setup_and_definitions_give_no_step():
    texts = plan("顾客说收银多收了钱要退", "零售",
                 rule("g1", "1.投诉内容应具体、客观,有明确的投诉事项。2.公司应设立投诉受理部门。"
                            "3.电子秤误差须是在称重满量程的情况下测得。4.应当场核对小票并退还多收款项。"))
    assert texts == ["应当场核对小票并退还多收款项。"]


def test_another_industrys_clause_in_a_general_rule_gives_no_step():
    texts = plan("客人说房间空调坏了要换房", "酒店",
                 rule("g1", "1.保险消费投诉应当由保险消费者本人提出。2.受理咨询时应少用生僻的电力专业术语。"
                            "3.应向客户致歉并尽快答复。"))
    assert texts == ["应向客户致歉并尽快答复。"]


def test_half_sentences_and_cross_references_give_no_step():
    texts = plan("顾客说买到过期酸奶要赔偿", "零售",
                 rule("g1", "1.顾客与员工发生争执的,则门店应将双方留在现场。2.需同时依据6.3款办理。"
                            "3.应立即核实商品批号并向顾客道歉。", industry="零售"))
    assert texts == ["应立即核实商品批号并向顾客道歉。"]




def test_a_step_stops_where_the_story_goes_on():
    hit = Hit(kind="case", id="c1", title="家属投诉手术后感染", score=3.0, industry="医疗", confidence="高",
              handling_steps=["耐心听取双方陈述,拟定调解方案。2021年3月5日,患者王某的家属再次来到医院。"],
              steps_origin="section", facts="手术后感染", text="手术后感染", matched_terms=["感染"])
    texts = [s.text for s in build_advice("家属说手术后伤口感染", [hit], [], "医疗").steps]
    assert texts == ["耐心听取双方陈述,拟定调解方案。"]


def test_pronoun_subjects_police_clauses_and_consumer_guides_give_no_step():
    assert is_fragment("他们应该及时回应客户的投诉。")
    texts = plan("顾客说超市卖过期酸奶要赔偿", "零售",
                 rule("g1", "1.应尊重警方的调查、处理意见。2.应立即核实商品批号并向顾客道歉。", industry="零售"))
    assert texts == ["应立即核实商品批号并向顾客道歉。"]
    guide = Hit(kind="guideline", id="g2", title="电信投诉电话及维权途径指南", score=1.0, industry="电信",
                guideline_kind="procedure", record_type="rules", text="1.应提供投诉人姓名和联系方式。", confidence="中")
    assert plan("宽带断网三天没人修", "电信", guide) == []


def test_of_a_customer_s_sentence_only_what_the_company_did_is_a_step():
    from advisor.guidance.clauses import staff_action
    assert staff_action("张女士把情况反映给了值班的李经理,李经理先向张女士道歉,然后陪她去医院检查。") == (
        "李经理先向张女士道歉,然后陪她去医院检查。")
    assert staff_action("张女士多次打电话,客服一直没有回复。") == ""  # what she complains of is no step
    assert staff_action("张女士多次打电话询问进度。") == ""
    # a company named by its kind (保险公司, not only 公司 or 银行) acts too; a customer acting on a 4S店 does not
    assert staff_action("车主提供4S店维修清单、原厂配件证明,保险公司重新评估后,同意按4S店报价的90%理赔。") == (
        "保险公司重新评估后,同意按4S店报价的90%理赔。")
    assert staff_action("车主可要求4S店提供详细的维修清单,如发现过度维修,可要求退还费用。") == ""


def test_a_rulebook_in_the_companys_voice_instructs():
    assert instruction("银行将向客户发送处理结果通知,说明解决方案及理由。")[0] == "银行将向客户发送处理结果通知,说明解决方案及理由。"
    assert instruction("客户提交投诉后,银行将核实投诉内容。")[0] == "银行将核实投诉内容。"
    assert instruction("客服人员将其记录在案。") == ("", "")  # 将其: "puts it", no future


@pytest.mark.parametrize(("sentence", "handles"), [
    ("客服人员在接到投诉后,首先安抚客户情绪,并在半小时内回复。", True),
    ("平台介入后,商家同意全额退款。", True),
    ("最终,国际航空公司给出了致歉信。", True),
    ("网点工作人员热情接待客户,详细记录客户的情况,立即安排技术人员检查ATM机。", True),
    ("203室业主随即向物业报修,物业安排工程人员上门查看。", False),  # the customer acts
    ("第二天他找到超市,一名工作人员承诺可以退货,但是不会赔偿。", False),
    ("行程结束后,王某对旅行社擅自更改行程不满,投诉至当地旅游投诉处理机构。", False),
    ("接到投诉后,我局随即对投诉情况进行调查核实。", False),  # a regulator
    ("孙经理解释,这里每天有很多购物的人临时停车。", False),  # what someone said
    ("录音显示,工作人员称该快递员曾多次被客户投诉。", False),
    ("银行工作人员未明确告知该信用卡存在年费减免条件。", False),  # what went wrong
    ("事后,燃气公司告知,整栋楼的表具均需要更换,但是需要每户交纳300元费用。", False),  # the charge complained of
    # a post named by its place or rank acts; whom a customer went to does not
    ("柜面经理第一时间将客户引导至洽谈室,同时递上温水安抚客户情绪。", True),
    ("值班主管立即安排工程人员上门检查。", True),
    ("向大堂经理反映后,客户回家等待。", False),
    ("张先生找到经理要求退款。", False),
    ("以下是客服部根据投诉情况采取的经典处理案例。", False),
])
def test_a_storys_sentence_lends_a_step_only_where_the_company_handles_the_complaint(sentence, handles):
    from advisor.guidance.clauses import company_handles

    assert company_handles(sentence) is handles


@pytest.mark.parametrize(("text", "subject"), [
    ("(1)电能表潜动首先应帮助客户分析是不是存在电能表潜动的情况", "电能表潜动"),
    ("(2)单户停电报修回答要点首先应询问客户是否属于一户一表客户", "单户停电报修"),
    ("1.水质问题应立即派人取样", "水质问题"),
    ("座席人员应告知客户断开电能表负荷端总开关", ""),  # staff name no problem
    ("重大投诉应在12小时内响应", ""),  # nor do complaints in general (a grade is a situation)
    ("供电企业应在24小时内答复", ""),
    ("如遇停电应先安抚客户", ""),
    ("及时回访客户", ""),
])
def test_the_problem_a_rule_clause_is_for(text, subject):
    from advisor.guidance.clauses import problem_subject

    assert problem_subject(text) == subject


@pytest.mark.parametrize(("title", "problem"), [
    ("客人丢失物品处理标准·(3)总经理", "丢失物品"), ("停电抢修服务规范", "停电抢修"),
    ("客户投诉处理制度", ""), ("餐厅投诉管理制度", ""), ("修理厂顾客抱怨管理制度", ""), ("3、投诉电话", ""),
    # a situation or the desk's own work is no problem: group complaints, crises, a hotline's service norms
    ("xx地产客户群诉处理指引", ""), ("房地产客服管理—危机处理作业指引", ""), ("“86865598”服务内容及规范", ""),
])
def test_a_rulebook_titled_by_its_problem(title, problem):
    from advisor.guidance.clauses import title_problem

    assert title_problem(title) == problem


@pytest.mark.parametrize(("text", "refused"), [
    ("车主提供维修清单,保险公司结合“合理维修费用”条款,同意按4S店报价的90%理赔。", False),  # a short quoted term
    ("沟通修复:召开“电梯安全专项会”,邀请业主代表、维保技术人员参会。", False),
    ("物业已派人上门维修。", False),
    ("“搬家公司让我自己和工人协商。”", True),  # quoted speech
    ("经理说“我们马上派人”。", True),
    ("谨防“代理退保”陷阱,避免保障缺失风险。", True),  # a warning to consumers
    ("银行理财经理存在“误导性陈述”。", True),  # a finding: nothing done
    ("经调解,双方达成一致。", True),
    ("我们也想争取一些补偿。", True),  # a complainant's wish, cut from its quote
    ("我们立即安排维修人员上门检查。", False),  # the company's own "we" acts
])
def test_a_precedents_step_may_quote_a_short_term_of_what_the_company_did(text, refused):
    assert not_a_precedent_step(text) is refused


@pytest.mark.parametrize(("text", "refused"), [
    ("长沙市新防燃气设备有限", True),  # a company's name where an excerpt was cut
    ("旅行社所说明之退费比例甚不合理,因而提起申诉。", True),  # the complainant appealing
    ("调解中心接到投诉并受理后,向双方核实情况,多次进行调解", True),  # a mediation centre: a third party
    ("销售阶段,除向客户阐明代建概念外,在销售物料中须以条文明确代建权责。", True),  # a stage before this complaint
    ("联系燃气设备有限公司核实报警器的来源", False),
    ("由媒介负责人作为唯一出口接受相关媒体的采访。", False),
])
def test_names_appeals_third_parties_and_other_stages_are_no_precedent_steps(text, refused):
    from advisor.text.actions import is_management

    assert (not_a_precedent_step(text) or is_fragment(text) or is_management(text)) is refused


@pytest.mark.parametrize(("sentence", "kept"), [
    # the complaint's handling before the debrief told with it
    ("事件发生后,该供电公司立即派人上门核实现场情况,主动道歉,按实际电量重新计算电费,并对责任人进行考核。",
     "事件发生后,该供电公司立即派人上门核实现场情况,主动道歉,按实际电量重新计算电费"),
    ("向客户致歉并安排技术经理复检", "向客户致歉并安排技术经理复检"),  # no measure: the whole
    ("加强员工培训,向客户致歉。", ""),  # opens with the measure
    ("致歉,并完善流程。", ""),  # too little before it
    ("餐厅管理人员应立即道歉,并解释服务员行为的原因。同时,加强员工培训。", "餐厅管理人员应立即道歉,并解释服务员行为的原因"),
])
def test_the_handling_before_a_preventive_clause_is_kept(sentence, kept):
    from advisor.text.actions import before_management

    assert before_management(sentence) == kept
