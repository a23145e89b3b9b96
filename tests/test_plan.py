"""Tests for the copy-ready response plan: sections, merged steps, citations, escaping, masking."""

from __future__ import annotations

import re

import pytest

from advisor.models import Citation, GuidanceItem, Hit, SourceSpan
from advisor.guidance.plan import build_plan, escape_md

SECTIONS = [
    "# 投诉处理方案",
    "## 一、投诉概述",
    "## 二、定级参考",
    "## 三、处理时限",
    "## 四、建议处理步骤",
    "## 六、参考案例",
]


def hit(title: str, steps: list[str], thinking: list[str] | None = None, derived: bool = False, **kw) -> Hit:
    return Hit(
        kind=kw.pop("kind", "case"),
        id=title,
        title=title,
        score=0.9,
        handling_steps=steps,
        management_thinking=thinking or [],
        steps_derived=derived,
        sources=kw.pop("sources", [SourceSpan(file="001_a.txt", start=0, end=10)]),
        **kw,
    )


@pytest.fixture
def guidance() -> list[GuidanceItem]:
    return [
        GuidanceItem(
            category="grading",
            standard="xx地产客户群诉处理指引",
            label="重大群诉",
            detail="超过20至50户……",
            matched=["30户以上业主（标准：超过20户）", "拉横幅/条幅"],
            citation=Citation(
                title="xx地产客户群诉处理指引", file="004_9e11276aeb965d79.txt", start=291, end=372
            ),
        ),
        GuidanceItem(
            category="deadline",
            standard="xx地产客户群诉处理指引",
            label="24小时内形成危机处理方案",
            detail="群诉处理小组在24小时内完成初步决策意见，形成危机处理方案。",
            matched=["适用等级：重大群诉"],
            citation=Citation(
                title="xx地产客户群诉处理指引", file="004_9e11276aeb965d79.txt", start=2155, end=2191
            ),
        ),
    ]


@pytest.fixture
def hits() -> list[Hit]:
    return [
        hit(
            "延期交房引发群诉",
            ["1、成立群诉处理小组", "2、统一对外口径"],
            ["项目公司应提前准备应急预案"],
            sources=[
                SourceSpan(file="001_a.txt", start=0, end=5),
                SourceSpan(file="002_b.txt", start=3, end=9),
                SourceSpan(file="001_a.txt", start=7, end=8),
            ],
        ),
        hit(
            "业主拉横幅",
            ["(1) 成立群诉处理小组。", "安抚业主情绪"],
            ["项目公司应提前准备应急预案", "关注业主群舆情"],
        ),
        hit("工程质量群诉", ["全面排查同类问题"], derived=True),
        hit("第四个案例", ["不应出现的步骤"]),
        hit("相关制度", [], kind="guideline", guideline_kind="deadline"),
    ]


def test_sections_present(hits: list[Hit], guidance: list[GuidanceItem]) -> None:
    plan = build_plan("30多户业主拉横幅", hits, guidance)
    positions = [plan.index(s) for s in SECTIONS]
    assert positions == sorted(positions)
    assert "## 五、管理要点" in plan
    assert "> 30多户业主拉横幅" in plan


def test_steps_numbered_deduplicated_and_attributed(hits: list[Hit], guidance: list[GuidanceItem]) -> None:
    plan = build_plan("q", hits, guidance)
    steps = re.findall(r"^(\d+)\. (.+)$", plan.split("## 四、建议处理步骤")[1].split("## 五")[0], re.M)
    assert [int(n) for n, _ in steps] == [1, 2, 3, 4]
    texts = [t for _, t in steps]
    assert texts[0] == "成立群诉处理小组 —— 《延期交房引发群诉》、《业主拉横幅》"
    assert texts[1] == "统一对外口径 —— 《延期交房引发群诉》"
    assert texts[2] == "安抚业主情绪 —— 《业主拉横幅》"
    assert texts[3] == "全面排查同类问题（摘自管理思考） —— 《工程质量群诉》"
    assert "不应出现的步骤" not in plan  # only the top max_cases cases are used
    assert plan.count("项目公司应提前准备应急预案") == 1


def test_max_cases(hits: list[Hit], guidance: list[GuidanceItem]) -> None:
    plan = build_plan("q", hits, guidance, max_cases=1)
    assert "安抚业主情绪" not in plan and "《业主拉横幅》" not in plan
    assert "成立群诉处理小组 —— 《延期交房引发群诉》" in plan


def test_citations_present(hits: list[Hit], guidance: list[GuidanceItem]) -> None:
    plan = build_plan("q", hits, guidance)
    assert "**xx地产客户群诉处理指引**：重大群诉" in plan
    assert "30户以上业主（标准：超过20户）；拉横幅/条幅" in plan
    assert "来源：004\\_9e11276aeb965d79.txt 第291–372字" in plan
    assert "**24小时内形成危机处理方案**" in plan and "第2155–2191字" in plan
    assert "1. 《延期交房引发群诉》 —— 来源：001\\_a.txt、002\\_b.txt" in plan
    assert "相关制度：" in plan and "《相关制度》" in plan


def test_injection_is_escaped(guidance: list[GuidanceItem]) -> None:
    evil = hit(
        "<b>标题</b>", ["<script>alert(1)</script>", "**bold** [x](http://e)"], ["# 标题\n- 列表 | 表格 $x$"]
    )
    plan = build_plan(
        "<script>alert(1)</script> **bold** [x](http://e)\n# 注入标题\n- 注入列表", [evil], guidance
    )
    assert "<script>" not in plan and "<b>" not in plan
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in plan
    assert "**bold**" not in plan and "[x](http://e)" not in plan
    assert "\\*\\*bold\\*\\* \\[x\\](http://e)" in plan
    assert not re.search(r"^# 注入标题", plan, re.M) and not re.search(r"^- 注入列表", plan, re.M)
    assert "\\# 标题 - 列表 \\| 表格 \\$x\\$" in plan
    assert "《&lt;b&gt;标题&lt;/b&gt;》" in plan


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a_b*c`d", "a\\_b\\*c\\`d"),
        ("- 列表", "\\- 列表"),
        ("1. 编号", "1\\. 编号"),
        ("> 引用", "&gt; 引用"),
        ("a & b", "a &amp; b"),
        ("两行\n\n文字", "两行 文字"),
        ("普通中文，2万元", "普通中文，2万元"),
    ],
)
def test_escape_md(text: str, escaped: str) -> None:
    assert escape_md(text) == escaped


def test_pii_is_masked(hits: list[Hit], guidance: list[GuidanceItem]) -> None:
    plan = build_plan("业主张三电话13812345678，身份证110101199003071234", hits, guidance)
    assert "13812345678" not in plan and "110101199003071234" not in plan
    assert "138\\*\\*\\*\\*5678" in plan


def test_empty_hits_still_make_a_plan() -> None:
    plan = build_plan("业主投诉电梯噪音", [], [])
    for section in SECTIONS:
        assert section in plan
    assert "未找到相近的先例案例" in plan
    assert "未识别到户数、人数、金额" in plan
    assert "未匹配到时限规定" in plan
    assert "暂无可直接参考的处理步骤" in plan
    assert "## 五、管理要点" not in plan
    assert plan.endswith("\n")


def test_long_query_is_truncated(guidance: list[GuidanceItem]) -> None:
    plan = build_plan("漏" * 20_000, [], guidance)
    assert "漏" * 500 + "…" in plan and "漏" * 501 not in plan
