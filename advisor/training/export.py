"""Scenario card export (Markdown, JSON, Word) and the choice of precedents for a training pack."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from docx import Document
from docx.document import Document as DocxDocument

from advisor.models import Case
from advisor.training.scenario import DIFFICULTY_LABELS, Scenario

SECTION_HEADINGS: tuple[str, ...] = ("背景", "角色", "开场", "升级触发点", "学员目标", "评分", "参考答案")
RUBRIC_COLUMNS: tuple[str, ...] = ("评分项", "权重", "优", "良", "差")
_ORIGIN_LABELS = {"precedent": "来自先例", "persona": "来自角色类型"}

# ---------------------------------------------------------------- text safety

# ASCII characters that open inline markup, HTML, table cells or entities. Parentheses and "!" are
# left alone: they only form links/images after "[" / "]", which are escaped.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~&$])")
# Characters XML 1.0 cannot hold; python-docx raises on them.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def escape_md(text: str) -> str:
    """Make document text inert inside a Markdown card.

    Args:
        text: Text taken from a corpus document or typed by a trainer.

    Returns:
        One line of text whose markup characters are backslash-escaped, so a passage
        holding ``# ``, ``|``, ``<script>`` or ``[link](…)`` renders literally.
    """
    # Line breaks would let document text open its own blocks (headings, lists, tables).
    text = re.sub(r"\s*[\r\n]+\s*", " ", text).strip()
    text = _MD_INLINE.sub(r"\\\1", text)
    text = re.sub(r"^([-+=])", r"\\\1", text)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)


def _xml_safe(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


# ---------------------------------------------------------------- Markdown


def _meta_line(s: Scenario) -> str:
    return (
        f"**案例编号**:{escape_md(s.case_id)} · **行业**:{escape_md(s.industry)} · "
        f"**难度**:{DIFFICULTY_LABELS[s.difficulty]} · **随机种子**:{s.seed}"
    )


def _card_markdown(s: Scenario, title: str) -> list[str]:
    e = escape_md
    p = s.persona
    lines = [f"# {title}", "", _meta_line(s), "", "## 背景", "", e(s.background.facts) or "(无案情记录)", ""]
    if s.background.context:
        lines += [f"**情境**:{e(s.background.context)}", ""]
    lines += [f"*{e(s.background.source)}*", ""]

    lines += [
        "## 角色",
        "",
        f"- **性格类型**:{p.personality}",
        f"- **投诉心态**:{p.motive}",
        f"- **角色描述**:{e(p.description)}",
        f"- **情绪强度**:{p.intensity}/5 — {e(p.intensity_note)}",
        "- **扮演要点**:",
        *[f"  - {e(b)}" for b in p.behaviours],
        "- **类型依据(原文)**:",
        *[f"  - 「{e(src.quote)}」({e(src.source_file)})" for src in p.sources],
        "",
        "## 开场",
        "",
        f"> {e(s.opening)}",
        "",
        "## 升级触发点",
        "",
    ]
    lines += [
        f"- {'**启用**' if t.active else '备用'} · {e(t.text)}({_ORIGIN_LABELS[t.origin]})"
        for t in s.triggers
    ] or ["- (无)"]

    lines += ["", "## 学员目标", ""]
    for i, o in enumerate(s.objectives, 1):
        tag = "(通用原则)" if o.from_general_principles else "(先例处理步骤)"
        lines.append(f"{i}. {e(o.text)}{tag} — 观察点:{e(o.check)}")

    lines += [
        "",
        "## 评分",
        "",
        "| " + " | ".join(RUBRIC_COLUMNS) + " |",
        "|" + " --- |" * len(RUBRIC_COLUMNS),
    ]
    for c in s.rubric:
        name = e(c.name) + ("(通用原则)" if c.from_general_principles else "")
        lines.append(f"| {name} | {c.weight} | {e(c.excellent)} | {e(c.good)} | {e(c.poor)} |")
    lines += ["", f"权重合计:{sum(c.weight for c in s.rubric)}", ""]
    if s.deadlines:
        lines += ["**适用时限**:", "", *[f"- {e(d)}" for d in s.deadlines], ""]
    if s.grading:
        lines += ["**定级参考**:", "", *[f"- {e(g)}" for g in s.grading], ""]

    ref = s.reference
    lines += ["## 参考答案", ""]
    if ref.handling_steps:
        lines += ["**处理步骤**:", "", *[f"{i}. {e(x)}" for i, x in enumerate(ref.handling_steps, 1)], ""]
    if ref.management_thinking:
        lines += ["**管理思考**:", "", *[f"- {e(x)}" for x in ref.management_thinking], ""]
    if ref.improvements:
        lines += ["**改进措施**:", "", *[f"- {e(x)}" for x in ref.improvements], ""]
    if ref.outcome:
        lines += [f"**处理结果**:{e(ref.outcome)}", ""]
    if ref.note:
        lines += [f"*{e(ref.note)}*", ""]
    return lines


def scenario_to_markdown(s: Scenario) -> str:
    """Render one scenario card as Markdown.

    Args:
        s: The scenario.

    Returns:
        Markdown with the sections 背景, 角色, 开场, 升级触发点, 学员目标, 评分, 参考答案 as ``##`` headings;
        all document-derived text is escaped.
    """
    return "\n".join(_card_markdown(s, f"培训情景:{escape_md(s.case_title)}")).rstrip() + "\n"


def scenario_to_json(s: Scenario) -> str:
    """Serialize one scenario as readable JSON that `Scenario.model_validate_json` reads back.

    Args:
        s: The scenario.

    Returns:
        JSON text (UTF-8 characters kept, indented by 2).
    """
    return json.dumps(s.model_dump(mode="json"), ensure_ascii=False, indent=2)


def pack_to_markdown(scenarios: Sequence[Scenario]) -> str:
    """Render a training pack: a cover with a table of contents, then one card per section.

    Args:
        scenarios: The cards, in pack order.

    Returns:
        Markdown; cards are separated by horizontal rules.
    """
    lines = ["# 培训情景包", "", f"共 {len(scenarios)} 个情景。", "", "## 目录", ""]
    lines += [
        f"{i}. {escape_md(s.case_title)}({escape_md(s.industry)} · {DIFFICULTY_LABELS[s.difficulty]})"
        for i, s in enumerate(scenarios, 1)
    ] or ["(无情景)"]
    for i, s in enumerate(scenarios, 1):
        lines += ["", "---", ""]
        lines += _card_markdown(s, f"情景 {i}:{escape_md(s.case_title)}")
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------- Word


def _para(doc: DocxDocument, text: str, style: str | None = None, bold_lead: str = "") -> None:
    paragraph = doc.add_paragraph(style=style)
    if bold_lead:
        paragraph.add_run(_xml_safe(bold_lead)).bold = True
    paragraph.add_run(_xml_safe(text))


def _table(doc: DocxDocument, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = _xml_safe(text)


def _card_docx(doc: DocxDocument, s: Scenario, title: str, level: int) -> None:
    """Append one card; `level` is the card title's heading level (sections sit one below)."""
    sub = level + 1
    p = s.persona
    doc.add_heading(_xml_safe(title), level)
    _para(
        doc,
        f"案例编号:{s.case_id} · 行业:{s.industry} · 难度:{DIFFICULTY_LABELS[s.difficulty]} · 随机种子:{s.seed}",
    )

    doc.add_heading("背景", sub)
    _para(doc, s.background.facts or "(无案情记录)")
    if s.background.context:
        _para(doc, s.background.context, bold_lead="情境:")
    _para(doc, s.background.source)

    doc.add_heading("角色", sub)
    _para(doc, p.personality, bold_lead="性格类型:")
    _para(doc, p.motive, bold_lead="投诉心态:")
    _para(doc, p.description, bold_lead="角色描述:")
    _para(doc, f"{p.intensity}/5 — {p.intensity_note}", bold_lead="情绪强度:")
    _para(doc, "", bold_lead="扮演要点:")
    for b in p.behaviours:
        _para(doc, b, style="List Bullet")
    _para(doc, "", bold_lead="类型依据(原文):")
    for src in p.sources:
        _para(doc, f"「{src.quote}」({src.source_file})", style="List Bullet")

    doc.add_heading("开场", sub)
    _para(doc, s.opening, style="Quote")

    doc.add_heading("升级触发点", sub)
    for t in s.triggers:
        _para(
            doc,
            f"{t.text}({_ORIGIN_LABELS[t.origin]})",
            style="List Bullet",
            bold_lead="【启用】" if t.active else "【备用】",
        )

    doc.add_heading("学员目标", sub)
    for i, o in enumerate(s.objectives, 1):
        tag = "(通用原则)" if o.from_general_principles else "(先例处理步骤)"
        _para(doc, f"{o.text}{tag} — 观察点:{o.check}", bold_lead=f"{i}. ")

    doc.add_heading("评分", sub)
    _table(
        doc,
        RUBRIC_COLUMNS,
        [
            (
                c.name + ("(通用原则)" if c.from_general_principles else ""),
                str(c.weight),
                c.excellent,
                c.good,
                c.poor,
            )
            for c in s.rubric
        ],
    )
    _para(doc, f"权重合计:{sum(c.weight for c in s.rubric)}")
    if s.deadlines:
        _para(doc, "", bold_lead="适用时限:")
        for d in s.deadlines:
            _para(doc, d, style="List Bullet")
    if s.grading:
        _para(doc, "", bold_lead="定级参考:")
        for g in s.grading:
            _para(doc, g, style="List Bullet")

    doc.add_heading("参考答案", sub)
    ref = s.reference
    if ref.handling_steps:
        _para(doc, "", bold_lead="处理步骤:")
        for i, x in enumerate(ref.handling_steps, 1):
            _para(doc, f"{i}. {x}")
    for label, items in (("管理思考:", ref.management_thinking), ("改进措施:", ref.improvements)):
        if items:
            _para(doc, "", bold_lead=label)
            for x in items:
                _para(doc, x, style="List Bullet")
    if ref.outcome:
        _para(doc, ref.outcome, bold_lead="处理结果:")
    if ref.note:
        _para(doc, ref.note)


