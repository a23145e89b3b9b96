"""Headings glued to the text around them in scraped pages: cut paragraphs before them, drop echoed titles."""

from __future__ import annotations

import re
from bisect import bisect_left

from advisor.corpus.doctext import Fragment
from advisor.corpus.lines import FURTHER_WORDS, Dropped, slice_fragments, splits_word, text_of, trim
from advisor.corpus.roles import (
    PROTOTYPES,
    colon_label_roles,
    fully_labelled,
    headed_label,
    is_metadata_label,
    label_roles,
)
from advisor.text.terms import DOC_TITLE_ALTERNATION

# Headings glued to the end of the previous sentence: break the paragraph before them.
_GLUED_HEADING = re.compile(
    r"(?<=[。；;！!？?])\s*(?=(?:[一二三四五六七八九十]{1,3}、|案例[一二三四五六七八九十\d]+[:：,，]|"
    r"【[^】]{2,10}】|第\d+篇|\d+[.、]\s*案例|[(（]\d[)）]\S{2,12}要点|[(（][一二三四五六七八九十]{1,2}[)）]|"
    r"[^\s。；;！!？?，,]{0,12}?典型案例\s*\d{1,2}(?!\d)|案例分析汇编\s*\d{1,2}(?!\d)|案例\s*\d{1,2}(?=[\u4e00-\u9fff])"
    # a numbered case or point set off by spaces in a run-on page ("…借鉴和帮助。 参考案例1 4月30日,…", "要点2 配合…")
    r"|(?:参考|典型|相关)?案例\s*\d{1,2}\s+(?=\S)|要点\s*\d{1,2}\s+(?=\S)))"
    r"|(?<=[:：])\s*(?=案例[一二三四五六七八九十\d]{1,3}[:：,，])"
    # a Markdown heading a scrape ran into the sentence before it ("…做出明智的决策。### 案例一:…")
    r"|(?<=[。；;！!？?])\s*(?=#{1,6}\s*[^\s#])|(?<=[^\s#])\s*(?=#{2,6}\s*[^\s#])"
    # a case number glued after the chapter it opens ("旅游投诉案例之购物篇案例1诱导游客高消费…")
    r"|(?<=[篇章类])\s*(?=案例\s*[一二三四五六七八九十\d]{1,3}(?![\d年月日号元万%])[\u4e00-\u9fff])"
    # after a closing tag of the case before ("…的服务理念.(结错帐)案例二:某年…")
    r"|(?<=[)）])\s*(?=案例[一二三四五六七八九十\d]{1,3}[:：])"
    # a case number glued to its story's first words ("…试卷内容案例一某日,一位…", "…建议。案例二客户李女士…")
    r"|(?=案例[一二三四五六七八九十]{1,3}(?:某日|某年|某天|客户|顾客|客人|业主|一位|一名|\d{4}年))"
)
# A themed case title glued to the text around it ("…(六个)干净篇——客房马桶脏迹与水箱冲不了水2008年3月15日XX分店,…"):
# cut before it and after it, where the story's date begins.
_THEMED_TITLE = re.compile(
    r"[\u4e00-\u9fff]{2}篇\s*[—–]{1,2}\s*[^。，,；;！!？?]{2,30}?(?=\d{4}\s*年|[X某]{1,4}年|[X某]{1,2}月)"
)
# A "further reading" label glued to the end of the article before it ("…情况通报截图延伸阅读:").
_GLUED_FURTHER = re.compile(rf"(?:{FURTHER_WORDS})\s*[:：]\s*$")
# A section label glued to the previous sentence ("…不满。处理过程：1.…"); checked with `colon_label_roles`.
_GLUED_LABEL = re.compile(r"(?<=[。；;！!？?])\s*([\u4e00-\u9fff/与和及]{2,8})\s*[:：]")


