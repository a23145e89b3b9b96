"""Escalation triggers: what sets the customer off (from the precedent's faults, the case and the persona)."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence

from advisor.models import Case
from advisor.training.models import Difficulty, Trigger
from advisor.training.person import customer_voice, rewrite
from advisor.training.personas import PersonaLibrary
from advisor.training.slots import CaseSlots
from advisor.training.text import balanced, finish, is_complete, sentences

# Phrases that brush the customer off, whatever the company or industry.
BRUSH_OFFS: tuple[str, ...] = (
    "不归我管", "不归我们管", "你自己去找", "您自己去找", "你去找别人", "没办法", "这是规定", "规定就是这样",
    "不关我的事", "不关我们的事", "跟我没关系", "你爱找谁找谁", "我们不负责", "这不是我们的问题", "你去投诉吧",
    "随便你", "我也不知道",
)
# A precedent's fault, the trainee behaviour that repeats it, the customer's reaction and their line.
_FAULTS: tuple[tuple[re.Pattern[str], str, str, str], ...] = (
    (re.compile(r"收取.{0,6}费用|收费|误收|多收|要求.{0,6}支付"),
     "不先核实己方问题就要客户承担费用", "客户会认定对方推卸责任，拒绝付费并投诉到上级",
     "凭什么让我出这个钱？是不是你们自己的问题？"),
    (re.compile(r"辩解|争辩|态度|生硬|冷淡|不耐烦|敷衍"),
     "一味辩解或语气生硬", "客户会觉得不被尊重，情绪立刻升级",
     "你别跟我解释那么多，就说是不是你们的错？"),
    (re.compile(r"拖延|不及时|过长|响应.{0,4}慢|未兑现|没有兑现|一拖再拖"),
     "含糊其辞、给不出处理时间", "客户会认为对方又在拖，要求当场给出时间",
     "这事到底还要拖多久？你今天给我一个准确的时间。"),
    (re.compile(r"推诿|推脱|踢皮球|没有主动|未主动|不愿|请其自行|让其自己|自行想办法"),
     "把客户推给别的部门或让客户自己想办法", "客户会认为被踢皮球，要求对方负责到底",
     "我不管是谁的问题，你们就说怎么解决？"),
    (re.compile(r"未.{0,4}告知|隐瞒|欺瞒|未公示|不一致|虚假|(?<!延)误导"),
     "回避当初告知或承诺不到位的事实", "客户会认定对方有意隐瞒，扬言维权到底",
     "当初你们为什么不跟我说清楚？"),
    (re.compile(r"不彻底|不规范|非规范|错误|报错|不到位|疏忽|不熟悉|没有.{0,6}核实|未.{0,4}核实"),
     "否认己方的操作失误或把问题归咎于客户", "客户会拿出证据当场对质，要求赔偿",
     "明明是你们出的错，还想赖到我头上？"),
)
_PRESCRIPTIVE = re.compile(r"应|须|需|务必|必须|避免|防止|杜绝|建议|确保|一定要")
_CLAIM = re.compile(r"认为|声称|称|表示|觉得|怀疑")
# In the facts, a "fault" inside the complaint itself is only alleged.
_ALLEGED = re.compile(r"投诉|反映")
_NARRATOR = re.compile(r"我(?!们小区)")
# Share of triggers the role-player may use; the order is fixed per seed, so easy ⊆ medium ⊆ hard.
_ACTIVE_SHARE = {"easy": 1 / 3, "medium": 2 / 3, "hard": 1.0}
_MAX_QUOTE = 60
_MAX_PRECEDENT = 3


def build_triggers(
    case: Case, slots: CaseSlots, lib: PersonaLibrary, personality: str, motive: str,
    difficulty: Difficulty, rng: random.Random,
) -> list[Trigger]:
    """Triggers from the precedent's faults, the case's demand and the persona, each a complete sentence.

    Args:
        case: The precedent (its thinking names what went wrong).
        slots: The customer's demand and whether the complaint is collective.
        lib: Persona typology (triggers of the personality and the motive).
        personality: The persona's personality.
        motive: The persona's motive.
        difficulty: How many triggers are active (a third, two thirds, all).
        rng: The card's seeded random source.

    Returns:
        Triggers in display order; `active` marks those the role-player may use.
    """
    found = [*_case_triggers(slots), *_precedent_triggers(case)]
    p, m = lib.personalities[personality], lib.motives[motive]
    persona = [
        Trigger(text=finish(f"{t.behaviour}时，{t.reaction}"), customer_line=t.line, origin="persona", active=False)
        for t in [*p.triggers, *m.triggers]
    ]
    triggers = _dedupe([*found, *persona])
    return _activate(triggers, difficulty, rng)


def avoid_phrases(lib: PersonaLibrary, personality: str, motive: str) -> list[str]:
    """Phrases the trainee must not say: generic brush-offs plus those the persona reacts to."""
    own = [*lib.personalities[personality].avoid, *lib.motives[motive].avoid]
    return list(dict.fromkeys([*BRUSH_OFFS, *own]))


def _case_triggers(slots: CaseSlots) -> list[Trigger]:
    out: list[Trigger] = []
    if slots.demand:
        demand = rewrite(slots.demand, customer_voice(slots.handler, slots.narrator_is_customer))
        out.append(Trigger(text=finish(f"学员对客户提出的“{slots.demand}”不置可否时，客户会认为对方在敷衍，反复追问"),
                           customer_line=finish(f"我刚才说了，我要求{demand}，你们到底能不能做到", "？"),
                           origin="case", active=False))
    if slots.group:
        out.append(Trigger(text="学员把多户共同的问题当作个别情况敷衍时，客户会联合其他人一起升级投诉。",
                           customer_line="这不是我一家的问题，你们打算怎么给大家一个交代？",
                           origin="case", active=False))
    return out


def _precedent_triggers(case: Case) -> list[Trigger]:
    """What went wrong in the precedent, quoted as a whole sentence, and how repeating it plays out."""
    out: list[Trigger] = []
    used: set[str] = set()
    thinking = [("先例中的失误", s) for item in case.management_thinking for s in sentences(item)]
    for label, sentence in thinking + [("案情中的问题", s) for s in sentences(case.facts)]:
        if _PRESCRIPTIVE.search(sentence) or _CLAIM.search(sentence) or _NARRATOR.search(sentence):
            continue
        if label == "案情中的问题" and _ALLEGED.search(sentence):
            continue
        for pattern, behaviour, reaction, line in _FAULTS:
            if behaviour in used or not pattern.search(sentence):
                continue
            quote = finish(sentence)
            lead = f"{label}：{quote}" if len(quote) <= _MAX_QUOTE and balanced(quote) and is_complete(quote) else ""
            out.append(Trigger(text=f"{lead}学员若{behaviour}，{reaction}。", customer_line=line,
                               origin="precedent", active=False))
            used.add(behaviour)
            break
        if len(out) >= _MAX_PRECEDENT:
            break
    return out


def _dedupe(triggers: Sequence[Trigger]) -> list[Trigger]:
    seen: set[str] = set()
    out = []
    for t in triggers:
        if t.text not in seen and t.customer_line not in seen:
            out.append(t)
            seen.update({t.text, t.customer_line})
    return out


def _activate(triggers: list[Trigger], difficulty: Difficulty, rng: random.Random) -> list[Trigger]:
    """Mark the first share of a seeded order active; case and precedent triggers are interleaved first."""
    own = [i for i, t in enumerate(triggers) if t.origin != "persona"]
    persona = [i for i, t in enumerate(triggers) if t.origin == "persona"]
    rng.shuffle(own)
    rng.shuffle(persona)
    order = [x for pair in zip(own, persona, strict=False) for x in pair]
    order += own[len(persona):] + persona[len(own):]
    n = len(triggers) if difficulty == "hard" else max(1, math.ceil(len(triggers) * _ACTIVE_SHARE[difficulty]))
    active = set(order[:n])
    return [t.model_copy(update={"active": i in active}) for i, t in enumerate(triggers)]
