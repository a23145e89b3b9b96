"""What a sentence of a handling section is: an action in this complaint, or a preventive measure."""

from __future__ import annotations

import re

# Prevention and systems: what the company does before or beyond this complaint (the debrief's 管理要点).
MANAGEMENT = re.compile(
    r"提前|事前|事先|预先|设计时|设计阶段|销售前|签订.{0,14}时|营造过程|开发过程|施工|招采|采购|上岗前|日常|定期|"
    r"平时|今后|以后|长期|加强.{0,12}(?:培训|管理|监管|监督|教育|宣传|检查|把关|风控)|完善|建立|健全|"
    r"制定.{0,10}(?:制度|流程|规范|预案|标准|机制|措施)|机制|制度|流程|体系|督查|考核|审批|严控|严格把|杜绝|"
    r"避免.{0,12}(?:再次|类似|重复|再)|(?:此类|类似|同类|这类)[^，,。；;]{0,6}不再(?:发生|出现)|防止|预防|梳理|集团|职能部门|运营团队|各部门|改进措施|提升.{0,8}(?:服务|质量|水平)|"
    r"强化|推广|培训|合同中|合同内|应急预案|工期|选材|规划|"
    # a stage of the business before or beyond this complaint ("销售阶段,除向客户阐明代建概念外…", "解约阶段,…")
    r"(?:销售|签约|解约|交付|设计|前期|售前)阶段"
)


# Telling the customer the procedure, or following it, is an action in this complaint ("认真记录投诉内容,并告知顾客
# 投诉处理流程", "按照投诉处理流程及时转交"): the procedure is then no measure of its own.
_FOLLOWED = re.compile(r"(?:告知|告诉|说明|介绍|解释|按照?|依照|依据|根据|遵循)[^，,。；;]{0,12}(?:流程|制度|机制|体系)")


def is_management(text: str) -> bool:
    """True when `text` is a preventive or systemic measure rather than an action in this complaint."""
    return MANAGEMENT.search(_FOLLOWED.sub("", text)) is not None


_CLAUSE_END = re.compile(r"(?<=[，,；;。])")
# A link word left where the measure was cut off ("…解释服务员行为的原因。同时" of "…。同时,加强员工培训").
_TRAILING_LINK = re.compile(r"(?:同时|并且|此外|另外|以及|并|且)$")


def before_management(text: str, min_chars: int = 8) -> str:
    """`text` up to its first preventive or systemic clause ("…派人上门核实现场情况,主动道歉,按实际电量重新计算电费,
    并对责任人进行考核。" → "…重新计算电费"); `text` itself when it has none, "" when it opens with one or what
    comes before it is shorter than `min_chars`."""
    if not is_management(text):
        return text
    kept = ""
    for clause in _CLAUSE_END.split(text):
        if is_management(clause):
            break
        kept += clause
    kept = _TRAILING_LINK.sub("", kept.rstrip("，,；;。 ")).rstrip("，,；;。 ")
    return kept if len(kept) >= min_chars else ""
