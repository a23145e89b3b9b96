"""Grading and deadline guidance (定级参考 / 处理时限) from a reviewed rules file with resolved citations."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from advisor.errors import AdvisorError
from advisor.models import Citation, GuidanceItem
from advisor.corpus.read import UnreadableFile, read_document


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
                raise ValueError(
                    f"{self.name}: deadline {d.label!r} applies to unknown grades {sorted(unknown)}"
                )
        return self


class RulesFile(_Spec):
    """The whole `rules.json`."""

    version: int
    description: str = ""
    standards: tuple[StandardRule, ...] = Field(min_length=1)


# --------------------------------------------------------------------------- resolved rule book


@dataclass(frozen=True)
class ResolvedGrade:
    """A grade whose quote was found in the corpus."""

    rule: GradeRule
    citation: Citation


@dataclass(frozen=True)
class ResolvedDeadline:
    """A deadline whose quote was found in the corpus."""

    rule: DeadlineRule
    citation: Citation


@dataclass(frozen=True)
class Standard:
    """One source standard with its resolved grades (least to most severe) and deadlines."""

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
    if rules_path is None:
        return RuleBook(())
    path = rules_path
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
            # The corpus reader's decoding (BOM, encodings, line ends) keeps offsets aligned with SourceSpan.
            texts[name] = read_document(corpus_dir / name, name).text
        except (OSError, UnreadableFile) as exc:
            warnings.append(f"规则引用的语料文件无法读取，相关规则已排除: {name} ({exc})")
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
    """What a staff query says about scale, money, time and escalation.

    Attributes:
        households: Number of households (户).
        people: Number of people (人 / 名业主 / 位客户).
        amount: Money at stake, in yuan (the claimed or cost figure when one is named as such).
        unresolved_days: How long the complaint has gone unresolved, in days.
        media, litigation, protest, collective_terms, injury, contract_breach, return_or_huge_claim:
            The cue words found for each flag (empty when absent).
    """

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
        return not any(getattr(self, f.name) for f in fields(self))


# Cue words per flag; a cue right after a negation in the same clause (没有找记者) does not count.
_FLAG_TERMS: dict[str, tuple[str, ...]] = {
    "media": tuple("记者 媒体 曝光 电视台 微博 抖音 快手 小红书 报社 报纸 新闻 网上 热搜 舆论".split()),
    "litigation": tuple("起诉 法院 律师函 诉讼 仲裁 打官司 律师 上诉 立案".split()),
    "protest": tuple("横幅 条幅 标语 静坐 上访 信访 游行 围堵 堵门 示威 聚集".split()),
    "collective_terms": tuple("集体 群诉 联名 群体".split()),
    "injury": tuple("受伤 伤亡 摔伤 骨折 人身伤害 住院 死亡 身亡 烫伤 砸伤 划伤 咬伤 伤残 流血".split()),
    "contract_breach": tuple(
        "违约 延期交房 逾期交房 延迟交房 延期交付 逾期交付 延迟交付 延期办证 逾期办证".split()
    ),
}
_RETURN_OR_CLAIM = re.compile(r"(?:要求|提出|申请|集体|闹着?|坚持|想)退房|巨额赔偿")
_NEGATION = re.compile(r"[不没未无别勿]")
_CLAUSE_BREAK = re.compile(r"[,.;:!?，。；：！？、\s]")

_CN_DIGITS = {
    ch: n
    for n, chars in enumerate(("", "一", "二两俩", "三", "四", "五", "六", "七", "八", "九"))
    for ch in chars
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_VAGUE = {
    "几十": 20,
    "数十": 20,
    "十几": 10,
    "上百": 100,
    "几百": 100,
    "数百": 100,
    "上千": 1000,
    "几千": 1000,
}
_NUM = (
    r"(?P<num>\d+(?:\.\d+)?|几十|数十|上百|几百|数百|上千|几千"
    r"|[一二两俩三四五六七八九十百千][零〇一二两俩三四五六七八九十百千]*)"
)
_PRE = r"(?P<pre>超过|超出|多于|高于|不少于|至少|逾)?"
_MORE = r"\s*(?P<more>多|余|几)?"
_POST = r"(?P<post>以上|多|余)?"

_HOUSEHOLDS = re.compile(_PRE + _NUM + _MORE + r"\s*户(?![型口籍头])" + _POST)
_PEOPLE = re.compile(
    _PRE + _NUM + _MORE + r"\s*[个名位]?\s*(?:人|业主|客户|顾客|住户|居民|消费者|用户|家长|户主)" + _POST
)
_AMOUNT = re.compile(
    r"(?:[¥￥]\s*(?P<yen>\d+(?:\.\d+)?))|"
    + _PRE
    + r"(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*)"
    + r"\s*(?P<mult>[千万])?\s*(?P<more>多|余)?\s*(?P<unit>元|块|圆)?(?P<post>以上)?"
)
# After a bare 万 these mean area, counts or idioms (3万平米, 十万火急, 万一), not money.
_NOT_MONEY_AFTER_WAN = re.compile(r"[平㎡米户人字次件套台辆里步个火分一]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAIM_WORDS = re.compile(r"赔偿|补偿|索赔|赔付|退款|退还|损失|费用|金额|违约金|维修费|赔|要求")
_DURATION = re.compile(
    r"(?P<half>半个?月|半年)|"
    + _NUM
    + r"\s*(?P<more>多|余|几)?\s*个?\s*(?P<more2>多|余)?\s*(?P<unit>月|周|星期|礼拜|天|日|年)(?P<post>多)?"
)
_UNRESOLVED_AFTER = re.compile(
    r".{0,8}?(?:未解决|没解决|没有解决|未能解决|仍未|还未|还没|没人管|没人处理|无人处理|未处理|没处理|没有处理"
    r"|未回复|没回复|没有回复|没结果|没有结果|没给说法|没有说法|不了了之)"
)
_DRAGGED_BEFORE = re.compile(r"(?:拖了|拖|拖延了|等了|投诉了)\s*$")
_UNIT_DAYS = {"月": 30, "周": 7, "星期": 7, "礼拜": 7, "天": 1, "日": 1, "年": 365}


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc
    except ImportError:  # the caller already passes simplified text; conversion is only a safety net
        return None
    return opencc.OpenCC("t2s")


def _normalize(query: str) -> str:
    text = unicodedata.normalize("NFKC", query)
    converter = _t2s()
    return converter.convert(text) if converter is not None else text


def parse_cn_number(token: str) -> Quantity | None:
    """Read an Arabic or Chinese numeral (三十, 一百二, 两万, 一千五, 2.5, 几十).

    Args:
        token: The numeral, without unit.

    Returns:
        The value (with `more` for vague forms like 十几 or 三四十), or None if it is not a numeral.
    """
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return Quantity(float(token))
    if token in _CN_VAGUE:
        return Quantity(float(_CN_VAGUE[token]), True)
    total, section, digit, last_unit, vague = 0, 0, None, 1, False
    for ch in token:
        if ch in "零〇":
            digit, last_unit = None, 1
        elif ch in _CN_DIGITS:
            value = _CN_DIGITS[ch]
            if digit is not None:
                # 两三 / 三四 name a small range; keep its lower end as a lower bound
                if value != digit + 1:
                    return None
                vague = True
                continue
            digit = value
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit, last_unit = None, _CN_UNITS[ch]
        elif ch == "万":
            total += ((section + (digit or 0)) or 1) * 10_000
            section, digit, last_unit = 0, None, 10_000
        else:
            return None
    if digit is not None:
        # colloquial 一千五 / 两万五: a trailing digit counts in the unit one below the last one
        section += digit * (last_unit // 10 if last_unit >= 100 else 1)
    return Quantity(float(total + section), vague)


def _quantity(m: re.Match[str], scale: float = 1.0) -> Quantity | None:
    base = parse_cn_number(m.group("num"))
    if base is None:
        return None
    more = base.more or any(m.groupdict().get(g) for g in ("pre", "more", "more2", "post"))
    return Quantity(base.value * scale, bool(more))


def _max_quantity(items: list[Quantity]) -> Quantity | None:
    return max(items, key=lambda q: (q.value, q.more)) if items else None


def _households(text: str) -> Quantity | None:
    return _max_quantity([q for m in _HOUSEHOLDS.finditer(text) if (q := _quantity(m))])


def _people(text: str) -> Quantity | None:
    return _max_quantity([q for m in _PEOPLE.finditer(text) if (q := _quantity(m))])


def _money(m: re.Match[str], text: str) -> Quantity | None:
    if m.group("yen"):
        return Quantity(float(m.group("yen")))
    num, mult, unit = m.group("num"), m.group("mult"), m.group("unit")
    after = text[m.end() : m.end() + 1]
    if unit is None:
        # a bare number is money only with 万 (两万, 2.5万) and not before 平米/户/火急…
        if not (mult == "万" or num.endswith("万")) or _NOT_MONEY_AFTER_WAN.match(after):
            return None
    if after == "/":
        return None  # 5500元/㎡ is a unit price, not the sum at stake
    q = _quantity(m, 10_000 if mult == "万" else 1_000 if mult == "千" else 1)
    if q is None or q.value <= 0:
        return None
    if unit == "块" and q.value < 100 and after != "钱" and _CJK.match(after):
        return None  # 三块玻璃 counts pieces, 三块钱 is money
    return q


def _amount(text: str) -> Quantity | None:
    all_amounts, claimed = [], []
    for m in _AMOUNT.finditer(text):
        q = _money(m, text)
        if q is None:
            continue
        all_amounts.append(q)
        if _CLAIM_WORDS.search(text, max(0, m.start() - 8), m.start()):
            claimed.append(q)
    # "房款100万，要求赔偿5万": the sum at stake is the one named as a claim or cost.
    return _max_quantity(claimed or all_amounts)


def _unresolved_days(text: str) -> Quantity | None:
    found = []
    for m in _DURATION.finditer(text):
        # pos/endpos instead of slices keep long queries linear
        after = _UNRESOLVED_AFTER.match(text, m.end())
        if not (after or _DRAGGED_BEFORE.search(text, max(0, m.start() - 6), m.start())):
            continue
        if m.group("half"):
            found.append(Quantity(15.0 if "月" in m.group("half") else 182.0))
            continue
        q = _quantity(m, _UNIT_DAYS[m.group("unit")])
        if q is not None:
            found.append(q)
    return _max_quantity(found)


def _cues(text: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    hits = []
    for term in terms:
        if any(not _negated(text, m.start()) for m in re.finditer(re.escape(term), text)):
            hits.append(term)
    return tuple(hits)


def _negated(text: str, start: int) -> bool:
    # Look back only within the clause: "没有找记者" is negated, "不满，找记者" is not.
    clause = _CLAUSE_BREAK.split(text[max(0, start - 3) : start])[-1]
    return bool(_NEGATION.search(clause))


def extract_facts(query: str) -> QueryFacts:
    """Read households, people, money, unresolved time and escalation cues from a staff query.

    Numbers may be Arabic or Chinese (三十多户, 五万元, 2.5万); 多/余/以上/超过 make them lower bounds.

    Args:
        query: The complaint as staff described it (traditional text is converted to simplified).

    Returns:
        The facts found; empty fields when the query says nothing about them.
    """
    text = _normalize(query)
    flags = {name: _cues(text, terms) for name, terms in _FLAG_TERMS.items()}
    claims = [m.group(0) for m in _RETURN_OR_CLAIM.finditer(text) if not _negated(text, m.start())]
    return QueryFacts(
        households=_households(text),
        people=_people(text),
        amount=_amount(text),
        unresolved_days=_unresolved_days(text),
        return_or_huge_claim=tuple(dict.fromkeys(claims)),
        **flags,
    )


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
    "injury": "人身伤害",
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


def _grading_item(std: Standard, grade: ResolvedGrade, reasons: list[str], hint: str) -> GuidanceItem:
    detail = grade.rule.detail + (f"（说明：{grade.rule.note}）" if grade.rule.note else "") + hint
    return GuidanceItem(
        category="grading",
        standard=std.name,
        label=grade.rule.label,
        detail=detail,
        matched=reasons,
        citation=grade.citation,
    )


def _deadline_item(std: Standard, d: ResolvedDeadline, grade: str | None) -> GuidanceItem:
    scope = "通用时限" if grade is None or GENERAL in d.rule.applies_to else f"适用等级：{grade}"
    return GuidanceItem(
        category="deadline",
        standard=std.name,
        label=d.rule.label,
        detail=d.rule.detail,
        matched=[scope],
        citation=d.citation,
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
        _deadline_item(std, d, None)
        for std in rulebook.standards
        for d in std.deadlines
        if GENERAL in d.rule.applies_to
    ]


def guidance_for(query: str, rulebook: RuleBook) -> list[GuidanceItem]:
    """Grading and deadlines for a staff query: `apply_rules(extract_facts(query), rulebook)`."""
    return apply_rules(extract_facts(query), rulebook)
