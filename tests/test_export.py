"""Tests for scenario card export (Markdown, JSON, Word) and training-pack case selection."""

from __future__ import annotations

import io
import json

import docx
import pytest

from advisor.training.export import (
    RUBRIC_COLUMNS,
    SECTION_HEADINGS,
    escape_md,
    pack_to_docx,
    pack_to_markdown,
    scenario_to_docx,
    scenario_to_json,
    scenario_to_markdown,
    select_pack_cases,
)
from advisor.models import Case, Citation, GuidanceItem, SourceSpan
from advisor.training.scenario import Scenario, ScenarioOptions, build_scenario


def _auto_case(
    case_id: str = "case-auto-airbag", title: str = "更换安全气囊后报警灯亮并收取抢修费引发投诉"
) -> Case:
    return Case(
        id=case_id,
        title=title,
        industry="汽车",
        facts=(
            "某客户车辆发生事故后,在维修站更换了主、副安全气囊;使用一段时间后发现安全气囊灯报警;"
            "维修站检测后发现是发生器连接线接线方式错误所致;并要求用户支付抢修费用;"
            "但是客户认为与维修站没有为其更换连接线有关,因此拒绝支付抢修费用。"
        ),
        management_thinking=[
            "客户反映车辆问题后,维修站没有首先核实自身问题而向客户收取费用,这是客户抱怨升级导致投诉的触发点"
        ],
        handling_steps=[
            "就维修技术及质量问题与客户沟通、致歉",
            "采取补救措施解决用户车辆故障问题必要时上门服务",
            "减免本次维修费用",
            "对维修当事人内部教育处理",
        ],
        sources=[SourceSpan(file="001_6b8e38dafb8a237f.txt", start=9100, end=9650)],
    )


def _narrative_case(case_id: str = "case-prop-lobby", title: str = "装修材料堆放大堂引发冲突") -> Case:
    return Case(
        id=case_id,
        title=title,
        industry="物业",
        facts="某业主在装修时把水泥、灰渣等材料堆放在一层大堂的门边,保安上前制止时与装修工发生了冲突。",
    )


GUIDANCE = [
    GuidanceItem(
        category="deadline",
        standard="物业投诉处理时限",
        label="24小时内回复",
        detail="一般属业户对管理处的投诉,务必在24小时内予以处理并回复业户",
        citation=Citation(title="丰富处理技巧", file="002_a17a0dff6b6ac628.txt", start=10, end=90),
    ),
    GuidanceItem(
        category="grading",
        standard="重大投诉认定",
        label="重大/严重投诉",
        detail="对同一事项投诉的业户达到10户以上",
        citation=Citation(title="丰富处理技巧", file="002_a17a0dff6b6ac628.txt", start=90, end=160),
    ),
]


@pytest.fixture
def scenario() -> Scenario:
    return build_scenario(_auto_case(), ScenarioOptions(difficulty="medium", seed=4), GUIDANCE)


def _section(markdown: str, heading: str) -> str:
    start = markdown.index(f"## {heading}\n")
    following = [markdown.find(f"\n## {h}\n", start + 1) for h in SECTION_HEADINGS]
    ends = [i for i in following if i > start]
    return markdown[start : min(ends) if ends else len(markdown)]


# ---------------------------------------------------------------- Markdown


def test_markdown_has_every_section_heading_in_order(scenario: Scenario) -> None:
    md = scenario_to_markdown(scenario)
    positions = [md.index(f"\n## {h}\n") for h in SECTION_HEADINGS]
    assert positions == sorted(positions)
    assert md.startswith("# 培训情景:")


def test_markdown_sections_hold_the_card_content(scenario: Scenario) -> None:
    md = scenario_to_markdown(scenario)
    assert scenario.persona.personality in _section(md, "角色")
    assert "> " in _section(md, "开场")
    assert "**启用**" in _section(md, "升级触发点")
    assert "减免本次维修费用" in _section(md, "学员目标")
    assert "减免本次维修费用" in _section(md, "参考答案")


def test_markdown_rubric_table_and_deadlines_in_scoring_section(scenario: Scenario) -> None:
    scoring = _section(scenario_to_markdown(scenario), "评分")
    assert "| 评分项 | 权重 | 优 | 良 | 差 |" in scoring
    rows = [
        line
        for line in scoring.splitlines()
        if line.startswith("| ") and "评分项" not in line and "---" not in line
    ]
    assert len(rows) == len(scenario.rubric)
    assert sum(int(row.split(" | ")[1]) for row in rows) == 100
    assert "24小时内回复" in scoring
    assert "重大/严重投诉" in scoring


def test_markdown_escapes_document_text() -> None:
    hostile = _auto_case(title="<script>alert(1)</script> | 表格 **粗体**")
    hostile.facts = "某客户投诉。\n# 伪造标题\n- 伪造列表 [点我](http://x.example)"
    md = scenario_to_markdown(build_scenario(hostile, ScenarioOptions()))
    assert "<script>" not in md
    assert "\\<script\\>" in md
    assert "\\*\\*粗体\\*\\*" in md
    assert "[点我](" not in md and "\\[点我\\]" in md
    assert not any(line.startswith("# 伪造") or line.startswith("- 伪造") for line in md.splitlines())
    assert [line for line in md.splitlines() if line.startswith("## ")] == [
        f"## {h}" for h in SECTION_HEADINGS
    ]


