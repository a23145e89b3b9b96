"""Segmentation per format family: case boundaries, titles, fields and numbered points."""

from __future__ import annotations

from helpers import DATA

from advisor.corpus.classify import guideline_kind
from advisor.corpus.clean import clean_document
from advisor.corpus.read import read_document
from advisor.corpus.segment import segment_document


def _segments(name: str):
    return segment_document(clean_document(read_document(DATA / name)).doc_text())


def test_real_estate_compilation():
    cases = _segments("re_cases.txt").cases
    assert [c.title for c in cases] == ["销售承诺未兑现引发群诉", "延期交付引起的群诉"]
    first, second = cases
    assert first.format == "labelled" and first.industry == "房地产"
    assert "5500元/㎡" in first.facts and "配套学校" in first.facts
    assert first.management_thinking[0].startswith("严控承诺内容")
    assert first.handling_steps == first.management_thinking and first.steps_origin == "thinking"
    assert second.management_thinking[:2] == ["委托方资金困难。", "合同约定不明确。"]
    assert second.handling_steps == ["提前准备应急预案,合理安排工期。", "积极坦诚面对客户,获取理解与支持。"]


def test_punctuation_stripped_compilation_segments_the_same_cases():
    cases = _segments("re_cases_stripped.txt").cases
    assert [c.title for c in cases] == ["销售承诺未兑现引发群诉", "延期交付引起的群诉"]
    assert cases[0].management_thinking[0].startswith("严控承诺内容")


def test_traditional_compilation_is_segmented_in_simplified_with_original_kept():
    cases = _segments("re_cases_traditional.txt").cases
    assert cases[0].title == "销售承诺未兑现引发群诉"
    assert "銷售承諾" in cases[0].original_text


def test_bank_case_fields():
    (case,) = _segments("bank_case.txt").cases
    assert case.title == "保险变理财,银行、保险、客户三赢"
    assert case.industry == "银行"
    assert case.facts.startswith("2011年11月7日客户田女士")
    assert case.management_thinking[0].startswith("近年来由于保险产品收益")
    assert case.handling_steps == ["不能简单生硬处理,应耐心安抚客户情绪。", "一定要换位思考,多站在客户的角度看问题。",
                                   "应及时联系有关单位寻求解决办法。"]


def test_auto_dealer_cases_fields():
    cases = _segments("auto_case.txt").cases
    assert len(cases) == 2
    airbag, battery = cases
    assert airbag.format == "marker" and airbag.industry == "汽车"
    assert "减免本次维修费用" in airbag.handling_steps
    assert airbag.improvements[-2:] == ["加强当事人维修技能专业培训", "加强员工维修、服务规范的培训"]
    assert any("维修质量保证问题" in t for t in airbag.management_thinking)
    assert battery.handling_steps == ["及时退还多收费用", "上门道歉沟通"]


def test_telecom_case_fields():
    (case,) = _segments("telecom_case.txt").cases
    assert case.title == "梦网投诉"
    assert "10086" in case.facts
    assert case.outcome.startswith("由于无法核查清客户的问题")
    assert case.handling_steps and case.improvements
    assert case.management_thinking[0].startswith("该类投诉处理存在难点")


def test_narrative_case_without_labels_gets_the_actions_its_story_tells_flagged_as_extracted():
    cases = _segments("narrative_noise.txt").cases
    assert len(cases) == 1
    case = cases[0]
    assert "防火门" in case.facts
    assert case.steps_origin == "story" and case.handling_steps
    # Extracted, never invented: every step is a sentence of the story.
    assert all(step in case.facts for step in case.handling_steps)


def test_guideline_sections_and_kinds():
    guides = _segments("guideline.txt").guidelines
    titles = [g.title for g in guides]
    assert any("客户群诉分级说明" in t for t in titles)
    grading = next(g for g in guides if "分级" in g.title)
    assert grading.kind == "grading"
    assert any("群诉发生阶段" in g.text and "媒介负责人" in g.text for g in guides)
    assert guideline_kind("受理部门在接到投诉后的24小时内必须落实处理部门,一般问题处理不超过3个工作日") == "deadline"


def test_a_sections_title_names_the_rulebook_once():
    # A seed page's rulebook: the sections of its long first part once read "金地…处理程序完整版·金地…处理程序完整版·5.2…".
    root = DATA.parent.parent / "corpus"
    seg = segment_document(clean_document(read_document(root / "004_9e11276aeb965d79.txt")).doc_text())
    titles = [g.title for g in seg.guidelines if g.title.startswith("金地房地产公司客户投诉处理程序完整版·")]
    assert any("5.2主管副总经理负责" in t for t in titles)
    assert not any(t.count("金地房地产公司客户投诉处理程序完整版") > 1 for t in titles)


def test_short_heading_before_cases_is_their_context_not_a_guideline():
    seg = _segments("owner_types.txt")
    assert len(seg.cases) == 2
    assert all(c.context.startswith("三、急躁型") for c in seg.cases)
    assert not any(g.text.startswith("三、急躁型") for g in seg.guidelines)
    assert any("忧郁型" in g.text for g in seg.guidelines)


def test_untitled_document_glued_onto_a_case_is_cut_off():
    seg = _segments("glued.txt")
    hotel = next(c for c in seg.cases if "酒店" in c.text)
    assert "这就好比" in hotel.text  # a paragraph naming no industry stays with the case
    assert "管理处" not in hotel.text and "保洁" not in hotel.text
    rest = [r for r in [*seg.cases, *seg.guidelines] if r.text.startswith("前两天")]
    assert len(rest) == 1 and "保洁" in rest[0].text and "酒店" not in rest[0].title
