"""Drop boilerplate, ads, spam and unrelated prose; repair broken lines; split glued headings.

Every decision is made on the simplified text by general rules (URL / ICP / e-mail / download-site
patterns, a spam lexicon, domain relevance of runs of lines), never by matching known files.
Kept text is a list of paragraphs, each a list of file fragments, so offsets survive cleaning.
"""


from __future__ import annotations

import re
from dataclasses import dataclass, field

from advisor.corpus.doctext import DocText, Fragment
from advisor.corpus.glued import drop_echoed_titles, split_glued
from advisor.corpus.lines import (
    CJK_PAIR,
    CLOCK,
    PARTICULAR,
    TERMINAL,
    Dropped,
    Line,
    is_title,
    splits_word,
    text_of,
    trim,
)
from advisor.corpus.noise import drop_noise_lines, drop_unrelated_runs, page_prefixes, remove_inline
from advisor.corpus.read import RawDocument
from advisor.corpus.roles import label_roles
from advisor.text.normalize import to_simplified

_MARKER = re.compile(
    r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．:：]|[①-⑳⑴-⒇]|[a-zA-Z][、.．)）]|[•●➢◆■#\-]"
    r"|第[一二三四五六七八九十\d]+[章篇节条]|案例|【|\d+(?:\.\d+)+|[一二三四五六七八九十]是)"
)


@dataclass
class CleanDocument:
    """A cleaned file: paragraphs of file fragments plus the noise that was dropped."""

    file: str
    original: str
    simple: str
    paragraphs: list[list[Fragment]]
    dropped: list[Dropped] = field(default_factory=list)

    def doc_text(self) -> DocText:
        """The cleaned text with its offset map."""
        return DocText.from_fragments(self.file, self.simple, self.original, self.paragraphs)


def clean_document(raw: RawDocument) -> CleanDocument:
    """Clean one decoded file.

    Args:
        raw: the decoded document.

    Returns:
        The kept paragraphs (as fragments of the file) and the dropped noise.
    """
    simple = to_simplified(raw.text)
    dropped: list[Dropped] = []
    lines = _split_lines(simple, dropped)
    lines = drop_noise_lines(lines, dropped)
    lines = drop_unrelated_runs(lines, dropped)
    paragraphs = drop_echoed_titles(split_glued(_join_broken(lines), simple), simple, dropped)
    return CleanDocument(raw.file, raw.text, simple, paragraphs, dropped)


# Document sites (docin, doc88, qiqiwenku) extract a file with each line break as a Cyrillic Р ("…致歉,Р虚心听取…",
# "次序Р部门Р期限"): one between Chinese text, figures or punctuation ends a line; one beside other Cyrillic or Latin
# letters is a letter of a word.
_LINE_BREAK = re.compile(r"\n|(?<=[^\sA-Za-z\u0400-\u04ff])\u0420(?=[^\sA-Za-z\u0400-\u04ff])")


def _split_lines(simple: str, dropped: list[Dropped]) -> list[Line]:
    out: list[Line] = []
    blank = False
    prefixes = page_prefixes(simple)
    bounds = [(-1, -1), *((m.start(), m.end()) for m in _LINE_BREAK.finditer(simple)), (len(simple), len(simple))]
    for (_, offset), (end, _) in zip(bounds, bounds[1:], strict=False):
        start = max(offset, 0)
        frags = remove_inline(simple, start, end, dropped, prefixes)
        frags = trim(simple, frags)
        if not frags:
            blank = True
            continue
        out.append(Line(frags, text_of(simple, frags), blank))
        blank = False
    return out


def _join_broken(lines: list[Line]) -> list[list[Fragment]]:
    """Re-join sentences broken across lines (a scrape's hard wraps)."""
    paragraphs: list[list[Fragment]] = []
    prev: Line | None = None
    for line in lines:
        if prev is not None and _continues(prev, line):
            paragraphs[-1].extend(line.frags)
            prev = Line(paragraphs[-1], prev.text + line.text, prev.blank_before)
            continue
        paragraphs.append(list(line.frags))
        prev = line
    return paragraphs


