"""Tests for grading and deadline guidance: thresholds, the primary standard, citations against the real corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import KNOWLEDGE

from advisor.corpus.read import read_document
from advisor.errors import AdvisorError
from advisor.guidance import rulebook as guidance
from advisor.guidance.apply import apply_rules, guidance_for
from advisor.guidance.facts import QueryFacts, extract_facts
from advisor.guidance.rulebook import RuleBook, load_rules, resolve_citation
from advisor.models import GuidanceItem

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

GROUP = "xx地产客户群诉处理指引"
VANKE = "万科集团房地产客户投诉处理流程"
MECHANISM = "房地产客户投诉处理机制"
POLICY = "房地产客户投诉管理制度"
COMMODITY = "商品房客户投诉处理程序"
PROPERTY = "物业客户典型投诉攻略"


@pytest.fixture(scope="module")
def rulebook() -> RuleBook:
    return load_rules(CORPUS, KNOWLEDGE / "rules.json")


def grades(items: list[GuidanceItem]) -> dict[str, str]:
    return {i.standard: i.label for i in items if i.category == "grading"}


def deadlines(items: list[GuidanceItem], standard: str | None = None) -> list[str]:
    return [i.label for i in items if i.category == "deadline" and standard in (None, i.standard)]


# --------------------------------------------------------------------------- thresholds


@pytest.mark.parametrize(
    ("query", "standard", "expected"),
    [
        # 群诉指引: 超过5户 / 超过20户+过度维权 / 超过50户+过度维权
        ("5户业主投诉", GROUP, None),
        ("6户业主投诉", GROUP, "一般群诉"),
        ("20户业主拉横幅", GROUP, "一般群诉"),
        ("21户业主拉横幅", GROUP, "重大群诉"),
        ("30户业主投诉", GROUP, "一般群诉"),
        ("50户业主上访", GROUP, "重大群诉"),
        ("51户业主找媒体曝光", GROUP, "危机群诉"),
        ("业主在售楼处拉横幅", GROUP, "一般群诉"),
        # 万科: 3人以下 / 3–10人、≤1万元、半月未解决 / 10人以上、≥1万元、诉讼、媒体、游行、一个月未解决
        ("2名业主投诉", VANKE, "三级投诉"),
        ("3名业主投诉", VANKE, "二级投诉"),
        ("9名业主投诉", VANKE, "二级投诉"),
        ("10名业主投诉", VANKE, "一级投诉（重大投诉）"),
        ("要求赔偿9999元", VANKE, "二级投诉"),
        ("要求赔偿1万元", VANKE, "一级投诉（重大投诉）"),
        ("投诉14天还没解决", VANKE, None),
        ("投诉半个月还没解决", VANKE, "二级投诉"),
        ("投诉一个月还没解决", VANKE, "一级投诉（重大投诉）"),
        ("业主上街游行", VANKE, "一级投诉（重大投诉）"),
        # 处理机制: 诉讼、媒体、10人以上、一个月未解决 / 退房或巨额赔偿、人身伤亡
        ("9名业主投诉", MECHANISM, None),
        ("10名业主投诉", MECHANISM, "重大投诉"),
        ("业主在抖音曝光", MECHANISM, "重大投诉"),
        ("业主要求退房", MECHANISM, "危机事件"),
        ("电梯故障致业主受伤住院", MECHANISM, "危机事件"),
        # 管理制度 4.2: 2万以下/5人以下 · 2万~5万/5~10人 · 5万及以上/10人以上
        ("要求赔偿19999元", POLICY, "一般客户投诉"),
        ("要求赔偿2万元", POLICY, "较大客户投诉"),
        ("要求赔偿49999元", POLICY, "较大客户投诉"),
        ("要求赔偿5万元", POLICY, "重大客户投诉"),
        ("4名业主投诉", POLICY, "一般客户投诉"),
        ("5名业主投诉", POLICY, "较大客户投诉"),
        ("10名业主投诉", POLICY, "重大客户投诉"),
        ("业主找记者曝光", POLICY, None),
        # 商品房程序: 3000元以上、超过二周、合同违约、涉及面广、诉讼 / 2万元以上（含）、诉讼
        ("维修费2999元", COMMODITY, None),
        ("维修费3000元", COMMODITY, "重要问题"),
        ("维修费19999元", COMMODITY, "重要问题"),
        ("维修费2万元", COMMODITY, "特殊问题"),
        ("投诉两周了还没解决", COMMODITY, None),
        ("投诉半个月了还没解决", COMMODITY, "重要问题"),
        ("开发商延期交房", COMMODITY, "重要问题"),
        ("业主收到律师函", COMMODITY, "特殊问题"),
        # 物业攻略: 同一事项10户以上、影响较大、重大人身财产
        ("9户业主投诉停水", PROPERTY, None),
        ("10户业主投诉停水", PROPERTY, "重大/严重投诉"),
        ("业主发微博", PROPERTY, "重大/严重投诉"),
        ("小孩在小区摔伤", PROPERTY, "重大/严重投诉"),
    ],
)
def test_thresholds(rulebook: RuleBook, query: str, standard: str, expected: str | None) -> None:
    industry = "物业" if standard == PROPERTY else "房地产"
    assert grades(guidance_for(query, rulebook, industry)).get(standard) == expected


def test_thirty_odd_households_with_banner(rulebook: RuleBook) -> None:
    items = guidance_for("30 多户业主拉横幅", rulebook, "房地产")
    assert grades(items) == {
        GROUP: "重大群诉",
        VANKE: "一级投诉（重大投诉）",
        MECHANISM: "重大投诉",
        POLICY: "重大客户投诉",
        COMMODITY: "重要问题",
    }
    group = next(i for i in items if i.category == "grading" and i.standard == GROUP)
    assert any("30户以上业主" in m for m in group.matched)
    assert "拉横幅/条幅" in group.matched
    assert "危机群诉" in group.detail  # tells staff what would escalate it further
    assert group.citation.title == GROUP and group.citation.file.startswith("004_")
    assert {"6小时内向总部报备", "24小时内形成危机处理方案"} <= set(deadlines(items, GROUP))
    # The same complaint about property management is graded by the property standard only.
    property_items = guidance_for("30 多户业主拉横幅", rulebook, "物业")
    assert grades(property_items) == {PROPERTY: "重大/严重投诉"}
    assert "15分钟内通知管理处负责人，1小时内通知品质部" in deadlines(property_items, PROPERTY)


def test_many_households_without_protest_hints_escalation(rulebook: RuleBook) -> None:
    items = guidance_for("60户业主集体投诉", rulebook, "房地产")
    group = next(i for i in items if i.category == "grading" and i.standard == GROUP)
    assert group.label == "一般群诉"
    assert "将升为“危机群诉”" in group.detail


def test_amount_query(rulebook: RuleBook) -> None:
    items = guidance_for("业主赔偿要求5万元", rulebook, "房地产")
    got = grades(items)
    assert got[POLICY] == "重大客户投诉"
    assert got[COMMODITY] == "特殊问题"
    assert got[VANKE] == "一级投诉（重大投诉）"
    assert GROUP not in got and PROPERTY not in got
    policy = next(i for i in items if i.category == "grading" and i.standard == POLICY)
    assert policy.matched == ["涉及金额5万元（标准：5万元及以上）"]
    assert "重大问题不超过15天" in deadlines(items, COMMODITY)


def test_litigation_query(rulebook: RuleBook) -> None:
    items = guidance_for("业主已经向法院起诉开发商", rulebook, "房地产")
    got = grades(items)
    assert got[MECHANISM] == "重大投诉"
    assert got[COMMODITY] == "特殊问题"
    assert got[VANKE] == "一级投诉（重大投诉）"
    assert "1小时内书面上报营销分管领导" in deadlines(items, VANKE)
    assert "处理最长不超过一个月" in deadlines(items, COMMODITY)


def test_no_facts_gives_only_the_industrys_general_deadlines(rulebook: RuleBook) -> None:
    items = guidance_for("业主投诉电梯噪音太大", rulebook, "房地产")
    assert items and all(i.category == "deadline" for i in items)
    assert all(i.matched == ["房地产一般时限"] and i.industry == "房地产" for i in items)
    labels = set(deadlines(items))
    assert {"受理后24小时内落实处理部门", "简单投诉3个工作日内反馈"} <= labels
    assert "所有投诉24小时内回应" not in labels  # the property standard's: another industry
    # grade-specific limits must not leak into the general list
    assert not labels & {"6小时内向总部报备", "重大问题不超过15天", "1小时内书面上报营销分管领导"}


def test_grades_without_deadlines_still_show_general_ones(rulebook: RuleBook) -> None:
    items = guidance_for("两位业主投诉", rulebook, "房地产")
    assert grades(items) == {VANKE: "三级投诉", POLICY: "一般客户投诉"}
    assert deadlines(items) and all(i.industry == "房地产" for i in items)


@pytest.mark.parametrize("industry", ["汽车", "银行", "酒店", "电信", None])
def test_another_industrys_rules_never_apply(rulebook: RuleBook, industry: str | None) -> None:
    items = guidance_for("30 多户业主拉横幅，涉及金额5万元，要找媒体曝光", rulebook, industry)
    assert items == []  # the rulebook has only real-estate and property standards
    assert not any(i.matched == ["通用时限"] for i in items)


def test_one_primary_standard_and_the_others_folded(rulebook: RuleBook) -> None:
    items = guidance_for("30 多户业主拉横幅", rulebook, "房地产")
    primary = {i.standard for i in items if i.primary}
    assert len(primary) == 1
    assert {i.standard for i in items if not i.primary} and not primary & {i.standard for i in items if not i.primary}


def test_the_companys_own_rulebook_is_primary(rulebook: RuleBook) -> None:
    from dataclasses import replace

    own = RuleBook(tuple(replace(s, own=s.name == COMMODITY) for s in rulebook.standards))
    items = guidance_for("30 多户业主拉横幅", own, "房地产")
    assert {i.standard for i in items if i.primary} == {COMMODITY}


def test_apply_rules_does_not_change_its_inputs(rulebook: RuleBook) -> None:
    facts = extract_facts("30多户业主拉横幅")
    before = (facts, rulebook)
    apply_rules(facts, rulebook, "房地产")
    assert (facts, rulebook) == before and facts.households is not None
    assert apply_rules(QueryFacts(), RuleBook(standards=()), "房地产") == []


# --------------------------------------------------------------------------- citations


def test_resolve_citation_ignores_whitespace() -> None:
    text = "前言。\n重要问题的界定:a.发生费用\n\n在3000元 以上的;"
    cite = resolve_citation({"f.txt": text}, "f.txt", "重要问题的界定: a.发生费用在3000元以上的;", title="T")
    assert cite is not None and cite.title == "T"
    assert text[cite.start : cite.end] == "重要问题的界定:a.发生费用\n\n在3000元 以上的;"
    assert resolve_citation({"f.txt": text}, "f.txt", "不存在的句子") is None
    assert resolve_citation({"f.txt": text}, "other.txt", "重要问题") is None
    assert resolve_citation({"f.txt": text}, "f.txt", "  ") is None


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_rule_resolves_against_the_real_corpus(rulebook: RuleBook) -> None:
    spec = json.loads((KNOWLEDGE / "rules.json").read_text(encoding="utf-8"))
    rules = [r for s in spec["standards"] for r in (*s["grades"], *s["deadlines"])]
    assert rulebook.warnings == ()
    resolved = [r for s in rulebook.standards for r in (*s.grades, *s.deadlines)]
    assert len(resolved) == len(rules)
    for item in resolved:
        text = read_document(CORPUS / item.citation.file).text
        cited = text[item.citation.start : item.citation.end]
        assert _squash(cited) == _squash(item.rule.quote), item.rule.label
        assert item.citation.file == item.rule.source_file
    assert {s.name for s in rulebook.standards} >= {GROUP, VANKE, MECHANISM, POLICY, COMMODITY, PROPERTY}


def test_rule_numbers_match_their_quotes(rulebook: RuleBook) -> None:
    # Every numeric threshold of a grade must be written in the passage it cites.
    for std in rulebook.standards:
        for grade in std.grades:
            quote = _squash(grade.rule.quote)
            for group in grade.rule.any_of:
                for cond in group:
                    for bound in (cond.gt, cond.gte, cond.lt, cond.lte):
                        if not bound:
                            continue
                        forms = {
                            str(int(bound)),
                            f"{bound / 10_000:g}万",
                            {15: "半月", 14: "二周", 30: "一个月"}.get(int(bound), ""),
                        }
                        assert any(f and f in quote for f in forms), (std.name, grade.rule.label, bound)


def test_unresolvable_rules_are_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("一般质量问题处理不超过3个工作日", encoding="utf-8")
    rules = {
        "version": 1,
        "standards": [
            {
                "name": "测试标准",
                "grades": [
                    {
                        "label": "重大",
                        "detail": "d",
                        "any_of": [[{"fact": "households", "gte": 10}]],
                        "source_file": "a.txt",
                        "quote": "这句话不在文件里",
                    }
                ],
                "deadlines": [
                    {
                        "label": "三天",
                        "detail": "d",
                        "applies_to": ["general"],
                        "source_file": "a.txt",
                        "quote": "不超过3个 工作日",
                    },
                    {
                        "label": "缺文件",
                        "detail": "d",
                        "applies_to": ["general"],
                        "source_file": "missing.txt",
                        "quote": "x",
                    },
                ],
            }
        ],
    }
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    book = load_rules(tmp_path, path)
    assert [d.rule.label for s in book.standards for d in s.deadlines] == ["三天"]
    assert [g for s in book.standards for g in s.grades] == []
    assert len(book.warnings) == 2
    assert any("重大" in w and "a.txt" in w for w in book.warnings)
    assert any("missing.txt" in w for w in book.warnings)
    # the grade was dropped, so even a matching query falls back to the general deadline
    assert [i.label for i in guidance_for("12户业主", book, "房地产")] == ["三天"]


def test_invalid_rules_file_raises_named_error(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text(
        '{"version": 1, "standards": [{"name": "x", "grades": [{"label": "a"}]}]}', encoding="utf-8"
    )
    with pytest.raises(AdvisorError, match="规则文件"):
        load_rules(tmp_path, path)


def test_deadline_must_target_a_known_grade() -> None:
    bad = {
        "name": "x",
        "deadlines": [
            {"label": "d", "detail": "d", "applies_to": ["不存在"], "source_file": "a", "quote": "q"}
        ],
    }
    with pytest.raises(ValueError, match="unknown grades"):
        guidance.StandardRule.model_validate(bad)


def test_headcount_reason_names_its_source(rulebook: RuleBook) -> None:
    items = guidance_for("一位业主反映，同楼30多户都受影响", rulebook, "房地产")
    vanke = next(i for i in items if i.category == "grading" and i.standard == VANKE)
    assert vanke.label == "一级投诉（重大投诉）"
    assert vanke.matched == ["30户以上业主，按每户至少1人计（标准：10人及以上）"]


def test_report_cli_lists_rules_whose_citation_is_missing(tmp_path):
    """A corpus without the cited standards: the report says how many rules were left out, and why."""
    import subprocess
    import sys

    from helpers import make_corpus

    corpus = make_corpus(tmp_path, "re_cases.txt")
    out = subprocess.run([sys.executable, "-m", "advisor", "report", "--corpus", str(corpus)], capture_output=True,
                         text=True, cwd=Path(__file__).resolve().parent.parent, timeout=120)
    assert out.returncode == 0, out.stderr
    summary = next(line for line in out.stdout.splitlines() if line.startswith("定级与时限规则"))
    assert "0 条可用" in summary and "0 条告警" not in summary
    assert any(line.startswith("  ! ") for line in out.stdout.splitlines())
