"""Compact precedent cards under the plan: gist, why matched, confidence, key point, details, feedback."""

from __future__ import annotations

import hashlib
import logging

import streamlit as st

from advisor.errors import FeedbackUnavailableError
from advisor.models import Hit, SearchResult
from advisor.text.markdown import escape_md, escape_md_lines
from advisor.ui import state
from advisor.ui.components import (
    CONFIDENCE_COLORS,
    GUIDELINE_KINDS,
    badges,
    bullets,
    confidence_label,
    gist,
    source_label,
    source_lines,
)

STEPS_ORIGIN = {"thinking": "摘自管理思考", "story": "摘自案情"}
VOTES_OFF_NOTICE = "反馈功能暂不可用（数据目录只读或空间已满），检索不受影响。"
LOG = logging.getLogger("advisor.ui")  # the handler is set in advisor.ui.state


def render_hits(result: SearchResult) -> None:
    """The precedents, folded when none is close enough."""
    if not result.hits:
        st.caption("没有找到相关记录。")
        return
    if st.session_state.get("votes_off"):
        st.warning(VOTES_OFF_NOTICE)
    if result.no_close_precedent:
        with st.expander(f"最接近的 {len(result.hits)} 条记录（仅供参考）"):
            for rank, hit in enumerate(result.hits, 1):
                hit_card(hit, rank, result)
        return
    st.markdown("#### 相似先例")
    for rank, hit in enumerate(result.hits, 1):
        hit_card(hit, rank, result)


def hit_card(hit: Hit, rank: int, result: SearchResult) -> None:
    """One compact card (few elements: every one costs each browser a render); the full record in a popover
    beside the 有帮助 / 没帮助 thumbs."""
    with st.container(border=True):
        kind = (hit.complaint_type or "案例") if hit.kind == "case" else GUIDELINE_KINDS.get(hit.guideline_kind, "规程")
        head = badges((confidence_label(hit.confidence), CONFIDENCE_COLORS.get(hit.confidence, "gray")),
                      (hit.industry, "blue"), (kind, "gray"))
        body = escape_md(gist(hit.facts or hit.text))
        if hit.management_thinking:
            body += f"\n\n**管理要点**：{escape_md(gist(hit.management_thinking[0], 120))}"
        # one element for the title, badges, gist and reasons: each element costs every browser a render
        st.markdown(f"##### {rank}\\. {escape_md(hit.title)}\n\n{head}\n\n{body}\n\n:gray[{why_matched(hit, result)}]")
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            details(hit)
            votes(hit, rank, result.query)


def why_matched(hit: Hit, result: SearchResult) -> str:
    """The query words it shares and the industry the complaint was read as."""
    terms = "、".join(f"「{escape_md(t)}」" for t in hit.matched_terms[:8])
    parts = [f"命中词语 {terms}" if terms else "内容语义相近"]
    if result.industry:
        parts.append(f"判断行业：{escape_md(result.industry)}")
    return "匹配原因：" + "；".join(parts) + f"　来源：{source_label(hit.title)}"


def details(hit: Hit) -> None:
    """The full record in one expander: 案情 / 管理思考 / 处理步骤 / 改进措施 / 来源 (or the guideline's text)."""
    with st.popover("规程全文" if hit.kind == "guideline" else "详情：案情、管理思考、处理步骤", width="stretch"):
        st.markdown("\n\n".join(detail_parts(hit)))


def detail_parts(hit: Hit) -> list[str]:
    """The record's fields as Markdown blocks, each under its bold label (empty fields left out)."""
    if hit.kind == "guideline":
        parts = [escape_md_lines(hit.original_text or hit.text)]
    else:
        story = "\n".join(x for x in (hit.context, hit.facts) if x)
        parts = [f"**案情**\n\n{escape_md_lines(story)}"] if story else []
        if hit.outcome:
            parts.append(f"**处理结果**：{escape_md(hit.outcome)}")
        for label, items, numbered in (("管理思考", hit.management_thinking, False),
                                       ("处理步骤", hit.handling_steps, True), ("改进措施", hit.improvements, False)):
            if items:
                note = f"（{STEPS_ORIGIN[hit.steps_origin]}）" if label == "处理步骤" and hit.steps_origin in STEPS_ORIGIN else ""
                parts.append(f"**{label}**{note}\n\n{bullets(items, numbered)}")
    parts.append("**来源**\n\n" + source_lines(hit.title, hit.sources))
    return parts


def votes(hit: Hit, rank: int, query: str) -> None:
    """有帮助 / 没帮助 as one thumbs widget (inside the card's header row), once per result; off when the data
    folder is read-only."""
    # (the query in the key: the same record under another complaint is a vote of its own)
    key = f"vote_{rank}_{hashlib.sha1(query.encode()).hexdigest()[:8]}_{hit.id}"
    given = st.session_state.get("votes", {}).get((query, hit.id))
    off = bool(st.session_state.get("votes_off"))
    # (disabling makes it another widget: the vote given is its default, so the chosen thumb stays shown)
    st.feedback("thumbs", key=key, default=None if given is None else int(given), disabled=off or given is not None,
                on_change=vote_changed,
                args=(query, hit.id, rank, key))


def vote_changed(query: str, record_id: str, rank: int, key: str) -> None:
    """The thumbs widget's callback: 1 is 有帮助, 0 没帮助."""
    value = st.session_state.get(key)
    if value is not None:
        cast_vote(query, record_id, rank, value == 1)


def cast_vote(query: str, record_id: str, rank: int, helpful: bool) -> None:
    """Store a vote (button callback); a read-only or full data folder turns voting off for the session."""
    try:
        state.current().vote(query, record_id, rank, helpful)
    except FeedbackUnavailableError:
        LOG.warning("feedback unavailable", exc_info=True)
        st.session_state["votes_off"] = True
        return
    st.session_state.setdefault("votes", {})[(query, record_id)] = helpful
    st.toast("已记录反馈，谢谢！")
