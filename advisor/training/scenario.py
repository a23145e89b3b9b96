"""Trainer role-play scenarios: turn one precedent case into a printable, scoreable exercise card."""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from advisor.models import Case, GuidanceItem, Guideline

from advisor.text.items import dedupe_texts

Difficulty = Literal["easy", "medium", "hard"]
Personality = Literal["理性型", "忧郁型", "情绪型", "暴跳如雷型"]
Motive = Literal["求尊重", "求发泄", "求补偿", "求解决"]
CriterionBasis = Literal["handling_step", "management_thinking", "general_principles", "persona", "deadline"]

PERSONALITIES: tuple[str, ...] = get_args(Personality)
MOTIVES: tuple[str, ...] = get_args(Motive)
DIFFICULTY_LABELS: dict[str, str] = {"easy": "简单", "medium": "中等", "hard": "困难"}

PERSONAS_PATH = Path(__file__).resolve().parents[2] / "knowledge" / "personas.json"

# How far each difficulty pushes the persona above its base intensity (1–5 scale).
_DIFFICULTY_OFFSET = {"easy": 0, "medium": 1, "hard": 2}
# Share of triggers the role-player may use; the order is fixed per seed, so easy ⊆ medium ⊆ hard.
_ACTIVE_SHARE = {"easy": 1 / 3, "medium": 2 / 3, "hard": 1.0}
_MAX_STEP_ITEMS = 6
_MAX_PRECEDENT_TRIGGERS = 5
_OPENING_MAX_CHARS = 200
_OPENING_MAX_SENTENCES = 4

# For cases without handling steps, when the principle passages give fewer than three kinds of action.
GENERIC_ACTIONS: tuple[str, ...] = (
    "耐心倾听客户陈述,不打断、不争辩",
    "对客户的遭遇表示理解并真诚致歉",
    "记录投诉要点并向客户复述确认",
    "核实事实后向客户说明原因",
    "提出具体处理方案并约定完成时限",
    "跟进处理结果并回访客户",
)


# ---------------------------------------------------------------- models


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScenarioOptions(_Model):
    """What the trainer chooses; None lets the seed (weighted by the case text) decide."""

    difficulty: Difficulty = "medium"
    personality: Personality | None = None
    motive: Motive | None = None
    seed: int = 0


class PersonaSource(_Model):
    """The corpus passage a persona type is taken from (quote kept in the file's own script)."""

    source_file: str
    quote: str


class Persona(_Model):
    """Who the role-player plays: personality × motive, behaviours and how hard to push."""

    personality: Personality
    motive: Motive
    description: str
    behaviours: list[str]
    intensity: int = Field(ge=1, le=5)
    intensity_note: str
    sources: list[PersonaSource] = Field(default_factory=list)


class Background(_Model):
    """What the trainer reads first: the precedent's facts and where they come from."""

    facts: str
    context: str = ""
    source: str
    files: list[str] = Field(default_factory=list)


class Trigger(_Model):
    """Something the trainee may do that makes the customer angrier."""

    text: str
    origin: Literal["precedent", "persona"]
    active: bool


class Objective(_Model):
    """One observable action the trainee is expected to take."""

    text: str
    check: str
    from_general_principles: bool
    source: str = ""


class RubricCriterion(_Model):
    """One weighted scoring line with 优/良/差 descriptors."""

    name: str
    weight: int = Field(ge=0, le=100)
    excellent: str
    good: str
    poor: str
    basis: CriterionBasis
    from_general_principles: bool = False


class Reference(_Model):
    """参考答案: what was actually done in the precedent."""

    handling_steps: list[str] = Field(default_factory=list)
    management_thinking: list[str] = Field(default_factory=list)
    improvements: list[str] = Field(default_factory=list)
    outcome: str = ""
    note: str = ""


class Scenario(_Model):
    """A role-play card built from one precedent; what the trainer page shows, edits and exports."""

    case_id: str
    case_title: str
    industry: str
    difficulty: Difficulty
    seed: int
    background: Background
    persona: Persona
    opening: str = Field(min_length=1)
    triggers: list[Trigger]
    objectives: list[Objective] = Field(min_length=1)
    rubric: list[RubricCriterion] = Field(min_length=1)
    deadlines: list[str] = Field(default_factory=list)
    grading: list[str] = Field(default_factory=list)
    reference: Reference

    @model_validator(mode="after")
    def _weights_sum_to_100(self) -> Scenario:
        total = sum(c.weight for c in self.rubric)
        if total != 100:
            raise ValueError(f"评分权重合计必须为 100,当前为 {total}")
        return self


