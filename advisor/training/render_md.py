"""Markdown rendering of trainer cards, packs and practice results (all document text escaped)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from advisor.text.markdown import escape_md
from advisor.training.models import DIFFICULTY_LABELS, Card, PracticeResult

SECTION_HEADINGS: tuple[str, ...] = (
    "背景", "角色", "开场", "升级触发点", "学员目标", "评分", "适用规定", "管理要点", "参考答案",
)
RUBRIC_COLUMNS: tuple[str, ...] = ("评分项", "权重", "优", "良", "差")
ORIGIN_LABELS = {"precedent": "来自先例", "persona": "来自角色类型", "case": "来自案情"}



def meta_line(card: Card) -> str:
    """案例编号 · 行业 · 类型 · 难度 · 随机种子, without markup."""
    kind = f" · 类型：{card.complaint_type}" if card.complaint_type else ""
    return (f"案例编号：{card.case_id} · 行业：{card.industry}{kind} · "
            f"难度：{DIFFICULTY_LABELS[card.difficulty]} · 随机种子：{card.seed}")


def _card_lines(card: Card, heading: str) -> list[str]:
    e, p = escape_md, card.persona
    lines = [f"# {heading}", "", escape_md(meta_line(card)), ""]
    if card.case_title and card.case_title != card.title:
        lines += [f"*原标题：{e(card.case_title)}*", ""]
    lines += ["## 背景", "", e(card.background.facts) or "（无案情记录）", ""]
    if card.background.context:
        lines += [f"**情境**：{e(card.background.context)}", ""]
    lines += [f"*{e(card.background.source)}*", "", "## 角色", "",
              f"- **性格类型**：{e(p.personality)}", f"- **投诉心态**：{e(p.motive)}",
              f"- **角色描述**：{e(p.description)}", f"- **情绪强度**：{p.intensity}/5 — {e(p.intensity_note)}",
              "- **扮演要点**：", *[f"  - {e(b)}" for b in p.behaviours]]
    if p.sources:
        lines += ["- **类型依据**：", *[f"  - 「{e(s.quote)}」（{e(s.source_file)}）" for s in p.sources]]
    lines += ["", "## 开场", "", f"> {e(card.opening)}", "", "## 升级触发点", ""]
    lines += [f"- {'**启用**' if t.active else '备用'} · {e(t.text)}（{ORIGIN_LABELS[t.origin]}）"
              + (f" 客户会说：「{e(t.customer_line)}」" if t.customer_line else "") for t in card.triggers] or ["- （无）"]
    lines += ["", "## 学员目标", ""]
    lines += [f"{i}. {e(o.text)}（依据：{e(o.source) or '培训师补充'}） — 观察点：{e(o.check)}"
              for i, o in enumerate(card.objectives, 1)]
    lines += ["", "## 评分", "", "| " + " | ".join(RUBRIC_COLUMNS) + " |", "|" + " --- |" * len(RUBRIC_COLUMNS)]
    lines += [f"| {e(c.name)} | {c.weight} | {e(c.excellent)} | {e(c.good)} | {e(c.poor)} |" for c in card.rubric]
    lines += ["", f"权重合计：{sum(c.weight for c in card.rubric)}", ""]
    if card.avoid_phrases:
        lines += ["**应避免的说法**：" + "、".join(f"「{e(a)}」" for a in card.avoid_phrases), ""]
    lines += ["## 适用规定", ""]
    if card.deadlines:
        lines += ["**处理时限**：", "", *[f"- {e(d)}" for d in card.deadlines], ""]
    if card.grading:
        lines += ["**定级参考**：", "", *[f"- {e(g)}" for g in card.grading], ""]
    if not card.deadlines and not card.grading:
        lines += ["（未找到适用于本行业的时限或定级规定）", ""]
    lines += ["## 管理要点", "", "*复盘时讨论：公司层面的预防与改进，不作为学员当场的目标。*", ""]
    lines += [f"- {e(m)}" for m in card.management_points] or ["- （先例未列出）"]
    lines += ["", "## 参考答案", ""] + _reference_lines(card)
    return lines


def _reference_lines(card: Card) -> list[str]:
    e, ref = escape_md, card.reference
    lines: list[str] = []
    if ref.handling:
        lines += ["**先例的处理**：", "", *[f"{i}. {e(x)}" for i, x in enumerate(ref.handling, 1)], ""]
    if ref.outcome:
        lines += [f"**处理结果**：{e(ref.outcome)}", ""]
    if ref.analysis:
        lines += ["**案例分析**：", "", *[f"- {e(x)}" for x in ref.analysis], ""]
    if ref.note:
        lines += [f"*{e(ref.note)}*", ""]
    return lines or ["（先例未记录处理过程）", ""]


def card_to_markdown(card: Card) -> str:
    """Render one card as Markdown.

    Args:
        card: The card.

    Returns:
        Markdown with `SECTION_HEADINGS` as ``##`` headings, in order; all card text is escaped.
    """
    return "\n".join(_card_lines(card, f"培训情景：{escape_md(card.title)}")).rstrip() + "\n"


def pack_to_markdown(cards: Sequence[Card]) -> str:
    """Render a training pack: cover with the mix of industries, types and difficulties, contents, cards.

    Args:
        cards: The cards, in pack order.

    Returns:
        Markdown; cards are separated by horizontal rules.
    """
    lines = ["# 培训情景包", "", f"共 {len(cards)} 个情景。", ""]
    for label, values in (("行业", [c.industry for c in cards]), ("投诉类型", [c.complaint_type or "其他" for c in cards]),
                          ("难度", [DIFFICULTY_LABELS[c.difficulty] for c in cards])):
        if values:
            lines.append(f"- **{label}**：" + "，".join(f"{escape_md(k)} {n}" for k, n in Counter(values).most_common()))
    lines += ["", "## 目录", ""]
    lines += [f"{i}. {escape_md(c.title)}（{escape_md(c.industry)} · {DIFFICULTY_LABELS[c.difficulty]}）"
              for i, c in enumerate(cards, 1)] or ["（无情景）"]
    for i, card in enumerate(cards, 1):
        lines += ["", "---", "", *_card_lines(card, f"情景 {i}：{escape_md(card.title)}")]
    return "\n".join(lines).rstrip() + "\n"


def practice_to_markdown(result: PracticeResult) -> str:
    """Render a scored practice reply for the 培训情景 page.

    Args:
        result: What `score_reply` returned.

    Returns:
        Markdown: the score, each criterion met or missed with its evidence, phrases to avoid that
        were used, then the precedent's own handling.
    """
    e = escape_md
    lines = [f"**得分：{result.score} / 100**", ""]
    lines += [f"- {'✅' if c.met else '❌'} {e(c.name)}" + (f" — {e(c.evidence)}" if c.evidence else "")
              for c in result.criteria]
    if result.avoid_hits:
        lines += ["", "**用了应避免的说法**：" + "、".join(f"「{e(h)}」" for h in result.avoid_hits)]
    if result.precedent_handling:
        lines += ["", "**先例中的做法**：", "", *[f"{i}. {e(x)}" for i, x in enumerate(result.precedent_handling, 1)]]
    return "\n".join(lines) + "\n"
