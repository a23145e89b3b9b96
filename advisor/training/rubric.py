"""The scoring rubric: one criterion per objective with case-specific 优/良/差, plus communication criteria."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from advisor.training.models import KIND_LABELS, Objective, Persona, RubricCriterion

# What the observer listens for, per kind of objective.
CHECKS: dict[str, str] = {
    "acknowledge": "开场一两句内明确致歉并点明具体问题，不先辩解",
    "listen": "不打断，复述客户的要点，说出对其处境的理解",
    "verify": "说明要核实什么、怎么核实、何时给结果，不凭印象下结论",
    "explain": "用客户听得懂的话讲清原因或依据，不把解释变成推卸责任",
    "remedy": "说出具体措施、由谁负责、何时完成，不超越权限乱承诺",
    "follow_up": "给出明确的答复时间和联系方式，并说明会回访",
    "escalate": "判断出需要升级的情形，主动请负责人出面或按规定上报",
    "internal": "告诉客户会如何处理当事人，并表示接受监督",
}
# Relative importance; rescaled so every card's weights add up to exactly 100.
_UNITS = {"acknowledge": 3, "listen": 2, "verify": 3, "explain": 2, "remedy": 4, "follow_up": 2, "escalate": 2,
          "internal": 2}
_COMMUNICATION_UNITS = {"communication": 3, "conduct": 3, "persona": 3}
# General reference lines: what empathy sounds like whatever the case.
EMPATHY_LINES = (
    "非常理解您的心情，换作是我也会着急。",
    "您先别着急，慢慢说，我都记下来了。",
    "真对不起，让您受委屈了，这件事我来负责跟进。",
)


def build_rubric(
    objectives: Sequence[Objective], persona: Persona, avoid: Sequence[str], empathy: Sequence[str] = (),
    persona_lines: Sequence[str] = (),
) -> list[RubricCriterion]:
    """One criterion per objective, then empathy, no-brush-off and persona criteria; weights sum to 100.

    Args:
        objectives: The card's objectives (each criterion points at its index).
        persona: The role-played customer (its motive tip shapes the persona criterion).
        avoid: Phrases to avoid, quoted in the no-brush-off criterion.
        empathy: Extra empathy lines (e.g. from the company's principle passages).
        persona_lines: What a good answer to this motive sounds like (matched in practice).

    Returns:
        The rubric; within each criterion 优, 良 and 差 differ, and no two criteria share a descriptor.
    """
    rows: list[tuple[int, dict]] = []
    for i, objective in enumerate(objectives):
        # What the precedent itself did weighs more than what the card adds from rules and templates.
        units = _UNITS[objective.kind] * (3 if objective.from_case else 1)
        rows.append((units, _objective_row(i, objective)))
    rows.append((_COMMUNICATION_UNITS["communication"], _empathy_row(empathy)))
    rows.append((_COMMUNICATION_UNITS["conduct"], _conduct_row(avoid)))
    rows.append((_COMMUNICATION_UNITS["persona"], _persona_row(persona, persona_lines)))
    weights = largest_remainder([u for u, _ in rows])
    return [RubricCriterion(weight=w, **fields) for w, (_, fields) in zip(weights, rows, strict=True)]


def topic(o: Objective) -> str:
    """A short name for what an objective is about: its quoted case phrase, else its first clause."""
    quoted = re.search(r"“([^”]{2,24})”", o.text)
    text = quoted.group(1) if quoted else o.text.split("，")[0]
    return text if len(text) <= 22 else text[:21] + "…"


def _objective_row(index: int, o: Objective) -> dict:
    t, ex = topic(o), o.example
    levels = {
        "acknowledge": (f"开口先致歉并点明“{t}”，承认己方责任，如「{ex}」",
                        f"说了“不好意思”，但没点明“{t}”或没承认责任", f"对“{t}”不致歉，或先辩解、怪客户"),
        "listen": (f"让客户说完，复述“{t}”并表示理解，如「{ex}」",
                   f"在听，但打断过或没复述“{t}”", f"打断、争辩，对“{t}”表现出不耐烦"),
        "verify": (f"说清要核实“{t}”、怎么查、何时答复，如「{ex}」",
                   f"答应核实“{t}”，但没说查什么、何时答复", f"不核实“{t}”就下结论，或让客户自己去证明"),
        "explain": (f"用通俗的话讲清“{t}”，不推卸责任，如「{ex}」",
                    f"解释了“{t}”，但含糊或满口术语", f"不解释“{t}”，或借解释推卸责任"),
        "remedy": (f"主动提出“{t}”，说清谁负责、何时办好，如「{ex}」",
                   f"提到“{t}”，但没说怎么办、何时办好", f"对“{t}”避而不谈、一口拒绝，或随口乱承诺"),
        "follow_up": (f"给出明确时间（{t}），留下联系方式并说明会回访",
                      f"答应跟进（{t}），但没有具体时间", f"没有后续安排，做不到“{t}”"),
        "escalate": (f"判断出需要升级并当场落实：{t}",
                     f"说会向上反映（{t}），但没有对象和时间", f"推说“做不了主”，不落实“{t}”"),
        "internal": (f"告诉客户将{t}，并欢迎监督，如「{ex}」",
                     f"只说“会内部处理”，没讲清“{t}”的具体内容", f"袒护当事人，对“{t}”避而不谈"),
    }[o.kind]
    return dict(name=f"{KIND_LABELS[o.kind]}：{t}", excellent=levels[0], good=levels[1], poor=levels[2],
                basis="objective", objective=index)


def _empathy_row(extra: Sequence[str]) -> dict:
    lines = [*EMPATHY_LINES, *extra]
    return dict(name="沟通态度：倾听与共情", excellent=f"语气诚恳，先回应客户情绪再谈事情，如「{lines[0]}」",
                good="态度礼貌，但只谈事情、没有回应客户的情绪", poor="语气生硬、冷淡或不耐烦，让客户更加不满",
                basis="communication", references=lines)


def _conduct_row(avoid: Sequence[str]) -> dict:
    quoted = "」「".join(list(avoid)[:3]) or "不归我管"
    return dict(name="不推诿、不说禁忌语", excellent="正面回应客户的问题，自己负责到底，全程没有推诿或禁忌语",
                good="没有明显推诿，但有把问题推给其他部门的倾向", poor=f"说出「{quoted}」之类推诿或激化矛盾的话",
                basis="conduct")


def _persona_row(persona: Persona, lines: Sequence[str]) -> dict:
    tip = persona.tip or "针对客户心态调整应对方式"
    return dict(name=f"应对客户心态（{persona.personality}·{persona.motive}）", excellent=f"针对其心态应对得当：{tip}",
                good=f"客户情绪有所缓和，但应对与其“{persona.motive}”心态不完全匹配",
                poor=f"忽视其“{persona.motive}”心态，激化情绪、触发升级", basis="persona", references=[tip, *lines])


def largest_remainder(units: Sequence[int], total: int = 100) -> list[int]:
    """Integer weights proportional to `units` that add up to exactly `total`."""
    raw = [u * total / sum(units) for u in units]
    weights = [math.floor(r) for r in raw]
    by_fraction = sorted(range(len(raw)), key=lambda i: (-(raw[i] - weights[i]), i))
    for i in by_fraction[: total - sum(weights)]:
        weights[i] += 1
    return weights
