"""A copy-ready response plan (处理方案) in Markdown, built from the top precedents and the guidance."""

from __future__ import annotations

import re

from advisor.feedback.store import mask_pii
from advisor.models import GuidanceItem, Hit

MAX_STEPS = 12
MAX_POINTS = 5
MAX_QUERY_CHARS = 500
DERIVED_MARK = "（摘自管理思考）"

# Characters that start Markdown inline formatting, links, tables, headings or Streamlit math.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|~$!])")
# Markers that only mean something at the start of a line (lists, quotes, setext rules).
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")
_STEP_NUMBERING = re.compile(
    r"^\s*(?:第?[一二三四五六七八九十\d]+[、.．)）:：步]|[(（][一二三四五六七八九十\d]+[)）]|[⑴-⒇①-⑳]|[A-Za-z][.、])\s*"
)
_NON_WORD = re.compile(r"[\W_]+")


def escape_md(text: str) -> str:
    """Make text from a query or a document safe to embed in Markdown.

    HTML is turned into entities, Markdown and Streamlit formatting characters are
    backslash-escaped and line breaks are folded, so the text shows literally and cannot
    open a heading, list, link, table or script.

    Args:
        text: Untrusted text.

    Returns:
        The escaped single-line text.
    """
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _BLOCK_START.sub(_escape_block_marker, text)


def _escape_block_marker(m: re.Match[str]) -> str:
    marker = m.group(2)
    # "1." is escaped as "1\." (a backslash before a digit is not an escape in CommonMark).
    return m.group(1) + (marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker)


def _step_key(step: str) -> str:
    # Two cases often word the same step with different numbering and punctuation.
    return _NON_WORD.sub("", _STEP_NUMBERING.sub("", step)).lower()


def _clean_step(step: str) -> str:
    return _STEP_NUMBERING.sub("", step).strip()


def _merge(hits: list[Hit], field: str, limit: int) -> list[tuple[str, list[Hit]]]:
    """Items of `field` across hits, in rank order, de-duplicated, each with the hits that gave it."""
    merged: list[tuple[str, list[Hit]]] = []
    index: dict[str, int] = {}
    for hit in hits:
        for raw in getattr(hit, field):
            text, key = _clean_step(raw), _step_key(raw)
            if not key:
                continue
            at = index.get(key)
            if at is None:
                at = next((i for k, i in index.items() if len(key) >= 6 and (key in k or k in key)), None)
            if at is None:
                if len(merged) >= limit:
                    continue
                index[key] = len(merged)
                merged.append((text, [hit]))
            elif hit not in merged[at][1]:
                merged[at][1].append(hit)
    return merged


def _titles(hits: list[Hit]) -> str:
    return "、".join(f"《{escape_md(h.title)}》" for h in hits)


def _files(hit: Hit) -> str:
    files = list(dict.fromkeys(s.file for s in hit.sources))
    return "、".join(escape_md(f) for f in files) if files else "（未记录）"


def _cite(item: GuidanceItem) -> str:
    c = item.citation
    return f"来源：{escape_md(c.file)} 第{c.start}–{c.end}字"


def _overview(query: str) -> list[str]:
    text = mask_pii(query).strip()
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS] + "…"
    return ["## 一、投诉概述", "", f"> {escape_md(text) or '（未填写）'}", ""]


def _grading(guidance: list[GuidanceItem]) -> list[str]:
    lines = ["## 二、定级参考", ""]
    items = [g for g in guidance if g.category == "grading"]
    for g in items:
        why = f"（依据：{escape_md('；'.join(g.matched))}）" if g.matched else ""
        lines.append(f"- **{escape_md(g.standard)}**：{escape_md(g.label)}{why}　{_cite(g)}")
    if not items:
        lines.append(
            "- 描述中未识别到户数、人数、金额、媒体曝光、诉讼等定级要素，请按一般投诉受理，并人工复核等级。"
        )
    return [*lines, ""]


def _deadlines(guidance: list[GuidanceItem]) -> list[str]:
    lines = ["## 三、处理时限", ""]
    items = [g for g in guidance if g.category == "deadline"]
    for g in items:
        lines.append(
            f"- **{escape_md(g.label)}**：{escape_md(g.detail)}（{escape_md(g.standard)}，{_cite(g)}）"
        )
    if not items:
        lines.append("- 未匹配到时限规定，请按公司投诉处理制度尽快回应客户。")
    return [*lines, ""]


def _steps(cases: list[Hit]) -> list[str]:
    lines = ["## 四、建议处理步骤", ""]
    merged = _merge(cases, "handling_steps", MAX_STEPS)
    for n, (step, hits) in enumerate(merged, 1):
        # A step is only "derived" if no source case states it as an actual handling step.
        mark = DERIVED_MARK if all(h.steps_derived for h in hits) else ""
        lines.append(f"{n}. {escape_md(step)}{mark} —— {_titles(hits)}")
    if not merged:
        lines.append("暂无可直接参考的处理步骤：请先安抚客户、核实情况、明确责任部门，并按上述时限回复客户。")
    return [*lines, ""]


def _points(cases: list[Hit]) -> list[str]:
    merged = _merge(cases, "management_thinking", MAX_POINTS)
    if not merged:
        return []
    lines = ["## 五、管理要点", ""]
    lines += [f"- {escape_md(point)} —— {_titles(hits)}" for point, hits in merged]
    return [*lines, ""]


def _references(cases: list[Hit], guidelines: list[Hit]) -> list[str]:
    lines = ["## 六、参考案例", ""]
    lines += [f"{n}. 《{escape_md(h.title)}》 —— 来源：{_files(h)}" for n, h in enumerate(cases, 1)]
    if not cases:
        lines.append(
            "未找到相近的先例案例。请依据上述定级参考与处理时限，按公司投诉处理制度处理，并及时上报主管。"
        )
    if guidelines:
        lines += ["", "相关制度："]
        lines += [f"- 《{escape_md(h.title)}》 —— 来源：{_files(h)}" for h in guidelines]
    return [*lines, ""]


def build_plan(query: str, hits: list[Hit], guidance: list[GuidanceItem], max_cases: int = 3) -> str:
    """Write a response plan staff can copy: overview, grade, deadlines, steps, points, references.

    Steps come from the top `max_cases` case hits in rank order, de-duplicated, each followed by
    the case it came from; steps a case only implied in its 管理思考 are marked as such. All text
    from the query or the documents is escaped and the query has personal data masked.

    Args:
        query: The complaint as staff described it.
        hits: Search results, best first (cases and guidelines).
        guidance: Grading and deadline items for the query.
        max_cases: How many top cases to draw steps and points from.

    Returns:
        The plan as Markdown (Simplified Chinese).
    """
    cases = [h for h in hits if h.kind == "case"][: max(0, max_cases)]
    guidelines = [h for h in hits if h.kind == "guideline"][:3]
    lines = ["# 投诉处理方案", "", "*以下内容根据相近先例与公司制度自动整理，使用前请结合实际核实。*", ""]
    lines += _overview(query)
    lines += _grading(guidance)
    lines += _deadlines(guidance)
    lines += _steps(cases)
    lines += _points(cases)
    lines += _references(cases, guidelines)
    return "\n".join(lines).rstrip() + "\n"
