"""Facts read from a staff query that the grading rules test: households, people, money, time, escalation cues."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import NamedTuple

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
        media, litigation, protest, collective_terms, injury, contract_breach, return_or_huge_claim, extortion:
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
    extortion: tuple[str, ...] = ()

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
    "collective_terms": tuple("集体 群诉 联名 群体 一起来 一起去 一起找 组团 结伴 多户 好几户 好多业主 很多业主 众多业主".split()),
    # (someone trapped, 被困 / 困梯 in a lift or a fire, is a safety incident before anyone is hurt)
    "injury": tuple("受伤 伤亡 摔伤 骨折 人身伤害 住院 死亡 身亡 烫伤 砸伤 划伤 咬伤 伤残 流血 被困 困梯 困人 中毒 晕倒 昏倒 昏迷"
                    " 触电 窒息 烧伤".split()),
    # a claim staff take for extortion or a groundless complaint ("狮子大开口", "职业打假")
    "extortion": tuple("敲诈 勒索 无理取闹 恶意投诉 职业打假 职业索赔 狮子大开口 漫天要价 讹".split()),
    "contract_breach": tuple(
        "违约 延期交房 逾期交房 延迟交房 延期交付 逾期交付 延迟交付 延期办证 逾期办证".split()
    ),
}
_RETURN_OR_CLAIM = re.compile(r"(?:要求|提出|申请|集体|闹着?|坚持|想)退房|巨额赔偿")
_NEGATION = re.compile(r"[不没未无别勿]")
_CLAIM = re.compile(r"理赔|拒赔|保险|保单|投保|重疾|[疗病外院]险")
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
    _PRE + _NUM + _MORE + r"\s*[个名位]?\s*(?:人|业主|客户|顾客|住户|居民|消费者|用户|家长|户主|车主|会员|学员|乘客|旅客|游客|患者|储户)" + _POST
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
    if _CLAIM.search(text):  # a hospital stay is what an insurance claim is for, not an injury the company caused
        flags["injury"] = tuple(t for t in flags["injury"] if t != "住院")
    claims = [m.group(0) for m in _RETURN_OR_CLAIM.finditer(text) if not _negated(text, m.start())]
    return QueryFacts(
        households=_households(text),
        people=_people(text),
        amount=_amount(text),
        unresolved_days=_unresolved_days(text),
        return_or_huge_claim=tuple(dict.fromkeys(claims)),
        **flags,
    )


