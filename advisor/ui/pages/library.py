"""案例库: browse and filter the library; administrators also see the corpus report, feedback and rebuild."""

from __future__ import annotations

import streamlit as st

from advisor import Advisor, Case, Guideline
from advisor.auth.users import can
from advisor.text.markdown import escape_md, escape_md_lines
from advisor.ui import auth, state
from advisor.ui.components import (
    GUIDELINE_KINDS,
    RECORD_TYPES,
    badge,
    bullets,
    folded_list,
    source_lines,
    table,
    valid_choice,
)
from advisor.ui.report import corpus_report, feedback_report, rebuild

ALL = "全部"
KINDS = {"全部": None, "案例": "case", "规程": "guideline"}
COLUMNS = ("编号", "类别", "标题", "行业", "类型", "来源文件")
STEPS_ORIGIN = {"thinking": "摘自管理思考", "story": "摘自案情"}


def kind_label(record: Case | Guideline) -> str:
    if isinstance(record, Case):
        return record.complaint_type or RECORD_TYPES.get(record.record_type, "案例")
    return GUIDELINE_KINDS.get(record.kind, "规程")


def filtered(advisor: Advisor) -> list[Case | Guideline]:
    """Records matching the industry, kind and keyword filters."""
    industries = [ALL, *advisor.industries()]
    valid_choice("lib_industry", industries)
    cols = st.columns([1, 1, 2])
    industry = cols[0].selectbox("行业", industries, key="lib_industry")
    kind = cols[1].radio("类别", list(KINDS), key="lib_kind", horizontal=True)
    text = cols[2].text_input("关键词", key="lib_text", placeholder="标题或正文中的词，如：样板房")
    return advisor.records(industry=None if industry == ALL else industry, kind=KINDS[kind], text=text)


def record_table(records: list[Case | Guideline]) -> None:
    rows = [{"编号": r.id, "类别": "案例" if isinstance(r, Case) else "规程", "标题": r.title, "行业": r.industry,
             "类型": kind_label(r), "来源文件": "、".join(dict.fromkeys(s.file for s in r.sources))} for r in records]
    table(rows, COLUMNS, "案例库.csv", key="lib_csv")


def record_card(advisor: Advisor, record: Case | Guideline) -> None:
    """The whole record with its sources and the staff-style questions it is found by."""
    with st.container(border=True):
        st.markdown(f"##### {escape_md(record.title)}")
        with st.container(horizontal=True, gap="small"):
            badge(record.industry, "blue")
            badge(kind_label(record))
        if isinstance(record, Case):
            case_fields(record)
        else:
            st.markdown(escape_md_lines(record.original_text or record.text))
        with st.expander("来源"):
            st.markdown(source_lines(record.title, record.sources))
        folded_list("常见问法", advisor.similar_questions(record.id))


def case_fields(case: Case) -> None:
    for label, text in (("背景", case.context), ("案情", case.facts), ("处理结果", case.outcome)):
        if text:
            st.markdown(f"**{label}**")
            st.markdown(escape_md_lines(text))
    for label, items, numbered in (("管理思考", case.management_thinking, False),
                                   ("处理步骤", case.handling_steps, True), ("改进措施", case.improvements, False)):
        if items:
            note = STEPS_ORIGIN.get(case.steps_origin, "") if label == "处理步骤" else ""
            st.markdown(f"**{label}**" + (f"（{note}）" if note else ""))
            st.markdown(bullets(items, numbered))


def browse(advisor: Advisor) -> None:
    records = filtered(advisor)
    st.caption(f"共 {len(records)} 条记录")
    if not records:
        st.info("没有符合条件的记录。")
        return
    record_table(records)
    titles = {r.id: f"{r.title}（{r.industry}）" for r in records}
    if st.session_state.get("lib_pick") not in titles:
        st.session_state["lib_pick"] = next(iter(titles))
    picked = st.selectbox("查看记录", list(titles), key="lib_pick", format_func=titles.__getitem__)
    record_card(advisor, advisor.get(picked))


ADMIN_TABS = {"浏览": browse, "语料报告": corpus_report, "反馈统计": feedback_report, "重建索引": rebuild}


def main() -> None:
    role, _ = auth.require_role(state.settings())
    advisor = state.current()
    if not can(role, "admin"):
        browse(advisor)
        return
    # Stateful tabs: only the open one runs, and a rebuild's rerun stays on its tab.
    tabs = st.tabs(list(ADMIN_TABS), key="lib_tab", on_change="rerun")
    for tab, view in zip(tabs, ADMIN_TABS.values(), strict=True):
        if tab.open is not False:
            with tab:
                view(advisor)


main()
