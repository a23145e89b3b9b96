"""Shared view pieces: escaped lists and gists, badges, guidance items, sources, folded lists, safe CSV."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import streamlit as st

from advisor.models import GuidanceItem, SourceSpan
from advisor.text.csvsafe import to_csv_bytes
from advisor.text.markdown import escape_md

FOLD_AFTER = 8
GIST_CHARS = 90
GUIDELINE_KINDS = {"grading": "定级标准", "deadline": "处理时限", "procedure": "处理流程",
                   "principle": "处理原则", "script": "沟通话术"}
RECORD_TYPES = {"case": "案例", "case_list": "案例汇总", "essay": "文章", "rules": "规章制度",
                "script": "话术", "article": "文章"}
CONFIDENCE_COLORS = {"高": "green", "中": "orange", "低": "gray"}
QUERY_END = "  \n"  # the query echoed on the first line of the result caption, what the search did on the second
LOG = logging.getLogger("advisor.ui")  # the handler is set in advisor.ui.state


def valid_choice(key: str, options: Sequence[str]) -> None:
    """Reset a kept select-box value that is no longer an option (e.g. an industry a rebuild removed)."""
    if key in st.session_state and st.session_state[key] not in options:
        st.session_state[key] = options[0]


def bullets(items: Sequence[str], numbered: bool = False) -> str:
    """Items as one escaped Markdown list."""
    return "\n".join(f"{n}. {escape_md(x)}" if numbered else f"- {escape_md(x)}" for n, x in enumerate(items, 1))


def gist(text: str, limit: int = GIST_CHARS) -> str:
    """The first sentence or two of a passage (plain text, not escaped)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    end = max(flat.rfind(mark, 0, limit) for mark in "。！？；")
    return flat[: end + 1] if end >= limit // 2 else flat[:limit] + "…"


def badge_markdown(label: str, color: str = "gray") -> str:
    """A badge with document text in it, as Markdown (brackets and other Markdown in the label escaped)."""
    return f":{color}-badge[{escape_md(label)}]"


def badges(*items: tuple[str, str]) -> str:
    """Several (label, colour) badges in one Markdown line: one element for the browser to render, not three."""
    return " ".join(badge_markdown(label, color) for label, color in items)


def badge(label: str, color: str = "gray") -> None:
    """A badge with document text in it."""
    st.markdown(badge_markdown(label, color))


def confidence_label(confidence: str) -> str:
    """相似度 高 / 中 / 低 (never a raw score)."""
    return f"相似度：{confidence}"


def title_parts(title: str) -> tuple[str, str]:
    """A record title split into document and section (`文档·章节`)."""
    doc, _, section = title.partition("·")
    return doc.strip(), section.strip()


def source_label(title: str) -> str:
    """`《文档》 章节` for a citation line (escaped)."""
    doc, section = title_parts(title)
    return f"《{escape_md(doc)}》" + (f" {escape_md(section)}" if section else "")


def source_lines(title: str, sources: Sequence[SourceSpan]) -> str:
    """Document, section, and where in which file, as an escaped Markdown list."""
    doc, section = title_parts(title)
    lines = [f"- 文档：《{escape_md(doc)}》"] + ([f"- 章节：{escape_md(section)}"] if section else [])
    lines += [f"- 文件 {escape_md(s.file)}，第 {s.start}–{s.end} 字" for s in sources]
    return "\n".join(lines)


def guidance_md(item: GuidanceItem) -> str:
    """One grade or deadline as one Markdown block: the label, then (in gray) the quote, why it applies and
    where it is written. One element for the whole block: each element costs every browser a render."""
    standard = "" if item.standard == item.citation.title else f"（{escape_md(item.standard)}）"
    reason = f"　依据：{escape_md('；'.join(item.matched))}" if item.matched else ""
    limit = 240 if item.category == "grading" else 120  # a grading scheme quotes each of its grades
    quote = f"「{escape_md(gist(item.detail, limit))}」—— {source_label(item.citation.title)}{standard}{reason}"
    return f"**{escape_md(item.label)}**  \n:gray[{quote}]"


def guidance_block(items: Sequence[GuidanceItem]) -> str:
    """Several grades or deadlines as one Markdown block."""
    return "\n\n".join(guidance_md(item) for item in items)


def guidance_lines(items: Sequence[GuidanceItem]) -> None:
    """Several grades or deadlines in one Markdown element."""
    if items:
        st.markdown(guidance_block(items))


def folded_list(label: str, items: Sequence[str], numbered: bool = False) -> None:
    """A list shown in place, or folded in an expander when longer than `FOLD_AFTER`."""
    if not items:
        return
    if len(items) > FOLD_AFTER:
        with st.expander(f"{label}（{len(items)} 条）"):
            st.markdown(bullets(items, numbered))
        return
    st.markdown(f"**{label}**")
    st.markdown(bullets(items, numbered))


def table(rows: Sequence[Mapping[str, object]], columns: Sequence[str], file_name: str, key: str) -> None:
    """A table plus a CSV download that cannot inject spreadsheet formulas (the grid's own export is off)."""
    if not rows:
        st.caption("（无数据）")
        return
    st.dataframe([{c: row.get(c) for c in columns} for row in rows], hide_index=True)
    st.download_button("下载表格（CSV）", to_csv_bytes(rows, columns), file_name=file_name, mime="text/csv",
                       key=key, icon=":material/download:")


def fail(message: str) -> None:
    """One Chinese error line for the user; the traceback goes to the server log."""
    LOG.exception(message)
    st.error(message)


# No transitions or animations: every result page fades its stale elements and animates the running icon,
# and each animation costs every browser frames; on shared CPUs that work delays the results (benchmarks.md).
REDUCED_MOTION_CSS = "<style>*,*::before,*::after{transition:none!important;animation:none!important}</style>"


def reduce_motion() -> None:
    """Turn off the page's animations (a constant style sheet, no user data)."""
    st.html(REDUCED_MOTION_CSS)