class PersonalityProfile(_Model):
    """One personality type as stored in personas.json."""

    base_level: int = Field(ge=1, le=3)
    description: str
    behaviours: list[str]
    intensity: dict[Difficulty, str]
    lead_ins: dict[Difficulty, list[str]]
    triggers: list[str]
    source_file: str
    quote: str


class MotiveProfile(_Model):
    """One complaint motive as stored in personas.json."""

    tip: str
    description: str
    behaviours: list[str]
    demands: list[str]
    preamble: str = ""
    triggers: list[str]
    source_file: str
    quote: str


class PersonaLibrary(_Model):
    """The whole personas.json file."""

    about: str = ""
    personalities: dict[Personality, PersonalityProfile]
    motives: dict[Motive, MotiveProfile]


@lru_cache(maxsize=4)
def load_personas(path: Path = PERSONAS_PATH) -> PersonaLibrary:
    """Read and validate the persona typology shipped with the package.

    Args:
        path: The personas.json file; the packaged one by default.

    Returns:
        The validated library (cached per path).
    """
    return PersonaLibrary.model_validate(json.loads(path.read_text(encoding="utf-8")))


# ---------------------------------------------------------------- text helpers

_SENTENCE_END = re.compile(r"[。;;!!??\n]+")
_CLAUSE_SEP = re.compile(r"[,,]")
_ENUM_PREFIX = re.compile(
    r"^\s*(?:[((]?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[A-Za-z])\s*[))]|"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[A-Za-z])\s*[、..::]|[⑴-⒇①-⑳])\s*"
)
_TRAILING_PUNCT = re.compile(r"[\s,,、::;;。.]+$")
_SPACE_NEAR_CJK = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")


def _tidy(text: str) -> str:
    """Collapse whitespace that PDF/DOC extraction leaves between Chinese characters."""
    return re.sub(r"\s+", " ", _SPACE_NEAR_CJK.sub("", text)).strip()


def _strip_item(text: str) -> str:
    text = _tidy(text)
    # Numbering can repeat ("1、1 服务经理…") after extraction; peel at most twice.
    for _ in range(2):
        text = _ENUM_PREFIX.sub("", text, count=1)
    return _TRAILING_PUNCT.sub("", text).strip()


def _sentences(text: str) -> list[str]:
    return [s for s in (_strip_item(p) for p in _SENTENCE_END.split(text or "")) if s]


def _dedupe(items: Iterable[str]) -> list[str]:
    return dedupe_texts(items)


# ---------------------------------------------------------------- persona


_PERSONALITY_CUES: dict[str, str] = {
    "理性型": r"解释|说明|依据|协商|合同|规定|核实",
    "忧郁型": r"失望|无奈|委屈|担心|不信任|信任度|反复|多次",
    "情绪型": r"情绪|激动|不满|抱怨|争执|争吵",
    "暴跳如雷型": r"谩骂|拍桌|大吵|大闹|高声|报警|冲突|推搡|媒体|曝光|打人",
}
_MOTIVE_CUES: dict[str, str] = {
    "求尊重": r"态度|尊重|辩解|冷淡|生硬|怠慢|道歉|致歉|身份",
    "求发泄": r"情绪|郁闷|发泄|抱怨|不满|吵",
    "求补偿": r"赔偿|补偿|退还|退款|退费|费用|收费|减免|损失|罚款|优惠",
    "求解决": r"维修|故障|报修|解决|尽快|等待|办理|交付|办证",
}


def _cue_weights(text: str, cues: dict[str, str], names: Sequence[str]) -> list[float]:
    # Every type stays possible (weight ≥ 1); the case text only tilts the draw.
    return [1.0 + 2.0 * len(re.findall(cues[name], text)) for name in names]


