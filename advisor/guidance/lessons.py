"""Steps from a precedent's lesson: the instructions its management thinking gives the company's staff.

A case's thinking (案例点评, 经验启示) mostly analyses, but some of its sentences tell the company what to do
with such a complaint ("物业公司应及时与业主沟通,说明维修进度"). Those are read with the same tests as a
rule's clauses; what the lesson asks of a regulator, of the public or of the company's systems is no step.
"""

from __future__ import annotations

import re

from advisor.guidance.clauses import (
    ANALYSIS,
    CUSTOMER_DUTY,
    FOR_COMPLAINANTS,
    NOT_A_STEP,
    THIRD_PARTY,
    applies,
    instruction,
    is_fragment,
    is_setup,
    names_other_industry,
)
from advisor.guidance.facts import QueryFacts
from advisor.text.actions import is_management
from advisor.text.words import is_garbled

_MIN_CHARS = 10
# The company side as the subject of the instruction ("物业公司应…", "客服人员须…", "我行应…"): a lesson whose
# subject was left in an earlier clause ("购房者在签约前,应详细了解…") may be advice to the public.
_COMPANY_SIDE = re.compile(
    r"^(?:对(?:此|于)?[^，,。]{0,10}?[，,]?)?(?:该|涉事|这家|本|我)?[\u4e00-\u9fff]{0,6}?"
    r"(?:公司|物业|银行|行|酒店|商家|经营者|企业|机构|门店|网点|平台|旅行社|开发商|医院|客服|工作人员|员工|人员|经理|店长|主管"
    r"|营业厅|4S店|经销商|厂家|售后|司)(?:[\u4e00-\u9fff]{0,4}?)(?:应当|应该|必须|务必|应|须|需|要|将)"
)
# A verdict on the precedent's own liability ("旅行社应赔偿游客损失…", "商家须承担售后责任"): right for that case, and
# misleading where the facts differ (a typhoon is no booking error); the company decides liability case by case.
_VERDICT = re.compile(r"赔偿|赔付|补偿|退还|退赔|承担[^，,。]{0,8}(?:责任|损失|费用)|负[^，,。]{0,4}责任")
# What serves the complainant's own interest ("确保自身权益不受损", "选择适合自身需求的产品") is advice to the public.
_OWN_INTEREST = re.compile(r"自身|维权|自己的(?:权益|利益)|擦亮眼睛|谨慎选择|理性消费")
# What a lesson asks of someone other than the company complained about: a regulator, the law, an industry body.
_AUTHORITY = re.compile(
    r"监管部门|主管部门|有关部门|相关部门|职能部门|政府|消协|消委会|消保委|消费者协会|立法|行业协会|执法|市场监管|法院|司法|人民银行"
    r"|监管机构|金融监管|国家"
)
# Advice to the public: "消委会提醒市民…", "建议消费者…", "广大家长要…".
_TO_THE_PUBLIC = re.compile(
    r"提醒|建议(?:广大|各位)?(?:消费者|市民|家长|旅客|游客|业主|车主|用户|群众|读者|网友|乘客|投保人|储户)"
    r"|(?:广大|各位)?(?:消费者|市民|家长|旅客|游客|车主|群众|读者|网友|乘客|投保人|储户|购房者)(?:在|们|朋友)?[^，,。]{0,6}(?:应|要|需|须|务必|一定)"
)


def lesson_step(sentence: str, industry: str | None, facts: QueryFacts) -> str:
    """The instruction to the company's staff in one sentence of a precedent's thinking, or "" for none.

    Args:
        sentence: a clause of the thinking, already clipped.
        industry: the complaint's industry, or None.
        facts: what the complaint shows (situational steps need it).
    """
    step, topic = instruction(sentence)
    if not step or topic:
        return ""  # analysis; a topic label belongs to a rulebook's list
    if _AUTHORITY.search(sentence) or _TO_THE_PUBLIC.search(sentence) or CUSTOMER_DUTY.search(sentence):
        return ""  # a regulator's duty, advice to consumers
    if not _COMPANY_SIDE.match(step) or _OWN_INTEREST.search(step) or _VERDICT.search(step) or not re.search(r"[。！!；;]$", step):
        return ""  # no subject of the company's side; advice for the public; cut off where the excerpt ends
    if (len(step) < _MIN_CHARS or NOT_A_STEP.search(step) or ANALYSIS.search(step) or is_management(step)
            or is_garbled(step) or is_fragment(step) or is_setup(step) or FOR_COMPLAINANTS.search(step)
            or THIRD_PARTY.search(step) or names_other_industry(step, industry)
            or not applies(step, facts)):
        return ""
    return step
