"""The administrator's views: the corpus report per file, feedback statistics and the index rebuild."""

from __future__ import annotations

import streamlit as st

from advisor import Advisor, RecordNotFoundError
from advisor.errors import FeedbackUnavailableError
from advisor.text.markdown import escape_md
from advisor.ui import state
from advisor.ui.components import table

FILE_COLUMNS = ("文件", "编码", "字数", "案例", "有管理思考", "有处理步骤", "规程", "标题", "段落标签", "剔除", "提示")
FEEDBACK_COLUMNS = ("编号", "标题", "有帮助", "没帮助", "合计", "有帮助比例")


def corpus_report(advisor: Advisor) -> None:
    """What the last build read from each file: records, fields found, dropped lines, warnings, skipped files."""
    report = advisor.index.report
    cols = st.columns(4)
    cols[0].metric("案例（去重后）", report.n_cases)
    cols[1].metric("规程", report.n_guidelines)
    cols[2].metric("合并的重复记录", len(report.merged))
    cols[3].metric("剔除的噪声段落", sum(report.dropped_counts.values()))
    st.markdown("**逐个文件**")
    rows = [{"文件": f.file, "编码": f.encoding, "字数": f.chars, "案例": f.cases, "有管理思考": f.with_thinking,
             "有处理步骤": f.with_steps, "规程": f.guidelines, "标题": f.headings, "段落标签": f.labels,
             "剔除": "，".join(f"{k} {v}" for k, v in f.dropped.items()) or "无", "提示": "；".join(f.warnings)}
            for f in report.files]
    table(rows, FILE_COLUMNS, "语料报告.csv", key="report_csv")
    if report.skipped:
        st.markdown("**跳过的文件**")
        table([{"文件": s.get("file", ""), "原因": s.get("reason", "")} for s in report.skipped], ("文件", "原因"),
              "跳过的文件.csv", key="skipped_csv")
    st.markdown("**剔除的段落（按原因）**")
    table([{"原因": k, "段落数": v, "样例": (report.dropped_samples.get(k) or [""])[0]}
           for k, v in report.dropped_counts.items()], ("原因", "段落数", "样例"), "剔除的段落.csv", key="dropped_csv")
    if report.merged:
        with st.expander(f"合并的重复记录（{len(report.merged)} 条）"):
            st.markdown("\n".join(f"- {escape_md(m.title)}（{len(m.sources)} 处来源）" for m in report.merged))


def feedback_report(advisor: Advisor) -> None:
    """Votes so far and, per record, how helpful staff found it."""
    try:
        stats = advisor.feedback_stats()
    except FeedbackUnavailableError:
        st.warning("反馈数据暂时无法读取（数据目录不可访问）。")
        return
    cols = st.columns(3)
    cols[0].metric("反馈总数", stats.total)
    cols[1].metric("有帮助", stats.helpful)
    cols[2].metric("没帮助", stats.not_helpful)
    rows = [{"编号": c.case_id, "标题": title_of(advisor, c.case_id), "有帮助": c.helpful, "没帮助": c.not_helpful,
             "合计": c.total, "有帮助比例": f"{c.ratio:.0%}"} for c in stats.cases]
    table(rows, FEEDBACK_COLUMNS, "反馈统计.csv", key="feedback_csv")


def title_of(advisor: Advisor, record_id: str) -> str:
    try:
        return advisor.get(record_id).title
    except RecordNotFoundError:
        return "（该记录已不在案例库中）"


def rebuild(advisor: Advisor) -> None:
    """Rebuild the index from the corpus folder; the running app picks the new index up by itself."""
    st.caption(f"语料目录：{escape_md(advisor.settings.corpus_dir)}　·　索引构建时间：{state.built_label(advisor.built_at)}")
    st.caption("把公司的文档放进语料目录后点击下面的按钮；构建完成后所有用户自动使用新索引，无需重启。")
    state.rebuild_button("重建索引", key="rebuild")
    state.show_build_output()