def _build_persona(lib: PersonaLibrary, personality: str, motive: str, difficulty: str) -> Persona:
    p = lib.personalities[personality]
    m = lib.motives[motive]
    level = min(5, p.base_level + _DIFFICULTY_OFFSET[difficulty])
    return Persona(
        personality=personality,
        motive=motive,
        description=f"{personality}:{p.description}投诉心态为{motive}:{m.description}",
        behaviours=[*p.behaviours, *m.behaviours],
        intensity=level,
        intensity_note=p.intensity[difficulty],
        sources=[
            PersonaSource(source_file=p.source_file, quote=p.quote),
            PersonaSource(source_file=m.source_file, quote=m.quote),
        ],
    )


# ---------------------------------------------------------------- first-person opening

_CUSTOMER_NOUN = r"(?:客户|业主|顾客|用户|消费者|业户|住户|车主|储户|持卡人|投保人|购房者|租户|乘客)"
_CUSTOMER = re.compile(
    r"(?:(?:某|该|本|这个)?(?:项目|小区|楼盘|园区)的?)?"
    r"(?:某位|某|该|这位|那位|一位|一名|一个|一|此|个别|部分|众多)?"
    r"(?:老|新|VIP|购房)?" + _CUSTOMER_NOUN + r"(?P<name>[\u4e00-\u9fff](?:先生|女士|小姐|阿姨))?"
    r"(?P<plural>们)?"
    r"(?!服务|中心|经理|意识|关系|满意|委员会|大会|代表|群|资料|信息|档案|体验|端|部)"
)
_POSSESSED = re.compile(
    r"^(?:车辆|爱车|轿车|房屋|房子|孩子|母亲|老母亲|父亲|账户|手机|儿子|女儿|妻子|丈夫|老人)"
)
# Verbs whose object "其" is, in a complaint narrative, the customer.
_OBJECT_QI = re.compile(
    r"(请|让|要求|告知|为|令|对|给|向|使|帮|劝|替|通知|提醒)其(?!他|它|中|实|余|次|后|间)"
)
_NARRATOR_PLURAL = (
    ("我们", "你们"),
    ("我行", "你们银行"),
    ("我公司", "你们公司"),
    ("我司", "你们公司"),
    ("我方", "你们"),
)
_NARRATOR_SINGLE = re.compile(r"我(?!们|行|司|公司|方)")
# A sentence split off a longer one ("…;并要求…") starts with a connective that no longer connects.
_CONNECTIVE_LEAD = re.compile(r"^(?:并且|并|且)(?=[\u4e00-\u9fff])")


def _to_first_person(sentence: str, names: list[str]) -> str:
    """Rewrite one third-person facts sentence as the customer speaking to staff.

    `names` collects customer names met so far ("客户赵女士" → "赵女士"), so a later bare
    "赵女士" in another sentence also becomes "我"; the caller owns the list.
    """
    # A storyteller's "we" (the staff) becomes "you" once the customer is the speaker.
    for old, new in _NARRATOR_PLURAL:
        sentence = sentence.replace(old, new)

    def repl(match: re.Match[str]) -> str:
        if match.group("name"):
            names.append(match.group("name"))
        if match.group("plural"):
            return "我们"
        return "我的" if _POSSESSED.match(sentence[match.end() :]) else "我"

    sentence = _CUSTOMER.sub(repl, sentence)
    for name in names:
        sentence = sentence.replace(name, "我")
    sentence = _OBJECT_QI.sub(r"\1我", sentence)
    # "自称" only reads naturally in the third person.
    return sentence.replace("我我", "我").replace("我自称", "我")


def _opening_sentences(facts: str) -> list[str]:
    """Facts sentences for the customer to tell, in order, within a spoken-length budget.

    Reading stops where a staff narrator ("我") takes over the story. Sentences about the
    customer are kept first because the grievance is often the last sentence of the facts;
    purely technical ones fill whatever budget is left.
    """
    told: list[str] = []
    names: list[str] = []
    for sentence in _sentences(facts):
        if _NARRATOR_SINGLE.search(sentence):
            if told:
                break
            continue
        told.append(_CONNECTIVE_LEAD.sub("还", _to_first_person(sentence, names)))
    if not told:
        return []
    keep = {0} | {i for i, s in enumerate(told) if "我" in s}
    keep = set(sorted(keep)[:_OPENING_MAX_SENTENCES])
    budget = _OPENING_MAX_CHARS - sum(len(told[i]) for i in keep)
    for i, sentence in enumerate(told):
        if i not in keep and len(sentence) <= budget and len(keep) < _OPENING_MAX_SENTENCES + 2:
            keep.add(i)
            budget -= len(sentence)
    return [told[i] for i in sorted(keep)]


