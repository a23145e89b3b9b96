"""The trainer card on screen and its edit form (validation errors translated into Chinese)."""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from advisor.text.markdown import escape_md, escape_md_lines
from advisor.training import DIFFICULTY_LABELS, Card
from advisor.training.models import KIND_LABELS
from advisor.ui.components import bullets, folded_list

ORIGINS = {"precedent": "来自先例", "persona": "来自客户类型", "case": "来自案情"}
FIELD_LABELS = {"title": "标题", "opening": "开场白", "objectives": "学员目标", "rubric": "评分标准",
                "weight": "权重", "text": "内容", "avoid_phrases": "避免说法", "management_points": "管理要点"}
ERROR_TEXT = {"string_too_short": "不能为空", "too_short": "至少需要一项", "greater_than_equal": "数值太小",
              "less_than_equal": "数值太大", "int_parsing": "须为整数", "missing": "缺少内容"}


def render_card(card: Card) -> None:
    """Story and persona beside opening, triggers and objectives; then the rubric, rules and the precedent."""
    st.markdown(f"### {escape_md(card.title)}")
    kind = f" · 投诉类型：{escape_md(card.complaint_type)}" if card.complaint_type else ""
    st.caption(f"行业：{escape_md(card.industry)}{kind} · 难度：{DIFFICULTY_LABELS[card.difficulty]}"
               f" · 随机种子：{card.seed}")
    left, right = st.columns(2)
    with left:
        story_and_persona(card)
    with right:
        opening_and_goals(card)
    st.markdown("**评分标准**")
    e = escape_md  # st.table renders Markdown in its cells
    st.table([{"评分项": e(c.name), "权重": c.weight, "优": e(c.excellent), "良": e(c.good), "差": e(c.poor)}
              for c in card.rubric])
    blocks = [(label, items) for label, items in (("管理要点（复盘时讨论）", card.management_points),
                                                   ("处理时限", card.deadlines), ("定级参考", card.grading)) if items]
    for column, (label, items) in zip(st.columns(max(1, len(blocks))), blocks, strict=False):
        with column:
            folded_list(label, items)
    if card.avoid_phrases:
        st.markdown("**避免说**：" + " ".join(f"「{escape_md(a)}」" for a in card.avoid_phrases))
    with st.expander("先例中的实际做法（练习前请勿展开）"):
        reference(card)


def story_and_persona(card: Card) -> None:
    p = card.persona
    st.markdown("**背景**")
    st.markdown(escape_md_lines(card.background.facts) or "（无案情记录）")
    st.caption(f"出处：{escape_md(card.background.source)}")
    st.markdown(f"**客户画像**：{escape_md(p.personality)} · {escape_md(p.motive)}（情绪强度 {p.intensity}/5）")
    st.markdown(bullets([p.description, p.intensity_note, *p.behaviours]))
    if p.tip:
        st.caption(f"应对提示：{escape_md(p.tip)}")


def opening_and_goals(card: Card) -> None:
    st.markdown("**开场白**")
    st.markdown(f"> {escape_md(card.opening)}")
    st.markdown("**升级触发点**")
    lines = [f"{t.text}（{ORIGINS[t.origin]}）" + (f" 客户会说：「{t.customer_line}」" if t.customer_line else "")
             for t in card.triggers if t.active]
    st.markdown(bullets(lines) or "（本难度未启用触发点）")
    st.markdown("**学员目标**")
    st.markdown(bullets([f"{o.text}（{KIND_LABELS.get(o.kind, o.kind)}）" for o in card.objectives], numbered=True))


def reference(card: Card) -> None:
    ref = card.reference
    st.markdown(bullets(ref.handling, numbered=True) or "（先例未记录处理过程）")
    if ref.outcome:
        st.markdown(f"**处理结果**：{escape_md(ref.outcome)}")
    if ref.note:
        st.caption(escape_md(ref.note))


def edit_form(card: Card, sig: str) -> dict[str, Any] | None:
    """The trainer's edits as `apply_edits` takes them, or None until 应用修改 is pressed."""
    with st.form(f"tr_edit_{sig}"):
        title = st.text_input("标题", card.title, key=f"ed_title_{sig}")
        opening = st.text_area("开场白", card.opening, key=f"ed_opening_{sig}", height=90)
        texts = [st.text_input(f"学员目标 {i}", o.text, key=f"ed_obj_{i}_{sig}")
                 for i, o in enumerate(card.objectives, 1)]
        st.caption("评分权重（合计须为 100）")
        cols = st.columns(min(4, len(card.rubric)))
        weights = [cols[i % len(cols)].number_input(c.name[:14], 0, 100, c.weight, key=f"ed_w_{i}_{sig}")
                   for i, c in enumerate(card.rubric)]
        avoid = st.text_area("避免说法（每行一条）", "\n".join(card.avoid_phrases), key=f"ed_avoid_{sig}")
        points = st.text_area("管理要点（每行一条）", "\n".join(card.management_points), key=f"ed_points_{sig}")
        if not st.form_submit_button("应用修改", key="tr_apply", type="primary"):
            return None
    return {
        "title": title.strip(), "opening": opening.strip(),
        "objectives": [{**o.model_dump(), "text": t.strip()} for o, t in zip(card.objectives, texts, strict=True)],
        "rubric": [{**c.model_dump(), "weight": int(w)} for c, w in zip(card.rubric, weights, strict=True)],
        "avoid_phrases": lines(avoid), "management_points": lines(points),
    }


def lines(text: str) -> list[str]:
    return [x.strip() for x in text.splitlines() if x.strip()]


def edit_errors(exc: ValidationError) -> list[str]:
    """One Chinese line per invalid value: where (标题, 学员目标 2 …) and what is wrong."""
    out = []
    for err in exc.errors():
        where = " ".join(FIELD_LABELS.get(p, "") if isinstance(p, str) else f"第 {p + 1} 项" for p in err["loc"])
        if err["type"] == "value_error":
            what = str(err.get("ctx", {}).get("error") or err["msg"]).removeprefix("Value error, ")
        else:
            what = ERROR_TEXT.get(err["type"], "取值无效")
        out.append(f"{where.strip()}：{what}" if where.strip() else what)
    return list(dict.fromkeys(out))