def _continues(prev: Line, line: Line) -> bool:
    tail = prev.text.rstrip()
    if (not tail or tail[-1] in TERMINAL or _MARKER.match(line.text) or is_title(tail) or tail.startswith("#")
            or PARTICULAR.match(tail) or (len(tail) > 60 and re.search(r"(?:\.{3,}|…{2,})$", tail))):
        # (a long line that trails off, "…并不知情......", ends its paragraph)
        return False
    nxt = line.text.strip()
    if CLOCK.fullmatch(tail.strip()):
        return False  # a time of day on its own line ("9:30") stamps the entry below it, it is no sentence
    if ((_TABLE_ROW.match(tail) or _MD_ROW.match(tail)) and not nxt.startswith(("|", "｜"))) or (
            _MD_ROW.match(tail) and _MD_ROW.match(nxt)):
        return False  # a table's row ends at its bar ("001 | … |" / "002 | … |"; a broken row's tail starts with |)
    if _heading_line(tail) and len(line.text) > len(tail) and not splits_word(tail, line.text):
        return False  # a short heading on its own line ("案例背景" above its text)
    if _LABEL_LINE.match(nxt) and (_heading_line(tail) or _BULLET.match(tail) or label_roles(nxt[:-1])):
        return False  # a label on its own line ("运营机制缺陷:" under a heading or after a list's item, "事件:")
    if any(_BARE_LABEL.match(t) and label_roles(t) for t in (nxt, tail.strip())):
        return False  # a section label alone on its line, without colon ("信件内容", "办理结果"), stands apart
    if is_title(line.text) and len(line.text) >= 6:
        return False  # a document title never continues the previous sentence
    if tail[-1] in ":：" and re.match(r"\s*\d{1,2}\s*[.、．]\s*\S", line.text):
        return False  # "…予以公开:" then "1.病人…": a list under its introduction
    if len(tail) <= 40 and tail[-1] not in "，,、" and _DATED_START.match(line.text):
        return False  # a headline, then the story's dateline ("…终于冒火苗" / "5月3日,淮南市…", "据市民…反映,")
    if _QA_LINE.match(line.text):
        return False  # "A 湖南省市场监督管理局回应:" answers the line above, it does not go on with it
    if line.blank_before:
        # Across a blank line only a long line cut mid-sentence continues: after a comma, or inside a word
        # ("…遇到了配" / "送延误…"); a heading above its paragraph ("…座位被更改" / "一位投诉人…") does not.
        if len(tail) < 15:
            return False
        return re.search(r"[，,、]$", tail) is not None or (
            re.search(r"[\u4e00-\u9fff]$", tail) is not None and splits_word(tail, line.text))
    return True


# A short label alone on its line ("服务流程问题:") and a list's item ("- 套餐变更…", "• …").
_LABEL_LINE = re.compile(r"^[\u4e00-\u9fff]{2,10}[:：]$")
_BARE_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
_BULLET = re.compile(r"^\s*[-•·*]\s")
# A table row: two bars or more, ending with one, and not starting with one (a broken row's tail does).
_TABLE_ROW = re.compile(r"^[^|｜](?:[^|｜]*[|｜]){2,}\s*$")
_MD_ROW = re.compile(r"^[|｜](?:[^|｜]*[|｜]){2,}\s*$")  # a Markdown table's row: "| 001 | … | … |"
# The question or answer line of a Q&A page: "Q 网友留言:", "A 某局回应:", "问:…", "答:…".
_QA_LINE = re.compile(r"^\s*(?:[QA](?=[\s:：])|问(?=[:：])|答(?=[:：]))")
# How a news story opens: its dateline or its source ("5月3日,", "近日,", "据市民韩先生反映,").
_DATED_START = re.compile(
    r"^\s*(?:(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]\s*[,，]|(?:近日|日前|昨天|昨日)[,，]"
    r"|据[^，,。]{1,16}(?:反映|报道|介绍|讲述)[,，:：])"
)
_HEADING_PUNCT = re.compile(r"[，,。；;！!？?、]")


def _heading_line(text: str) -> bool:
    text = re.sub(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,2})[、.．]\s*", "", text)
    # (a letter-spaced heading, "服 务 消 费 投 诉 案 例", is one too)
    return (2 <= len(text) <= 30 and not _HEADING_PUNCT.search(text)
            and CJK_PAIR.search(text) is not None)
