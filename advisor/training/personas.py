"""Persona typology (personality × complaint motive): load it, pick a persona for a case, describe it."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.text.normalize import to_simplified
from advisor.training.models import Difficulty, Persona, PersonaSource

# How far each difficulty pushes the persona above its base intensity (1–5 scale).
_DIFFICULTY_OFFSET = {"easy": 0, "medium": 1, "hard": 2}


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonaTrigger(_Spec):
    """A trainee behaviour that escalates this type, the customer's reaction and what they then say."""

    behaviour: str
    reaction: str
    line: str


class PersonalityProfile(_Spec):
    """One personality type: how the customer talks and what sets them off."""

    base_level: int = Field(ge=1, le=3)
    description: str
    behaviours: list[str]
    intensity: dict[Difficulty, str]
    lead_ins: dict[Difficulty, list[str]]
    cues: list[str] = Field(default_factory=list)
    triggers: list[PersonaTrigger] = Field(default_factory=list)
    avoid: list[str] = Field(default_factory=list)
    source_file: str = ""
    quote: str = ""


class MotiveProfile(_Spec):
    """One complaint motive: what the customer wants and what a good answer sounds like."""

    tip: str
    description: str
    behaviours: list[str]
    demands: list[str]
    preamble: str = ""
    cues: list[str] = Field(default_factory=list)
    triggers: list[PersonaTrigger] = Field(default_factory=list)
    avoid: list[str] = Field(default_factory=list)
    good_lines: list[str] = Field(default_factory=list)
    source_file: str = ""
    quote: str = ""


class PersonaLibrary(_Spec):
    """A persona typology: the company's own (knowledge/personas.json) or the built-in generic one."""

    about: str = ""
    personalities: dict[str, PersonalityProfile] = Field(min_length=1)
    motives: dict[str, MotiveProfile] = Field(min_length=1)


def _t(behaviour: str, reaction: str, line: str) -> dict[str, str]:
    return {"behaviour": behaviour, "reaction": reaction, "line": line}


# A small generic typology so cards work with an empty knowledge folder; no source, no quotes.
_BUILTIN: dict[str, Any] = {
    "about": "内置通用客户类型（未配置 personas.json 时使用）。",
    "personalities": {
        "理性型": {
            "base_level": 1, "description": "讲道理，按经过陈述，要原因和依据。",
            "behaviours": ["语气平和，按时间顺序讲清经过", "追问原因和依据"],
            "intensity": {"easy": "心平气和，解释清楚即可接受。", "medium": "客气但坚持要一个说法。",
                          "hard": "逐条列出对方过失，要求书面答复。"},
            "lead_ins": {"easy": ["您好，我想反映一个问题。"], "medium": ["这件事你们得给我一个解释。"],
                         "hard": ["我一向讲道理，可这件事你们实在说不过去。"]},
            "cues": ["解释", "依据", "合同", "规定"],
            "triggers": [_t("学员含糊其辞，不给原因和依据", "客户会逐条追问", "你直接告诉我原因和依据是什么。")],
        },
        "情绪型": {
            "base_level": 2, "description": "情绪起伏大，被安抚后好沟通，被激怒后迅速升级。",
            "behaviours": ["说话激动", "对语气很敏感"],
            "intensity": {"easy": "有些激动，致歉后很快平静。", "medium": "情绪反复，需要持续安抚。",
                          "hard": "音量很高、打断对方，只有真诚致歉并拿出办法才平息。"},
            "lead_ins": {"easy": ["说实话，这件事让我挺不舒服的。"], "medium": ["我一想起这件事就来气！"],
                         "hard": ["你们到底怎么回事？我今天真是气坏了！"]},
            "cues": ["情绪", "激动", "不满", "吵"],
            "triggers": [_t("学员急于为自己辩解", "客户会当场要求换人接待", "你别跟我解释，就说是不是你们的错？")],
        },
    },
    "motives": {
        "求解决": {
            "tip": "尽快给出具体方案、负责人和完成时限", "description": "最关心问题什么时候、怎样解决。",
            "behaviours": ["反复追问办法和时间"], "demands": ["请你们告诉我怎么办、什么时候能办好。"],
            "cues": ["维修", "故障", "解决", "尽快"],
            "triggers": [_t("学员给不出处理时限", "客户会认为对方在拖延", "到底什么时候能给我解决？")],
            "avoid": ["你自己去找"], "good_lines": ["这件事我负责跟进，今天下班前给您明确方案。"],
        },
        "求补偿": {
            "tip": "核实事实后依据规定提出合理、具体的补偿方案", "description": "希望得到经济补偿。",
            "behaviours": ["反复强调损失"], "demands": ["这件事给我造成的损失，你们得给我一个说法。"],
            "cues": ["赔偿", "补偿", "退款", "费用", "损失"],
            "triggers": [_t("学员一口拒绝任何补偿", "客户会扬言投诉到上级", "一分钱都不赔？那我只能找上级部门了。")],
            "avoid": ["不可能赔"], "good_lines": ["您的损失我们核实后，按规定给您合理的补偿方案。"],
        },
    },
}


def load_personas(path: Path | None) -> PersonaLibrary:
    """Read the persona typology, in simplified script.

    Args:
        path: The company's personas.json; None (or a missing file) gives the built-in generic one.

    Returns:
        The validated library; every text (quotes included) converted to simplified Chinese.

    Raises:
        pydantic.ValidationError: The file does not follow the schema.
    """
    raw = json.loads(path.read_text(encoding="utf-8")) if path is not None and path.is_file() else _BUILTIN
    return PersonaLibrary.model_validate(_simplified(raw))


def _simplified(value: Any) -> Any:
    if isinstance(value, str):
        return to_simplified(value)
    if isinstance(value, list):
        return [_simplified(v) for v in value]
    if isinstance(value, dict):
        return {(to_simplified(k) if isinstance(k, str) else k): _simplified(v) for k, v in value.items()}
    return value


def pick_persona(lib: PersonaLibrary, case_text: str, rng: random.Random) -> tuple[str, str]:
    """Draw a personality and a motive, tilted towards the types the case text hints at.

    Both draws always happen, in this order, so a fixed choice by the trainer does not shift
    the rest of the card's random choices.
    """
    names_p, names_m = list(lib.personalities), list(lib.motives)
    weights_p = [_weight(case_text, lib.personalities[n].cues) for n in names_p]
    weights_m = [_weight(case_text, lib.motives[n].cues) for n in names_m]
    return rng.choices(names_p, weights=weights_p)[0], rng.choices(names_m, weights=weights_m)[0]


def _weight(text: str, cues: list[str]) -> float:
    # Every type stays possible (weight ≥ 1); the case text only tilts the draw.
    return 1.0 + 2.0 * sum(text.count(c) for c in cues)


def make_persona(lib: PersonaLibrary, personality: str, motive: str, difficulty: Difficulty) -> Persona:
    """The role-player's brief for one personality × motive at one difficulty.

    Raises:
        KeyError: `personality` or `motive` is not in the library.
    """
    p, m = lib.personalities[personality], lib.motives[motive]
    sources = [PersonaSource(source_file=x.source_file, quote=x.quote) for x in (p, m) if x.source_file and x.quote]
    return Persona(
        personality=personality,
        motive=motive,
        description=f"{personality}：{p.description}投诉心态为{motive}：{m.description}",
        behaviours=[*p.behaviours, *m.behaviours],
        intensity=min(5, p.base_level + _DIFFICULTY_OFFSET[difficulty]),
        intensity_note=p.intensity[difficulty],
        tip=m.tip,
        sources=sources,
    )
