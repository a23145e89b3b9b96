"""The handling actions a story tells: for a narrative case without a handling section, the sentences in
which the company (or a mediator) acts on the complaint become its steps, flagged as extracted."""

from __future__ import annotations

import re

from advisor.text.items import split_items

# Sentences of a story that tell what the company (or a mediator) did about the complaint.
_ACTOR = re.compile(
    r"(?:我们|我行|我司|我局|本局|我中心|我委|我方|本公司|本店|公司|酒店|餐厅|银行|支行|网点|物业|管理处|客服|店长|经理|主管|工作人员|员工|商家|院方|医院|"
    r"执法人员|调解员|消委会|市场监管|调委会|维修站|4S店|供电|燃气公司|自来水公司|机构|平台|旅行社|企业|分公司|营业厅|"
    r"保险公司|快递公司|航空公司|社区|司法|服务员|店员|负责人|老板|领班|大堂|前台|柜员|司机|快递员|导游|他们)"
)
_REMEDY = (
    r"道歉|致歉|歉意|安抚|检修|维修|更换|换房|退款|退还|返还|退货|赔偿|补偿|减免|免单|赠送|协商|调解|解释|说明|回访|跟进|"
    r"承诺|上门|处理|联系|组织|安排|报警|疏通|修复|清洗|添加|恢复|开通|取消|清理|处罚|通报|培训|整改|补发|重新|换了|换成|重做|赔礼|免费"
)
_ACTION = re.compile(_REMEDY + r"|核实|核查|调查|调取|检测|勘查|排查")
_FINDING = re.compile(r"^(?:经|通过)(?:核查|调查|查|核实|检测|了解)")


def told_actions(story: str, limit: int = 6) -> list[str]:
    """The sentences of a story that tell how the complaint was handled, in order (extractive).

    Used for narrative cases without a handling section; the result is flagged as extracted.
    """
    _, items = split_items(story)
    sentences = items or [s for s in re.split(r"(?<=[。；;！!？?])", story) if s.strip()]
    out = []
    for sentence in sentences:
        s = sentence.strip()
        if not 8 <= len(s) <= 160 or re.search(r"[?？]", s) or not _acts(s):
            continue
        if _FINDING.match(s) and not re.search(_REMEDY, s):
            continue  # "经核查，…" reports a finding, not an action
        if "记者" in s:
            continue  # what a reporter did (记者与该餐厅取得了联系) is no handling
        out.append(s)
    return out[:limit]


# What the customer demands is no action of the company: "索要1000元赔偿", "要求退款".
_DEMANDED = re.compile(r"(?:索要|要求|索赔|希望|提出|不然|否则)[^，,。；;]{0,14}")


def _acts(sentence: str) -> bool:
    """The sentence names the company's side (服务员, 供电局 …) and then what it did (道歉, 派出维修人员 …);
    what the customer demands (索要1000元赔偿) does not count."""
    text = _DEMANDED.sub("", sentence)
    actor = _ACTOR.search(text)
    return actor is not None and _ACTION.search(text, actor.start()) is not None