def test_escape_md_neutralises_line_starts() -> None:
    assert escape_md("- 列表") == "\\- 列表"
    assert escape_md("+ 列表") == "\\+ 列表"
    assert escape_md("1. 编号") == "1\\. 编号"
    assert escape_md("a|b") == "a\\|b"
    # Streamlit renders $…$ as LaTeX: a price range must stay literal text.
    assert escape_md("赔偿$100到$200") == "赔偿\\$100到\\$200"
    assert "\n" not in escape_md("第一行\n# 第二行")


# ---------------------------------------------------------------- JSON


def test_json_round_trips_into_scenario(scenario: Scenario) -> None:
    text = scenario_to_json(scenario)
    assert Scenario.model_validate_json(text) == scenario
    assert "安全气囊" in text and "\\u" not in text
    assert text.startswith('{\n  "case_id"')
    assert json.loads(text)["rubric"][0]["weight"] == scenario.rubric[0].weight


# ---------------------------------------------------------------- Word


def _headings(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def test_docx_opens_with_headings_and_rubric_table(scenario: Scenario) -> None:
    document = docx.Document(io.BytesIO(scenario_to_docx(scenario)))
    headings = _headings(document)
    assert set(SECTION_HEADINGS) <= set(headings)
    assert headings[0].startswith("培训情景:")
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == list(RUBRIC_COLUMNS)
    assert len(table.rows) == len(scenario.rubric) + 1
    assert sum(int(row.cells[1].text) for row in table.rows[1:]) == 100
    body = "\n".join(p.text for p in document.paragraphs)
    assert scenario.opening in body
    assert "24小时内回复" in body


def test_docx_survives_control_characters() -> None:
    case = _auto_case()
    case.facts = "某客户投诉\x00\x07维修质量\x1f问题。"
    s = build_scenario(case, ScenarioOptions())
    document = docx.Document(io.BytesIO(scenario_to_docx(s)))
    assert any("维修质量问题" in p.text for p in document.paragraphs)


# ---------------------------------------------------------------- packs


@pytest.fixture
def pack() -> list[Scenario]:
    cases = [_auto_case(), _narrative_case()]
    return [build_scenario(c, ScenarioOptions(seed=i), GUIDANCE) for i, c in enumerate(cases)]


def test_pack_markdown_has_contents_and_one_card_per_scenario(pack: list[Scenario]) -> None:
    md = pack_to_markdown(pack)
    assert md.startswith("# 培训情景包")
    contents = md[md.index("## 目录") : md.index("---")]
    assert "1. 更换安全气囊后报警灯亮并收取抢修费引发投诉" in contents
    assert "2. 装修材料堆放大堂引发冲突" in contents
    assert md.count("\n## 背景\n") == 2
    assert md.count("\n---\n") == 2
    assert "# 情景 2:装修材料堆放大堂引发冲突" in md


def test_pack_docx_has_cover_table_and_a_page_per_card(pack: list[Scenario]) -> None:
    blob = pack_to_docx(pack)
    document = docx.Document(io.BytesIO(blob))
    headings = _headings(document)
    assert headings[:2] == ["培训情景包", "目录"]
    assert headings.count("背景") == 2
    contents = document.tables[0]
    assert [c.text for c in contents.rows[0].cells][:2] == ["序号", "情景"]
    assert len(contents.rows) == 3
    assert len(document.tables) == 3  # contents + one rubric table per card
    assert document.element.body.xml.count('w:type="page"') == 2


def test_empty_pack_still_renders() -> None:
    assert "(无情景)" in pack_to_markdown([])
    assert _headings(docx.Document(io.BytesIO(pack_to_docx([]))))[0] == "培训情景包"


def test_select_pack_cases_drops_duplicates_and_prefers_steps() -> None:
    cases = [
        _narrative_case(),
        _auto_case(),
        _auto_case(),  # same id again
        _auto_case(case_id="dup-title", title="更换安全气囊后报警灯亮并收取抢修费引发投诉。"),
        _auto_case(case_id="dup-numbered", title="一、更换安全气囊后报警灯亮并收取抢修费引发投诉"),
        _auto_case(case_id="auto-3", title="案例分析汇编 3"),
        _auto_case(case_id="auto-4", title="案例分析汇编 4"),
    ]
    chosen = select_pack_cases(cases, count=10)
    ids = [c.id for c in chosen]
    assert ids == ["case-auto-airbag", "auto-3", "auto-4", "case-prop-lobby"]
    assert len(set(ids)) == len(ids)
    assert select_pack_cases(cases, count=10) == chosen


def test_select_pack_cases_filters_industry_and_count() -> None:
    cases = [_narrative_case(), _auto_case(), _auto_case(case_id="a2", title="预约礼品未兑现引发态度投诉")]
    assert [c.id for c in select_pack_cases(cases, industry="物业")] == ["case-prop-lobby"]
    assert [c.id for c in select_pack_cases(cases, count=2)] == ["case-auto-airbag", "a2"]
    assert select_pack_cases(cases, industry="银行") == []
    assert select_pack_cases(cases, count=0) == []
