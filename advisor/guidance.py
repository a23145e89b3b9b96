"""Grading and deadline guidance (定级参考 / 处理时限) from a reviewed rules file with resolved citations."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from advisor.errors import AdvisorError
from advisor.models import Citation, GuidanceItem

RULES_PATH = Path(__file__).resolve().parent / "data" / "rules.json"

FactName = Literal["households", "people", "amount", "unresolved_days"]
FlagName = Literal[
    "media", "litigation", "protest", "collective", "injury", "contract_breach", "return_or_huge_claim"
]
# Tokens allowed in a deadline's `applies_to` besides the standard's own grade labels.
GENERAL = "general"
ANY_GRADE = "any_grade"


# --------------------------------------------------------------------------- rules file schema


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Spec):
    """One test on the query facts: a numeric range on `fact`, or any of `flags` present."""

    fact: FactName | None = None
    flags: tuple[FlagName, ...] = ()
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Condition:
        bounds = (self.gt, self.gte, self.lt, self.lte)
        if (self.fact is None) == (not self.flags):
            raise ValueError("a condition needs exactly one of `fact` or `flags`")
        if self.fact is not None and all(b is None for b in bounds):
            raise ValueError(f"condition on {self.fact!r} has no bound")
        if self.flags and any(b is not None for b in bounds):
            raise ValueError("a flags condition takes no bounds")
        return self


class GradeRule(_Spec):
    """One grade of a standard; it applies when every condition of any group in `any_of` holds."""

    label: str
    detail: str
    any_of: tuple[tuple[Condition, ...], ...]
    note: str = ""
    source_file: str
    quote: str


class DeadlineRule(_Spec):
    """One time limit; `applies_to` holds grade labels, `general` and/or `any_grade`."""

    label: str
    detail: str
    applies_to: tuple[str, ...]
    source_file: str
    quote: str


class StandardRule(_Spec):
    """One source standard: its grades (least to most severe) and its deadlines."""

    name: str
    industry: str = "通用"
    grades: tuple[GradeRule, ...] = ()
    deadlines: tuple[DeadlineRule, ...] = ()

    @model_validator(mode="after")
    def _known_targets(self) -> StandardRule:
        labels = {g.label for g in self.grades}
        for d in self.deadlines:
            unknown = set(d.applies_to) - labels - {GENERAL, ANY_GRADE}
            if unknown or not d.applies_to:
                raise ValueError(f"{self.name}: deadline {d.label!r} applies to unknown grades {sorted(unknown)}")
        return self


class RulesFile(_Spec):
    """The whole `rules.json`."""

    version: int
    description: str = ""
    standards: tuple[StandardRule, ...] = Field(min_length=1)


# --------------------------------------------------------------------------- resolved rule book


@dataclass(frozen=True)
class ResolvedGrade:
    rule: GradeRule
    citation: Citation


@dataclass(frozen=True)
class ResolvedDeadline:
    rule: DeadlineRule
    citation: Citation


@dataclass(frozen=True)
class Standard:
    name: str
    industry: str
    grades: tuple[ResolvedGrade, ...]
    deadlines: tuple[ResolvedDeadline, ...]


@dataclass(frozen=True)
class RuleBook:
    """Standards whose citations all resolved, plus one warning per rule that was left out."""

    standards: tuple[Standard, ...]
    warnings: tuple[str, ...] = ()


def resolve_citation(
    corpus_text_by_file: Mapping[str, str], source_file: str, quote: str, title: str = ""
) -> Citation | None:
    """Find where `quote` occurs in a corpus file, ignoring differences in whitespace.

    Args:
        corpus_text_by_file: Decoded text of each corpus file, keyed by file name.
        source_file: The file name the quote was copied from.
        quote: The passage, in the file's own script.
        title: Title for the citation (the standard's name).

    Returns:
        A citation with character offsets into the decoded text (first occurrence), or None
        when the file is unknown or the quote does not occur in it.
    """
    text = corpus_text_by_file.get(source_file)
    chars = [c for c in quote if not c.isspace()]
    if text is None or not chars:
        return None
    # Scraped text breaks lines mid-sentence, so any run of whitespace may sit between two characters.
    pattern = r"\s*".join(re.escape(c) for c in chars)
    match = re.search(pattern, text)
    if match is None:
        return None
    return Citation(title=title, file=source_file, start=match.start(), end=match.end())


def load_rules(corpus_dir: Path, rules_path: Path | None = None) -> RuleBook:
    """Read the rules file and resolve every citation against the corpus.

    Rules whose file is missing or whose quote cannot be found are left out and reported in
    `RuleBook.warnings`, so a changed corpus degrades the guidance instead of breaking search.

    Args:
        corpus_dir: Folder holding the corpus files named by the rules.
        rules_path: Rules file; defaults to the one shipped in `advisor/data/rules.json`.

    Returns:
        The resolved rule book.

    Raises:
        AdvisorError: The rules file itself is missing or invalid.
    """
    path = rules_path or RULES_PATH
    try:
        spec = RulesFile.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError) as exc:
        raise AdvisorError(f"规则文件无法读取或格式错误: {path} ({exc})") from exc

    warnings: list[str] = []
    texts = _read_sources(corpus_dir, spec, warnings)
    standards = []
    for std in spec.standards:
        grades = []
        for g in std.grades:
            cite = _cite(texts, std.name, g.label, g.source_file, g.quote, warnings)
            if cite is not None:
                grades.append(ResolvedGrade(g, cite))
        deadlines = []
        for d in std.deadlines:
            cite = _cite(texts, std.name, d.label, d.source_file, d.quote, warnings)
            if cite is not None:
                deadlines.append(ResolvedDeadline(d, cite))
        if grades or deadlines:
            standards.append(Standard(std.name, std.industry, tuple(grades), tuple(deadlines)))
    return RuleBook(tuple(standards), tuple(warnings))


def _read_sources(corpus_dir: Path, spec: RulesFile, warnings: list[str]) -> dict[str, str]:
    names = {r.source_file for s in spec.standards for r in (*s.grades, *s.deadlines)}
    texts = {}
    for name in sorted(names):
        try:
            # Decode without newline translation so offsets match the raw decoded file.
            texts[name] = (corpus_dir / name).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            warnings.append(f"规则引用的语料文件无法读取，相关规则已排除: {name} ({exc.__class__.__name__})")
    return texts


def _cite(
    texts: Mapping[str, str], standard: str, label: str, source_file: str, quote: str, warnings: list[str]
) -> Citation | None:
    cite = resolve_citation(texts, source_file, quote, title=standard)
    if cite is None and source_file in texts:
        warnings.append(f"《{standard}》“{label}”的引文未在 {source_file} 中找到，已排除")
    return cite


# --------------------------------------------------------------------------- facts from the query


class Quantity(NamedTuple):
    """A number read from the query; `more` when it was a lower bound (30多户, 5万元以上, 超过20户)."""

    value: float
    more: bool = False


@dataclass(frozen=True)
class QueryFacts:
    """What a staff query says about scale, money, time and escalation; each flag keeps its cue words."""

    households: Quantity | None = None
    people: Quantity | None = None
    amount: Quantity | None = None
    unresolved_days: Quantity | None = None
    media: tuple[str, ...] = ()
    litigation: tuple[str, ...] = ()
    protest: tuple[str, ...] = ()
    collective_terms: tuple[str, ...] = ()
    injury: tuple[str, ...] = ()
    contract_breach: tuple[str, ...] = ()
    return_or_huge_claim: tuple[str, ...] = ()

    @property
    def collective(self) -> tuple[str, ...]:
        """Cues of a collective complaint: explicit words plus visible protest actions."""
        return self.collective_terms + self.protest

    @property
    def headcount(self) -> Quantity | None:
        """People involved: stated people, or households when only those are given (≥1 per household)."""
        counts = [q for q in (self.people, self.households) if q is not None]
        return max(counts, key=lambda q: (q.value, q.more)) if counts else None

    def is_empty(self) -> bool:
        """True when the query gives nothing a grading rule can use."""
        return all(not getattr(self, f) for f in _FACT_FIELDS)


_FACT_FIELDS = (
    "households", "people", "amount", "unresolved_days", "media", "litigation", "protest",
    "collective_terms", "injury", "contract_breach", "return_or_huge_claim",
)

_FLAG_TERMS: dict[str, tuple[str, ...]] = {
    "media": ("记者", "媒体", "曝光", "电视台", "微博", "抖音", "快手", "小红书", "报社", "报纸", "新闻", "网上", "热搜", "舆论"),
    "litigation": ("起诉", "法院", "律师函", "诉讼", "仲裁", "打官司", "律师", "上诉", "立案"),
    "protest": ("横幅", "条幅", "标语", "静坐", "上访", "信访", "游行", "围堵", "堵门", "示威", "聚集"),
    "collective_terms": ("集体", "群诉", "联名", "群体"),
    "injury": ("受伤", "伤亡", "摔伤", "骨折", "人身伤害", "住院", "死亡", "身亡", "烫伤", "砸伤", "划伤", "咬伤", "伤残", "流血"),
    "contract_breach": ("违约", "延期交房", "逾期交房", "延迟交房", "延期交付", "逾期交付", "延迟交付", "延期办证", "逾期办证"),
}
_RETURN_OR_CLAIM = re.compile(r"(?:要求|提出|申请|集体|闹着?|坚持|想)退房|巨额赔偿")
_NEGATION = re.compile(r"[不没未无别勿]")
_CLAUSE_BREAK = re.compile(r"[,.;:!?，。；：！？、\s]")

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CNdef _fmt_bound(fact: str, value: float) -> str:
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
    return getattr(facts, flag)  # `collective` is a property that adds the protest cues


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
        if facts.people is None and facts.households is not None:
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
    """Name the next grade that is one missing condition away, so staff know what would escalate it."""
    for g in reversed(higher):  # name the most severe grade within reach
        for group in g.rule.any_of:
            missing = [c for c in group if _reason(facts, c) is None]
            if 0 < len(missing) < len(group):
                return f"若再出现{'、'.join(describe_condition(c) for c in missing)}，将升为{g.rule.label}。"
    return ""


def _grading_item(std: Standard, grade: ResolvedGrade, reasons: list[str], hint: str) -> GuidanceItem:
    detail = grade.rule.detail + (f"（说明：{grade.rule.note}）" if grade.rule.note else "") + hint
    return GuidanceItem(
        category="grading", standard=std.name, label=grade.rule.label, detail=detail,
        matched=reasons, citation=grade.citation,
    )


def _deadline_item(std: Standard, d: ResolvedDeadline, grade: str | None) -> GuidanceItem:
    return GuidanceItem(
        category="deadline", standard=std.name, label=d.rule.label, detail=d.rule.detail,
        matched=[f"适用等级：{grade}"] if grade else [], citation=d.citation,
    )


def apply_rules(facts: QueryFacts, rulebook: RuleBook) -> list[GuidanceItem]:
    """Grade the facts under every standard and list the time limits that follow.

    For each standard the highest grade whose conditions hold is reported, with the reasons, then
    that standard's deadlines for the grade. When no standard grades the query, or the grades found
    carry no time limit, the general deadlines are returned so staff always see one.

    Args:
        facts: Facts from `extract_facts`.
        rulebook: Rules from `load_rules`.

    Returns:
        Grading and deadline items in rules-file order, each with its citation.
    """
    items: list[GuidanceItem] = []
    for std in rulebook.standards:
        matched = [(i, g, r) for i, g in enumerate(std.grades) if (r := _grade_reasons(facts, g.rule))]
        if not matched:
            continue
        index, grade, reasons = matched[-1]
        hint = _escalation_hint(facts, std.grades[index + 1 :])
        items.append(_grading_item(std, grade, reasons, hint))
        label = grade.rule.label
        items.extend(
            _deadline_item(std, d, label)
            for d in std.deadlines
            if label in d.rule.applies_to or ANY_GRADE in d.rule.applies_to
        )
    if not any(item.category == "deadline" for item in items):
        items.extend(general_deadlines(rulebook))
    return items


def general_deadlines(rulebook: RuleBook) -> list[GuidanceItem]:
    """The time limits that hold for any complaint (e.g. 24小时内回应), from every standard."""
    return [
        _deadline_item(std, d, None) for std in rulebook.standards for d in std.deadlines if GENERAL in d.rule.applies_to
    ]


def guidance_for(query: str, rulebook: RuleBook) -> list[GuidanceItem]:
    """Grading and deadlines for a staff query: `apply_rules(extract_facts(query), rulebook)`."""
    return apply_rules(extract_facts(query), rulebook)
