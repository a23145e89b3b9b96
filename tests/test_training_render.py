"""Card and pack rendering: Markdown (escaped), JSON (round trip, a list for packs) and Word."""

from __future__ import annotations

import io
import json

import docx
import pytest
from test_training_fixtures import auto_case, estate_case, personas, property_case, rules

from advisor.text.markdown import escape_md
from advisor.training import (
    Card,
    CardOptions,
    build_card,
    card_to_docx,
    card_to_json,
    card_to_markdown,
    pack_to_docx,
    pack_to_json,
    pack_to_markdown,
)
from advisor.training.render_md import RUBRIC_COLUMNS, SECTION_HEADINGS

LIB = personas()


@pytest.fixture
def card() -> Card:
    return build_card(estate_case(), CardOptions(difficulty="medium", seed=4), rules=rules(), personas=LIB)


def _section(markdown: str, heading: str) -> str:
    start = markdown.index(f"## {heading}\n")
    ends = [i for i in (markdown.find(f"\n## {h}\n", start + 1) for h in SECTION_HEADINGS) if i > start]
    return markdown[start: min(ends) if ends else len(markdown)]


def test_markdown_sections_in_order_with_content(card: Card) -> None:
    md = card_to_markdown(card)
    positions = [md.index(f"\n## {h}\n") for h in SECTION_HEADINGS]
    assert positions == sorted(positions) and md.startswith("# 培训情景：")
    assert card.persona.personality in _section(md, "角色")
    assert "> " in _section(md, "开场")
    assert "客户会说" in _section(md, "升级触发点")
    assert "应急预案" in _section(md, "管理要点") and "应急预案" not in _section(md, "学员目标")
    assert "3个工作日" in _section(md, "适用规定")


def test_markdown_rubric_table(card: Card) -> None:
    scoring = _section(card_to_markdown(card), "评分")
    assert "| " + " | ".join(RUBRIC_COLUMNS) + " |" in scoring
    rows = [ln for ln in scoring.splitlines() if ln.startswith("| ") and "评分项" not in ln and "---" not in ln]
    assert len(rows) == len(card.rubric)
    assert sum(int(row.split(" | ")[1]) for row in rows) == 100


def test_markdown_escapes_document_text() -> None:
    hostile = auto_case().model_copy(update={
        "title": "<script>alert(1)</script> | 表格 **粗体** 维修质量问题",
        "facts": "某客户投诉维修质量。\n# 伪造标题\n- 伪造列表 [点我](http://x.example) $100",
    })
    md = card_to_markdown(build_card(hostile, CardOptions(), personas=LIB))
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "[点我](" not in md and "\\$100" in md
    assert [ln for ln in md.splitlines() if ln.startswith("## ")] == [f"## {h}" for h in SECTION_HEADINGS]


def test_escape_md_neutralises_line_starts() -> None:
    assert escape_md("- 列表") == "\\- 列表"
    assert escape_md("1. 编号") == "1\\. 编号"
    assert escape_md("a|b") == "a\\|b"
    assert "\n" not in escape_md("第一行\n# 第二行")


def test_json_round_trips(card: Card) -> None:
    text = card_to_json(card)
    assert Card.model_validate_json(text) == card
    assert "\\u" not in text and json.loads(text)["rubric"][0]["weight"] == card.rubric[0].weight


def test_docx_has_headings_rubric_table_and_opening(card: Card) -> None:
    document = docx.Document(io.BytesIO(card_to_docx(card)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert set(SECTION_HEADINGS) <= set(headings)
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == list(RUBRIC_COLUMNS)
    assert sum(int(row.cells[1].text) for row in table.rows[1:]) == 100
    assert card.opening in "\n".join(p.text for p in document.paragraphs)


def test_docx_survives_control_characters() -> None:
    case = auto_case().model_copy(update={"facts": "某客户投诉\x00\x07维修质量\x1f问题。"})
    document = docx.Document(io.BytesIO(card_to_docx(build_card(case, CardOptions(), personas=LIB))))
    assert any("维修质量问题" in p.text for p in document.paragraphs)


@pytest.fixture
def pack() -> list[Card]:
    return [build_card(c, CardOptions(seed=i), rules=rules(), personas=LIB)
            for i, c in enumerate((auto_case(), property_case()))]


def test_pack_markdown_has_mix_contents_and_cards(pack: list[Card]) -> None:
    md = pack_to_markdown(pack)
    assert md.startswith("# 培训情景包") and "**行业**：" in md and "**难度**：" in md
    contents = md[md.index("## 目录"): md.index("---")]
    assert f"1. {escape_md(pack[0].title)}" in contents and f"2. {escape_md(pack[1].title)}" in contents
    assert md.count("\n## 背景\n") == 2


def test_pack_json_is_a_list_of_cards(pack: list[Card]) -> None:
    data = json.loads(pack_to_json(pack))
    assert isinstance(data, list) and len(data) == 2
    assert [Card.model_validate(d) for d in data] == pack
    assert pack_to_json([]) == "[]"


def test_pack_docx_cover_and_a_page_per_card(pack: list[Card]) -> None:
    document = docx.Document(io.BytesIO(pack_to_docx(pack)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[:2] == ["培训情景包", "目录"] and headings.count("背景") == 2
    assert len(document.tables) == 3
    assert document.element.body.xml.count('w:type="page"') == 2
    assert "（无情景）" in pack_to_markdown([])
