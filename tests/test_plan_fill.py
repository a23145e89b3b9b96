"""Plans that were empty for want of readable steps: a rule's Markdown list, a company named in full, a procedure
told to the customer, and who the rules make responsible (only as a fill, only of the complaint's industry)."""

from __future__ import annotations

import pytest

from advisor.guidance.advice import bigram_rarity, build_advice
from advisor.guidance.clauses import assigns, company_handles, company_name, instruction, pieces
from advisor.models import Hit, SourceSpan
from advisor.text.actions import is_management
from advisor.text.items import split_items


def rule(gid: str, text: str, *, industry: str = "通用", kind: str = "procedure") -> Hit:
    return Hit(kind="guideline", id=gid, title=f"规程{gid}", score=1.0, industry=industry, guideline_kind=kind,
               record_type="rules", text=text, confidence="中")


def story(cid: str, steps: list[str], facts: str, *, industry: str, confidence: str = "中") -> Hit:
    return Hit(kind="case", id=cid, title=facts[:12], score=3.0, industry=industry, handling_steps=steps,
               steps_origin="story", facts=facts, text=facts + "".join(steps), confidence=confidence,
               sources=[SourceSpan(file="a.txt", start=0, end=10)])


UNICOM = ("用户投诉处理流程\n中国联通已建立四级投诉响应机制:\n- 现场处理:营业厅值班经理10分钟内响应,承诺48小时初步反馈\n"
          "- 官方渠道:\n- 拨打10010客服热线(7×24小时服务)")


def test_a_rules_markdown_list_gives_its_items_as_clauses():
    assert split_items(UNICOM)[1] == []  # a story's dashes stay text for the segmenter
    lead, items = split_items(UNICOM, markdown=True)
    assert lead.endswith("响应机制:") and items[0] == "现场处理:营业厅值班经理10分钟内响应,承诺48小时初步反馈"
    assert ("现场处理:营业厅值班经理10分钟内响应,承诺48小时初步反馈", "现场处理:") in pieces(UNICOM)
    assert split_items("价格 2020-2021 年 - 好", markdown=True)[1] == []  # a dash inside a line is no item


def test_a_step_of_a_rules_markdown_list_fills_an_empty_plan():
    steps = build_advice("客户办携号转网营业厅说有合约不让转要投诉", [], [], "电信", procedures=[rule("g1", UNICOM, industry="电信")]).steps
    assert [s.text for s in steps] == ["现场处理:营业厅值班经理10分钟内响应,承诺48小时初步反馈"]


@pytest.mark.parametrize(("text", "handles"), [
    ("接到网点报告后,支行负责人迅速响应,立即赶赴网点进行现场处置。", True),
    ("针对这一问题,我们立即展开了质量检查,并对受影响的客户进行了免费更换。", True),
    ("屏山县首创水务有限责任公司高度重视,立即组织工作人员开展调查", True),
    ("儿子于是陪同投诉人往A公司与职员理论", False),  # a long subject is a company only when named in full
    ("迪庆州香格里拉畅行假期旅行社使用“黑导游”在带团中强制游客消费,且安排该团队进店", False),
    ("联通客服表示这些业务是通过验证码开通的", False),
])
def test_who_handles_a_complaint_in_a_story(text, handles):
    assert company_handles(text) is handles


def test_a_companys_own_name_is_no_detail_of_its_incident():
    assert company_name("屏山县首创水务有限责任公司高度重视,立即组织工作人员开展调查") == "屏山县首创水务有限责任公司"
    assert company_name("客户多次来电反映") == ""
    step = "屏山县首创水务有限责任公司高度重视,立即组织工作人员开展调查。"
    hit = story("c1", [step], "屏山县首创水务有限责任公司辖区停水三天未通知居民", industry="供水")
    rarity = bigram_rarity(["屏山县首创水务有限责任公司", "停水通知", "组织工作人员开展调查", "组织工作人员开展调查核实"])
    steps = build_advice("小区停水三天没有任何通知居民要求赔偿", [hit], [], "供水", rarity=rarity).steps
    assert [s.text for s in steps] == [step]


@pytest.mark.parametrize(("text", "management"), [
    ("前台接待人员应热情接待,认真记录投诉内容,并告知顾客投诉处理流程。", False),
    ("按照投诉处理流程及时转交相关部门", False),
    ("完善投诉处理流程", True),
    ("建立投诉处理机制,定期分析投诉数据", True),
])
def test_telling_or_following_the_procedure_is_no_measure_of_its_own(text, management):
    assert is_management(text) is management


@pytest.mark.parametrize(("text", "assigned"), [
    ("职责部门负责调查事实真相,分析产生投诉的原因,并将处理结果记录在《客户投诉处理登记表》中。", True),
    ("当值负责人负责顾客投诉信息的收集、登记,并及时填写就餐投诉记录表,上报主管部门。", True),
    ("收到投诉案件后,将由职能部门或分公司处理,调查核实投诉案件情况。", True),
    ("3工程部负责人负责安排本部门配合销售部完成客户投诉的处理工作。", False),  # a heading's number run in
    ("当值负责人是店长", False),
    ("应向客户道歉并说明处理时限。", False),  # an instruction, not an assignment
])
def test_a_clause_that_assigns_the_handling(text, assigned):
    assert assigns(text) is assigned
    if assigned:
        assert instruction(text) == (text, "")


