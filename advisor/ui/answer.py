"""The answer at the top of the staff page: numbered steps with sources, grade, deadlines, what not to say."""

from __future__ import annotations

import streamlit as st

from advisor.guidance.plan import plan_markdown, plan_text, source_titles
from advisor.models import GuidanceItem, SearchResult
from advisor.text.markdown import escape_md
from advisor.ui.components import guidance_block, guidance_lines, source_label

PLAN_HEADING = "#### 处理方案"
RESOLUTIONS_HEADING = "**类似先例的处理结果**"
NO_STEPS = "先例中没有可直接采用的处理步骤，请参阅下方先例。"
SIGNALS = "未匹配到定级标准。投诉中的升级情形：{}——请按公司规定及时上报主管。"
NO_CLOSE = "没有足够接近的先例：以下内容仅供参考，请按公司投诉处理流程办理，必要时请示主管。"


def render_answer(result: SearchResult) -> None:
    """The action plan first: steps, grade and deadlines (others folded), phrases to avoid, copy/download.
    Few elements: each one costs every browser a render, so headings share their block with what follows."""
    with st.container(border=True):
        numbered = steps_md(result)
        if result.no_close_precedent:
            st.markdown(PLAN_HEADING)
            st.info(NO_CLOSE)
            if numbered:
                st.markdown(numbered)
        else:
            st.markdown(PLAN_HEADING + "\n\n" + (numbered or f":gray[{NO_STEPS}]"))
        blocks = [resolutions_md(result), "**定级**\n\n" + grade_md(result), "**处理时限**\n\n" + deadlines_md(result)]
        st.markdown("\n\n".join(b for b in blocks if b))
        other_standards(result)
        avoid(result.advice.avoid)
        copy_and_download(result)


def steps_md(result: SearchResult) -> str:
    """Numbered steps, each citing the documents it comes from by title ("" when there are none)."""
    titles = source_titles(result)
    lines = []
    for n, step in enumerate(result.advice.steps, 1):
        cites = "、".join(source_label(titles.get(rid, rid)) for rid in step.sources)
        lines.append(f"{n}. {escape_md(step.text)}  \n   来源：{cites}")
    return "\n".join(lines)


def resolutions_md(result: SearchResult) -> str:
    """How the matching precedents were settled, each citing its precedent ("" when none)."""
    if not result.advice.resolutions:
        return ""
    titles = source_titles(result)
    return RESOLUTIONS_HEADING + "\n\n" + "\n".join(
        f"- {escape_md(r.text)}（{'、'.join(source_label(titles.get(rid, rid)) for rid in r.sources)}）"
        for r in result.advice.resolutions)


def grade_md(result: SearchResult) -> str:
    """The grade that applies, else the escalation the complaint shows, else a note."""
    grade, _ = primary_guidance(result)
    if grade:
        return guidance_block([grade])
    if result.advice.signals:
        return f":gray[{SIGNALS.format('、'.join(result.advice.signals))}]"
    return ":gray[未识别到定级要素（户数、金额、媒体等），按一般投诉处理并人工复核。]"


def deadlines_md(result: SearchResult) -> str:
    """The time limits that apply, else a note."""
    _, deadlines = primary_guidance(result)
    return guidance_block(deadlines) if deadlines else ":gray[未匹配到时限规定，请尽快回应客户。]"


def primary_guidance(result: SearchResult) -> tuple[GuidanceItem | None, list[GuidanceItem]]:
    """The grade and deadlines shown first: the plan's own, else the primary standard's."""
    advice = result.advice
    grade = advice.grade or next((g for g in result.guidance if g.primary and g.category == "grading"), None)
    deadlines = advice.deadlines or [g for g in result.guidance if g.primary and g.category == "deadline"]
    return grade, deadlines


def other_standards(result: SearchResult) -> None:
    """Grades and deadlines of other standards, folded."""
    others = [g for g in result.guidance if not g.primary]
    if not others:
        return
    with st.popover(f"其他标准的定级与时限（{len(others)} 条）", width="stretch"):  # drawn when opened
        guidance_lines(others)


def avoid(phrases: list[str]) -> None:
    """Phrases the documents say not to use."""
    if phrases:
        st.markdown("**避免使用的说法**：" + " ".join(f"「{escape_md(p)}」" for p in phrases))


def copy_and_download(result: SearchResult) -> None:
    """The plan as plain text with a copy icon, and as a Markdown download, in a popover: its content
    is only drawn when opened (in an expander, the code block cost every browser 10 % of a search's CPU)."""
    with st.popover("复制或下载处理方案", icon=":material/content_copy:"):
        st.code(plan_text(result), language=None, wrap_lines=True)
        st.download_button("下载处理方案", plan_markdown(result).encode("utf-8"), file_name="处理方案.md",
                           mime="text/markdown", key="plan_md", icon=":material/download:")
