"""What a card needs from a case's facts: the customer's story, grievance, demand, since when, handler."""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.models import Case
from advisor.training.person import CUSTOMER_NOUNS, find_handler
from advisor.training.text import clauses, sentences, shorten, strip_item, tidy, trim_dangling

# Essay and news framing: true of complaints in general, not of this customer.
_GENERIC = re.compile(
    r"近年来|随着|日益|本文|以下是|如下|下面|众所周知|组成部分|如何|典型案例|冰山一角|公布|发布|通报|成立于|是指|"
    r"一般来说|总之|可以看出|由此可见|不可避免|常见|以供参考|层出不穷|备受关注|之际|记者|在众多|重要途径|知名|畅销|"
    r"广泛好评|生产商|以期|提供参考|^(?:若|如果|一旦|假如)"
)
# From here on the narrative tells how the complaint was handled: a spoiler for the role-play.
_HANDLING = re.compile(
    r"^(?:经核实|经核查|经过核查|经检查|经检测|经了解|经鉴定|调查发现|经查|经调查|经过核实|经过调查|经调解|经过调解|经.{0,10}调解|核实后|调查后|接到投诉后|接诉后|受理后|"
    r"随后|最终|最后|后经|后支行|法院|处理[:：]|点评|提示|分析|针对|为此|对此[，,]|对待|对这类|对此类|"
    r"(?:我们|我方|我行|我公司|我司)(?!小区|的))"
    r"|客服部|客服人员(?:首先|立即)|接到.{0,12}投诉|(?:致以|表示|表达了?).{0,6}歉意|投诉后|"
    r"(?:要|应|应该|应当|需要|必须)(?:及时|立即|首先|第一时间)|必须|建议|务必|应当|应该|"
    r"这类投诉|此类投诉|该类投诉|^面对|(?:解释|说明)(?:了)?(?:情况|原因)|"
    r"管理思考|案例分析|案例点评|经验启示|处理步骤|解决方案|正确做法|处理结果|法院判决|原因分析|判决"
)
_RECEIVED = re.compile(r"(?:接到|收到)(?P<who>[^，,。]{1,12}?)的?(?:投诉|反映|来电)[，,]?称[，,]?其?")
_CLAIMED = re.compile(r"(?P<who>[^，,。]{0,10}?)(?:投诉|反映)[，,]?称[，,]?其?")
_CUSTOMER_CUE = re.compile(
    rf"(?:{CUSTOMER_NOUNS})|[\u4e00-\u9fff](?:先生|女士|小姐)|(?<![\u4e00-\u9fff])[\u4e00-\u9fff]某|"
    r"(?<!其)他们?|她们?|妻子|丈夫|夫妻|居民|住户|^(?:我们)?(?:购买|发现|入住|办理|使用|收到|等待|在.{1,12}(?:购买|办理|用餐|入住))"
)
# A concrete example after general remarks ("某北方项目，…"): the customer tells that one.
_INSTANCE = re.compile(r"^(?:例如|比如|如)?某(?:[\u4e00-\u9fff]{0,4})(?:项目|小区|楼盘|客户|业主|网点|支行|门店)")
_NARRATOR_I = re.compile(r"我(?!们|行|司|公司|方)")
_CUSTOMER_NARRATOR = re.compile(
    r"我(?:和|跟)?(?:朋友|家人|妻子|丈夫|孩子)?(?:们)?(?:计划|预订|预定|购买|买了|入住|点了|下单|去了|在.{1,10}(?:买|订|住|吃))"
)
# The customer's own misconduct: the role-player acts it out; the customer would not narrate it.
_MISCONDUCT = re.compile(
    r"高声指责|谩骂|骂人|拍桌子|踹门|又哭又闹|吵闹|佯装|无理取闹|扬长而去|横行无忌|叫嚷|昏迷|声援|离去|一拳|动手|"
    r"划伤|鲜血|打人|推搡|二话不说"
)
# Section labels glued to the facts ("情景回放2006年…", "【案情简介】").
_LABEL = re.compile(
    r"【[^】]{1,8}】|^(?:[一二三四五六七八九十]+、)?(?:情景回放|事件经过|案情简介|案例说明|投诉概述|案例背景|背景|事件|"
    r"申诉内容|调查情况|投诉过程|案例[一二三四五六七八九十\d]+)[:：]?"
)
# "…向上海大众投诉" / "引起客户群诉": the filing itself, told by the narrator, not by the customer.
_FILING = re.compile(
    r"(?:向|到|给).{0,16}(?:投诉|反映|举报|求助|起诉|申诉)|(?:引起|引发|导致|造成).{0,10}(?:投诉|群诉|不满|抱怨|质疑)|"
    r"^(?:进行|提出)?投诉$|诉至法院|反映上述问题|(?:来电|致电)投诉|投诉到|提出投诉"
)
_DEMAND = re.compile(r"(?:要求|希望|请求|想要)(?!用户|客户|顾客|业主|其)(?P<what>[^，,。；;]{2,40})")
_DEMAND_VERB = re.compile(
    r"^(?:退|赔|换|修|免|减|给|核|查|尽快|立即|马上|解决|处理|更换|协调|承担|道歉|补|还|恢复|办|加塞|按|撤|整改|移除|"
    r"增加|解释|说明|出面|对方|商家|银行|公司|物业|酒店|项目|维修站)"
)
_STAFF_DEMAND = re.compile(r"(?:公司|站|店|行|处|商家|机构|平台|物业|医院|人员|经理|顾问)(?:仍|又|却|还)?(?:要求|要)")
_DATE = re.compile(
    r"(?:\d{2,4}年)?\d{1,2}月(?:\d{1,2}[日号])?(?:早上|上午|中午|下午|晚上|傍晚)?(?:\d{1,2}[点时](?:\d{1,2}分)?(?:左右)?)?"
    r"|\d{4}年(?!度)(?:冬天|夏天|春天|秋天)?|上周末?|前两天|前几天|日前|近日|近期|昨天|今天"
)
_REPEATED = re.compile(r"多次|一直|反复|再次|仍然|仍未|仍在|直到|至今|到现在|一再|又一次|第二次|屡次|陆续")
_GROUP = re.compile(r"群诉|集体|群体|众多业主|多名|业主们|客户们|多户|\d+名|部分业主|业主陆续")
_TITLE_SUFFIX = re.compile(
    r"[,，]?(?:而|从而|并|进而)?(?:所)?(?:引发|引起|导致|造成)(?:的)?(?:了)?.{0,6}(?:投诉|群诉|纠纷|不满|争议)(?:事件|处理|的处理)?$"
)
_TITLE_NOISE = re.compile(r"^(?:案例|第)[一二三四五六七八九十\d]+[篇:：、.]?|^[一二三四五六七八九十\d]+[、.．]")
PROBLEM = re.compile(
    r"问题|故障|损坏|不符|延误|延迟|丢失|过期|不满|态度|收费|费用|异响|报警|等待|等候|没有|未能|未按|不能|无法|"
    r"拒绝|不予|超期|超出|延期|差|脏|污渍|异物|坏|漏|裂|盗|泄露|停机|扣|错误|报错|不一致|未兑现|欺|隐瞒|拖|划痕|冲突|却|竟"
)
_LEAD_CONNECTIVE = re.compile(r"^(?:首先|其次|另外|此外|同时|然后|后来|后|但是|但|而且|而|并且|并|于是|因此|所以)[，,]?")
_INLINE_ENUM = re.compile(r"(?<=[，,：:])\s*(?:\d{1,2}|[A-H])[.、．]")
_MAX_STORY = 5
_STORY_CHARS = 160


