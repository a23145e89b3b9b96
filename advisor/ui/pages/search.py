"""咨询顾问: describe a complaint, get the action plan first, then the precedents it comes from."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from advisor import Advisor, AdvisorError, EmptyQueryError, InvalidQueryError, SearchResult
from advisor.text.markdown import escape_md
from advisor.ui import state
from advisor.ui.answer import render_answer
from advisor.ui.components import LOG, QUERY_END, valid_choice
from advisor.ui.hits import render_hits

ALL = "全部"
KINDS = {"全部": None, "案例": "case", "规程": "guideline"}
# Everyday complaints from several industries (short label, full text for the query box).
EXAMPLES = (
    ("物业·电梯故障", "小区电梯一个月坏了三次，昨天有老人被困二十分钟，业主说物业一直没给说法，要求赔偿并公开道歉"),
    ("银行·多收手续费", "客户在网点排队一个多小时，柜员态度冷淡，办完业务后发现被多扣了手续费，要求退费并投诉"),
    ("汽车·保养后故障", "车主刚在4S店做完保养，第二天发动机故障灯就亮了，要求免费检修并赔偿误工费"),
    ("电商·商品破损", "顾客网购的冰箱送到时外壳凹陷，商家和快递互相推诿，顾客要求退货退款"),
    ("房产·交房质量", "业主收房时发现墙面开裂、卫生间渗水，要求开发商尽快维修并赔偿损失"),
)


@dataclass(frozen=True)
class Notice:
    """A message instead of a result (empty or unreadable query, service busy)."""

    level: str
    text: str


def submit() -> None:
    st.session_state["submitted"] = st.session_state.get("query", "")


def use_example() -> None:
    """The example chosen goes into the query box and is searched; the choice is cleared for the next one."""
    text = dict(EXAMPLES).get(st.session_state.get("example") or "")
    st.session_state["example"] = None
    if text:
        st.session_state["query"] = text
        submit()


def controls(advisor: Advisor) -> None:
    """Query box, filters, the 检索 button and example complaints."""
    industries = [ALL, *advisor.industries()]
    valid_choice("industry", industries)
    left, right = st.columns([3, 1])
    with left:
        st.text_area("投诉描述", key="query", height=110,
                     placeholder="用自己的话描述客户投诉的情况，例如：业主反映楼上漏水，物业三天没人处理……")
    with right:
        st.selectbox("行业", industries, key="industry")
        st.radio("类型", list(KINDS), key="kind", horizontal=True)
        st.button("检索", key="search", type="primary", on_click=submit, width="stretch",
                  icon=":material/search:")
    # (one element for all examples: each element costs every browser a render of its own)
    st.pills("试一试：", [label for label, _ in EXAMPLES], key="example", on_change=use_example)


def run_search(advisor: Advisor, text: str, industry: str | None, kind: str | None) -> SearchResult | Notice:
    """The facade's answer, or a Chinese message for input it refuses."""
    try:
        with state.search_slot(advisor.settings):
            return advisor.search(text, industry=industry, kind=kind)
    except EmptyQueryError as exc:
        return Notice("warning", str(exc))
    except InvalidQueryError as exc:
        return Notice("error", str(exc))
    except state.BusyError:
        return Notice("warning", "当前检索人数较多，请稍后再试。")
    except AdvisorError as exc:
        LOG.exception("search failed")
        return Notice("error", f"检索失败：{exc}")


def outcome(advisor: Advisor) -> SearchResult | Notice | None:
    """The result for the submitted query and current filters (searched again only when they change)."""
    text = st.session_state.get("submitted")
    if text is None:
        return None
    industry = None if st.session_state.get("industry", ALL) == ALL else st.session_state["industry"]
    kind = KINDS.get(st.session_state.get("kind", ALL))
    key = (text, industry, kind, advisor.built_at)
    kept = st.session_state.get("outcome")
    if kept and kept[0] == key:
        return kept[1]
    result = run_search(advisor, text, industry, kind)
    if not (isinstance(result, Notice) and "稍后再试" in result.text):
        st.session_state["outcome"] = (key, result)
    return result


def show(result: SearchResult) -> None:
    """Warnings and timing, the plan, then the precedents."""
    for warning in result.warnings:
        st.warning(escape_md(warning))
    meta = [f"检索用时 {result.took_ms:.0f} 毫秒", f"判断行业：{escape_md(result.industry or '未能判断')}"]
    if result.expanded_terms:
        meta.append("同时检索书面用语：" + "、".join(escape_md(t) for t in result.expanded_terms[:8]))
    st.caption(f"当前查询：{escape_md(result.query[:200])}{QUERY_END}" + "　·　".join(meta))
    render_answer(result)
    render_hits(result)


def main() -> None:
    advisor = state.current()
    controls(advisor)
    result = outcome(advisor)
    if result is None:
        st.caption("输入客户投诉的情况后点击“检索”：先给出处理方案，再列出可参考的先例。")
    elif isinstance(result, Notice):
        getattr(st, result.level)(result.text)
    else:
        show(result)


main()
