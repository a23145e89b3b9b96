"""Steps from the lessons (management thinking) of the matching precedents."""

from __future__ import annotations

from advisor.guidance.advice import build_advice
from advisor.guidance.facts import extract_facts
from advisor.guidance.lessons import lesson_step
from advisor.models import Hit, SourceSpan

LEAK = "业主说楼上漏水到他家天花板,物业拖了两周没人来修"


def precedent(cid: str, thinking: list[str], *, steps: list[str] | None = None, confidence: str = "高",
              industry: str = "物业", score: float = 3.0) -> Hit:
    return Hit(kind="case", id=cid, title="楼上漏水物业迟迟不修", score=score, industry=industry,
               handling_steps=steps or [], management_thinking=thinking, steps_origin="section",
               facts="业主家天花板漏水,物业两周未派人维修", text="业主家天花板漏水", confidence=confidence,
               sources=[SourceSpan(file="a.txt", start=0, end=10)])


def test_an_instruction_in_the_thinking_is_a_step_of_the_plan():
    hit = precedent("c1", ["本案中物业的拖延激化了矛盾。物业公司应及时派维修人员上门查看漏水原因,并向业主说明维修进度。"])
    steps = build_advice(LEAK, [hit], [], "物业").steps
    assert [s.text for s in steps] == ["物业公司应及时派维修人员上门查看漏水原因,并向业主说明维修进度。"]
    assert steps[0].sources == ["c1"]
    assert steps[0].text in hit.management_thinking[0]  # extractive


def test_analysis_prevention_and_advice_to_others_are_no_steps():
    facts = extract_facts(LEAK)
    for sentence in ("本案的核心问题在于物业未尽到维修义务。",
                     "物业公司应加强对维修人员的培训,完善报修制度。",  # prevention: the debrief's
                     "消委会提醒消费者应保留好维修单据。",  # advice to the public
                     "建议业主遇到漏水及时拍照取证。",
                     "相关部门应加强对物业服务企业的监管。",  # a regulator's duty
                     "业主应配合物业入户查看。",  # the complainant's duty
                     "购房者在签约前,应详细了解房屋的公摊面积标准。",  # whose duty? (the public's)
                     "投保时需亲自完成投保签名,确保自身权益不受损。",
                     "物业公司应切实履行维修义务,及时处理业主的报",  # cut off where the excerpt ends
                     "物业公司应赔偿业主的装修损失。"):  # a verdict on that case's liability
        assert lesson_step(sentence, "物业", facts) == "", sentence


def test_a_precedents_own_steps_come_before_its_lessons():
    hit = precedent("c1", ["物业公司应及时与业主沟通,说明维修安排。"], steps=["当天派维修工上门查看漏水点", "协调楼上业主配合维修"])
    texts = [s.text for s in build_advice(LEAK, [hit], [], "物业").steps]
    assert texts.index("当天派维修工上门查看漏水点") < texts.index("物业公司应及时与业主沟通,说明维修安排。")


def test_a_lesson_below_the_best_precedent_must_be_about_this_complaint():
    best = precedent("c1", [], steps=["当天派维修工上门查看漏水点"])
    other = precedent("c2", ["物业应耐心倾听业主对绿化的意见,及时回复。", "物业应尽快查明漏水原因,先行维修。"],
                      confidence="中", score=2.5)
    texts = [s.text for s in build_advice(LEAK, [best, other], [], "物业").steps]
    assert "物业应尽快查明漏水原因,先行维修。" in texts
    assert not any("绿化" in t for t in texts)