def split_glued(paragraphs: list[list[Fragment]], simple: str) -> list[list[Fragment]]:
    out: list[list[Fragment]] = []
    for frags in paragraphs:
        text = text_of(simple, frags)
        cuts = sorted({m.start() for m in _GLUED_HEADING.finditer(text) if m.start() > 0}
                      | {m.start(1) for m in _GLUED_LABEL.finditer(text) if colon_label_roles(m.group(1))}
                      | set(_label_after_title(text))
                      | set(_labels_without_colon(text))
                      | {m.end(1) for m in _GLUED_DOC_TITLE.finditer(text)}
                      | {m.start() for m in _GLUED_FURTHER.finditer(text) if m.start() > 0}
                      | {pos for m in _THEMED_TITLE.finditer(text) for pos in (m.start(), m.end())}
                      | {m.start() for m in _BRACKET_LABEL.finditer(text)
                         if re.search(r"[\u4e00-\u9fff]", text[: m.start()]) and colon_label_roles(m.group(1))})
        if not cuts:
            out.append(frags)
            continue
        bounds = [0, *cuts, len(text)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            piece = slice_fragments(frags, a, b)
            if piece and text_of(simple, piece).strip():
                out.append(trim(simple, piece))
    return [p for p in out if p]


_SHORT_LABELS = ("背景", "启示", "点评", "评析", "分析", "结果", "争议点", "提示")
_CLAUSE_BREAK = re.compile(r"[。；;！!？?，,\n]|[(（][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]、")
_DOC_TITLE_END = re.compile(rf"(?:{DOC_TITLE_ALTERNATION}|第\d{{1,2}}篇)$")
_LEADS_OBJECT = re.compile(r"(?:提出|给出|制定|采取|拿出|形成|如下|以下|作出|做出|进行|加以|的|了|出)$")
_BREAK = re.compile(r"[。；;！!？?，,\n]")
_FIRST_SUB = re.compile(r"(?<=[\u4e00-\u9fff])[(（][一1][)）](?=[\u4e00-\u9fff])")


def _label_after_title(text: str) -> list[int]:
    """Headings glued without punctuation in scraped text: a label after a short title ("…与口味偏差案例背景：",
    "…的博弈背景："), and the first sub-item after a numbered title ("一、典型案例剖析(一)…")."""
    known = {p for protos in PROTOTYPES.values() for p in protos} | set(_SHORT_LABELS)
    cuts = []
    opens = [m.start() for m in re.finditer("“", text)]
    closes = [m.start() for m in re.finditer("”", text)]
    for m in re.finditer(r"[:：]", text):
        if bisect_left(opens, m.start()) > bisect_left(closes, m.start()):
            continue  # inside a quotation: 界面显示“温馨提示:该商品…”
        clause = _CLAUSE_BREAK.split(text[max(0, m.start() - 40) : m.start()])[-1]
        size = next((n for n in range(min(8, len(clause)), 1, -1) if clause[-n:] in known), 0)
        # Only when a short title stands before the label ("提出解决方案：" is a sentence, not a heading).
        title = clause[:-size]  # Markdown marks, numbering and spaces are no title ("## 案例分析：")
        if (size and 2 <= len(re.sub(r"[\W\d_]", "", title)) and len(title) <= 30 and not _LEADS_OBJECT.search(title)
                and not re.search(r"[及和与、]$", title) and not label_roles(clause.lstrip("#* ").strip())
                and not is_metadata_label(clause)):
            # (not "调解经过及结果:", "案例提示:" or "核心提示:": those are one label)
            cuts.append(m.start() - size)
    # Where each clause starts: after the last sentence or clause break before a position (splitting
    # the whole text before every match made a long paragraph quadratic).
    breaks = [b.start() for b in _BREAK.finditer(text)]

    def clause_start(pos: int) -> int:
        i = bisect_left(breaks, pos)
        return breaks[i - 1] + 1 if i else 0

    for m in _FIRST_SUB.finditer(text):
        before = text[clause_start(m.start()) : m.start()]
        head = re.search(r"[一二三四五六七八九十]{1,2}、[^、]*$", before)
        if head and len(head.group(0)) <= 32:
            cuts.append(m.start())
    # A bare section number glued to a label in text stripped of punctuation: "…引发客户投诉一投诉概述1.…".
    long_labels = "|".join(sorted((re.escape(k) for k in known if len(k) >= 4), key=len, reverse=True))
    for m in re.finditer(rf"(?<=[\u4e00-\u9fff\d;；。,，])[一二三四五六七八九十](?:{long_labels})", text):
        if not splits_word(text[max(0, m.start() - 3) : m.start()], text[m.start() : m.start() + 3]):
            cuts.append(m.start())  # "统一申诉内容" keeps its word: 统一 is no section number
    # A numbered label after a sentence end inside a section: "…教育处理;2、内部改进措施1加强…".
    for m in re.finditer(rf"(?:\d{{1,2}}[、.．]|[(（]\d{{1,2}}[)）])\s*(?={long_labels})", text):
        cuts.append(m.start())
    # A document title glued to its first numbered heading: "…典型案例汇编一、土地开发…", "第1篇一、…".
    for m in re.finditer(r"(?<=[\u4e00-\u9fff\d])[一二三四五六七八九十]{1,2}、", text):
        # The title is all the text before the number: a short text without a break.
        # ("案例一、说好的…" is a case marker, whose number stays with it)
        if (2 <= m.start() <= 30 and clause_start(m.start()) == 0 and _DOC_TITLE_END.search(text[: m.start()])
                and not _MARKER_NOUN.search(text[: m.start()])):
            cuts.append(m.start())
    return [c for c in cuts if c > 0]


_MARKER_NOUN = re.compile(r"(?:案例|案件|个案|事例|实例|案情)$")
# A facts label of the broad list glued between a case's short title and its story, without colon
# ("案例一:…的博弈案例背景202X年,陈女士…"): cut before and after it.
_FACTS_LABELS = "|".join(sorted((re.escape(p) for p in PROTOTYPES["facts"] if len(p) >= 4 and "投诉" not in p),
                                key=len, reverse=True))
_GLUED_FACTS = re.compile(rf"({_FACTS_LABELS})(?=[\u4e00-\u9fff\dA-Za-z])")
# A label after a sentence end, directly followed by its first numbered item ("。核心分析1.条款…").
_GLUED_HEADED = re.compile(r"(?<=[。；;！!？?])([\u4e00-\u9fff]{2,6}?)(?=(?:1[.．、]|[(（]1[)）]|[(（]一[)）]|一是)\S)")
_NUMBERED_TOPIC = re.compile(r"^(?:[一二三四五六七八九十\d]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,2}[)）])[^，,。:：]{1,12}[:：]")
_ENDS_NUMBERED = re.compile(r"(?:[一二三四五六七八九十\d]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,2}[)）])\s*$")


# Every section label of the broad list (four characters or more), for a text that glues its labels.
_ALL_LABELS = "|".join(sorted((re.escape(p) for protos in PROTOTYPES.values() for p in protos if len(p) >= 4),
                              key=len, reverse=True))
_GLUED_ANY = re.compile(rf"(?<=[。；;！!？?])\s*({_ALL_LABELS})(?![中里的是时后上也都还已被和与及为])(?=[\u4e00-\u9fff“\"])")


def _labels_without_colon(text: str) -> list[int]:
    cuts = []
    for m in _GLUED_FACTS.finditer(text):
        # The title before the label: since the last sentence end or case number ("案例一:"), one phrase.
        title = re.split(r"[。；;！!？?]|案例[一二三四五六七八九十\d]{1,3}[:：]", text[: m.start()])[-1].strip()
        # (a numbered title may hold a colon: "一、设施维护类:电梯故障引发的信任危机案例背景某高层小区…")
        plain = _NUMBERED_TOPIC.sub("", title)
        if 4 <= len(title) <= 40 and not re.search(r"[，,:：]", plain) and not _ENDS_NUMBERED.search(title):
            cuts += [m.start(), m.end()]
    for m in _GLUED_HEADED.finditer(text):
        if headed_label(m.group(1)) or fully_labelled(m.group(1)):
            cuts += [m.start(1), m.end(1)]
    if cuts:
        # A text that glues one label to its story glues the others too: a label after a sentence end
        # ("…每月公示维护记录。经验启示响应速度决定信任基础") is a heading, unless it is a word of the sentence
        # that goes on (处理过程中…).
        cuts += [pos for m in _GLUED_ANY.finditer(text)
                 if not splits_word(m.group(1), text[m.end(1) : m.end(1) + 3]) for pos in (m.start(1), m.end(1))]
    return cuts


def drop_echoed_titles(paragraphs: list[list[Fragment]], simple: str, dropped: list[Dropped]) -> list[list[Fragment]]:
    """Scraped pages repeat a title glued to the first sentence ("经典案例" then "经典案例某平台…"):
    the copy at the start of the next paragraph is dropped."""
    out: list[list[Fragment]] = []
    for frags in paragraphs:
        text = text_of(simple, frags)
        prev = text_of(simple, out[-1]).lstrip("# ") if out else ""
        cut = _echo_end(prev, text)
        if cut:
            dropped.append(Dropped("重复行", prev, frags[0][0]))
            frags = trim(simple, slice_fragments(frags, cut, len(text)))
        if frags:
            out.append(frags)
    return out


def _echo_end(title: str, text: str) -> int:
    """Where a copy of `title` at the start of `text` ends (spaces ignored), or 0 when there is none."""
    key = title.replace(" ", "")
    if not 4 <= len(key) <= 40 or len(text) <= len(title) + 4:
        return 0
    i = k = 0
    while i < len(text) and k < len(key):
        if text[i] == " ":
            i += 1
            continue
        if text[i] != key[k]:
            return 0
        i, k = i + 1, k + 1
    return i if k == len(key) else 0


# A 【label】 inside a paragraph ("…被判赔偿【案情简介】消费者王某…") starts a section of its own.
_BRACKET_LABEL = re.compile(r"【\s*([^】\n]{2,8}?)\s*】")

_GLUED_DOC_TITLE = re.compile(
    r"^([^。，,；;！!？?\n]{2,24}?(?:案例分析|案例汇编|案例大全|典型案例|投诉案例|处理案例|分析范文|案例))"
    r"(?=某|一位|近年来|当今|随着|本文|日前|下面|以下|在日常|在当今|为了)"
)
