"""Word (python-docx) and JSON rendering of trainer cards and packs."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument

from advisor.training.models import DIFFICULTY_LABELS, Card
from advisor.training.render_md import ORIGIN_LABELS, RUBRIC_COLUMNS, meta_line

# Characters XML 1.0 cannot hold; python-docx raises on them.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def card_to_json(card: Card) -> str:
    """Serialize one card as readable JSON that `Card.model_validate_json` reads back.

    Args:
        card: The card.

    Returns:
        JSON text (Chinese kept as characters, indented by 2).
    """
    return json.dumps(card.model_dump(mode="json"), ensure_ascii=False, indent=2)


def pack_to_json(cards: Sequence[Card]) -> str:
    """Serialize a pack as a JSON list of cards.

    Args:
        cards: The cards, in pack order.

    Returns:
        A JSON array whose items read back with `Card.model_validate` (as in `card_to_json`).
    """
    return json.dumps([c.model_dump(mode="json") for c in cards], ensure_ascii=False, indent=2)


def _safe(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _para(doc: DocxDocument, text: str, style: str | None = None, bold_lead: str = "") -> None:
    paragraph = doc.add_paragraph(style=style)
    if bold_lead:
        paragraph.add_run(_safe(bold_lead)).bold = True
    paragraph.add_run(_safe(text))


def _table(doc: DocxDocument, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = _safe(text)


def _bullets(doc: DocxDocument, label: str, items: Sequence[str]) -> None:
    if items:
        _para(doc, "", bold_lead=label)
        for item in items:
            _para(doc, item, style="List Bullet")


def _card(doc: DocxDocument, card: Card, title: str, level: int) -> None:
    """Append one card; `level` is the card title's heading level (its sections sit one below)."""
    sub, p = level + 1, card.persona
    doc.add_heading(_safe(title), level)
    _para(doc, meta_line(card))
    doc.add_heading("背景", sub)
    _para(doc, card.background.facts or "（无案情记录）")
    if card.background.context:
        _para(doc, card.background.context, bold_lead="情境：")
    _para(doc, card.background.source)
    doc.add_heading("角色", sub)
    for label, value in (("性格类型：", p.personality), ("投诉心态：", p.motive), ("角色描述：", p.description),
                         ("情绪强度：", f"{p.intensity}/5 — {p.intensity_note}")):
        _para(doc, value, bold_lead=label)
    _bullets(doc, "扮演要点：", p.behaviours)
    _bullets(doc, "类型依据：", [f"「{s.quote}」（{s.source_file}）" for s in p.sources])
    doc.add_heading("开场", sub)
    _para(doc, card.opening, style="Quote")
    doc.add_heading("升级触发点", sub)
    for t in card.triggers:
        line = f"{t.text}（{ORIGIN_LABELS[t.origin]}）" + (f" 客户会说：「{t.customer_line}」" if t.customer_line else "")
        _para(doc, line, style="List Bullet", bold_lead="【启用】" if t.active else "【备用】")
    doc.add_heading("学员目标", sub)
    for i, o in enumerate(card.objectives, 1):
        _para(doc, f"{o.text}（依据：{o.source or '培训师补充'}） — 观察点：{o.check}", bold_lead=f"{i}. ")
    doc.add_heading("评分", sub)
    _table(doc, RUBRIC_COLUMNS, [(c.name, str(c.weight), c.excellent, c.good, c.poor) for c in card.rubric])
    _para(doc, f"权重合计：{sum(c.weight for c in card.rubric)}")
    _para(doc, "、".join(f"「{a}」" for a in card.avoid_phrases), bold_lead="应避免的说法：")
    doc.add_heading("适用规定", sub)
    _bullets(doc, "处理时限：", card.deadlines)
    _bullets(doc, "定级参考：", card.grading)
    if not card.deadlines and not card.grading:
        _para(doc, "（未找到适用于本行业的时限或定级规定）")
    doc.add_heading("管理要点", sub)
    _para(doc, "复盘时讨论：公司层面的预防与改进，不作为学员当场的目标。")
    for m in card.management_points or ["（先例未列出）"]:
        _para(doc, m, style="List Bullet")
    doc.add_heading("参考答案", sub)
    ref = card.reference
    for i, x in enumerate(ref.handling, 1):
        _para(doc, x, bold_lead=f"{i}. ")
    if ref.outcome:
        _para(doc, ref.outcome, bold_lead="处理结果：")
    _bullets(doc, "案例分析：", ref.analysis)
    if ref.note:
        _para(doc, ref.note)


def _bytes(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def card_to_docx(card: Card) -> bytes:
    """Render one card as a Word document.

    Args:
        card: The card.

    Returns:
        The .docx content; sections are headings, the rubric is a 评分项/权重/优/良/差 table.
    """
    doc = Document()
    _card(doc, card, f"培训情景：{card.title}", level=0)
    return _bytes(doc)


def pack_to_docx(cards: Sequence[Card]) -> bytes:
    """Render a pack as one Word document: a cover with contents, then one card per page.

    Args:
        cards: The cards, in pack order.

    Returns:
        The .docx content.
    """
    doc = Document()
    doc.add_heading("培训情景包", 0)
    _para(doc, f"共 {len(cards)} 个情景。")
    doc.add_heading("目录", 1)
    _table(doc, ("序号", "情景", "行业", "投诉类型", "难度", "案例编号"),
           [(str(i), c.title, c.industry, c.complaint_type, DIFFICULTY_LABELS[c.difficulty], c.case_id)
            for i, c in enumerate(cards, 1)])
    for i, card in enumerate(cards, 1):
        doc.add_page_break()
        _card(doc, card, f"情景 {i}：{card.title}", level=1)
    return _bytes(doc)
