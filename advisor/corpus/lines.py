"""Lines and fragments of a file being cleaned: the shared vocabulary of the cleaning stages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.corpus.doctext import Fragment
from advisor.text.terms import DOC_TITLE_ALTERNATION
from advisor.text.words import dictionary_words

TERMINAL = "。！？!?；;：:」』”\"）)】"
# A line that ends like a title is no sentence to continue ("…的解决方法", "…流程图").
_TITLE_END = re.compile(rf"(?:{DOC_TITLE_ALTERNATION}|方法|解析|流程图|处理)$")


@dataclass(frozen=True)
class Dropped:
    """A piece of text removed as noise, with the rule that removed it."""

    reason: str
    text: str
    start: int


@dataclass
class Line:
    frags: list[Fragment]
    text: str
    blank_before: bool


def text_of(simple: str, frags: list[Fragment]) -> str:
    return "".join(simple[s:e] for s, e in frags)


def trim(simple: str, frags: list[Fragment]) -> list[Fragment]:
    """Strip whitespace at both ends of a line (inner spaces are kept)."""
    frags = [(s, e) for s, e in frags if simple[s:e].strip()]
    if not frags:
        return []
    s0, e0 = frags[0]
    s0 += len(simple[s0:e0]) - len(simple[s0:e0].lstrip())
    frags[0] = (s0, e0)
    s1, e1 = frags[-1]
    e1 -= len(simple[s1:e1]) - len(simple[s1:e1].rstrip())
    frags[-1] = (s1, e1)
    return [(s, e) for s, e in frags if e > s]


def slice_fragments(frags: list[Fragment], a: int, b: int) -> list[Fragment]:
    """The fragments covering characters [a, b) of the paragraph text."""
    out: list[Fragment] = []
    offset = 0
    for s, e in frags:
        n = e - s
        lo, hi = max(a, offset), min(b, offset + n)
        if lo < hi:
            out.append((s + lo - offset, s + hi - offset))
        offset += n
    return out


def is_title(text: str) -> bool:
    if len(text) > 40 or text[-1] in TERMINAL or "，" in text or "," in text:
        return bool(re.match(r"^第[一二三四五六七八九十\d]+[篇章]", text)) and len(text) <= 40
    return bool(_TITLE_END.search(text)) or bool(re.match(r"^第[一二三四五六七八九十\d]+[篇章]", text))


def splits_word(tail: str, head: str) -> bool:
    """True when the line break falls inside a word ("…遇到了配" + "送延误…"): a hard wrap, not a heading."""
    left, right = tail[-4:], head[:4]
    pos = 0
    for word in dictionary_words(left + right):
        if pos < len(left) < pos + len(word):
            return True
        pos += len(word)
    return False


# A line of a record's particulars: "受理时间:2016-06-29", "答复日期：2024年5月3日" (no heading, never continued).
# Two Chinese characters in a row, or letter-spaced ("服 务 消 费"): a line that reads as a phrase.
CJK_PAIR = re.compile(r"[\u4e00-\u9fff][ \u3000]?[\u4e00-\u9fff]")
# A time of day ("9:30", "下午3:15"): alone on its line it stamps the entry below it (a call log's) and is no text.
CLOCK = re.compile(r"(?:上午|下午|晚上|早上|中午)?\d{1,2}[:：]\d{2}")
PARTICULAR = re.compile(r"^[\u4e00-\u9fff]{0,6}(?:时间|日期)\s*[:：]\s*[\d年月日\-/.: ]{6,}$")


# A "further reading" label: what follows it is another article ("…情况通报截图延伸阅读:" then another story).
FURTHER_WORDS = "延伸阅读|相关阅读|推荐阅读|扩展阅读|拓展阅读|相关报道|相关新闻"
FURTHER_READING = re.compile(rf"^(?:{FURTHER_WORDS})\s*[:：]?\s*$")
