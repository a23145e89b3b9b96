"""Split a passage into its numbered points (`1.` `1、` `⑴` `(1)` `一是` `A.` `•`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_CIRCLED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_BOUNDARY = r"(?:(?<=^)|(?<=[\n;；。:：!！?？\s,，】]))"
# A number followed by a unit is a quantity, not a list marker ("2006 年", "200 元", "24 小时").
_UNITS = "年月日号元万千百个户人天次%％小时分秒周期多余届岁倍平米台辆"


@dataclass(frozen=True)
class _Family:
    pattern: re.Pattern[str]
    value: callable  # type: ignore[valid-type]


def _cn_value(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_DIGITS.index(s[1]) + 1
    if s.endswith("十"):
        return (_CN_DIGITS.index(s[0]) + 1) * 10
    if "十" in s:
        a, b = s.split("十")
        return (_CN_DIGITS.index(a) + 1) * 10 + _CN_DIGITS.index(b) + 1
    return _CN_DIGITS.index(s) + 1


_FAMILIES: tuple[_Family, ...] = (
    _Family(re.compile(_BOUNDARY + r"\s*(\d{1,2})(?:[.．、](?!\d)|\s+(?=\S)|(?=[\u4e00-\u9fff“\"《]))(?![" + _UNITS + r"])"), int),
    _Family(re.compile(r"[(（](\d{1,2})[)）]"), int),
    _Family(re.compile("([" + _PAREN_CIRCLED + "])"), lambda s: _PAREN_CIRCLED.index(s) + 1),
    _Family(re.compile("([" + _CIRCLED + "])"), lambda s: _CIRCLED.index(s) + 1),
    _Family(re.compile(r"([" + _CN_DIGITS + r"]{1,2})是"), _cn_value),
    _Family(re.compile(_BOUNDARY + r"\s*([" + _CN_DIGITS + r"]{1,2})、"), _cn_value),
    _Family(re.compile(_BOUNDARY + r"\s*([A-Ha-h])[.．、)）]"), lambda s: ord(s.upper()) - ord("A") + 1),
)
_BULLET = re.compile(r"[•●➢◆▪■□]")
# A Markdown list item: "- " or "* " opening a line (a rule's points, when the caller asks for them).
_MD_BULLET = re.compile(r"[•●➢◆▪■□]|(?m:^[ \t]*[-*+][ \t]+(?=\S))")
_TRIM = " \t\n;；,，、"


def split_items(text: str, markdown: bool = False) -> tuple[str, list[str]]:
    """Split `text` into a lead-in and its numbered points (with `markdown`, also its "- " list items).

    Markers must count up from one in order (1, 2, 3…), which tells list markers apart from
    numbers inside sentences.

    Returns:
        `(lead, items)`; `items` is empty when the text has fewer than two points.
    """
    best: list[tuple[int, int]] = []
    for family in _FAMILIES:
        seq = _sequence(text, family)
        if len(seq) > len(best) or (len(seq) == len(best) and seq and seq[0][0] < best[0][0]):
            best = seq
    bullets = [(m.start(), m.end()) for m in (_MD_BULLET if markdown else _BULLET).finditer(text)]
    if len(bullets) >= 2 and len(bullets) > len(best):
        best = bullets
    if len(best) < 2:
        return text.strip(_TRIM), []
    lead = text[: best[0][0]].strip(_TRIM)
    items: list[str] = []
    for (_, end), (nxt, _) in zip(best, [*best[1:], (len(text), 0)], strict=True):
        item = text[end:nxt].strip(_TRIM)
        if item:
            items.append(item)
    return lead, items


def _sequence(text: str, family: _Family) -> list[tuple[int, int]]:
    """The longest run of markers numbered 1, 2, 3… (positions of each marker)."""
    found = [(m.start(), m.end(), family.value(m.group(1))) for m in family.pattern.finditer(text)]
    best: list[tuple[int, int]] = []
    for i, (start, end, value) in enumerate(found):
        if value != 1:
            continue
        seq = [(start, end)]
        expected = 2
        for s2, e2, v2 in found[i + 1 :]:
            if v2 == expected and s2 >= seq[-1][1]:
                seq.append((s2, e2))
                expected += 1
        if len(seq) > len(best):
            best = seq
    return best


def as_items(text: str) -> list[str]:
    """Numbered points of `text`, or its paragraphs when it has no numbering."""
    lead, items = split_items(text)
    if items:
        return [lead, *items] if lead else items
    return [p.strip(_TRIM) for p in text.split("\n") if p.strip(_TRIM)]


def dedupe_texts(items) -> list[str]:
    """Drop empty items, stray numbers ("4:", a page number left by a scrape) and repeats that differ only
    in punctuation or spacing (first one kept)."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = re.sub(r"[\W_]+", "", item)
        if len(re.sub(r"\d", "", key)) >= 2 and key not in seen:
            seen.add(key)
            out.append(item)
    return out