def _docx_bytes(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def scenario_to_docx(s: Scenario) -> bytes:
    """Render one scenario card as a Word document.

    Args:
        s: The scenario.

    Returns:
        The .docx file content; sections are headings, the rubric is a 评分项/权重/优/良/差 table.
    """
    doc = Document()
    _card_docx(doc, s, f"培训情景:{s.case_title}", level=0)
    return _docx_bytes(doc)


def pack_to_docx(scenarios: Sequence[Scenario]) -> bytes:
    """Render a training pack as one Word document: a cover with contents, then one card per page.

    Args:
        scenarios: The cards, in pack order.

    Returns:
        The .docx file content.
    """
    doc = Document()
    doc.add_heading("培训情景包", 0)
    _para(doc, f"共 {len(scenarios)} 个情景。")
    doc.add_heading("目录", 1)
    _table(
        doc,
        ("序号", "情景", "行业", "难度", "案例编号"),
        [
            (str(i), s.case_title, s.industry, DIFFICULTY_LABELS[s.difficulty], s.case_id)
            for i, s in enumerate(scenarios, 1)
        ],
    )
    for i, s in enumerate(scenarios, 1):
        doc.add_page_break()
        _card_docx(doc, s, f"情景 {i}:{s.case_title}", level=1)
    return _docx_bytes(doc)


# ---------------------------------------------------------------- pack selection

_TITLE_ENUM = re.compile(r"^\s*(?:案例\s*)?[((]?[0-9一二三四五六七八九十]{1,3}[))]?\s*[、.:.:]?\s*")


def _title_key(title: str) -> str:
    key = re.sub(r"[\W_]+", "", _TITLE_ENUM.sub("", title)).lower()
    # A bare "案例一" has nothing left after stripping its number; keep the number then.
    return key or re.sub(r"[\W_]+", "", title).lower()


def _near_identical(a: str, b: str) -> bool:
    """Same title up to numbering/punctuation, or ≥ 90 % similar with the same digits.

    The digit guard keeps "案例分析汇编 3" and "案例分析汇编 4" apart: compilations often number
    otherwise identical headings, and those are distinct precedents.
    """
    if a == b:
        return True
    digits_a, digits_b = re.findall(r"\d+", a), re.findall(r"\d+", b)
    return digits_a == digits_b and SequenceMatcher(None, a, b).ratio() >= 0.9


def select_pack_cases(cases: Sequence[Case], industry: str | None = None, count: int = 10) -> list[Case]:
    """Choose distinct precedents for a training pack.

    Cases with labelled handling steps come first (they give the most gradeable cards), then
    cases whose steps were derived from narrative, then narrative cases; ties keep input order.

    Args:
        cases: Candidate precedents.
        industry: Keep only this industry; None keeps all.
        count: How many to return at most.

    Returns:
        Up to `count` cases, no repeated id and no two near-identical titles.
    """
    pool = [c for c in cases if industry is None or c.industry == industry]
    ranked = sorted(enumerate(pool), key=lambda ic: (not ic[1].handling_steps, ic[1].steps_derived, ic[0]))
    chosen: list[Case] = []
    ids: set[str] = set()
    keys: list[str] = []
    for _, case in ranked:
        if len(chosen) >= count:
            break
        key = _title_key(case.title)
        if case.id in ids or any(_near_identical(key, k) for k in keys):
            continue
        chosen.append(case)
        ids.add(case.id)
        keys.append(key)
    return chosen