def _build_opening(
    lib: PersonaLibrary, case: Case, personality: str, motive: str, difficulty: str, picks: tuple[int, int]
) -> str:
    p = lib.personalities[personality]
    m = lib.motives[motive]
    lead_options = p.lead_ins[difficulty]
    lead = lead_options[picks[0] % len(lead_options)]
    demand = m.demands[picks[1] % len(m.demands)]
    body = _opening_sentences(case.facts or case.context or case.text)
    story = "".join(f"{s}。" for s in body) or f"就是{_tidy(case.title)}这件事。"
    # Shouting customers skip the flattery that 求补偿 customers normally open with.
    preamble = m.preamble if personality != "暴跳如雷型" else ""
    opening = f"{lead}{preamble}{story}{demand}"
    return opening if "我" in opening else f"我想反映一件事:{opening}"


# ---------------------------------------------------------------- triggers

_FAULT_THINKING = re.compile(
    r"未|没有|没能|不到位|拖延|推诿|推脱|态度|不及时|不彻底|不规范|非规范|错误|报错|一味|辩解|"
    r"不合理|反复|敷衍|生硬|隐瞒|欺瞒|不一致|误收|过长|未兑现|冷淡|不耐烦|不熟悉|疏忽"
)
# Facts also narrate what the customer did ("拒绝支付"), so only unambiguous staff faults count there.
_FAULT_FACTS = re.compile(r"没有|未能|未按|不到位|拖延|推诿|不及时|一味|辩解|敷衍|生硬|隐瞒|态度")
# Clauses that advise ("避免…未到位") or report the customer's own claim ("客户认为…没有…") name no staff fault.
_PRESCRIPTIVE = re.compile(r"避免|防止|杜绝|切勿|不得|禁止|确保")
_CLAIM = re.compile(r"认为|声称|称|表示|觉得|反映|怀疑")
_CAUSE_LEAD = re.compile(r"^(?:但是|但|而且|而是|而|并且|并|由于|因为|因|主要是|是)+")


def _fault_clause(
    sentence: str, pattern: re.Pattern[str], exclude: re.Pattern[str] = _PRESCRIPTIVE
) -> str | None:
    """The clause of `sentence` that names what went wrong, or None if it names nothing."""
    # Drop a short label such as "维修质量保证问题:".
    parts = re.split(r"[::]", sentence, maxsplit=1)
    if len(parts) == 2 and len(parts[0]) <= 12 and parts[1]:
        sentence = parts[1]
    clauses = [c.strip() for c in re.split(r"[,,]", sentence) if c.strip()]
    for i, clause in enumerate(clauses):
        match = pattern.search(clause)
        if not match or exclude.search(clause) or clause[max(0, match.start() - 1) : match.start()] == "不":
            continue
        text = _CAUSE_LEAD.sub("", clause)
        if len(text) < 8 and i + 1 < len(clauses):
            text = f"{text},{clauses[i + 1]}"
        return text[:60]
    return None


def _precedent_triggers(case: Case) -> list[str]:
    found = [
        c
        for item in case.management_thinking
        for s in _sentences(item)
        if (c := _fault_clause(s, _FAULT_THINKING))
    ]
    if len(found) < 2:
        claim_or_advice = re.compile(f"{_PRESCRIPTIVE.pattern}|{_CLAIM.pattern}")
        found += [c for s in _sentences(case.facts) if (c := _fault_clause(s, _FAULT_FACTS, claim_or_advice))]
    return [f"学员回避或辩解先例中的过失:{c}" for c in _dedupe(found)[:_MAX_PRECEDENT_TRIGGERS]]


def _build_triggers(
    lib: PersonaLibrary, case: Case, personality: str, motive: str, difficulty: str, rng: random.Random
) -> list[Trigger]:
    precedent = _precedent_triggers(case)
    persona = _dedupe([*lib.personalities[personality].triggers, *lib.motives[motive].triggers])
    items = [(t, "precedent") for t in precedent] + [(t, "persona") for t in persona if t not in precedent]
    # Interleave shuffled groups so an easy card still gets one precedent trigger first.
    order_p = list(range(len(precedent)))
    order_q = list(range(len(precedent), len(items)))
    rng.shuffle(order_p)
    rng.shuffle(order_q)
    priority = _interleave(order_p, order_q)
    n_active = (
        len(items) if difficulty == "hard" else max(1, math.ceil(len(items) * _ACTIVE_SHARE[difficulty]))
    )
    active = set(priority[:n_active])
    return [Trigger(text=t, origin=o, active=i in active) for i, (t, o) in enumerate(items)]


