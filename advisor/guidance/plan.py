"""The copy-ready action plan (处理方案) as Markdown: the steps, grade, deadlines and phrases to avoid.

Everything taken from the query or the documents is escaped, and personal data in the query is
masked before it is written into a plan that may be copied or downloaded.
"""

from __future__ import annotations

from advisor.models import SearchResult
from advisor.text.markdown import escape_md
from advisor.text.pii import mask_pii

MAX_QUERY_CHARS = 500
NO_PRECEDENT = "（没有足够接近的先例可供参考，请按公司投诉处理流程办理。）"
NO_STEPS = "（先例中没有可直接采用的处理步骤，请参阅类似先例的处理结果。）"


def source_titles(result: SearchResult) -> dict[str, str]:
    """Title of every record the plan may cite (hits and cited guidelines), by id."""
    titles = {h.id: h.title for h in result.hits}
    titles.update({c.id: c.title for c in result.advice.cited})
    return titles


def plan_markdown(result: SearchResult) -> str:
    """The action plan of a search result as Markdown, each step with the documents it comes from."""
    advice = result.advice
    titles = source_titles(result)
    query = mask_pii(result.query)[:MAX_QUERY_CHARS]
    lines = ["# 投诉处理方案", "", f"**投诉概要：** {escape_md(query)}", ""]
    if result.industry:
        lines += [f"**行业：** {escape_md(result.industry)}", ""]
    if advice.grade:
        g = advice.grade
        lines += [f"**定级：** {escape_md(g.label)}（{escape_md(g.standard)}）", ""]
        lines += [f"- 依据：{escape_md(reason)}" for reason in g.matched] + [""]
    elif advice.signals:
        lines += [f"**升级情形：** {escape_md('、'.join(advice.signals))}（未匹配到定级标准，请按公司规定上报）", ""]
    if advice.deadlines:
        lines += ["## 处理时限", ""]
        lines += [f"- {escape_md(d.label)}（{escape_md(d.standard)}）" for d in advice.deadlines] + [""]
    lines += ["## 建议步骤", ""]
    if not advice.steps:
        lines.append(NO_STEPS if advice.resolutions else NO_PRECEDENT)
    for n, step in enumerate(advice.steps, 1):
        cites = "；".join(escape_md(titles.get(rid, rid)) for rid in step.sources)
        lines.append(f"{n}. {escape_md(step.text)}  \n   来源：{cites}")
    if advice.resolutions:
        lines += ["", "## 类似先例的处理结果", ""]
        for r in advice.resolutions:
            cites = "；".join(escape_md(titles.get(rid, rid)) for rid in r.sources)
            lines.append(f"- {escape_md(r.text)}  \n  来源：{cites}")
    if advice.avoid:
        lines += ["", "## 避免使用的说法", "", "、".join(escape_md(p) for p in advice.avoid)]
    return "\n".join(lines) + "\n"


def plan_text(result: SearchResult) -> str:
    """The same plan as plain text (for pasting into a ticket or a message)."""
    advice = result.advice
    titles = source_titles(result)
    lines = [f"投诉概要：{mask_pii(result.query)[:MAX_QUERY_CHARS]}"]
    if advice.grade:
        lines.append(f"定级：{advice.grade.label}（{advice.grade.standard}）")
    elif advice.signals:
        lines.append(f"升级情形：{'、'.join(advice.signals)}（未匹配到定级标准，请按公司规定上报）")
    lines += [f"时限：{d.label}（{d.standard}）" for d in advice.deadlines]
    lines.append("建议步骤：")
    for n, step in enumerate(advice.steps, 1):
        lines.append(f"{n}. {step.text}（来源：{'；'.join(titles.get(r, r) for r in step.sources)}）")
    if advice.resolutions:
        lines.append("类似先例的处理结果：")
        lines += [f"- {r.text}（来源：{'；'.join(titles.get(s, s) for s in r.sources)}）" for r in advice.resolutions]
    if advice.avoid:
        lines.append("避免说：" + "、".join(advice.avoid))
    return "\n".join(lines) + "\n"
