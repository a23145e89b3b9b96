"""Apply the rulebook to a query's facts: the grade under each standard and the deadlines that follow."""

from __future__ import annotations

from advisor.guidance.facts import Quantity, QueryFacts, extract_facts
from advisor.guidance.rulebook import (
    ANY_GRADE,
    GENERAL,
    Condition,
    GradeRule,
    ResolvedDeadline,
    ResolvedGrade,
    RuleBook,
    Standard,
)
from advisor.models import GuidanceItem
from advisor.text.terms import GENERAL as GENERAL_INDUSTRY

# --------------------------------------------------------------------------- applying the rules

# How each protest cue reads in a reason; 横幅 and 条幅 are the same act.
_PROTEST_PHRASES = {w: w for w in ("静坐", "上访", "游行", "示威", "聚集", "围堵")}
_PROTEST_PHRASES |= {
    "横幅": "拉横幅/条幅",
    "条幅": "拉横幅/条幅",
    "标语": "打标语",
    "信访": "上访",
    "堵门": "围堵",
}
_FLAG_LABELS = {
    "protest": "横幅、静坐、上访等群体行为",
    "media": "媒体曝光/网络传播",
    "litigation": "诉讼/仲裁",
    "collective": "集体投诉",
    "injury": "人身伤害或安全事故",
    "contract_breach": "合同违约",
    "return_or_huge_claim": "退房或巨额赔偿要求",
}


def _fmt_number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _fmt_yuan(value: float) -> str:
    return f"{_fmt_number(value / 10_000)}万元" if value >= 10_000 else f"{_fmt_number(value)}元"


def _fmt_days(days: float) -> str:
    if days >= 30 and days % 30 == 0:
        return f"{_fmt_number(days / 30)}个月"
    if days == 15:
        return "半个月"
    if days >= 7 and days % 7 == 0:
        return f"{_fmt_number(days / 7)}周"
    return f"{_fmt_number(days)}天"


def _fmt_bound(fact: str, value: float) -> str:
    if fact == "amount":
        return _fmt_yuan(value)
    if fact == "unresolved_days":
        return _fmt_days(value)
    return _fmt_number(value) + ("户" if fact == "households" else "人")


def describe_condition(cond: Condition) -> str:
    """The threshold of a condition in Chinese, e.g. "超过20户" or "1万元及以上"."""
    if cond.flags:
        return "或".join(_FLAG_LABELS[f] for f in cond.flags)
    parts = []
    if cond.gt is not None and cond.gt > 0:
        parts.append(f"超过{_fmt_bound(cond.fact, cond.gt)}")
    if cond.gte is not None:
        parts.append(f"{_fmt_bound(cond.fact, cond.gte)}及以上")
    if cond.lt is not None:
        parts.append(f"不足{_fmt_bound(cond.fact, cond.lt)}")
    if cond.lte is not None:
        parts.append(f"{_fmt_bound(cond.fact, cond.lte)}以下")
    text = "、".join(parts)
    return f"未解决{text}" if cond.fact == "unresolved_days" else text


def _fact_value(facts: QueryFacts, fact: str) -> Quantity | None:
    # A household has at least one person, so household counts also satisfy head-count thresholds.
    return facts.headcount if fact == "people" else getattr(facts, fact)


def _in_range(q: Quantity, cond: Condition) -> bool:
    v = q.value
    # A lower bound ("30多户") exceeds its stated value: it passes "超过30户" but fails "30户以下".
    if cond.gt is not None and not (v > cond.gt or (q.more and v >= cond.gt)):
        return False
    if cond.gte is not None and v < cond.gte:
        return False
    if cond.lt is not None and v >= cond.lt:
        return False
    return not (cond.lte is not None and (v > cond.lte or (q.more and v >= cond.lte)))


def _flag_cues(facts: QueryFacts, flag: str) -> tuple[str, ...]:
    return getattr(facts, flag)  # `collective` is a property, so it needs getattr rather than a field lookup


def _reason(facts: QueryFacts, cond: Condition) -> str | None:
    """Why `cond` holds for `facts` in Chinese, or None when it does not hold."""
    if cond.flags:
        found = [(f, _flag_cues(facts, f)) for f in cond.flags if _flag_cues(facts, f)]
        if not found:
            return None
        return "；".join(_flag_reason(f, cues) for f, cues in found)
    q = _fact_value(facts, cond.fact)
    if q is None or not _in_range(q, cond):
        return None
    more = "以上" if q.more else ""
    standard = f"（标准：{describe_condition(cond)}）"
    if cond.fact == "households":
        return f"{_fmt_number(q.value)}户{more}业主{standard}"
    if cond.fact == "people":
        if q != facts.people:  # the head count came from the household count
            return f"{_fmt_number(q.value)}户{more}业主，按每户至少1人计{standard}"
        return f"{_fmt_number(q.value)}人{more}{standard}"
    if cond.fact == "amount":
        return f"涉及金额{_fmt_yuan(q.value)}{more}{standard}"
    return f"投诉{_fmt_days(q.value)}{more}仍未解决{standard}"


def _flag_reason(flag: str, cues: tuple[str, ...]) -> str:
    if flag == "protest" or (flag == "collective" and all(c in _PROTEST_PHRASES for c in cues)):
        return "、".join(dict.fromkeys(_PROTEST_PHRASES[c] for c in cues if c in _PROTEST_PHRASES))
    return f"{_FLAG_LABELS[flag]}（{'、'.join(cues)}）"