def _interleave(a: Sequence[int], b: Sequence[int]) -> list[int]:
    out: list[int] = []
    for i in range(max(len(a), len(b))):
        out.extend(x[i] for x in (a, b) if i < len(x))
    return out


# ---------------------------------------------------------------- objectives and rubric

# (pattern, check, good descriptor, poor descriptor): first match wins, so the more specific kinds come first.
_ACTION_KINDS: tuple[tuple[str, str, str, str], ...] = (
    (
        r"致歉|道歉|歉意",
        "学员明确说出致歉语句,并说明为什么致歉",
        "有致歉但笼统,未说明原因",
        "未致歉,或先辩解后才致歉",
    ),
    (
        r"减免|退还|补偿|赔偿|优惠|承担|赠送|免费|费用|退款",
        "学员提出具体的费用处理方案(金额或范围)并说明依据",
        "提到费用处理,但方案含糊或需请示后才答复",
        "拒绝任何费用处理,或随意承诺超出权限的补偿",
    ),
    (
        r"内部|教育|处罚|通告|培训|改进",
        "学员告知客户内部将如何处理当事人,并表示接受监督",
        "提到内部处理,但没有具体内容",
        "未提及内部处理,或袒护当事人",
    ),
    (
        r"倾听|听取|记录|复述|登记",
        "学员不打断客户,记录要点并复述确认",
        "基本做到倾听,但有打断或未复述确认",
        "打断、争辩或不做记录",
    ),
    (
        r"回访|跟进|跟踪|回复|答复|反馈|时限|时间",
        "学员约定明确的回复时间,并说明如何跟进",
        "答应跟进,但没有具体时间",
        "没有任何跟进安排",
    ),
    (
        r"补救|维修|上门|安排|解决|检查|救援|更换|处理|方案|措施",
        "学员给出具体的解决措施、负责人和完成时间",
        "给出措施,但缺少时间或负责人",
        "没有解决措施,或让客户自己想办法",
    ),
    (
        r"解释|说明|告知|核实|调查|技术|查明",
        "学员核实事实后,用客户听得懂的话解释原因",
        "解释了原因,但过于专业或不完整",
        "没有解释,或把解释变成推卸责任",
    ),
    (
        r"沟通|理解|同情|安抚|安慰",
        "学员主动沟通,表达对客户处境的理解",
        "有沟通,但语气生硬或流于形式",
        "回避沟通,或对客户的感受不以为然",
    ),
)
_DEFAULT_KIND = ("学员在对话中明确提出并落实这一措施", "提到这一措施,但不具体", "没有做到这一措施")
_ACTION_VERBS = re.compile(
    r"倾听|听取|记录|致歉|道歉|解释|核实|回复|答复|跟进|安抚|说明|确认|反馈|复述|回访|告知|"
    r"上报|通知|处理|解决|补偿|赔偿|理解|同情|沟通|调查|登记|承诺|约定|安慰"
)


def _kind(text: str) -> tuple[str, str, str]:
    for pattern, check, good, poor in _ACTION_KINDS:
        if re.search(pattern, text):
            return check, good, poor
    return _DEFAULT_KIND


def _principle_actions(principles: Sequence[Guideline]) -> list[str]:
    """Short actionable sentences from principle passages (one clause group each, ≤ 40 chars)."""
    actions: list[str] = []
    for guideline in principles:
        for sentence in _sentences(guideline.text or guideline.original_text):
            clauses = [_strip_item(c) for c in _CLAUSE_SEP.split(sentence) if c.strip()]
            start = next((i for i, c in enumerate(clauses) if _ACTION_VERBS.search(c)), None)
            if start is None:
                continue
            text = clauses[start]
            for extra in clauses[start + 1 :]:
                if len(text) + len(extra) + 1 > 40:
                    break
                text = f"{text},{extra}"
            text = re.sub(r"^(?:即|要|应|应该|一定要|务必|同时|并|还要)", "", text)
            if 6 <= len(text) <= 40 and not text.endswith("原则"):
                actions.append(text)
    return _dedupe(actions)


