"""Practice mode: the trainee answers the opening and the follow-ups, is scored, then sees the precedent."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from advisor.text.markdown import escape_md
from advisor.text.pii import mask_pii
from advisor.training import Card, PracticeResult, follow_up_lines, practice_to_markdown
from advisor.ui.components import bullets

Turn = tuple[str, str, PracticeResult]  # customer line, trainee reply, its score


def practice(card: Card, sig: str, score: Callable[[str], PracticeResult]) -> None:
    """Customer lines one at a time; each reply is scored; the precedent's handling comes after a score."""
    turns: list[Turn] = st.session_state.setdefault("pr_turns", {}).setdefault(sig, [])
    lines = [card.opening, *follow_up_lines(card)]
    for n, (line, reply, result) in enumerate(turns, 1):
        exchange(line, reply)
        verdict(n, result)
    if len(turns) < len(lines):
        ask(lines[len(turns)], sig, len(turns), turns, score)
    else:
        st.success("本情景的客户追问已全部练习完毕。")
    if turns:
        precedent(turns[-1][2])
        with st.container(horizontal=True, gap="small"):
            st.download_button("下载练习记录", transcript(turns).encode("utf-8"), file_name="练习记录.md",
                               mime="text/markdown", key="pr_download", icon=":material/download:")
            st.button("重新练习", key="pr_restart", on_click=restart, args=(sig,))


def exchange(line: str, reply: str) -> None:
    with st.chat_message("user", avatar=":material/person:"):
        st.markdown(f"**客户**：{escape_md(line)}")
    with st.chat_message("assistant", avatar=":material/support_agent:"):
        st.markdown(f"**学员**：{escape_md(reply)}")


def ask(line: str, sig: str, n: int, turns: list[Turn], score: Callable[[str], PracticeResult]) -> None:
    """The next customer line and the reply box."""
    with st.chat_message("user", avatar=":material/person:"):
        st.markdown(f"**客户**：{escape_md(line)}")
    reply = st.text_area("你的回复", key=f"pr_reply_{sig}_{n}", height=100,
                         placeholder="像面对客户一样写下你要说的话……")
    if st.button("提交回复", key="pr_submit", type="primary"):
        if not reply.strip():
            st.warning("请先写下你的回复。")
            return
        with st.spinner("正在评分…"):
            turns.append((line, reply, score(reply)))
        st.rerun()


def verdict(n: int, result: PracticeResult) -> None:
    """Score, each criterion met or not with its evidence, and phrases to avoid that were used."""
    with st.container(border=True):
        st.metric(f"第 {n} 轮得分", f"{result.score} / 100")
        rows = [("达到" if c.met else "未达到") + f"：{c.name}" + (f" —— {c.evidence}" if c.evidence else "")
                for c in result.criteria]
        st.markdown(bullets(rows))
        if result.avoid_hits:
            st.error("用了应避免的说法：" + "、".join(f"「{escape_md(h)}」" for h in result.avoid_hits))


def precedent(result: PracticeResult) -> None:
    """What the precedent actually did (shown only once a reply has been scored)."""
    st.markdown("**先例中的做法**")
    st.markdown(bullets(result.precedent_handling, numbered=True) or "（先例未记录处理过程）")


def transcript(turns: list[Turn]) -> str:
    # The download leaves the app: what the trainee typed is masked like every stored or exported text.
    parts = [f"## 第 {n} 轮\n\n**客户**：{escape_md(line)}\n\n**学员**：{escape_md(mask_pii(reply))}\n\n"
             + practice_to_markdown(result) for n, (line, reply, result) in enumerate(turns, 1)]
    return "# 练习记录\n\n" + "\n".join(parts)


def restart(sig: str) -> None:
    st.session_state.setdefault("pr_turns", {})[sig] = []