DUTY = "当值负责人负责顾客投诉信息的收集、登记,并及时填写就餐投诉记录表,上报主管部门。"


def test_who_is_responsible_fills_a_plan_only_from_the_complaints_own_industry():
    query = "顾客说菜里吃出头发要求免单"
    own = build_advice(query, [], [], "餐饮", procedures=[rule("g1", DUTY, industry="餐饮")]).steps
    assert [s.text for s in own] == [DUTY]
    general = build_advice(query, [], [], "餐饮", procedures=[rule("g2", DUTY, industry="通用")]).steps
    assert general == []  # a general procedure's assignment would be the same line in every plan


def test_who_is_responsible_never_displaces_an_instruction():
    rules = [rule("g1", "应立即向顾客道歉并撤换菜品。应当场核实情况并记录。应在24小时内回访顾客。" + DUTY, industry="餐饮")]
    steps = [s.text for s in build_advice("顾客说菜里吃出头发要求免单", [], [], "餐饮", procedures=rules).steps]
    assert len(steps) == 3 and DUTY not in steps


HOTEL_STEPS = ("首先,向客人道歉并表示理解。然后,立即为客人更换房间,并确保新房间的卫生状况良好。同时,对相关员工进行培训和教育,"
               "提高其服务意识。最后,加强酒店的卫生管理,确保类似问题不再发生。")


def test_a_step_written_as_a_sequence_of_instructions_is_read_sentence_by_sentence():
    from advisor.guidance.steptext import sentences

    assert sentences(HOTEL_STEPS)[:2] == ["首先,向客人道歉并表示理解。", "然后,立即为客人更换房间,并确保新房间的卫生状况良好。"]
    told = "调解员联系了酒店。酒店同意退还房费。随后,王女士撤回了投诉。"
    assert sentences(told) == [told]  # a story's sentences stay one step (one sequence word is no list)
    assert is_management("最后,加强酒店的卫生管理,确保类似问题不再发生。")
    hit = Hit(kind="case", id="c1", title="房间卫生问题", score=3.0, industry="酒店", handling_steps=[HOTEL_STEPS],
              steps_origin="section", facts="客人入住后发现房间有虫", text="客人入住后发现房间有虫" + HOTEL_STEPS,
              confidence="高", sources=[SourceSpan(file="a.txt", start=0, end=10)])
    texts = [s.text for s in build_advice("客人投诉房间里有虫子要求换房", [hit], [], "酒店").steps]
    # the apology and the room change are steps; the training and the debrief told with them are not
    assert set(texts) == {"首先,向客人道歉并表示理解。", "然后,立即为客人更换房间,并确保新房间的卫生状况良好。"}
    assert not any("培训" in t or "不再发生" in t for t in texts)


def test_a_precedents_own_share_of_a_quote_is_its_remedy_not_a_step():
    step = "车主提供4S店维修清单,保险公司重新评估后,结合合理维修费用条款,同意按4S店报价的90%理赔。"
    hit = Hit(kind="case", id="c1", title="车辆保险定损争议", score=3.0, industry="保险", handling_steps=[step],
              steps_origin="section", facts="车主对定损金额不认可", text="车主对定损金额不认可" + step,
              confidence="高", sources=[SourceSpan(file="a.txt", start=0, end=10)])
    assert build_advice("车险定损只给3200,4S店报价4800,客户不认可", [hit], [], "保险").steps == []
    # named by the complaint, the share is no detail of another incident
    texts = [s.text for s in build_advice("客户要求按报价的90%赔付,定损员不同意", [hit], [], "保险").steps]
    assert texts == ["保险公司重新评估后,结合合理维修费用条款,同意按4S店报价的90%理赔。"]


def test_clock_times_and_room_numbers_are_the_precedents_incident_even_in_a_close_match():
    steps = ["调取14日12:00-13:30时段1338房出入记录,显示仅保洁员进入过",
             "酒店保安部与客房部组成联合调查组,调取监控并协助客人报警", "为客人更换到1202房间并致歉"]
    hit = Hit(kind="case", id="c1", title="客人房间手表丢失", score=3.0, industry="酒店", handling_steps=steps,
              steps_origin="section", facts="客人退房后称房间内手表丢失,怀疑保洁员拿走", text="".join(steps),
              confidence="高", sources=[SourceSpan(file="a.txt", start=0, end=10)])
    texts = [s.text for s in build_advice("客人退房后说房间里手表不见了,怀疑保洁拿的", [hit], [], "酒店").steps]
    assert texts == ["酒店保安部与客房部组成联合调查组,调取监控并协助客人报警"]