def _objectives(case: Case, principles: Sequence[Guideline]) -> list[Objective]:
    steps = [s for s in (_strip_item(x) for x in case.handling_steps) if s]
    if steps:
        return [
            Objective(text=s, check=_kind(s)[0], from_general_principles=False, source=f"处理步骤 {i}")
            for i, s in enumerate(steps[:_MAX_STEP_ITEMS], 1)
        ]
    candidates = [(a, g.title) for g in principles for a in _principle_actions([g])]
    candidates += [(a, "通用投诉处理要点") for a in GENERIC_ACTIONS]
    # Principle passages dwell on one theme (often listening); take one action per kind first so
    # the card covers apology, remedy, follow-up…, and use the generic list only to fill gaps.
    picked: list[tuple[str, str]] = []
    kinds: set[str] = set()
    from_passages = len(candidates) - len(GENERIC_ACTIONS)
    for i, (action, src) in enumerate(candidates):
        kind = _kind(action)[0]
        if kind not in kinds and (i < from_passages or len(picked) < 3):
            picked.append((action, src))
            kinds.add(kind)
        if len(picked) >= _MAX_STEP_ITEMS:
            break
    return [
        Objective(text=a, check=_kind(a)[0], from_general_principles=True, source=src) for a, src in picked
    ]


def _largest_remainder(units: Sequence[int], total: int = 100) -> list[int]:
    """Integer weights proportional to `units` that add up to exactly `total`."""
    raw = [u * total / sum(units) for u in units]
    weights = [math.floor(r) for r in raw]
    by_fraction = sorted(range(len(raw)), key=lambda i: (-(raw[i] - weights[i]), i))
    for i in by_fraction[: total - sum(weights)]:
        weights[i] += 1
    return weights


def _rubric(
    case: Case,
    objectives: Sequence[Objective],
    persona: Persona,
    motive_tip: str,
    triggers: Sequence[Trigger],
    deadlines: Sequence[str],
) -> list[RubricCriterion]:
    rows: list[tuple[int, dict[str, Any]]] = []
    for obj in objectives:
        check, good, poor = _kind(obj.text)
        basis = "general_principles" if obj.from_general_principles else "handling_step"
        rows.append(
            (
                3,
                dict(
                    name=obj.text,
                    excellent=f"{check}",
                    good=good,
                    poor=poor,
                    basis=basis,
                    from_general_principles=obj.from_general_principles,
                ),
            )
        )
    precedent = [t.text.split(":", 1)[-1] for t in triggers if t.origin == "precedent"]
    if case.management_thinking:
        example = precedent[0] if precedent else _strip_item(case.management_thinking[0])[:40]
        rows.append(
            (
                2,
                dict(
                    name="避免重演先例中的失误",
                    excellent=f"识别并避免了先例中的问题(如:{example}),并向客户说明改进措施",
                    good="避免了主要失误,但没有说明改进措施",
                    poor="重演先例中的失误(推诿、拖延、辩解等)",
                    basis="management_thinking",
                ),
            )
        )
    rows.append(
        (
            2,
            dict(
                name=f"情绪应对({persona.personality}·{persona.motive})",
                excellent=f"针对客户心态有效安抚:{motive_tip}",
                good="客户情绪有所缓和,但应对方式与其心态不完全匹配",
                poor="激化客户情绪,触发升级",
                basis="persona",
            ),
        )
    )
    if deadlines:
        rows.append(
            (
                1,
                dict(
                    name="处理时限",
                    excellent=f"主动告知并承诺符合规定的时限({deadlines[0].split(':', 1)[0]})",
                    good="提到时限,但不明确或与规定不符",
                    poor="没有任何时限承诺",
                    basis="deadline",
                ),
            )
        )
    weights = _largest_remainder([u for u, _ in rows])
    return [RubricCriterion(weight=w, **fields) for w, (_, fields) in zip(weights, rows, strict=True)]


# ---------------------------------------------------------------- background, guidance, reference


def _source_text(case: Case) -> tuple[str, list[str]]:
    files = _dedupe(s.file for s in case.sources)
    if not case.sources:
        return "来源:未记录", []
    spans = ";".join(f"{s.file}(字符 {s.start}–{s.end})" for s in case.sources)
    return f"来源:{spans}", files