@dataclass(frozen=True)
class CaseSlots:
    """Facts of one case as the customer lived them (third person; `person.rewrite` voices them)."""

    story: tuple[str, ...]
    grievance: str
    demand: str
    since: str
    repeated: bool
    group: bool
    handler: str
    narrator_is_customer: bool


def extract_slots(case: Case) -> CaseSlots:
    """Read the customer's side of `case`: story sentences, the grievance, the demand, time cues.

    Args:
        case: The precedent.

    Returns:
        The slots; `story` is empty when the facts tell nothing about a particular customer.
    """
    facts = _without_title(case.facts or case.context or case.text, case.title)
    narrator = bool(_CUSTOMER_NARRATOR.search((sentences(facts) or [""])[0]))
    told = _told(facts, narrator)
    demand = next((d for s in told for d in [_demand(s)] if d), "")
    story = tuple(s for s in (_without_filing(s, demand) for s in _budget(told)) if len(s) >= 6)
    body = "".join(story)
    date = next((m.group(0) for s in told for m in [_DATE.search(s)] if m), "")
    handler = find_handler([*case.handling_steps, *case.management_thinking, case.outcome, facts])
    return CaseSlots(
        story=story,
        grievance=_grievance(case, story),
        demand=demand,
        since=date if date and date not in body else "",
        repeated=bool(_REPEATED.search(body)),
        group=bool(_GROUP.search(facts + case.title)),
        handler=handler,
        narrator_is_customer=narrator,
    )


def handling_part(facts: str) -> list[str]:
    """Sentences of the facts from where the handling starts (after the customer's story)."""
    told = sentences(facts)
    start = next((i for i, s in enumerate(told) if any(_HANDLING.search(c) for c in clauses(s))), len(told))
    return told[start:]


def issue_from_title(title: str) -> str:
    """The issue a title names, without numbering and "…引发客户投诉" ("延期交付" from "延期交付引起的群诉")."""
    text = _TITLE_NOISE.sub("", strip_item(title))
    text = _TITLE_SUFFIX.sub("", text)
    return trim_dangling(text)


