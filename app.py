"""投诉处理顾问 — Streamlit view over the `advisor` library (search, trainer scenarios, library browser)."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from advisor import (
    Advisor,
    AdvisorError,
    Case,
    EmptyQueryError,
    GuidanceItem,
    Guideline,
    Hit,
    IndexMissingError,
    InvalidQueryError,
    RecordNotFoundError,
    SearchResult,
    Settings,
)
from advisor.guidance import rules as guidance_rules
from advisor.retrieval.encoders import Encoder, load_encoder
from advisor.training.export import (
    pack_to_docx,
    pack_to_markdown,
    scenario_to_docx,
    scenario_to_json,
    scenario_to_markdown,
    select_pack_cases,
)
from advisor.feedback.store import default_db_path, feedback_stats, record_feedback
from advisor.retrieval.index import build_index, read_manifest
from advisor.text.normalize import to_simplified
from advisor.guidance.plan import build_plan
from advisor.training.scenario import MOTIVES, PERSONALITIES, Scenario, ScenarioOptions, apply_edits, build_scenario

REBUILD_COMMAND = "python -m advisor build"
PAGES = ("咨询顾问", "培训情景", "案例库")
ALL = "全部"
QUESTIONS_SHOWN_OPEN = 8  # longer lists of 常见问法 start folded
KIND_CHOICES = {"全部": None, "案例": "case", "规程": "guideline"}
GUIDELINE_KINDS = {
    "grading": "定级标准", "deadline": "处理时限", "procedure": "处理流程",
    "principle": "处理原则", "script": "沟通话术",
}
DIFFICULTIES = {"容易": "easy", "中等": "medium", "困难": "hard"}
RANDOM = "随机"
DERIVED_NOTE = "（原文未单列处理步骤，以下取自管理思考）"
NO_CLOSE_NOTE = "没有足够接近的先例，以下结果仅供参考"
EXAMPLES = (
    "售楼时经纪人承诺电梯厅和大堂精装修标准与样板房一致，交付后标准降低，业主要求按样板房施工",
    "30 多户业主在售楼处拉横幅，要求开发商赔偿延期交房损失",
    "客户在银行网点排队两个小时，柜员态度冷淡，客户要求投诉大堂经理",
    "车辆在4S店保养后发动机故障灯亮起，车主要求免费维修并赔偿",
)
GUIDELINE_PREVIEW_CHARS = 400
# Widget values Streamlit would drop while their page is not shown; re-set each run to keep them.
PERSISTENT_KEYS = ("query", "industry", "kind")

# ---------------------------------------------------------------- safe text (presentation only)

# Everything that can start Markdown, Streamlit directives (:color[…], emoji), math ($) or a table.
_MD_SPECIAL = re.compile(r"([\\`*_\[\](){}#+\-.!|~$:=])")
_ENUMERATION = re.compile(
    r"^\s*(?:[(（]\s*[0-9一二三四五六七八九十]{1,3}\s*[)）]|[0-9一二三四五六七八九十]{1,3}\s*[、.．:：](?!\d)"
    r"|[⑴-⒇①-⑳])\s*"
)
_WORD = re.compile(r"^\w+$")


def esc(text: object) -> str:
    """Make a query or document string inert inside `st.markdown`: one line, no markup, no HTML."""
    flat = " ".join(str(text).split())
    flat = _MD_SPECIAL.sub(r"\\\1", flat)
    return flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_lines(text: str) -> str:
    """Like `esc` but keeps the line breaks of a passage (as Markdown hard breaks)."""
    return "  \n".join(esc(line) for line in str(text).splitlines() if line.strip())


def highlight(text: str, terms: Iterable[str]) -> str:
    """Escape `text` and wrap the matched query terms in bold.

    Matching runs on the raw text and every piece is escaped separately, so a term can never
    match inside an escape sequence or an HTML entity; adjacent matches merge into one bold run.
    """
    flat = " ".join(str(text).split())
    words = sorted({t for t in terms if t and _WORD.match(t)}, key=len, reverse=True)
    if not words or not flat:
        return esc(flat)
    spans: list[list[int]] = []
    for m in re.finditer("|".join(re.escape(w) for w in words), flat):
        if spans and spans[-1][1] == m.start():
            spans[-1][1] = m.end()
        else:
            spans.append([m.start(), m.end()])
    out, pos = [], 0
    for start, end in spans:
        out += [esc(flat[pos:start]), "**", esc(flat[start:end]), "**"]
        pos = end
    out.append(esc(flat[pos:]))
    return "".join(out)


def item_text(item: str) -> str:
    """A list item without its own numbering (the card numbers the list)."""
    return _ENUMERATION.sub("", item, count=1).strip() or item.strip()


def md_list(items: Sequence[str], terms: Iterable[str] = (), numbered: bool = False) -> str:
    terms = list(terms)
    lines = [highlight(item_text(x), terms) for x in items]
    return "\n".join(f"{n}. {x}" if numbered else f"- {x}" for n, x in enumerate(lines, 1))


def source_line(sources: Sequence[Any]) -> str:
    return "；".join(f"{s.file}（第{s.start}–{s.end}字）" for s in sources) or "（未记录）"


# ---------------------------------------------------------------- loading


@st.cache_resource(show_spinner=False)
def get_settings() -> Settings:
    return Settings()


@st.cache_resource(show_spinner="正在加载检索模型…")
def get_encoder(_settings: Settings) -> Encoder:
    return load_encoder(_settings)


@st.cache_resource(show_spinner="正在加载案例索引…")
def get_advisor(_settings: Settings) -> Advisor:
    advisor = Advisor.load(_settings, encoder=get_encoder(_settings))
    # The first query pays for tokenizer and rule-book start-up; pay it here instead of on a user's search.
    advisor.search("业主投诉物业服务")
    return advisor


@st.cache_resource(show_spinner=False)
def build_lock() -> threading.Lock:
    return threading.Lock()


@st.cache_resource(show_spinner=False)
def get_rulebook(_settings: Settings) -> guidance_rules.RuleBook:
    return guidance_rules.load_rules(_settings.corpus_dir, _settings.rules_file)


def stop_with_error(message: str) -> None:
    st.error(f"{esc(message)}\n\n请在项目目录运行以下命令重建索引，然后刷新页面：")
    st.code(REBUILD_COMMAND, language="bash")
    st.stop()


def ensure_advisor() -> Advisor:
    """The cached Advisor; builds the index first when there is none, stops with a clear error otherwise."""
    settings = get_settings()
    try:
        return get_advisor(settings)
    except IndexMissingError:
        pass
    except AdvisorError as exc:
        stop_with_error(str(exc))
    with st.status("正在构建索引…（首次启动约需一分钟）", expanded=True) as status:
        st.write(f"语料目录：{esc(settings.corpus_dir)}")
        try:
            with build_lock():  # one build at a time, even with several sessions starting together
                try:
                    read_manifest(settings.index_dir, retries=1)
                except IndexMissingError:
                    build_index(settings, get_encoder(settings), progress=False)
            advisor = get_advisor(settings)
        except AdvisorError as exc:
            status.update(label="索引构建失败", state="error")
            stop_with_error(f"索引构建失败：{exc}")
        except Exception as exc:  # disk full, permissions …: still one clear message at the edge
            status.update(label="索引构建失败", state="error")
            stop_with_error(f"索引构建失败：{type(exc).__name__}: {exc}")
        status.update(label="索引已就绪", state="complete", expanded=False)
    return advisor


def industries(advisor: Advisor) -> list[str]:
    counts = Counter(r.industry for r in [*advisor.cases, *advisor.guidelines])
    return [name for name, _ in counts.most_common()]


def index_stamp(advisor: Advisor) -> str:
    m = advisor.index.manifest
    return f"{m.corpus_hash}-{m.built_at}"


@st.cache_data(max_entries=64, ttl=3600, show_spinner="正在检索…")
def run_search(_advisor: Advisor, stamp: str, query: str, industry: str | None, kind: str | None) -> SearchResult:
    return _advisor.search(query, industry=industry, kind=kind)


def db_path(advisor: Advisor):
    return default_db_path(advisor.settings)


# ---------------------------------------------------------------- record card


def _is_case(record: Hit | Case | Guideline) -> bool:
    return isinstance(record, Case) or getattr(record, "kind", "") == "case"


def _type_label(record: Hit | Case | Guideline) -> str:
    if _is_case(record):
        return record.complaint_type or "其他"
    kind = record.guideline_kind if isinstance(record, Hit) else record.kind
    return GUIDELINE_KINDS.get(kind, kind)


def _section(heading: str, body: str, note: str = "") -> None:
    st.markdown(f"**{heading}**")
    if note:
        st.caption(note)
    st.markdown(body)


def render_card(record: Hit | Case | Guideline, rank: int | None = None, terms: Sequence[str] = (),
                reference_only: bool = False, feedback: Callable[[Hit, int], None] | None = None) -> None:
    """One precedent (or guideline) card; every document string goes through `esc`/`highlight`."""
    with st.container(border=True):
        prefix = f"{rank}\\. " if rank else ""
        suffix = "　（仅供参考）" if reference_only else ""
        st.markdown(f"#### {prefix}{esc(record.title)}{suffix}")
        meta = f"行业：{esc(record.industry)}　｜　类型：{esc(_type_label(record))}"
        if isinstance(record, Hit):
            meta += f"　｜　置信度：{record.score:.2f}"
        st.caption(meta)
        if terms:
            st.caption("命中词：" + "、".join(esc(t) for t in terms))
        if _is_case(record):
            _case_body(record, terms)
        else:
            text = " ".join(record.text.split())
            short = text[:GUIDELINE_PREVIEW_CHARS] + ("…" if len(text) > GUIDELINE_PREVIEW_CHARS else "")
            _section("规程内容", highlight(short, terms))
        st.caption("来源：" + esc(source_line(record.sources)))
        with st.expander("原文"):
            st.markdown(esc_lines(record.original_text or record.text) or "（无原文）")
        if feedback is not None and isinstance(record, Hit) and rank:
            feedback(record, rank)


def _case_body(record: Hit | Case, terms: Sequence[str]) -> None:
    if record.context:
        _section("背景", highlight(record.context, terms))
    _section("案情", highlight(record.facts, terms) if record.facts else "（原文未单列案情）")
    thinking = record.management_thinking
    _section("管理思考", md_list(thinking, terms) if thinking else "（原文未记录管理思考）")
    steps = record.handling_steps
    _section("处理步骤", md_list(steps, terms, numbered=True) if steps else "（原文未记录处理步骤）",
             note=DERIVED_NOTE if record.steps_derived and steps else "")
    if record.improvements:
        _section("改进措施", md_list(record.improvements, terms))
    if record.outcome:
        _section("处理结果", highlight(record.outcome, terms))


# ---------------------------------------------------------------- 咨询顾问


def _submit() -> None:
    st.session_state["submitted"] = st.session_state.get("query", "")
    st.session_state["plan_open"] = False


def _use_example(text: str) -> None:
    st.session_state["query"] = text
    _submit()


def _open_plan() -> None:
    st.session_state["plan_open"] = True


def _vote(path, query: str, hit_id: str, rank: int, helpful: bool) -> None:
    try:
        record_feedback(path, query, hit_id, rank, helpful)
    except (sqlite3.Error, OSError, ValueError) as exc:
        st.session_state["feedback_error"] = f"反馈保存失败：{exc}"
        return
    st.session_state.setdefault("votes", {})[f"{hit_id}|{query}"] = helpful
    st.toast("已记录反馈：" + ("有帮助" if helpful else "没帮助") + "，谢谢！")


def feedback_buttons(advisor: Advisor, query: str) -> Callable[[Hit, int], None]:
    path = db_path(advisor)

    def render(hit: Hit, rank: int) -> None:
        vote = st.session_state.get("votes", {}).get(f"{hit.id}|{query}")
        left, right, note = st.columns([1, 1, 4])
        left.button("👍 有帮助", key=f"fb_up_{hit.id}", disabled=vote is not None,
                    on_click=_vote, args=(path, query, hit.id, rank, True))
        right.button("👎 没帮助", key=f"fb_down_{hit.id}", disabled=vote is not None,
                     on_click=_vote, args=(path, query, hit.id, rank, False))
        if vote is not None:
            note.caption("已记录反馈：" + ("有帮助" if vote else "没帮助"))

    return render


def guidance_panel(guidance: Sequence[GuidanceItem]) -> None:
    grading = [g for g in guidance if g.category == "grading"]
    deadlines = [g for g in guidance if g.category == "deadline"]
    with st.container(border=True):
        st.markdown("##### 定级参考")
        if not grading:
            st.caption("描述中未识别到户数、人数、金额、媒体曝光、诉讼等定级要素，请按一般投诉受理并人工复核等级。")
        for g in grading:
            st.markdown(f"- **{esc(g.standard)}** → {esc(g.label)}")
            if g.matched:
                st.caption("依据：" + esc("；".join(g.matched)))
            st.caption(f"出处：{esc(g.citation.title)} · {esc(g.citation.file)}"
                       f"（第{g.citation.start}–{g.citation.end}字）")
    with st.container(border=True):
        st.markdown("##### 处理时限")
        if not deadlines:
            st.caption("未匹配到时限规定，请按公司投诉处理制度尽快回应客户。")
        by_standard: dict[str, list[GuidanceItem]] = {}
        for d in deadlines:
            by_standard.setdefault(d.standard, []).append(d)
        for standard, items in by_standard.items():
            st.markdown(f"**{esc(standard)}**")
            for d in items:
                applies = f"（{esc('；'.join(d.matched))}）" if d.matched else ""
                st.markdown(f"- {esc(d.label)}：{esc(d.detail)}{applies}")
                st.caption(f"出处：{esc(d.citation.file)}（第{d.citation.start}–{d.citation.end}字）")


def plan_section(result: SearchResult) -> None:
    st.button("生成处理方案", key="plan", on_click=_open_plan)
    if not st.session_state.get("plan_open"):
        return
    plan = build_plan(result.query, result.hits, result.guidance)
    st.caption("以下方案可直接复制（右上角复制按钮）或下载为 Markdown 文件。")
    st.code(plan, language="markdown")
    st.download_button("下载处理方案（.md）", plan.encode("utf-8"), file_name="投诉处理方案.md",
                       mime="text/markdown", key="plan_download", on_click="ignore")


def search_controls(advisor: Advisor) -> None:
    st.caption("示例：")
    cols = st.columns(len(EXAMPLES))
    for n, (col, text) in enumerate(zip(cols, EXAMPLES, strict=True)):
        col.button(text[:18] + "…", key=f"example_{n}", help=text, on_click=_use_example, args=(text,),
                   width="stretch")
    left, right = st.columns([2, 1])
    left.selectbox("行业", [ALL, *industries(advisor)], key="industry")
    right.radio("类别", list(KIND_CHOICES), key="kind", horizontal=True)
    st.text_area("投诉描述", key="query", height=120,
                 placeholder="用自己的话描述客户/业主在投诉什么，例如：业主投诉电梯多次困人，要求赔偿……")
    st.button("检索", key="search", type="primary", on_click=_submit)


def search_page(advisor: Advisor) -> None:
    st.header("咨询顾问")
    search_controls(advisor)
    if error := st.session_state.pop("feedback_error", None):
        st.error(esc(error))
    query = st.session_state.get("submitted")
    if query is None:
        st.info("输入投诉描述后点击“检索”，或点击上方示例。")
        return
    industry = st.session_state.get("industry", ALL)
    kind = KIND_CHOICES.get(st.session_state.get("kind", ALL))
    try:
        result = run_search(advisor, index_stamp(advisor), query, None if industry == ALL else industry, kind)
    except EmptyQueryError as exc:
        st.warning(esc(exc))
        return
    except InvalidQueryError as exc:
        st.error(esc(exc))
        return
    show_result(advisor, result)


EXPANSION_SHOWN = 8


def expansion_caption(terms: list[str]) -> str:
    """The thesaurus terms added to the search; a long list is cut, with the total named."""
    shown = "、".join(esc(t) for t in terms[:EXPANSION_SHOWN])
    more = f" 等 {len(terms)} 个" if len(terms) > EXPANSION_SHOWN else ""
    return f"同时检索书面用语：{shown}{more}"


def show_result(advisor: Advisor, result: SearchResult) -> None:
    for warning in result.warnings:
        st.warning(esc(warning))
    preview = result.query if len(result.query) <= 80 else result.query[:80] + "…"
    st.markdown(f"**当前查询**：{esc(preview)}")
    st.caption(f"检索用时 {result.took_ms:.0f} 毫秒 · 共 {len(result.hits)} 条结果")
    if result.expanded_terms:
        st.caption(expansion_caption(result.expanded_terms))
    if result.no_close_precedent:
        st.info(NO_CLOSE_NOTE)
    results_col, guidance_col = st.columns([3, 2], gap="medium")
    with guidance_col:
        guidance_panel(result.guidance)
        plan_section(result)
    with results_col:
        if not result.hits:
            st.info("没有符合筛选条件的结果，请放宽行业或类别筛选。")
            return
        render_feedback = feedback_buttons(advisor, result.query)
        for rank, hit in enumerate(result.hits, 1):
            render_card(hit, rank=rank, terms=hit.matched_terms, reference_only=result.no_close_precedent,
                        feedback=render_feedback)


# ---------------------------------------------------------------- 培训情景


def _case_label(case: Case) -> str:
    return f"{' '.join(case.title.split())}（{case.industry}）"


def pick_case(advisor: Advisor) -> Case | None:
    left, right = st.columns([1, 2])
    industry = left.selectbox("行业", [ALL, *industries(advisor)], key="sc_industry")
    text = right.text_input("按投诉描述查找先例（可选）", key="sc_search")
    cases = [c for c in advisor.cases if industry == ALL or c.industry == industry]
    if text.strip():
        try:
            hits = run_search(advisor, index_stamp(advisor), text, None if industry == ALL else industry, "case").hits
        except AdvisorError as exc:
            st.warning(esc(exc))
            hits = []
        cases = [advisor.get(h.id) for h in hits]
    else:
        cases = sorted(cases, key=lambda c: (c.industry, c.title))
    if not cases:
        st.info("没有符合条件的案例。")
        return None
    by_id = {c.id: c for c in cases}
    chosen = st.selectbox("先例案例", list(by_id), key="sc_case", format_func=lambda i: _case_label(by_id[i]))
    return by_id.get(chosen)


def scenario_options() -> ScenarioOptions:
    cols = st.columns(4)
    difficulty = cols[0].radio("难度", list(DIFFICULTIES), index=1, key="sc_difficulty", horizontal=True)
    personality = cols[1].selectbox("客户性格", [RANDOM, *PERSONALITIES], key="sc_personality")
    motive = cols[2].selectbox("投诉心态", [RANDOM, *MOTIVES], key="sc_motive")
    seed = cols[3].number_input("随机种子", min_value=0, max_value=1_000_000, value=0, step=1, key="sc_seed")
    return ScenarioOptions(difficulty=DIFFICULTIES[difficulty],
                           personality=None if personality == RANDOM else personality,
                           motive=None if motive == RANDOM else motive, seed=int(seed))


def _principles(advisor: Advisor) -> list[Guideline]:
    return [g for g in advisor.guidelines if g.kind == "principle"]


def base_scenario(advisor: Advisor, case: Case, options: ScenarioOptions) -> Scenario:
    guidance = guidance_rules.guidance_for(case.facts or case.text, get_rulebook(advisor.settings))
    return build_scenario(case, options, guidance=guidance, principles=_principles(advisor))


_FIELD_LABELS = {
    "opening": "开场白", "objectives": "学员目标", "rubric": "评分表", "background": "背景",
    "facts": "案情", "persona": "角色", "intensity": "情绪强度", "text": "内容", "weight": "权重",
}


def validation_messages(exc: ValidationError) -> list[str]:
    """Pydantic errors in plain Chinese (presentation of the library's validation)."""
    out = []
    for err in exc.errors():
        where = " → ".join(_FIELD_LABELS.get(str(p), f"第{p + 1}项" if isinstance(p, int) else str(p))
                           for p in err["loc"])
        kind = err["type"]
        if kind == "string_too_short":
            msg = "不能为空"
        elif kind == "too_short":
            msg = "至少需要一项"
        elif kind == "value_error":
            msg = str(err["msg"]).removeprefix("Value error, ")
        elif kind in ("less_than_equal", "greater_than_equal"):
            msg = f"超出允许范围（{err['msg']}）"
        else:
            msg = str(err["msg"])
        out.append(f"{where}：{msg}" if where else msg)
    return out


def _rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    # Empty cells come back as NaN/None; NaN is the only value not equal to itself.
    return [{k: (None if v != v else v) for k, v in row.items()} for row in df.to_dict("records")]


def edit_form(scenario: Scenario, sig: str) -> dict[str, Any] | None:
    """The trainer's editor; returns the edits when the form is submitted."""
    with st.form(f"sc_form_{sig}"):
        opening = st.text_area("开场白", scenario.opening, key=f"sc_opening_{sig}", height=110)
        facts = st.text_area("背景（案情）", scenario.background.facts, key=f"sc_facts_{sig}", height=140)
        intensity = st.slider("情绪强度", 1, 5, scenario.persona.intensity, key=f"sc_intensity_{sig}")
        st.caption("学员目标（可增删行；“观察点”是评分时观察的具体行为）")
        objectives = st.data_editor(
            pd.DataFrame([{"目标": o.text, "观察点": o.check} for o in scenario.objectives]),
            key=f"sc_objectives_{sig}",
            num_rows="dynamic", width="stretch", hide_index=True)
        st.caption("评分表（权重合计必须为 100）")
        rubric = st.data_editor(
            pd.DataFrame([{"评分项": c.name, "权重": c.weight, "优": c.excellent, "良": c.good, "差": c.poor}
                          for c in scenario.rubric]), key=f"sc_rubric_{sig}", num_rows="fixed",
            width="stretch", hide_index=True)
        submitted = st.form_submit_button("应用修改", key="sc_apply")
    if not submitted:
        return None
    old_objectives = scenario.objectives
    new_objectives = []
    for n, row in enumerate(_rows(objectives)):
        text = str(row.get("目标") or "").strip()
        if not text:
            continue
        base = old_objectives[n].model_dump() if n < len(old_objectives) else {
            "from_general_principles": False, "source": "培训师补充"}
        new_objectives.append({**base, "text": text, "check": str(row.get("观察点") or "").strip()})
    new_rubric = []
    for old, row in zip(scenario.rubric, _rows(rubric), strict=False):
        weight = row.get("权重")
        new_rubric.append({**old.model_dump(), "name": str(row.get("评分项") or old.name),
                           "weight": int(weight) if weight is not None else 0,
                           "excellent": str(row.get("优") or ""), "good": str(row.get("良") or ""),
                           "poor": str(row.get("差") or "")})
    return {"opening": opening.strip(), "background": {"facts": facts.strip()},
            "persona": {"intensity": int(intensity)}, "objectives": new_objectives, "rubric": new_rubric}


def _reset_edits(sig: str) -> None:
    st.session_state.setdefault("sc_edits", {}).pop(sig, None)
    st.session_state["sc_version"] = st.session_state.get("sc_version", 0) + 1


def export_buttons(scenario: Scenario) -> None:
    stem = f"培训情景_{scenario.case_id}"
    cols = st.columns(3)
    cols[0].download_button("下载 Markdown", scenario_to_markdown(scenario).encode("utf-8"),
                            file_name=f"{stem}.md", mime="text/markdown", key="dl_md", on_click="ignore")
    cols[1].download_button("下载 JSON", scenario_to_json(scenario).encode("utf-8"), file_name=f"{stem}.json",
                            mime="application/json", key="dl_json", on_click="ignore")
    cols[2].download_button(
        "下载 Word", scenario_to_docx(scenario), file_name=f"{stem}.docx", key="dl_docx", on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def training_page(advisor: Advisor) -> None:
    st.header("培训情景")
    st.caption("从先例生成角色扮演练习卡：客户角色、开场白、升级触发点、学员目标与评分表。")
    case = pick_case(advisor)
    options = scenario_options()
    if case is None:
        return
    # Widget keys carry the card's identity, so switching case or options starts a fresh editor.
    ident = f"{case.id}|{options.model_dump_json()}|{st.session_state.get('sc_version', 0)}"
    sig = hashlib.sha1(ident.encode()).hexdigest()[:12]
    base = base_scenario(advisor, case, options)
    edits = st.session_state.setdefault("sc_edits", {})
    scenario = apply_edits(base, edits[sig]) if sig in edits else base
    preview_tab, edit_tab, export_tab = st.tabs(["预览", "编辑", "导出"])
    with edit_tab:
        new_edits = edit_form(scenario, sig)
        if new_edits is not None:
            try:
                scenario = apply_edits(base, new_edits)
            except ValidationError as exc:
                st.error("修改未保存：" + "；".join(esc(m) for m in validation_messages(exc)))
            else:
                edits[sig] = new_edits
                st.success("修改已应用，预览与导出已更新。")
        st.button("恢复自动生成的内容", key="sc_reset", on_click=_reset_edits, args=(sig,))
    with preview_tab:
        if sig in edits:
            st.caption("（含培训师修改）")
        with st.container(border=True):
            st.markdown(scenario_to_markdown(scenario))
    with export_tab:
        export_buttons(scenario)
        pack_section(advisor, options)


def _open_pack() -> None:
    st.session_state["pack_open"] = True


def pack_section(advisor: Advisor, options: ScenarioOptions) -> None:
    st.divider()
    st.markdown("##### 批量培训包")
    left, right = st.columns(2)
    industry = left.selectbox("行业", [ALL, *industries(advisor)], key="pack_industry")
    count = right.number_input("案例数量", min_value=1, max_value=30, value=10, step=1, key="pack_count")
    st.button("生成培训包", key="pack_build", on_click=_open_pack)
    if not st.session_state.get("pack_open"):
        return
    cases = select_pack_cases(advisor.cases, None if industry == ALL else industry, int(count))
    if not cases:
        st.info("该行业没有可用的案例。")
        return
    scenarios = [base_scenario(advisor, c, options) for c in cases]
    st.caption(f"共 {len(scenarios)} 个情景：" + "、".join(esc(s.case_title) for s in scenarios))
    cols = st.columns(2)
    cols[0].download_button("下载培训包 Markdown", pack_to_markdown(scenarios).encode("utf-8"),
                            file_name="培训包.md", mime="text/markdown", key="dl_pack_md", on_click="ignore")
    cols[1].download_button(
        "下载培训包 Word", pack_to_docx(scenarios), file_name="培训包.docx", key="dl_pack_docx", on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


# ---------------------------------------------------------------- 案例库


def library_records(advisor: Advisor, industry: str, kind: str | None, text: str) -> list[Case | Guideline]:
    records: list[Case | Guideline] = []
    if kind in (None, "case"):
        records += advisor.cases
    if kind in (None, "guideline"):
        records += advisor.guidelines
    if industry != ALL:
        records = [r for r in records if r.industry == industry]
    needle = to_simplified(text.strip())
    if needle:
        records = [r for r in records if needle in r.title or needle in r.text]
    return records


def library_table(records: Sequence[Case | Guideline]) -> None:
    st.dataframe(
        [{"编号": r.id, "类别": "案例" if isinstance(r, Case) else "规程", "标题": " ".join(r.title.split()),
          "行业": r.industry, "类型": _type_label(r),
          "处理步骤": (len(r.handling_steps) if isinstance(r, Case) else None),
          "来源": "；".join(dict.fromkeys(s.file for s in r.sources))} for r in records],
        hide_index=True, width="stretch")


def library_browser(advisor: Advisor) -> None:
    cols = st.columns([1, 1, 2])
    industry = cols[0].selectbox("行业", [ALL, *industries(advisor)], key="lib_industry")
    kind = KIND_CHOICES[cols[1].radio("类别", list(KIND_CHOICES), key="lib_kind", horizontal=True)]
    text = cols[2].text_input("关键词", key="lib_text")
    records = library_records(advisor, industry, kind, text)
    st.caption(f"共 {len(records)} 条记录")
    if not records:
        st.info("没有符合条件的记录。")
        return
    library_table(records)
    by_id = {r.id: r for r in records}
    chosen = st.selectbox("查看详情", list(by_id), key="lib_pick",
                          format_func=lambda i: f"{' '.join(by_id[i].title.split())}（{i}）")
    if chosen in by_id:
        render_card(by_id[chosen])
        asked = advisor.similar_questions(chosen)
        if asked:
            # A guideline can have twenty-odd questions (one group per clause): fold long lists.
            with st.expander(f"常见问法（{len(asked)} 条，员工常这样描述，检索时会匹配这些说法）",
                             expanded=len(asked) <= QUESTIONS_SHOWN_OPEN):
                st.markdown("\n".join(f"- {esc(q)}" for q in asked))


def corpus_report(advisor: Advisor) -> None:
    report = advisor.index.report
    if report is None:
        st.info("索引中没有语料报告。请重建索引：")
        st.code(REBUILD_COMMAND, language="bash")
        return
    m = advisor.index.manifest
    st.caption(f"编码器 {esc(m.encoder)} · 分词 {esc(m.tokenizer)} · 构建于 {esc(m.built_at)}")
    cols = st.columns(6)
    cols[0].metric("文件", len(report.files))
    cols[1].metric("案例（去重后）", report.n_cases)
    cols[2].metric("规程", report.n_guidelines)
    cols[3].metric("合并的重复记录", len(report.merged))
    cols[4].metric("剔除的噪声段落", sum(report.dropped_counts.values()))
    cols[5].metric("缺少处理步骤", len(report.missing_steps))
    st.markdown("##### 文件")
    st.dataframe([{"文件": f.file, "编码": f.encoding, "字数": f.chars, "案例": f.cases, "规程": f.guidelines,
                   "剔除": "，".join(f"{k} {v}" for k, v in f.dropped.items())} for f in report.files],
                 hide_index=True, width="stretch")
    if report.skipped:
        st.warning("跳过的文件：" + "；".join(esc(f"{s['file']}：{s['reason']}") for s in report.skipped))
    left, mid, right = st.columns(3)
    left.markdown("##### 按行业")
    left.dataframe([{"行业": k, "案例": v} for k, v in report.cases_by_industry.items()], hide_index=True)
    mid.markdown("##### 按格式")
    mid.dataframe([{"格式": k, "案例": v} for k, v in report.cases_by_format.items()], hide_index=True)
    right.markdown("##### 规程类型")
    right.dataframe([{"类型": GUIDELINE_KINDS.get(k, k), "条数": v} for k, v in report.guidelines_by_kind.items()],
                    hide_index=True)
    st.markdown("##### 合并的重复记录")
    st.dataframe([{"标题": r.title, "类别": "案例" if r.kind == "case" else "规程", "来源数": len(r.sources),
                   "来源": "；".join(r.sources)} for r in report.merged], hide_index=True, width="stretch")
    st.markdown("##### 剔除的噪声")
    st.dataframe([{"原因": reason, "段落数": n, "样例": " ｜ ".join(report.dropped_samples.get(reason, []))}
                  for reason, n in report.dropped_counts.items()], hide_index=True, width="stretch")
    st.markdown("##### 解析缺口")
    st.dataframe([{"问题": label, "案例": item} for label, items in (
        ("缺少处理步骤", report.missing_steps), ("处理步骤取自管理思考", report.derived_steps),
        ("缺少管理思考", report.missing_thinking)) for item in items], hide_index=True, width="stretch")
    if report.unfiled:
        st.caption(f"未归档段落：{report.unfiled}")


def _title_of(advisor: Advisor, record_id: str) -> str:
    try:
        return " ".join(advisor.get(record_id).title.split())
    except RecordNotFoundError:
        return "（已不在当前索引中）"


def feedback_report(advisor: Advisor) -> None:
    stats = feedback_stats(db_path(advisor))
    cols = st.columns(3)
    cols[0].metric("反馈总数", stats.total)
    cols[1].metric("有帮助", stats.helpful)
    cols[2].metric("没帮助", stats.not_helpful)
    if not stats.total:
        st.info("还没有反馈。在“咨询顾问”页点击结果下方的“有帮助 / 没帮助”即可记录。")
        return

    def table(rows):
        return [{"标题": _title_of(advisor, c.case_id), "编号": c.case_id, "有帮助": c.helpful,
                 "没帮助": c.not_helpful, "有帮助比例": f"{c.ratio:.0%}"} for c in rows]

    left, right = st.columns(2)
    left.markdown("##### 最有帮助")
    left.dataframe(table(stats.most_helpful), hide_index=True, width="stretch")
    right.markdown("##### 最没帮助")
    right.dataframe(table(stats.least_helpful), hide_index=True, width="stretch")


def library_page(advisor: Advisor) -> None:
    st.header("案例库")
    records_tab, report_tab, feedback_tab = st.tabs(["案例与规程", "语料报告", "反馈统计"])
    with records_tab:
        library_browser(advisor)
    with report_tab:
        corpus_report(advisor)
    with feedback_tab:
        feedback_report(advisor)


# ---------------------------------------------------------------- main


def sidebar_info(advisor: Advisor) -> None:
    m = advisor.index.manifest
    st.sidebar.caption(f"案例 {m.n_cases} 条 · 规程 {m.n_guidelines} 条")
    st.sidebar.caption(f"索引构建于 {esc(m.built_at)}")
    st.sidebar.caption("更新语料后运行：")
    st.sidebar.code(REBUILD_COMMAND, language="bash")


def main() -> None:
    st.set_page_config(page_title="投诉处理顾问", page_icon="📋", layout="wide")
    for key in PERSISTENT_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    st.sidebar.title("投诉处理顾问")
    page = st.sidebar.radio("功能", PAGES, key="page")
    advisor = ensure_advisor()
    sidebar_info(advisor)
    {"咨询顾问": search_page, "培训情景": training_page, "案例库": library_page}[page](advisor)


main()
