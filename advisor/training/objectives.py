"""Trainee objectives from a case's handling, thinking and rules; preventive measures go to 管理要点."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from advisor.models import Case, GuidanceItem
from advisor.text.actions import is_management
from advisor.training.models import Objective, ObjectiveKind
from advisor.training.person import CUSTOMER_NOUNS, rewrite, staff_voice
from advisor.training.rubric import CHECKS, topic
from advisor.training.slots import CaseSlots, handling_part
from advisor.training.text import clauses, dedupe, sentences, shorten, strip_item, trim_dangling

# First match wins, so the more specific kinds come first.
KIND_CUES: tuple[tuple[ObjectiveKind, re.Pattern[str]], ...] = (
    ("internal", re.compile(r"内部|当事人|教育处理|处罚|通报批评|问责|追责")),
    ("acknowledge", re.compile(r"致歉|道歉|歉意|赔礼|认错|承认(?:错误|过失|责任)")),
    ("verify", re.compile(r"核实|核查|调查|查明|查清|检查|检测|勘查|了解.{0,6}(?:情况|诉求|原因)|查询|取证|调取|监控录像")),
    ("explain", re.compile(r"解释|说明|告知|阐明|讲清|提供.{0,10}(?:标准|依据|报告|证明|记录|清单)")),
    ("remedy", re.compile(
        r"退还|退款|退费|退货|退保|返还|返回|减免|免除|免费|补偿|赔偿|赔付|理赔|赠送|优惠|代金券|承担.{0,8}(?:费用|损失)|"
        r"更换|换货|换房|维修|修复|抢修|上门|救援|补救|解决方案|处理方案|解决办法|重新|安排.{0,8}(?:技术|维修|人员|专人)|"
        r"恢复|拆除|整改|撤下|冻结|退回|补发|重发|保管|送医|就医|陪同|推荐|引导.{0,4}(?:办理|使用|选择)")),
    ("escalate", re.compile(r"负责人|上报|上级|出面|统一协调|客户服务中心|专人|主管|领导|升级处理")),
    ("follow_up", re.compile(r"回访|跟进|跟踪|回复|答复|反馈|时限|进展|通知")),
    ("listen", re.compile(r"倾听|安抚|情绪|理解|同情|换位思考|耐心|关心|沟通|真诚|坦诚|尊重")),
)
_REMEDY = dict(KIND_CUES)["remedy"]
# Kinds that need the customer in view: "与土管部门沟通" is not a trainee's action.
_NEEDS_CUSTOMER = {"listen", "escalate", "follow_up"}
_CUSTOMER = re.compile(rf"{CUSTOMER_NOUNS}|您|其|对方|双方")
_PRESCRIPTIVE = re.compile(r"应|要|须|需|务必|一定|必须|不能|切勿|不得|建议|做好|及时|主动")
# A cue inside the customer's demand or a refusal is not something staff did.
_NOT_DONE = re.compile(r"要求|希望|请求|拒绝|遭到|未能|没有|不愿|不肯|无法")
_LABEL_HEAD = re.compile(r"^[^，。：:]{1,8}[:：]")
_MODAL_HEAD = re.compile(r"^[^，。]{0,10}?(?:应当|应该|必须|务必|需要|应|须|需(?!求)|要(?!求))(?=[\u4e00-\u9fff]{2})")
_CONNECTIVE_ONLY = re.compile(r"^(?:另一方面|同时|此外|另外|其次|最后|然后|总之)$")
_CUSTOMER_FIRST = re.compile(rf"^(?:在)?(?:某|该|这位|一位)?(?:{CUSTOMER_NOUNS}|[\u4e00-\u9fff](?:先生|女士|小姐)|他|她)")
_LEAD = re.compile(r"^(?:首先|其次|再次|最后|同时|并且|并|然后|随后|另外|此外|一是|二是|三是)[，,]?")
_AGENT_HEAD = re.compile(
    r"^[\u4e00-\u9fff]{0,6}?(?:维修站|公司|银行|支行|网点|经理|顾问|人员|员工|客服|管理处|物业|商家|店长|店|部门|平台|酒店|餐厅)"
    r"(?=与|向|对|为|在|及时|主动|立即|马上|首先|再次|第一时间)"
)
_DURATION = re.compile(r"(?:\d+|[一二三四五六七八九十两半]+)\s*(?:个)?(?:小时|工作日|个工作日|天|日|分钟|周)")
_CUSTOMER_FACING = re.compile(
    r"(?:回复|答复|反馈|回应|告知|联系|通知)(?:客户|业主|业户|住户|顾客|用户)|给予.{0,6}(?:反馈|答复|回应|处理结果)|"
    r"(?:回复|答复)(?!.{0,4}(?:上级|领导))"
)
_MAX_OBJECTIVES = 6
_MAX_PER_KIND = 2
_FLOW: tuple[ObjectiveKind, ...] = (
    "acknowledge", "listen", "verify", "explain", "remedy", "follow_up", "escalate", "internal",
)


@dataclass(frozen=True)
class Plan:
    """What the card asks of the trainee, what goes to the debrief, and what the precedent did."""

    objectives: list[Objective]
    management_points: list[str]
    analysis: list[str]
    handling: list[str]


@dataclass(frozen=True)
class _Item:
    kind: ObjectiveKind
    text: str
    source: str
    example: str = ""


def kind_of(text: str) -> ObjectiveKind | None:
    """The kind of trainee action `text` describes, or None when it names no customer-facing action."""
    for kind, pattern in KIND_CUES:
        m = pattern.search(text)
        if m and not _NOT_DONE.search(text[max(0, m.start() - 12): m.start()]):
            if kind in _NEEDS_CUSTOMER and not _CUSTOMER.search(text):
                continue
            if kind == "verify" and _REMEDY.search(text, m.end()):
                return "remedy"  # checked, then put right (进行检测并更换配件): what the customer got is the remedy
            return kind
    return None


def plan(case: Case, slots: CaseSlots, rules: Sequence[GuidanceItem]) -> Plan:
    """Split the precedent into trainee objectives, 管理要点 and analysis; fill gaps from the facts and rules.

    Args:
        case: The precedent.
        slots: Its facts as the customer lived them (grievance, demand, group).
        rules: Applicable grading and deadline rules (already filtered to the case's industry).

    Returns:
        The plan; objectives follow the handling flow (acknowledge → verify → … → internal).
    """
    items, management = _gather(case)
    deadline = applicable_deadline(rules)
    chosen = _choose(items)
    chosen += _templates(slots, chosen, rules, deadline)
    objectives = _distinct([_objective(item, slots) for item in sorted(chosen, key=lambda i: _FLOW.index(i.kind))])
    used = {o.text for o in objectives}
    analysis = [s for item in case.management_thinking for s in [strip_item(item)]
                if s and s not in used and not is_management(s)]
    handling = [i.text for i in items if i.source.startswith(("处理步骤", "处理结果", "案情经过"))]
    improvements = [strip_item(x) for x in case.improvements]
    return Plan(objectives, dedupe([*management, *improvements])[:8], dedupe(analysis)[:6], dedupe(handling))


def _distinct(objectives: list[Objective]) -> list[Objective]:
    """One objective per kind and topic: two steps quoting the same phrase would make two identical criteria."""
    seen: set[tuple[str, str]] = set()
    out = []
    for o in objectives:
        if (o.kind, topic(o)) not in seen:
            seen.add((o.kind, topic(o)))
            out.append(o)
    return out


def _gather(case: Case) -> tuple[list[_Item], list[str]]:
    """Response items from the steps, the told handling, the thinking's advice and the outcome; 管理要点."""
    steps = [s for s in (strip_item(x) for x in case.handling_steps) if s]
    prescriptive = [s for item in case.management_thinking for s in sentences(item) if _PRESCRIPTIVE.search(s)]
    origin = getattr(case, "steps_origin", "")
    if origin == "thinking":
        # Steps the segmenter derived from the thinking's imperatives: advice, not a record of what was done.
        prescriptive, steps = dedupe([*(x for s in steps for x in sentences(s)), *prescriptive]), []
    items: list[_Item] = []
    management: list[str] = []
    for n, step in enumerate(steps, 1):
        if origin == "story":
            # Steps picked out of a story: only sentences that show staff acting count as handling.
            for sentence in sentences(step):
                _sort(sentence, f"处理步骤 {n}", items, [], keep_rest=False)
        else:
            _sort(step, f"处理步骤 {n}", items, management, default="remedy")
    for sentence in narrated_handling(case):
        _sort(sentence, "案情经过", items, [], keep_rest=False)
    for sentence in prescriptive:
        _sort(sentence, "管理思考", items, management, keep_rest=False)
    for sentence in sentences(case.outcome):
        _sort(sentence, "处理结果", items, [], keep_rest=False)
    return items, management


def _sort(
    text: str, source: str, items: list[_Item], management: list[str], keep_rest: bool = True,
    default: ObjectiveKind | None = None,
) -> None:
    """File `text` as response items (one per action it names) or, when it prescribes prevention, a 管理要点.

    A handling step that names no known kind of action is still what the precedent did for the
    customer, so it becomes a `default` item unless it tells what the customer did.
    """
    groups = _action_groups(text, whole=default is not None)
    for kind, action in groups:
        if kind is not None:
            items.append(_Item(kind, action, source))
        elif default and not _CUSTOMER_FIRST.match(action):
            items.append(_Item(default, action, source))
    if not any(kind for kind, _ in groups) and (is_management(text) or keep_rest) and not (default and groups):
        management.append(shorten(text, 90))


def narrated_handling(case: Case) -> list[str]:
    """Sentences of the facts that tell what staff did for the customer once the handling started."""
    found = []
    for sentence in handling_part(case.facts):
        if kind_of(sentence) and not _CUSTOMER_FIRST.match(sentence) and not is_management(sentence):
            found.append(sentence)
    return found[:_MAX_OBJECTIVES]


def _action_groups(text: str, whole: bool = False) -> list[tuple[ObjectiveKind | None, str]]:
    """The actions `text` describes, one group of clauses per kind, without label, modal or prevention.

    "后支行向客户解释说明了当天的情况，客户表示理解，并向客户推荐了电子办理渠道" is an explanation
    and a remedy; clauses telling what the customer did are nobody's handling. With `whole` (a
    handling step: all of it is what was done) clauses before the first named action are kept too.
    """
    text = _LABEL_HEAD.sub("", text) if len(text) > 12 else text
    groups: list[tuple[ObjectiveKind | None, list[str]]] = []
    for clause in clauses(text):
        if is_management(clause):
            if groups:
                break
            continue
        if _CONNECTIVE_ONLY.match(clause) or _CUSTOMER_FIRST.match(clause):
            continue  # what the customer did or felt is nobody's handling
        kind = kind_of(clause)
        if kind and groups and groups[-1][0] not in (None, kind):
            groups.append((kind, [clause]))
        elif groups and len(groups[-1][1]) < 3:
            groups[-1] = (groups[-1][0] or kind, [*groups[-1][1], clause])
        elif kind or (whole and not groups):
            groups.append((kind, [clause]))
    out = []
    for kind, parts in groups:
        action = shorten(_LEAD.sub("", _MODAL_HEAD.sub("", _LEAD.sub("", "，".join(parts)))), 48)
        action = trim_dangling(action) or action  # an objective may keep a garbled ending; it is not spoken
        if action:
            out.append((kind, action))
    return out


def _choose(items: list[_Item]) -> list[_Item]:
    """At most two items per kind and six in all, steps before thinking before outcome, no repeats."""
    chosen: list[_Item] = []
    seen: list[str] = []
    for item in items:
        key = re.sub(r"[\W_]+", "", item.text)
        # The same advice in two places (a step and the thinking) counts once.
        if any(key in k or k in key or key[:8] == k[:8] for k in seen):
            continue
        if sum(c.kind == item.kind for c in chosen) >= _MAX_PER_KIND:
            continue
        if len(chosen) < _MAX_OBJECTIVES - 1:
            chosen.append(item)
            seen.append(key)
    return chosen


def applicable_deadline(rules: Sequence[GuidanceItem]) -> tuple[str, GuidanceItem] | None:
    """The first deadline rule that promises the customer an answer, with its duration ("24小时")."""
    for rule in rules:
        if rule.category != "deadline":
            continue
        text = f"{rule.label}{rule.detail}"
        m = _DURATION.search(text)
        if m and _CUSTOMER_FACING.search(text):
            return re.sub(r"\s+", "", m.group(0)), rule
    return None


def _templates(
    slots: CaseSlots, chosen: list[_Item], rules: Sequence[GuidanceItem], deadline: tuple[str, GuidanceItem] | None
) -> list[_Item]:
    """Case-specific objectives for the essential kinds the precedent does not state."""
    have = {i.kind for i in chosen}
    issue = _third(slots.grievance)
    room = _MAX_OBJECTIVES - len(chosen)
    out: list[_Item] = []
    if "acknowledge" not in have:
        out.append(_Item("acknowledge", f"就“{issue}”向客户真诚致歉，承认给客户带来的麻烦，不先辩解", "案情"))
    if "verify" not in have:
        out.append(_Item("verify", f"核实“{issue}”的经过和原因，说明查什么、何时给结果", "案情"))
    if "remedy" not in have:
        within = f"，并承诺{deadline[0]}内落实" if deadline else "，说明由谁负责、何时完成"
        wanted = f"针对客户提出的“{_third(slots.demand)}”给出明确答复和具体方案" if slots.demand else f"提出解决“{issue}”的具体方案"
        out.append(_Item("remedy", wanted + within, "案情"))
    if deadline and "follow_up" not in have:
        rule = deadline[1]
        out.append(_Item("follow_up", f"按“{rule.label}”的规定在{deadline[0]}内答复客户，处理后回访确认",
                         f"规定：{rule.standard}", f"{deadline[0]}内我会给您答复处理结果，办好后再回访您。"))
    grade = next((r for r in rules if r.category == "grading"), None)
    if "escalate" not in have and (slots.group or grade):
        reason = f"属于“{grade.label}”时" if grade else "涉及多户的群体投诉"
        out.append(_Item("escalate", f"{reason}，按规定及时上报并请负责人出面、统一答复口径",
                         f"规定：{grade.standard}" if grade else "案情"))
    return out[: max(room, 3)]


def _third(text: str) -> str:
    """A case phrase for the trainer: no determiners such as 某/该 before the customer."""
    return re.sub(rf"(?:某|该|这位|一位|一名)(?=(?:{CUSTOMER_NOUNS}))", "", text).strip("，,。")


def _objective(item: _Item, slots: CaseSlots) -> Objective:
    return Objective(
        kind=item.kind,
        text=item.text,
        check=CHECKS[item.kind],
        example=item.example or example_line(item.kind, item.text, slots),
        source=item.source,
        from_case=item.source.startswith(("处理步骤", "管理思考", "处理结果", "案情经过")),
    )


def example_line(kind: ObjectiveKind, text: str, slots: CaseSlots) -> str:
    """What doing this objective well sounds like, said to the customer."""
    who = staff_voice(slots.handler)
    issue = rewrite(_third(slots.grievance), staff_voice(slots.handler))
    core = rewrite(_AGENT_HEAD.sub("", text), who).strip("，")
    core = re.sub(r"^(?:及时|主动|立即|马上|首先|再次|第一时间)", "", core)
    lines = {
        "acknowledge": f"非常抱歉，{issue}这件事给您添麻烦了，这是我们的责任。",
        "listen": "您别着急，慢慢说，您的心情我完全理解。",
        "verify": f"我马上核实{issue}的情况，查清楚后第一时间告诉您。",
        "explain": f"我跟您说明一下：{core}。",
        "remedy": f"我们会{core}，给您一个满意的处理。",
        "follow_up": f"{core}，我会按时给您回复。",
        "escalate": "这件事我马上报告负责人，请负责人亲自跟您沟通。",
        "internal": f"对这件事的当事人，我们会{core}，也欢迎您监督。",
    }
    return re.sub(r"([，。])\1+", r"\1", lines[kind]).replace("，。", "。")
