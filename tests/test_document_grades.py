"""Grades read from the company's rules documents (no curated rulebook): the scheme, quoted, and the likely grade
only when a cue of escalation is shared by the complaint and the grade's definition."""

from __future__ import annotations

import pytest

from advisor.guidance.advice import build_advice
from advisor.guidance.document_grades import GRADE_NAME, document_grade, grade_fit, query_cues
from advisor.guidance.facts import extract_facts
from advisor.models import Guideline, SourceSpan


def rules(text: str, file: str = "r.txt", industry: str = "电力", title: str = "投诉管理办法·投诉的分类") -> Guideline:
    return Guideline(id=f"g-{file}", title=title, kind="procedure", industry=industry, text=text,
                     sources=[SourceSpan(file=file, start=0, end=len(text))])


POWER = rules("3.2 投诉事件按照重要程度可分为重大投诉事件,重要投诉事件,一般投诉事件等三种。\n"
              "(1)重大投诉事件\n符合下列情形之一的投诉,界定为重大投诉事件:\n(a)造成人员伤亡或重大财产损失的投诉;\n"
              "(b)被新闻媒体曝光的投诉。\n"
              "(2)重要投诉事件\n符合下列情形之一的投诉,界定为重要投诉事件:\n(a)由电力监管部门(如12398)转来的投诉;\n"
              "(3)一般投诉事件\n指除重大、重要投诉外的其他投诉。")
TIMES = rules("投诉分级处理。\n- 普通投诉:3个工作日内完成责任判定\n- 复杂投诉:涉及多部门协作的投诉,不超过15个工作日。",
              file="t.txt", industry="电信")


def test_a_scheme_lists_each_grade_with_its_definition_in_the_documents_order():
    item = document_grade("停电了一整天没人通知", [POWER]).item
    assert item is not None and item.category == "grading" and item.primary
    assert item.label == "本单位分为重大投诉、重要投诉、一般投诉，请对照定义判断"
    assert "人员伤亡" in item.detail and "12398" in item.detail and "指除重大、重要投诉外的" in item.detail
    assert item.matched == ["摘自公司文档", "投诉中未见升级情形"]
    assert item.citation.file == "r.txt" and item.industry == "电力"


@pytest.mark.parametrize(("query", "grade", "reason"), [
    ("用户说电压不稳把冰箱烧了，不赔就打12398找能源监管", "重要投诉", "涉及监管或政府部门"),
    ("停电三天，用户说要找电视台记者曝光", "重大投诉", "涉及媒体或舆情"),
])
def test_the_likely_grade_is_the_one_whose_definition_shares_the_complaints_cue(query, grade, reason):
    item = document_grade(query, [POWER]).item
    assert item.label.startswith(f"可能属于：{grade}") and reason in item.matched
    assert grade[:2] in item.detail  # its own definition, quoted


def test_a_negated_cue_names_no_grade():
    item = document_grade("停电了，用户说不会找记者，就想尽快恢复", [POWER]).item
    assert item.label.startswith("本单位分为")


def test_a_cue_the_definitions_do_not_mention_is_said_so():
    item = document_grade("宽带断了三次，客户说要打工信部投诉", [TIMES]).item
    assert item.label == "本单位分为普通投诉、复杂投诉，请对照定义判断"
    assert "定义中未见监管或政府部门" in item.matched
    assert item.detail.startswith("普通投诉:3个工作日内")  # the grade's time limit, from the grade's name on


def test_mentions_and_organisation_tiers_are_no_scheme():
    duties = rules("值班经理亲自负责重大投诉的现场处理。公司成立三级投诉处理体系,明确各层级职责。一般投诉由前台处理。")
    assert document_grade("客人投诉房间有异味", [duties]) is None
    assert not GRADE_NAME.search("中国联通已建立四级投诉响应机制")
    assert document_grade("停电", [rules("重大投诉是指造成人员伤亡的投诉。")]) is None  # one grade is no scheme


def test_a_regulators_or_a_complainants_guide_grades_nothing():
    regulator = rules(POWER.text + "被投诉者应在5日内答复。", file="gov.txt")
    assert document_grade("停电", [regulator]) is None


def test_group_complaint_grades_keep_their_own_name():
    text = "3.1、一般群诉:超过5至20户业主集体投诉。3.2、重大群诉:超过20户业主集体投诉并出现媒体曝光。"
    item = document_grade("四十多户业主联名投诉面积缩水", [rules(text, industry="房地产")]).item
    assert "一般群诉、重大群诉" in item.label and "涉及集体投诉" in item.matched


def test_query_cues_come_from_facts_and_words():
    query = "客户说被盗刷了两万，已经打了12378，还要找媒体"
    assert query_cues(query, extract_facts(query)) == ["媒体或舆情", "监管或政府部门", "资金损失"]


def test_the_plan_shows_a_document_scheme_only_without_a_curated_grade():
    advice = build_advice("用户说电压不稳把冰箱烧了，不赔就打12398", [], [], "电力", rules=[POWER])
    assert advice.grade is not None and advice.grade.label.startswith("可能属于：重要投诉")
    # the complaint's own industry first; a general rules document only when it has none
    general = rules(POWER.text, file="g.txt", industry="通用")
    assert build_advice("停电了", [], [], "电力", rules=[], fallback_rules=[general]).grade.citation.file == "g.txt"
    assert build_advice("停电了", [], [], "电力", rules=[]).grade is None