def _guidance_lines(guidance: Sequence[GuidanceItem], category: str) -> list[str]:
    return _dedupe(
        f"{g.label}:{_tidy(g.detail)}(依据:{g.standard};出处:{g.citation.file})"
        for g in guidance
        if g.category == category
    )


def _reference(case: Case, objectives: Sequence[Objective]) -> Reference:
    steps = [s for s in (_strip_item(x) for x in case.handling_steps) if s]
    note = ""
    if not steps:
        note = "先例未列出处理步骤;参考做法取自通用处理原则:" + ";".join(o.text for o in objectives)
    elif case.steps_derived:
        note = "处理步骤由案例叙述整理得出,非原文编号条目。"
    return Reference(
        handling_steps=steps,
        management_thinking=[s for s in (_strip_item(x) for x in case.management_thinking) if s],
        improvements=[s for s in (_strip_item(x) for x in case.improvements) if s],
        outcome=_tidy(case.outcome),
        note=note,
    )


# ---------------------------------------------------------------- public API


def build_scenario(
    case: Case,
    options: ScenarioOptions,
    guidance: Sequence[GuidanceItem] = (),
    principles: Sequence[Guideline] = (),
) -> Scenario:
    """Build a role-play card from one precedent.

    Pure and deterministic: the same case, options and arguments give the same card.
    Every random draw comes from one `random.Random(seed)` in a fixed order, and the draws
    do not depend on the difficulty, so changing only the difficulty keeps persona and
    opening text choices stable while intensity and active triggers change.

    Args:
        case: The precedent.
        options: Difficulty, optional fixed personality/motive and the seed.
        guidance: Grading and deadline rules that apply (e.g. `SearchResult.guidance`).
        principles: Principle guidelines used for objectives when the case lists no handling steps.

    Returns:
        The validated scenario.
    """
    lib = load_personas()
    rng = random.Random(options.seed)
    case_text = " ".join(
        [case.title, case.facts, case.context, *case.management_thinking, *case.handling_steps]
    )
    drawn_p = rng.choices(PERSONALITIES, weights=_cue_weights(case_text, _PERSONALITY_CUES, PERSONALITIES))[0]
    drawn_m = rng.choices(MOTIVES, weights=_cue_weights(case_text, _MOTIVE_CUES, MOTIVES))[0]
    picks = (rng.randrange(1_000), rng.randrange(1_000))
    personality = options.personality or drawn_p
    motive = options.motive or drawn_m

    persona = _build_persona(lib, personality, motive, options.difficulty)
    opening = _build_opening(lib, case, personality, motive, options.difficulty, picks)
    triggers = _build_triggers(lib, case, personality, motive, options.difficulty, rng)
    objectives = _objectives(case, principles)
    deadlines = _guidance_lines(guidance, "deadline")
    grading = _guidance_lines(guidance, "grading")
    rubric = _rubric(case, objectives, persona, lib.motives[motive].tip, triggers, deadlines)
    source, files = _source_text(case)
    return Scenario(
        case_id=case.id,
        case_title=_tidy(case.title),
        industry=case.industry,
        difficulty=options.difficulty,
        seed=options.seed,
        background=Background(
            facts=_tidy(case.facts or case.text), context=_tidy(case.context), source=source, files=files
        ),
        persona=persona,
        opening=opening,
        triggers=triggers,
        objectives=objectives,
        rubric=rubric,
        deadlines=deadlines,
        grading=grading,
        reference=_reference(case, objectives),
    )


def _deep_merge(base: dict[str, Any], edits: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in edits.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def apply_edits(scenario: Scenario, edits: dict[str, Any]) -> Scenario:
    """Apply a trainer's edits and re-validate the whole card.

    Nested objects merge key by key (``{"persona": {"intensity": 4}}``); lists are replaced whole.

    Args:
        scenario: The card being edited (left unchanged).
        edits: Field values to change, shaped like `Scenario.model_dump()`.

    Returns:
        A new, validated scenario.

    Raises:
        pydantic.ValidationError: An edited value is invalid (unknown field, wrong type, a
            personality outside the four types, rubric weights not adding up to 100, …).
    """
    return Scenario.model_validate(_deep_merge(scenario.model_dump(), edits))