def _group_reasons(facts: QueryFacts, group: tuple[Condition, ...]) -> list[str] | None:
    reasons = [_reason(facts, c) for c in group]
    return None if any(r is None for r in reasons) else [r for r in reasons if r]


def _grade_reasons(facts: QueryFacts, grade: GradeRule) -> list[str]:
    """Reasons from every satisfied condition group; empty when the grade does not apply."""
    reasons: list[str] = []
    for group in grade.any_of:
        for r in _group_reasons(facts, group) or []:
            if r not in reasons:
                reasons.append(r)
    return reasons


def _escalation_hint(facts: QueryFacts, higher: tuple[ResolvedGrade, ...]) -> str:
    """Name a higher grade that is only part-way met, so staff know what would escalate the case."""
    for g in reversed(higher):  # the most severe grade within reach matters most
        for group in g.rule.any_of:
            missing = [c for c in group if _reason(facts, c) is None]
            if 0 < len(missing) < len(group):
                wanted = "且".join(("出现" if c.flags else "") + describe_condition(c) for c in missing)
                return f"若{wanted}，将升为“{g.rule.label}”。"
    return ""


def _grading_item(std: Standard, grade: ResolvedGrade, reasons: list[str], hint: str, primary: bool) -> GuidanceItem:
    detail = grade.rule.detail + (f"（说明：{grade.rule.note}）" if grade.rule.note else "") + hint
    return GuidanceItem(category="grading", standard=std.name, label=grade.rule.label, detail=detail,
                        matched=reasons, citation=grade.citation, industry=std.industry, primary=primary)


def _deadline_item(std: Standard, d: ResolvedDeadline, grade: str | None, primary: bool) -> GuidanceItem:
    if grade is not None and GENERAL not in d.rule.applies_to:
        scope = f"适用等级：{grade}"
    else:
        scope = "通用时限" if std.industry == GENERAL_INDUSTRY else f"{std.industry}一般时限"
    return GuidanceItem(category="deadline", standard=std.name, label=d.rule.label, detail=d.rule.detail,
                        matched=[scope], citation=d.citation, industry=std.industry, primary=primary)


def applicable(std: Standard, industry: str | None) -> bool:
    """A standard applies to a complaint of its own industry, and a general standard to any complaint.
    With the industry unknown, only general standards apply: another industry's rules are never shown."""
    return std.industry == GENERAL_INDUSTRY or (industry is not None and std.industry == industry)


def apply_rules(facts: QueryFacts, rulebook: RuleBook, industry: str | None = None) -> list[GuidanceItem]:
    """Grade the facts under the standards of the complaint's industry and list the time limits that follow.

    One standard is primary: the company's own (`own` in the rulebook), else the one the query meets
    best; the others are returned with `primary=False` for the app to fold. When no standard grades
    the query, the general deadlines of the applicable standards are returned.

    Args:
        facts: Facts from `extract_facts`.
        rulebook: Rules from `load_rules`.
        industry: the complaint's industry (None when unclear).

    Returns:
        Grading and deadline items, primary standard first, each with its citation.
    """
    graded = []
    for std in (s for s in rulebook.standards if applicable(s, industry)):
        matched = [(i, g, r) for i, g in enumerate(std.grades) if (r := _grade_reasons(facts, g.rule))]
        if matched:
            index, grade, reasons = matched[-1]
            graded.append((std, index, grade, reasons))
    # Primary: the company's own rulebook; else the standard of the complaint's own industry whose
    # grade the query meets with most reasons (general standards last).
    graded.sort(key=lambda g: (not g[0].own, g[0].industry == GENERAL_INDUSTRY, -len(g[3])))
    items: list[GuidanceItem] = []
    for n, (std, index, grade, reasons) in enumerate(graded):
        hint = _escalation_hint(facts, std.grades[index + 1 :])
        items.append(_grading_item(std, grade, reasons, hint, primary=n == 0))
        label = grade.rule.label
        items.extend(_deadline_item(std, d, label, primary=n == 0) for d in std.deadlines
                     if label in d.rule.applies_to or ANY_GRADE in d.rule.applies_to)
    if not any(item.category == "deadline" for item in items):
        items.extend(general_deadlines(rulebook, industry))
    return items


def general_deadlines(rulebook: RuleBook, industry: str | None = None) -> list[GuidanceItem]:
    """The time limits that hold for any complaint (e.g. 24小时内回应) in the applicable standards;
    the first standard's are primary."""
    stds = sorted((s for s in rulebook.standards if applicable(s, industry)),
                  key=lambda s: (not s.own, s.industry == GENERAL_INDUSTRY))
    items = []
    for std in stds:
        items.extend(_deadline_item(std, d, None, primary=not items) for d in std.deadlines
                     if GENERAL in d.rule.applies_to)
    first = items[0].standard if items else ""
    return [i.model_copy(update={"primary": i.standard == first}) for i in items]


def guidance_for(query: str, rulebook: RuleBook, industry: str | None = None) -> list[GuidanceItem]:
    """Grading and deadlines for a staff query: `apply_rules(extract_facts(query), rulebook, industry)`."""
    return apply_rules(extract_facts(query), rulebook, industry)