def test_the_likely_grades_time_limits_come_first():
    text = ("投诉分为一般投诉和紧急投诉。一般投诉是指服务态度、业务差错等引起的投诉。"
            "紧急投诉是指被媒体曝光或可能引发舆情的投诉。\n一般投诉应在5个工作日内答复客户。\n紧急投诉应在2小时内响应并上报。")
    doc = rules(text, industry="银行")
    assert grade_fit("一般投诉应在5个工作日内答复客户", "紧急投诉") == 0 < grade_fit("紧急投诉应在2小时内响应", "紧急投诉")
    media = build_advice("客户说柜员态度恶劣，要找电视台记者曝光", [], [], "银行", rules=[doc])
    assert media.grade.label.startswith("可能属于：紧急投诉")
    assert "2小时内" in media.deadlines[0].detail
    plain = build_advice("客户说柜员态度恶劣，要求道歉", [], [], "银行", rules=[doc])
    assert plain.grade.label.startswith("本单位分为一般投诉、紧急投诉")
    assert {d.detail for d in plain.deadlines} >= {"一般投诉应在5个工作日内答复客户。"}


def test_the_scheme_cites_the_section_that_grades():
    intro = Guideline(id="g-intro", title="投诉管理办法·总则", industry="电力", text="为规范投诉处理,制定本办法。",
                      sources=[SourceSpan(file="r.txt", start=0, end=14)])
    item = document_grade("停电了", [intro, POWER]).item
    assert item.citation.title == POWER.title and item.standard == POWER.title


def test_each_titled_standard_of_one_file_is_a_scheme_of_its_own():
    group = rules("一般群诉:超过5至20户业主集体投诉。重大群诉:超过20户业主集体投诉并出现媒体曝光。", file="all.txt",
                  title="xx地产客户群诉处理指引·三、分级说明")
    tiers = rules("一级投诉:涉及媒体曝光的投诉。二级投诉:人数10人以下的集体投诉。", file="all.txt",
                  title="某集团客户投诉处理流程·3.2投诉分级")
    item = document_grade("业主说要找媒体曝光", [group, tiers]).item
    assert item.label in ("可能属于：重大群诉（本单位分为一般群诉、重大群诉）", "可能属于：一级投诉（本单位分为一级投诉、二级投诉）")


def test_the_time_limits_come_from_the_document_that_grades_when_it_has_them():
    graded = rules("一般投诉 银行会在接到投诉后的5个工作日内给予回复。复杂投诉 银行会在接到投诉后的10个工作日内给予回复。",
                   file="a.txt", industry="银行", title="投诉处理流程")
    other = rules("处理时限方面,银行通常规定在3个工作日内完成投诉处理,客户理财亏损投诉也一样。", file="b.txt", industry="银行",
                  title="投诉归档")
    query = "客户理财亏损投诉,我们要几个工作日内处理"
    assert {d.citation.file for d in build_advice(query, [], [], "银行", rules=[other, graded],
                                                  grade_documents=False).deadlines} == {"b.txt"}
    advice = build_advice(query, [], [], "银行", rules=[other, graded])
    assert advice.grade.citation.file == "a.txt" and {d.citation.file for d in advice.deadlines} == {"a.txt"}


def test_one_sentence_giving_each_grade_its_time_limit_is_a_scheme():
    dealer = rules("投诉单受理响应有时限,一般投诉 24 小时内,升级投诉 8 小时内,重要投诉 4 小时内。", industry="汽车")
    item = document_grade("车主说天窗漏水修了两次", [dealer]).item
    assert item.label == "本单位分为一般投诉、升级投诉、重要投诉（文档只写了各级时限，未写各级定义）"
    assert item.matched == ["摘自公司文档"]
    assert item.detail == "一般投诉 24 小时内；升级投诉 8 小时内；重要投诉 4 小时内"


def test_a_colon_then_a_time_limit_is_a_grades_time_limit_not_its_definition():
    limits = rules("2.投诉处理时限:-一般投诉:需在24小时内响应,3个工作日内给出解决方案。\n-重大投诉:需在12小时内响应。\n"
                   "-紧急投诉:需在2小时内响应,24小时内提供解决方案。", industry="通用")
    item = document_grade("客户说要找媒体曝光", [limits]).item
    assert item.label == "本单位分为一般投诉、重大投诉、紧急投诉（文档只写了各级时限，未写各级定义）"
    assert item.detail.startswith("一般投诉:需在24小时内响应")
    group = rules("一般群诉:超过5至20户业主集体投诉。重大群诉:超过20户业主集体投诉并出现媒体曝光。", industry="房地产")
    assert document_grade("业主说要找媒体曝光", [group]).item.label.startswith("可能属于：重大群诉")


def test_a_time_limit_that_names_a_regulator_names_no_likely_grade():
    limits = rules("普通投诉应在7个工作日内完成处理并答复,工信部转办的投诉需在7日内完成受理审核。\n"
                   "重大投诉:启动24小时应急响应机制,由分管领导牵头处理。", industry="电信")
    item = document_grade("客户说要去工信部投诉", [limits]).item
    assert item.label.startswith("本单位分为普通投诉、重大投诉")


def test_a_scheme_that_defines_its_grades_comes_before_one_that_only_times_them():
    timed = rules("投诉单受理响应有时限,一般投诉 24 小时内,升级投诉 8 小时内,重要投诉 4 小时内。", file="d.txt")
    item = document_grade("一般投诉受理响应有时限吗,停电了没人管", [timed, POWER]).item
    assert item.citation.file == "r.txt"
    assert document_grade("一般投诉受理响应有时限吗,停电了没人管", [timed]).item.citation.file == "d.txt"
