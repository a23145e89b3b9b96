"""Sentence and clause helpers shared by the card builders: tidy, split, finish, check completeness."""

from __future__ import annotations

import re
from collections.abc import Iterable

from advisor.text.items import dedupe_texts
from advisor.text.normalize import to_simplified

SENTENCE_END = "。！？!?"
_SENTENCE_MARKS = "。！？!?；;\n"
_CLAUSE_MARKS = "，,；;：:"
_OPEN_QUOTES, _CLOSE_QUOTES = "“「『（(《", "”」』）)》"
_ENUM_PREFIX = re.compile(
    r"^\s*(?:#+\s*)?(?:[(（]?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[A-Za-z])\s*[)）]|"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[A-Ha-h])\s*[、.．:：](?!\d)|[⑴-⒇①-⑳•●➢◆▪■□])\s*"
)
_TRAILING = re.compile(r"[\s,，、:：;；。.!！?？]+$")
_SPACE_NEAR_CJK = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")
# A sentence that stops on one of these is cut off mid-clause ("…等问题前", "…导致").
_DANGLING_END = re.compile(
    r"(?:[和及与或并且而把被将让给向对在从于为因由等以之、—-]|(?<![天年月周日时钟])[前后]|导致|因为|由于|如果|但是|以及|或者|例如|比如|包括)$"
)
_PAIRS = ("（）", "()", "“”", "《》", "「」", "【】", "[]")


def tidy(text: str) -> str:
    """Simplified script, no whitespace between Chinese characters, single spaces elsewhere."""
    text = to_simplified(text or "")
    return re.sub(r"\s+", " ", _SPACE_NEAR_CJK.sub("", text)).strip()


def tidy_lines(text: str) -> str:
    """`tidy` applied line by line, so line breaks still separate sentences."""
    return "\n".join(tidy(line) for line in (text or "").split("\n"))


def strip_item(text: str) -> str:
    """A list item without its numbering, surrounding spaces or trailing punctuation."""
    text = tidy(text)
    for _ in range(2):  # extraction sometimes repeats the number ("1、1 服务经理…")
        text = _ENUM_PREFIX.sub("", text, count=1)
    return _TRAILING.sub("", text).strip()


def _split(text: str, marks: str, keep: bool) -> list[str]:
    """Split on `marks` outside quotes and brackets (a question quoted inside a sentence stays in it)."""
    parts, current, depth = [], [], 0
    for ch in text:
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        if ch in marks and (depth == 0 or ch == "\n"):
            if keep and ch != "\n":
                current.append(ch)
            parts.append("".join(current))
            current, depth = [], 0
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def sentences(text: str) -> list[str]:
    """Sentences of `text` (split on 。！？； and line breaks), numbering and end punctuation removed."""
    out = []
    for part in _split(tidy_lines(text), _SENTENCE_MARKS, keep=True):
        part = strip_item(part)
        if part and re.search(r"[\u4e00-\u9fff]", part):
            out.append(part)
    return out


def clauses(sentence: str) -> list[str]:
    """Comma/semicolon/colon clauses of one sentence, stripped, empties dropped."""
    parts = _split(sentence, _CLAUSE_MARKS, keep=False)
    # A quotation glued to the next clause ("…一句：“…？”其中一位…") ends its own clause.
    parts = [piece for part in parts for piece in re.split(r"(?<=[。！？!?][”」])(?=[\u4e00-\u9fff])", part)]
    return [c.strip() for c in parts if c.strip()]


def balanced(text: str) -> bool:
    """Every bracket or quote pair that opens in `text` also closes in it."""
    return all(text.count(a) == text.count(b) for a, b in _PAIRS)


def without_unpaired(text: str) -> str:
    """`text` without the marks of any bracket or quote pair that does not close in it (a title cut from a page:
    "「重疾险作为家庭风险的“安全垫”" keeps its “…” and loses the 「)."""
    for a, b in _PAIRS:
        if text.count(a) != text.count(b):
            text = text.replace(a, "").replace(b, "")
    return text


def is_complete(text: str) -> bool:
    """A sentence ends with 。！？, has balanced brackets and does not stop mid-clause.

    Args:
        text: One sentence (or a few) as shown on a card.

    Returns:
        True when the text reads as finished sentences.
    """
    text = text.strip()
    core = text.rstrip("”」）)") if text[-1:] in "”」）)" else text
    if len(core) < 4 or core[-1] not in SENTENCE_END or not balanced(text):
        return False
    return not _DANGLING_END.search(core[:-1])


def finish(text: str, end: str = "。") -> str:
    """`text` with trailing clause punctuation replaced by one sentence-final mark."""
    text = _TRAILING.sub("", text.strip())
    if re.search(r"[。！？!?][”」]$", text):
        return text
    return f"{text}{end}" if text else ""


def shorten(text: str, limit: int) -> str:
    """Leading whole clauses of `text` that fit in `limit` characters (at least the first clause)."""
    parts = clauses(text)
    if not parts:
        return ""
    out = parts[0]
    for part in parts[1:]:
        if len(out) + len(part) + 1 > limit:
            break
        out = f"{out}，{part}"
    return out


def trim_dangling(text: str) -> str:
    """Drop trailing clauses that stop mid-phrase, so what is left can end a sentence."""
    parts = clauses(text)
    while parts and (_DANGLING_END.search(parts[-1]) or not balanced("，".join(parts))):
        parts.pop()
    return "，".join(parts)


def dedupe(items: Iterable[str]) -> list[str]:
    """Drop empties and repeats that differ only in punctuation (first kept)."""
    return dedupe_texts(items)
