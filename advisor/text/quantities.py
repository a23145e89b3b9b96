"""The amounts, durations and counts a text names (5.6万元, 两个多月, 38节课, 30户): staff quote the customer's
figures, and a precedent that tells the same figure is more likely the same kind of incident than one that does not.

`quantities` returns (value, unit) pairs with the unit normalised (块钱 → 元, 个多月 → 月, 万元 → value × 10000 元)."""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = (r"万元|万块|万|千元|千块|元|块钱|块|个多月|个月|多月|月|天|日|周|星期|年|小时|节课|节|次|台|户|公里|平方米|平米|岁"
          r"|张|分钟|倍|人|件|箱|斤|公斤")
_QUANTITY = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]{1,5})\s*(?:多|余|来)?\s*(" + _UNITS + ")")
_SAME = {"块钱": "元", "块": "元", "个多月": "月", "个月": "月", "多月": "月", "节课": "节", "日": "天", "平米": "平方米",
         "星期": "周"}
_YEARS = 1900  # 2025年 is a date, 3年 a duration
_SCALE = {"万元": (10000, "元"), "万块": (10000, "元"), "万": (10000, "元"), "千元": (1000, "元"), "千块": (1000, "元")}
# Figures that say little about the incident: one day, one time, one person.
_TRIVIAL = {(1.0, "天"), (1.0, "次"), (1.0, "人"), (1.0, "件"), (1.0, "台"), (1.0, "张"), (1.0, "年"), (2.0, "人")}


def _value(numeral: str) -> float | None:
    """An Arabic or a Chinese numeral up to the thousands (三十八, 一百二, 两千), or None."""
    if numeral[0].isdigit():
        return float(numeral)
    total, digit = 0, None
    for ch in numeral:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in "十百千":
            total += (1 if digit is None else digit) * {"十": 10, "百": 100, "千": 1000}[ch]
            digit = None
        else:
            return None
    return float(total + (digit or 0))


def _is_date(text: str, m: re.Match[str], value: float) -> bool:
    """A figure that dates the story (2025年, 3月 without 个, 14日 after a month), not an amount or a duration."""
    unit = m.group(2)
    if unit == "年":
        return value >= _YEARS
    if unit == "月":
        return True  # 3月 is March; three months is 3个月
    return unit == "日" and "月" in text[max(0, m.start() - 3) : m.start()]


def quantities(text: str) -> frozenset[tuple[float, str]]:
    """The (value, unit) figures `text` names, trivial ones left out."""
    found = set()
    for m in _QUANTITY.finditer(text):
        value = _value(m.group(1))
        if value is None or _is_date(text, m, value):
            continue
        unit = _SAME.get(m.group(2), m.group(2))
        scale, unit = _SCALE.get(unit, (1, unit))
        found.add((round(value * scale, 2), unit))
    return frozenset(found - _TRIVIAL)
