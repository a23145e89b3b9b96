"""Mask personal data (phones, ID/bank cards, e-mail, plates, door numbers) in stored or exported text.

Masking style — one rule everywhere: every hidden character becomes one ASCII ``*`` and every other
character (separators, country codes, place words, full-width digits that stay visible) is returned
exactly as written, so the masked text has the same length as the input.

=====================  ======================================  ==================================
What                   Kept visible                            Example
=====================  ======================================  ==================================
mobile                 +86 / 0086 prefix, first 3, last 4      +86 138-1234-5678 → +86 138-****-5678
landline               area code, last 4 of the local number   0755-12345678 → 0755-****5678
                       (also after +86 without the trunk 0)    +86 10 8765 4321 → +86 10 **** 4321
ID card (18 / 15)      first 6 (region), last 4 / last 3       110101 19900307 123X → 110101 ******** 123X
bank card (16–19)      first 4, last 4                         6222 0212 3456 7890 → 6222 **** **** 7890
e-mail                 first character, the whole domain       zhang.san＠qq.com → z********＠qq.com
QQ / WeChat id         last 2 of a QQ number, first of an id   QQ号123456789 → QQ号*******89
licence plate          province, city letter, last character   粤B·D12345 → 粤B·*****5, 京A12345 → 京A****5
door / room numbers    place words and letters, no digit       3栋2单元1502室 → *栋*单元****室
=====================  ======================================  ==================================

Mobile groups may be separated by spaces, dashes or dots (138.1234.5678); an 18-character ID may be
grouped in any way (1101 0119 9003 0712 3X) as long as its date digits are plausible; ``@`` may
have a space on either side. When the kept part would reveal everything (an e-mail local part of one character) the whole span is
hidden. Door numbers are masked in chains (``12号楼3层305``), after a road (``幸福路88号``), as
``N栋 / N幢 / N号楼 / N号院 / N单元 / N弄`` on their own (so a count such as 3栋楼 is masked too),
as rooms of three or more digits (``1502室``, ``305房间``) and as hyphen groups after an estate word
or before 室/房 (``幸福小区5-2-301``, ``5-301室``), also after 住在 / 家住 / 住址 / 地址
(``住在12-3-402``), and a door number ending a chain of units (``3单元402号``). A floor on its own (``住在12楼``) and a flat layout
(``3室1厅``) are not identifying and stay.

Kept on purpose: amounts, dates, times, durations and counts (5000元, 2.5万元, 2025年3月14日, 3月12号,
24小时, 7个工作日, 第3次, 30多户, 100平米); short service numbers (12315, 95588); and 400/800
hotlines (400-820-8820) — those are published company numbers, not personal data, and staff need
them in a plan. Any run of 16–19 digits is treated as a bank card (order numbers of that length are
masked too: privacy wins over convenience).

Matching runs on an NFKC-folded copy (one character per input character: full-width digits, ＠,
＋, －, the ideographic space and dash variants fold to ASCII), so offsets map straight back to the
original text. The rules are applied until nothing changes, which makes ``mask_pii`` idempotent by
construction: the final pass over the result has already been shown to mask nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

MASK = "*"

_DIGITS = frozenset("0123456789")
_ID_CHARS = _DIGITS | frozenset("Xx")
_ALNUM = _DIGITS | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_EMAIL_LOCAL = _ALNUM | frozenset("._%+-")

# NFKC leaves these dashes alone, but people type them between digit groups.
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63")


@dataclass(frozen=True)
class _Rule:
    """One pattern; its group ``m`` is the span whose `maskable` characters are hidden."""

    pattern: re.Pattern[str]
    head: int = 0
    tail: int = 0
    maskable: frozenset[str] = _DIGITS


def _rule(pattern: str, head: int = 0, tail: int = 0, maskable: frozenset[str] = _DIGITS) -> _Rule:
    return _Rule(re.compile(pattern), head, tail, maskable)


_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
# Units that, after a door number, mean "this is an address part" (longest first for the alternation).
_UNIT = "(?:号楼|号院|单元|房间|栋|幢|座|楼|层|室|房|弄)"
_SEG = rf"(?:[A-Za-z]?[0-9]{{1,5}}|[A-Za-z]){_UNIT}"
# What may follow a number that is an amount, a date, a time or a count rather than a door number.
_NOT_ADDRESS = r"(?![0-9.\-:]|[元块万千百亿个天年月日号时点分秒户人次平米㎡%度岁倍多余家位台辆套]|小时|公里)"
_TRAIL = rf"[0-9]{{2,5}}{_NOT_ADDRESS}"
_HYPHENS = r"(?!(?:19|20)[0-9]{2}-)[0-9]{1,4}(?:-[0-9]{1,4}){1,2}"  # not a date such as 2025-03-14
_ESTATE = "(?:小区|花园|家园|公寓|大厦|号楼|苑|园|村|栋|座|楼)"

_SEP = r"[ \-]"
_MSEP = r"[ \-.]"  # mobile groups: also 138.1234.5678
_AREA = r"(?:10|2[0-9]|[3-9][0-9]{2})"  # area codes without the trunk 0, as written after +86
_MMDD = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"


def _spaced(*classes: str) -> str:
    """Character classes joined so that one space or dash may stand between any two of them."""
    return f"{_SEP}?".join(classes)


_D = "[0-9]"
# An 18-character ID grouped in any way: region, a plausible year/month/day digit by digit, sequence, check.
_ID18_ANY_GROUPS = _spaced("[1-9]", *[_D] * 5, "[12]", "[089]", _D, _D, "[01]", _D, "[0-3]", _D, _D, _D, _D,
                           "[0-9Xx]")

# Order matters: the longest identifiers go first so a mobile pattern never bites into an ID or a card.
_RULES: tuple[_Rule, ...] = (
    _rule(
        r"(?<![A-Za-z0-9._%+\-])(?P<m>[A-Za-z0-9._%+\-]+) ?@ ?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+",
        1, 0, _EMAIL_LOCAL,
    ),
    _rule(
        rf"(?<![0-9])(?P<m>[1-9][0-9]{{5}}{_SEP}?(?:18|19|20)[0-9]{{2}}{_MMDD}{_SEP}?[0-9]{{3}}[0-9Xx])"
        r"(?![0-9Xx])",
        6, 4, _ID_CHARS,
    ),
    _rule(rf"(?<![0-9])(?P<m>[1-9][0-9]{{5}}{_SEP}?[0-9]{{2}}{_MMDD}{_SEP}?[0-9]{{3}})(?![0-9Xx])", 6, 3),
    _rule(rf"(?<![0-9])(?<![0-9]{_SEP})(?P<m>{_ID18_ANY_GROUPS})(?!{_SEP}?[0-9Xx])", 6, 4, _ID_CHARS),
    _rule(
        rf"(?<![0-9])(?P<m>[0-9]{{16,19}}|[0-9]{{4}}(?:{_SEP}[0-9]{{4}}){{3}}(?:{_SEP}[0-9]{{1,3}})?"
        rf"|[0-9]{{6}}{_SEP}[0-9]{{10,13}})(?![0-9])",
        4, 4,
    ),
    _rule(rf"(?<![0-9])(?:\(?(?:\+|00)?86\)?{_SEP}?)?(?P<m>1[3-9][0-9](?:{_MSEP}?[0-9]{{4}}){{2}})(?![0-9])",
          3, 4),
    _rule(rf"(?<![0-9])(?:\+|00)86{_SEP}?(?:\(0\))?(?:\(0?{_AREA}\)|0?{_AREA}){_SEP}?"
          rf"(?P<m>[0-9]{{3,4}}{_SEP}?[0-9]{{4}})(?![0-9])", 0, 4),
    _rule(rf"(?<![0-9])(?:\(0[1-9][0-9]{{1,2}}\)|0[1-9][0-9]{{1,2}}){_SEP}?(?P<m>[0-9]{{3,4}}{_SEP}?[0-9]{{4}})"
          r"(?![0-9])",
          0, 4),
    # Without an area code a 7–8 digit number is only a phone when the text says so.
    _rule(
        rf"(?:电话|座机|固话|致电|拨打|联系方式|[Tt]el|TEL)[^0-9\n]{{0,4}}?"
        rf"(?P<m>[2-9][0-9]{{2,3}}{_SEP}?[0-9]{{4}})(?![0-9])",
        0, 4,
    ),
    _rule(r"(?<![A-Za-z])(?:QQ|qq|Qq|扣扣)(?:号码?)?[: ]{0,2}(?P<m>[1-9][0-9]{4,11})(?![0-9])", 0, 2),
    _rule(r"(?:微信号?[: ]{0,2}|(?<![A-Za-z])(?:[Vv][Xx]|[Ww]e[Cc]hat)(?:号|[: ]{1,2}))"
          r"(?P<m>[A-Za-z][A-Za-z0-9_\-]{5,19})"
          r"(?![A-Za-z0-9_\-])", 1, 0, _ALNUM),
    _rule(
        rf"[{_PROVINCES}] ?[A-Za-z][ ·•・‧∙.\-]?"
        r"(?P<m>(?=[A-Za-z]{0,5}[0-9])[A-Za-z0-9]{5,6}|[A-Za-z0-9]{4}(?=[挂学警港澳]))(?![A-Za-z0-9])",
        0, 1, _ALNUM,
    ),
    # Address rules run widest first: a room rule must not eat the tail of 5-301室 before it is seen whole.
    _rule(rf"{_ESTATE} ?(?P<m>{_HYPHENS}){_NOT_ADDRESS}"),
    _rule(rf"(?:住在?|家住|住址|地址)[: ]{{0,2}}(?P<m>{_HYPHENS}){_NOT_ADDRESS}"),
    _rule(rf"(?<![0-9\-])(?P<m>{_HYPHENS})(?=室|房)"),
    _rule(rf"(?<![0-9.A-Za-z])(?P<m>{_SEG}(?: ?{_SEG})+(?:{_TRAIL})?|{_SEG}{_TRAIL}"
          rf"|{_SEG}(?: ?{_SEG})*[0-9]{{1,5}}(?=号(?!楼|院)))"),
    _rule(r"(?<![0-9.])(?P<m>[0-9]{1,5})(?:号楼|号院|栋|幢|单元|弄)"),
    _rule(r"(?<![0-9.])(?P<m>[0-9]{3,5})(?:室|房间|房)(?!厅)"),
    _rule(r"(?:路|街|大道|巷|弄|胡同)(?P<m>[0-9]{1,5}(?:-[0-9]{1,5})?)号"),
)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _DASHES:
        return "-"
    folded = unicodedata.normalize("NFKC", ch)
    # Only one-to-one foldings keep offsets valid; ligatures such as ㈱ → (株) stay as they are.
    return folded if len(folded) == 1 else ch


def _fold(text: str) -> list[str]:
    return [ch if ch < "\x80" else _fold_char(ch) for ch in text]


def _apply(rule: _Rule, work: list[str], out: list[str]) -> bool:
    """Mask every match of `rule` in both the folded copy and the output; True if anything changed."""
    changed = False
    for match in rule.pattern.finditer("".join(work)):
        positions = [i for i in range(*match.span("m")) if work[i] in rule.maskable]
        keep_head, keep_tail = rule.head, rule.tail
        if len(positions) <= keep_head + keep_tail:
            keep_head = keep_tail = 0  # showing the kept part would show it all
        for i in positions[keep_head : len(positions) - keep_tail]:
            work[i] = out[i] = MASK
            changed = True
    return changed


def mask_pii(text: str) -> str:
    """Hide personal data in free text, keeping a little of each identifier for readability.

    See the module docstring for what is masked, what is kept and the masking style. The result
    has the same length as `text`, differs from it only where it holds ``*``, and
    ``mask_pii(mask_pii(x)) == mask_pii(x)``.

    Args:
        text: Any string, e.g. a staff query or a generated plan.

    Returns:
        The text with personal identifiers masked.
    """
    work = _fold(text)
    joined = "".join(work)
    if "@" not in joined and not any(ch in _DIGITS for ch in joined):
        return text  # every rule needs a digit or an @
    out = list(text)
    # Each productive round turns at least one more character into "*", so the loop ends; the last
    # round changed nothing, which is what makes a second call a no-op.
    changed = True
    while changed:
        changed = False
        for rule in _RULES:
            changed = _apply(rule, work, out) or changed
    return "".join(out)
