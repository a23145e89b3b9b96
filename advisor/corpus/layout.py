"""Read a cleaned document's layout: which paragraphs are headings, section labels or body text.

Headings come in every common form: Markdown `#` (Word heading styles are read as `#`), 【…】 and
「…」, `标签：` prefixes, numbered (一、 / （一） / 1. / 第N篇), case markers (案例N, 第N个案例, 【案例N】,
…典型案例N) and short lines standing alone. Each paragraph becomes one or two `Block`s: a heading or
label, and the body text that follows it on the same line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from advisor.corpus.blocks import Block, paragraph_spans
from advisor.corpus.lines import CJK_PAIR, FURTHER_READING, PARTICULAR
from advisor.corpus.roles import Role, headed_label, label_roles
from advisor.corpus.runin import CN_NUM, known_label_like, leading_label, prefix_label
from advisor.corpus.tables import ledger_rows, row_blocks

_NUM = rf"(?:[{CN_NUM}]{{1,3}}|\d{{1,3}}|[①-⑳])"
# Case markers: 案例一 / 案例1： / 【案例二】 / 第3个案例 / 某银行典型案例1 / 案例分析汇编 2 / 案情一.
CASE_MARKER = re.compile(
    rf"^(?:[(（]?[{CN_NUM}\d]{{1,3}}[)）、.．]\s*)?(?:【\s*)?(?P<prefix>[^\s:：，,。]{{0,12}}?)"
    rf"(?:第\s*(?P<n1>{_NUM})\s*个\s*案例|(?:案例|案情|实例|事例|个案|案件)(?:分析汇编)?\s*(?P<n2>{_NUM})(?![\d年月日号元万%])"
    # a news round-up's complaints: "投诉一:又一起空调管漏水" (not "投诉3次")
    rf"|投诉\s*(?P<n3>{_NUM})(?=\s*[:：、]))"
    rf"\s*(?:】)?\s*[:：、,，.．]?\s*"
)
_MD = re.compile(r"^(#{1,6})\s*")
_BRACKET = re.compile(r"^[【\[［〖]\s*([^】\]］〗]{1,24}?)\s*[】\]］〗]\s*")
_CORNER = re.compile(r"^「([^」]{1,24})」$")
_NUMBERED = (
    ("cn", re.compile(rf"^[{CN_NUM}]{{1,3}}\s*[、.．]\s*")),
    ("cn_paren", re.compile(rf"^[(（]\s*[{CN_NUM}]{{1,3}}\s*[)）]\s*")),
    ("part", re.compile(rf"^第\s*[{CN_NUM}\d]{{1,3}}\s*[篇章节部分则][:：、.\s]?\s*")),
    ("arabic", re.compile(r"^\d{1,2}\s*[.、．](?!\d)\s*")),
    ("arabic_paren", re.compile(r"^[(（]\s*\d{1,2}\s*[)）]\s*")),
    # a feature's zero-padded section numbers: "01 问题引入", "PART 02 | 基本案情"
    ("padded", re.compile(r"^(?:PART|Part)?\s*0[1-9](?:\s*[|｜丨]\s*|\s+)(?=[\u4e00-\u9fff])")),
)
# A label glued to its section number without punctuation in scraped text: 一投诉概述.
_SENTENCE_END = re.compile(r"[。；;！!？?]")
_TERMINAL = re.compile(r"[。；;！!？?…]$")
MAX_HEADING_CHARS = 40
_SHORT_LINE = 30


def read_layout(text: str) -> list[Block]:
    """Blocks of every paragraph of a cleaned document, in order (a ledger's rows as labelled cases)."""
    spans = paragraph_spans(text)
    ledger = ledger_rows(text, spans)
    blocks: list[Block] = []
    expect: tuple[int, str] | None = None  # the next number of a marker's own numbering (案例1、 then 2、)
    for i, (a, b) in enumerate(spans):
        if i in ledger:
            for row in ledger[i] or ():
                blocks.extend(row_blocks(row))
            continue
        nxt = text[spans[i + 1][0] : spans[i + 1][1]] if i + 1 < len(spans) else ""
        here = _paragraph_blocks(text, a, b, nxt)
        para = text[a:b].lstrip()
        item = _MARKER_ITEM.match(para)
        if here and here[0].kind == "marker":
            expect = _numbered_marker(para)
        elif item and expect and (int(item.group(1)), item.group(2)) == expect:
            # "银行投诉案例1、多收手续费…" then "2、办业务排长龙王小姐…": the next case of the marker's numbering
            here = _split(b - len(para), b, para, item.end(), "marker", "marker")
            expect = (expect[0] + 1, expect[1])
        elif item and int(item.group(1)) == 1:
            expect = None  # a list of its own inside the case ("1、联系客户 2、上门致歉")
        blocks.extend(here)
    return blocks


_MARKER_ITEM = re.compile(r"(\d{1,2})\s*([、.．])\s*(?=[\u4e00-\u9fff])")


def _numbered_marker(para: str) -> tuple[int, str] | None:
    """For a marker numbered in digits and followed by 、 or . ("银行投诉案例1、"), the next number expected."""
    m = CASE_MARKER.match(para)
    group = m and ("n2" if m.group("n2") else "n3" if m.group("n3") else None)
    if not group or not m.group(group).isdigit():
        return None
    sep = re.match(r"\s*([、.．])", para[m.end(group) :])
    return (int(m.group(group)) + 1, sep.group(1)) if sep else None


def _paragraph_blocks(text: str, a: int, b: int, next_para: str) -> list[Block]:
    para = text[a:b]
    lead = len(para) - len(para.lstrip())
    a += lead
    para = para.lstrip()
    family = ""
    m = _MD.match(para)
    if m:
        family = f"md{len(m.group(1))}"
        a, para = a + m.end(), para[m.end() :]
    head = _case_marker(para)
    if head is not None:
        return _split(a, b, para, head, "marker", family or "marker")
    for name, pattern in _NUMBERED:
        m = pattern.match(para)
        if m and len(para) > m.end():
            # "# (一)…": the numbering tells the level better than a scraped page's "#" marks; the marks
            # are kept to tell "## 一、…" from the "### …" under it.
            level = len(family) and int(family[2:])
            return [replace(blk, md=level) if blk.kind != "body" else blk
                    for blk in _numbered(a, b, para, m.end(), name, next_para)]
    m = _BRACKET.match(para)
    if m and not _TRANSCRIPT.fullmatch(m.group(1).strip()):
        return _bracketed(a, b, para, m, family or "bracket")
    m = _CORNER.match(para)
    if m:
        return [_label_or_heading(a, b, m.group(1), family or "corner")]
    return _plain(a, b, para, family, next_para)


def _case_marker(para: str) -> int | None:
    """End of a case marker at the start of `para`, or None."""
    m = CASE_MARKER.match(para)
    if not m:
        return None
    prefix = m.group("prefix") or ""
    # "案例分析" / "案例说明：" are labels, not markers; a long prefix must read like a collection name.
    if prefix and not re.search(r"典型|投诉|[\u4e00-\u9fff]{2,}", prefix):
        return None
    return m.end()


def _split(a: int, b: int, para: str, cut: int, kind: str, family: str) -> list[Block]:
    """A heading of `kind` for `para[:cut]` plus what follows on the line (title or body)."""
    rest = para[cut:].strip()
    rest_start = a + para.index(rest, cut) if rest else b
    label = leading_label(rest)
    if label is not None:
        title_end, roles, body_at = label
        title = rest[:title_end].strip(" :：,，")
        blocks = [Block(kind, a, rest_start + title_end, title, family)]
        blocks.append(Block("label", rest_start + title_end, rest_start + body_at, rest[title_end:body_at], family, roles))
        if rest[body_at:].strip():
            blocks.append(Block("body", rest_start + body_at, b, rest[body_at:]))
        return blocks
    if not rest:
        return [Block(kind, a, b, "", family)]
    title, body = _title_then_body(rest)
    blocks = [Block(kind, a, rest_start + len(title), title.strip(" :：,，。"), family)]
    if body.strip():
        blocks.append(Block("body", rest_start + len(title), b, body))
    return blocks


def _title_then_body(rest: str) -> tuple[str, str]:
    """Split what follows a marker into a short title and the story that is glued to it."""
    if len(rest) <= MAX_HEADING_CHARS and not _TERMINAL.search(rest[:-1] or "x") and not re.search(r"[。；;]$", rest):
        return rest, ""
    m = re.match(r"^([^。；;！!？?\n]{2,30}?)[。；;！!？?]", rest)
    if m and not re.search(r"[，,]", m.group(1)):
        return rest[: m.end()], rest[m.end() :]
    m = re.match(r"^(\(?[^（(，,。]{4,24}?[)）]?)(?=(?:某|一位|一名|有位|客户|顾客|消费者|业主|市民|\d{4}\s*年|\d{1,2}月\d{1,2}日|"
                 r"近日|日前|[\u4e00-\u9fff](?:先生|女士|小姐)(?!的)))", rest)
    # (not inside a name: "患者海某某,因腹痛…" has no title "患者海某")
    if m and not re.search(r"[一这那该每各位名的某]$", m.group(1)):
        return m.group(1), rest[m.end() :]
    return "", rest


# A short title, then a space, then the text ("关于保价 1、消费者于2016年…"): no punctuation in the title.
_SPACED_TITLE = re.compile(r"^([^\s，,。；;：:！!？?、]{2,14})[ \u3000]+(?=\S)")


def _numbered(a: int, b: int, para: str, cut: int, family: str, next_para: str) -> list[Block]:
    rest = para[cut:]
    prefix = prefix_label(rest)
    if prefix is not None:
        roles, body_at = prefix
        return _with_body(Block("label", a, a + cut + body_at, rest[:body_at].strip(" :：。."), family, roles),
                          para, cut + body_at, b)
    label = leading_label(rest)
    if label is not None and label[0] == 0:
        _, roles, body_at = label
        return _with_body(Block("label", a, a + cut + body_at, rest[:body_at], family, roles), para, cut + body_at, b)
    word = rest.strip(" :：。.")
    if roles := label_roles(word) if (len(word) <= 10 and known_label_like(word)) or headed_label(word) else ():
        return [Block("label", a, b, word, family, roles)]
    if _is_heading_text(rest) or (len(rest) <= MAX_HEADING_CHARS and not _TERMINAL.search(rest)):
        if label is not None:  # "一、title(一)投诉概述…" glued in scraped text
            title_end, roles, body_at = label
            return _with_body(Block("heading", a, a + cut + title_end, rest[:title_end].strip(), family),
                              para, cut + title_end, b, roles, body_at - title_end)
        return [Block("heading", a, b, rest.strip(" :："), family)]
    spaced = _SPACED_TITLE.match(rest)
    if spaced and family == "cn" and len(rest) - spaced.end() >= 40:
        # a scrape that turned the title's line break into a space: "二、关于内件短少 深圳消费者张小姐…"
        title_end = a + cut + len(spaced.group(1))
        return [Block("heading", a, title_end, spaced.group(1), family), Block("body", a + cut + spaced.end(), b,
                                                                               rest[spaced.end() :])]
    inner = re.search(rf"[(（][{CN_NUM}][)）](?=[\u4e00-\u9fff]{{2,10}})", rest[:60])
    # A title may hold a comma ("六、项目分期开发,前后期配置…引发群诉(一)投诉概述…"), never a sentence end.
    if inner and family == "cn" and inner.start() >= 4 and not _SENTENCE_END.search(rest[: inner.start()]):
        label = leading_label(rest[inner.start() :])
        if label is not None and label[0] == 0:
            _, roles, body_at = label
            head = Block("heading", a, a + cut + inner.start(), rest[: inner.start()], family)
            lab_start = a + cut + inner.start()
            blocks = [head, Block("label", lab_start, lab_start + body_at, rest[inner.start() :][:body_at], family, roles)]
            if rest[inner.start() + body_at :].strip():
                blocks.append(Block("body", lab_start + body_at, b, rest[inner.start() + body_at :]))
            return blocks
    return [Block("body", a, b, para)]


def _with_body(head: Block, para: str, body_at: int, b: int, roles: tuple[Role, ...] = (),
               label_len: int = 0) -> list[Block]:
    blocks = [head]
    start = head.end
    if roles:
        blocks.append(Block("label", start, start + label_len, para[body_at : body_at + label_len], head.family, roles))
        start += label_len
        body_at += label_len
    if para[body_at:].strip():
        blocks.append(Block("body", start, b, para[body_at:]))
    return blocks


# A TV or radio transcript's cues ("【同期】住户 …", "【解说】经过现场测温…"): who speaks, inside the story, no heading.
_TRANSCRIPT = re.compile(r"同期声?|解说|现场声?|导语|画外音|字幕|主持人|记者|采访|口播|出镜")


def _bracketed(a: int, b: int, para: str, m: re.Match[str], family: str) -> list[Block]:
    inner = m.group(1).strip()
    block = _label_or_heading(a, a + m.end(), inner, family)
    if block.kind == "heading" and CASE_MARKER.match(inner):
        block = Block("marker", block.start, block.end, "", family)
    rest = para[m.end() :]
    if not rest.strip():
        return [block]
    return [block, Block("body", a + m.end(), b, rest)]


def _label_or_heading(a: int, b: int, inner: str, family: str) -> Block:
    roles = label_roles(inner, 0.5)
    if roles:
        return Block("label", a, b, inner, family, roles)
    return Block("heading", a, b, inner, family)


# The answer line of a Q&A page: "A 湖南省市场监督管理局回应:", "答:" (other replies, "市建设局答复:", are read with
# the letter they answer: lines.py).
_REPLY_LINE = re.compile(r"^\s*(?:A\s*[:：]?\s*[\u4e00-\u9fffA-Za-z（）()]{0,20}?(?:回应|回复|答复|回答)|答)\s*[:：]\s*$")


def _plain(a: int, b: int, para: str, family: str, next_para: str) -> list[Block]:
    if FURTHER_READING.match(para.strip()):
        return [Block("heading", a, b, para.strip(" :："), family or "line")]
    if _REPLY_LINE.match(para):
        return [Block("label", a, b, para.strip(" :："), family or "line", ("steps",))]
    label = leading_label(para)
    if label is not None:
        title_end, roles, body_at = label
        blocks = []
        if title_end:
            blocks.append(Block("heading", a, a + title_end, para[:title_end], family or "glued"))
        blocks.append(Block("label", a + title_end, a + body_at, para[title_end:body_at], family, roles))
        if para[body_at:].strip():
            blocks.append(Block("body", a + body_at, b, para[body_at:]))
        return blocks
    if not family and PARTICULAR.match(para.strip()):
        return [Block("body", a, b, para)]  # "受理时间:2016-06-29" is a record's particular, no heading
    if family or _stands_alone(para, next_para):
        text = para.strip(" :：")
        roles = label_roles(text)
        if roles and (family or known_label_like(text) or headed_label(text)):
            return [Block("label", a, b, text, family or "line", roles)]
        return [Block("heading", a, b, text, family or "line")]
    return [Block("body", a, b, para)]


def _is_heading_text(text: str) -> bool:
    """Short, one phrase, no sentence punctuation inside (a headline's ? or ! is allowed)."""
    text = text.strip()
    return 2 <= len(text) <= _SHORT_LINE and not re.search(r"[，,。；;]", text[:-1] or "x")


_RULEBOOK_TITLE = re.compile(r"(?:制度|规定|办法|细则|规程|流程|指引|规范|守则|须知|条例)$")


def _stands_alone(para: str, next_para: str) -> bool:
    """A short line without sentence punctuation, followed by a longer paragraph: a heading."""
    text = para.strip()
    if not _is_heading_text(text) or _TERMINAL.search(text) or not CJK_PAIR.search(text):
        return False
    if re.match(r"[-*•·]\s", text) or text.count("|") >= 2:
        return False  # an item of a list or a row of a table, however short
    if text[-1] in ":：" and not label_roles(text[:-1]):
        return False  # "以下是一个案例：" introduces what follows
    nxt = next_para.strip()
    if nxt and _RULEBOOK_TITLE.search(text):
        return True  # "超市投诉处理制度" above "投诉处理制度": a rulebook's title, however short what follows
    # (or a section label, however short: "…租赁合同纠纷调解案" above "案情简介")
    return bool(nxt) and (len(nxt) >= len(text) or any(p.match(nxt) for _, p in _NUMBERED)
                          or (len(nxt) <= 10 and not re.search(r"\s|\d|[:：]", text) and bool(label_roles(nxt.strip(" :：")))))