def _without_title(facts: str, title: str) -> str:
    """Facts without a heading glued to their start: a copy of the title, or text before an early 【label】."""
    text = tidy(facts)
    label = re.search(r"【[^】]{1,8}】", text[:60])
    if label:
        return text[label.end():]
    head = clauses(strip_item(title))[:1]
    first = clauses(text)[:1]
    if head and first and head[0] == first[0] and not _CUSTOMER_CUE.search(head[0]):
        text = text[len(head[0]):].lstrip("，,。:：；; ")
    return text


def _told(facts: str, narrator_is_customer: bool) -> list[str]:
    """Sentences about this customer, in order, until the handling starts.

    Works clause by clause: the handling (or a staff narrator's "我") ends the story once it has
    begun; before that, such clauses and framing are skipped.
    """
    told: list[str] = []
    for sentence in sentences(facts):
        sentence = _INLINE_ENUM.sub("", _reported(_LABEL.sub("", sentence)))
        if _INSTANCE.search(sentence) and told and not _CUSTOMER_CUE.search("".join(told)):
            told = []  # general remarks came first; the concrete instance replaces them
        kept, stop = _story_clauses(sentence, narrator_is_customer, started=bool(told))
        if kept:
            told.append(_LEAD_CONNECTIVE.sub("", kept))
        if stop:
            break
    return told


def _budget(told: list[str]) -> list[str]:
    """The story sentences that fit a spoken opening: the first, then those that say what went wrong.

    The grievance is often told last ("…拒绝支付抢修费用"), so a long story keeps its first
    sentence and then the sentences with the most problem words, in their original order.
    """
    told = [s if len(s) <= _STORY_CHARS else shorten(s, _STORY_CHARS) for s in told]
    if len(told) <= _MAX_STORY and sum(map(len, told)) <= _STORY_CHARS:
        return told
    ranked = sorted(range(1, len(told)), key=lambda i: (-len(PROBLEM.findall(told[i])), -i))
    keep, used = {0}, len(told[0])
    for i in ranked:
        if len(keep) < _MAX_STORY and used + len(told[i]) <= _STORY_CHARS:
            keep.add(i)
            used += len(told[i])
    return [told[i] for i in sorted(keep)]


def _story_clauses(sentence: str, narrator_is_customer: bool, started: bool) -> tuple[str, bool]:
    """The story clauses of one sentence, and whether the story ends in it.

    A sentence that ends in customers complaining ("…，引起客户群诉") tells their grievance even
    when it never names them before.
    """
    parts = clauses(sentence)
    told_of = any(_FILING.search(c) and _CUSTOMER_CUE.search(c) for c in parts)
    kept: list[str] = []
    for clause in parts:
        staff_i = not narrator_is_customer and _NARRATOR_I.search(clause)
        if _HANDLING.search(clause) or staff_i:
            if started or kept:
                return "，".join(kept), True
            continue
        if _GENERIC.search(clause) or _MISCONDUCT.search(clause):
            continue
        if kept or started or told_of or narrator_is_customer or _CUSTOMER_CUE.search(clause) or _INSTANCE.search(clause):
            kept.append(clause)
    return "，".join(kept), False


def _reported(sentence: str) -> str:
    """"接到张先生投诉，称其购买的…" → "张先生购买的…": the claim, told by its owner."""
    m = _RECEIVED.search(sentence)
    if m:
        return m.group("who") + sentence[m.end():]
    m = _CLAIMED.search(sentence)
    return sentence[: m.start()] + m.group("who") + sentence[m.end():] if m else sentence


def _demand(sentence: str) -> str:
    """What the customer asks for in `sentence` ("退还费用"), or ""."""
    for clause in clauses(sentence):
        m = _DEMAND.search(clause)
        if m and _DEMAND_VERB.match(m.group("what")) and not _STAFF_DEMAND.search(clause[: m.start() + 2]):
            return trim_dangling(m.group("what"))
    return ""


def _without_filing(sentence: str, demand: str) -> str:
    """`sentence` without the clauses that file the complaint or restate the demand."""
    kept = [c for c in clauses(sentence) if not _FILING.search(c) and not (demand and demand in c)]
    return trim_dangling("，".join(kept))


_GRIEVANCE_LEAD = re.compile(r"^(?:投诉内容|投诉的问题|投诉)?(?:主要)?(?:涉及|集中在|是|为)")


def _grievance(case: Case, story: tuple[str, ...]) -> str:
    """A short phrase naming what went wrong, from the title when it names an issue, else the story."""
    issue = issue_from_title(case.title)
    if len(issue) >= 6 and PROBLEM.search(issue) and not _GENERIC.search(issue):
        return shorten(issue, 30)
    for sentence in story:
        for clause in clauses(sentence):
            if PROBLEM.search(clause) and len(clause) >= 6 and not re.search(r"以下|如下", clause):
                return shorten(_GRIEVANCE_LEAD.sub("", tidy(clause)), 30)
    if story:
        # Without a problem word, the end of the first sentence is usually what went wrong.
        return shorten(clauses(story[0])[-1], 30)
    return shorten(issue or tidy(case.title), 30)
