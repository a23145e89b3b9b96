"""Drop boilerplate, ads, spam and unrelated prose; repair broken lines; split glued headings.

Every decision is made on the simplified text by general rules (URL / ICP / e-mail / download-site
patterns, a spam lexicon, domain relevance of runs of lines), never by matching known files.
Kept text is a list of paragraphs, each a list of file fragments, so offsets survive cleaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advisor.corpus.doctext import DocText, Fragment
from advisor.corpus.read import RawDocument
from advisor.corpus.roles import colon_label_roles
from advisor.text.normalize import to_simplified
from advisor.text.terms import is_domain_relevant
from advisor.text.words import jieba_words

# --- inline noise: removed from inside a line, the rest of the line is kept -----------------
_URL = r"(?:https?://|www\.)[\w\-./?=&%#]+"
_INLINE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # An ad: a URL followed by a short slogan up to the end of the line.
    ("广告", re.compile(_URL + r"(?:[ \t\u3000]+[^。；;！!？?\n]{1,24}){0,3}[ \t\u3000]*$")),
    ("网址", re.compile(_URL)),
    ("页眉页脚", re.compile(
        r"第\s*\d+\s*页\s*[,，/]?\s*共\s*\d+\s*页"
        r"(?:\s*[A-Z]{2,}(?:-[A-Z0-9]{1,6}){2,})?"
        r"(?:\s*内部资料\S{0,3}外传)?"
        # A running header repeated after each footer, up to the next case heading.
        r"(?:.{0,30}?(?=(?:案例分析汇编|典型案例|案例)\s*[\d一二三四五六七八九十]))?"
    )),
    ("网页信息", re.compile(
        r"来源[:：]\s*\S{2,20}?(?=\s|\?\?|发表)|发表时间[:：]\s*[\d\-/ :]+|浏览[:：]\s*\d+|字体[:：]\s*\[[大中小]+\]"
        r"|(?<=[:：\s])\?{2,}|^\?{2,}"
    )),
    # Pinyin glosses after a character in children's / news text: 消费(fèi), 發(fā).
    ("拼音注音", re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]")),
    ("编辑声明", re.compile(r"[\[［【][^\]］】\n]{0,40}(?:侵权|删除|编辑修改)[^\]］】\n]{0,40}[\]］】]。?")),
    ("编辑声明", re.compile(r"[^。！!？?\n]{0,30}(?:照搬照抄|一律不收)[^。！!？?\n]{0,30}[。！!？?]")),
]

# --- whole-line noise ------------------------------------------------------------------------
_BOILERPLATE = re.compile(
    r"下载文档|文档页数|格式[:：]\s*docx?|大小[:：]\s*[\d.]+\s*[KM]B|仅部分预览|在线预览|侵犯您的权益|人工客服工作时间"
    r"|下载本文|会员上传|小编为你整理|本文档下载|点此处下载|文档为docx?格式|下载.{0,20}word格式"
    r"|声明[:：]本文|不拥有所有权|涉嫌版权|进行举报|版权所有|All rights reserved|©|ICP备\s*\d*"
    r"|[\w.\-]+@[\w\-]+\.[a-z]{2,}|^[^。，,]{2,40}\.(?:docx?|pdf|txt)$|^快速导航$"
    r"|已阅读\d+页|还剩\d+页未读|继续免费阅读|^下载本文档$|^文档简介$|^正在发送|^版权说明[:：]|^特别声明[:：]|^免责声明"
    r"|^skip to (?:main )?content|_第\d+页$|^您的位置|^当前位置|^首页\s*[>＞»›]",
    re.IGNORECASE,
)
_SPAM_TERMS = ("久久", "精品", "人妻", "无码", "熟妇", "中文字幕", "亚洲", "人人爽", "国产", "日韩", "成人", "激情", "av")
_PROMO_TERMS = ("欢迎合作", "合作洽谈", "服务商", "欢迎咨询", "联系我们", "扫码", "关注公众号", "加微信")
_COURSE_TERMS = ("课程", "授课", "主讲", "讲师", "学员", "已授课", "培训导师", "训练导师")
_TEASER_HEADINGS = re.compile(
    r"^(?:相关范文推荐|相关文档|相关主题|最新文档|相关推荐|猜你喜欢|相关文章|延伸阅读|热门文档|相关新闻|相关阅读|推荐阅读"
    r"|热门推荐|更多阅读|精彩推荐)$"
)
# Page furniture that is a line of its own: breadcrumbs, bylines, counters, images, separators.
_CHROME = re.compile(
    r"^(?:[^>＞»›\n]{1,20}[>＞»›]){2,}[^>＞»›\n]{0,20}$"
    r"|^(?=.{0,80}$).*(?:发布时间|发布日期|发表时间|阅读量|浏览次数|点击[:：]|责编|责任编辑|编辑[:：]|来源[:：]|浏览[:：])"
    r"|^!\[[^\]]*\]\([^)]*\)$|^[|｜\-—_=*·•\s]+$"
    r"|^\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+\S{1,20}){0,3}$"
)
# A title line stuffed with search keywords separated by _ or |: spam.
_KEYWORD_STUFFING = re.compile(r"^(?:[^_|｜\s]{2,24}[_|｜]){3,}[^_|｜\s]{2,24}$")
# A table-of-contents entry: a short heading ending in a page number.
_TOC_ENTRY = re.compile(r"^.{2,40}?[\u4e00-\u9fff:：?？)）](?:\s*[.·…]{2,}\s*|\s*)\d{1,3}$")
_TRUNCATED = re.compile(r"(?:\.{4,}|…{2,}|。{3,})$")
_PAGE_NUMBER = re.compile(r"^[-—\s]*\d{1,3}[-—\s]*[。.]?$")
_DATE_ONLY = re.compile(r"^[二〇○零一三四五六七八九十\d]{4}\s*年[\d一二三四五六七八九十]{1,3}\s*月[\d一二三四五六七八九十]{1,3}\s*日$")

_UNRELATED_RUN_LINES = 6
_UNRELATED_RUN_CHARS = 300

_TERMINAL = "。！？!?；;：:」』”\"）)】"
_MARKER = re.compile(
    r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．:：]|[①-⑳⑴-⒇]|[a-zA-Z][、.．)）]|[•●➢◆■#\-]"
    r"|第[一二三四五六七八九十\d]+[章篇节条]|案例|【|\d+(?:\.\d+)+|[一二三四五六七八九十]是)"
)
_TITLE_END = re.compile(
    r"(?:案例|汇编|指引|制度|程序|流程|方案|技巧|办法|细则|规定|攻略|话术|风险|机制|解析|方法|分析|大全|范文|总结|"
    r"章程|规范|有哪些|全功略|流程图|要点|须知|处理|完整版)$"
)
# Headings glued to the end of the previous sentence: break the paragraph before them.
_GLUED_HEADING = re.compile(
    r"(?<=[。；;！!？?])\s*(?=(?:[一二三四五六七八九十]{1,3}、|案例[一二三四五六七八九十\d]+[:：,，]|"
    r"【[^】]{2,10}】|第\d+篇|\d+[.、]\s*案例|[(（]\d[)）]\S{2,12}要点|[(（][一二三四五六七八九十]{1,2}[)）]|"
    r"[^\s。；;！!？?，,]{0,12}?典型案例\s*\d{1,2}(?!\d)|案例分析汇编\s*\d{1,2}(?!\d)|案例\s*\d{1,2}(?=[\u4e00-\u9fff])))"
    r"|(?<=[:：])\s*(?=案例[一二三四五六七八九十\d]{1,3}[:：,，])"
)
# A section label glued to the previous sentence ("…不满。处理过程：1.…"); checked with `colon_label_roles`.
_GLUED_LABEL = re.compile(r"(?<=[。；;！!？?])\s*([\u4e00-\u9fff/与和及]{2,8})\s*[:：]")


@dataclass(frozen=True)
class Dropped:
    """A piece of text removed as noise, with the rule that removed it."""

    reason: str
    text: str
    start: int


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


@dataclass
class _Line:
    frags: list[Fragment]
    text: str
    blank_before: bool


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
    lines = _drop_noise_lines(lines, dropped)
    lines = _drop_unrelated_runs(lines, dropped)
    paragraphs = _drop_echoed_titles(_split_glued(_join_broken(lines), simple), simple, dropped)
    return CleanDocument(raw.file, raw.text, simple, paragraphs, dropped)


def _text_of(simple: str, frags: list[Fragment]) -> str:
    return "".join(simple[s:e] for s, e in frags)


def _split_lines(simple: str, dropped: list[Dropped]) -> list[_Line]:
    out: list[_Line] = []
    offset = 0
    blank = False
    for raw_line in simple.split("\n"):
        start, end = offset, offset + len(raw_line)
        offset = end + 1
        frags = _remove_inline(simple, start, end, dropped)
        frags = _trim(simple, frags)
        if not frags:
            blank = True
            continue
        out.append(_Line(frags, _text_of(simple, frags), blank))
        blank = False
    return out


def _remove_inline(simple: str, start: int, end: int, dropped: list[Dropped]) -> list[Fragment]:
    frags = [(start, end)]
    for reason, pattern in _INLINE_PATTERNS:
        next_frags: list[Fragment] = []
        for fs, fe in frags:
            cursor = fs
            for m in pattern.finditer(simple, fs, fe):
                if m.end() == m.start():
                    continue
                dropped.append(Dropped(reason, m.group(0).strip()[:80], m.start()))
                if m.start() > cursor:
                    next_frags.append((cursor, m.start()))
                cursor = m.end()
            if cursor < fe:
                next_frags.append((cursor, fe))
        frags = next_frags
    return frags


def _trim(simple: str, frags: list[Fragment]) -> list[Fragment]:
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


def _line_noise(text: str, ad_brands: set[str]) -> str | None:
    """The reason a whole line is noise, or None to keep it."""
    text = text.lstrip("# ")
    if _BOILERPLATE.search(text):
        return "网站模板"
    if _CHROME.search(text):
        return "网页信息"
    if _KEYWORD_STUFFING.match(text):
        return "垃圾信息"
    if not re.search(r"[\u4e00-\u9fff]", text) and len(re.findall(r"[A-Za-z]+", text)) >= 5:
        return "外文模板"
    low = text.lower()
    if sum(term in low for term in _SPAM_TERMS) >= 3:
        return "垃圾信息"
    promo = sum(term in text for term in _PROMO_TERMS)
    if promo >= 2 or (promo and any(b in text for b in ad_brands)):
        return "广告"
    if sum(term in text for term in _COURSE_TERMS) >= 2:
        return "课程大纲"
    if _PAGE_NUMBER.match(text) or _DATE_ONLY.match(text):
        return "页码日期"
    if _TRUNCATED.search(text):
        return "相关文章"
    return None


def _ad_brands(lines: list[_Line], simple: str) -> set[str]:
    """Words that stood next to a URL ad (e.g. a company slogan) mark promotional lines."""
    brands: set[str] = set()
    for m in re.finditer(_URL + r"[ \t\u3000]+([\u4e00-\u9fff]{2,8})", simple):
        brands.add(m.group(1))
    return brands


def _drop_noise_lines(lines: list[_Line], dropped: list[Dropped]) -> list[_Line]:
    simple_all = "\n".join(line.text for line in lines)
    brands = _ad_brands(lines, simple_all)
    kept: list[_Line] = []
    in_teaser = False
    menu_run: list[_Line] = []
    for line in lines:
        text = line.text
        if _TEASER_HEADINGS.match(text.lstrip("# ")):
            in_teaser = True
            dropped.append(Dropped("相关文章", text, line.frags[0][0]))
            continue
        if in_teaser:
            if len(text) <= 30 or _TRUNCATED.search(text):
                dropped.append(Dropped("相关文章", text[:80], line.frags[0][0]))
                continue
            in_teaser = False
        reason = _line_noise(text, brands)
        if reason:
            dropped.append(Dropped(reason, text[:80], line.frags[0][0]))
            # A short title line directly above a dropped block belongs to it.
            if reason in ("课程大纲", "相关文章") and kept and _is_title(kept[-1].text):
                gone = kept.pop()
                dropped.append(Dropped(reason, gone.text[:80], gone.frags[0][0]))
            continue
        kept.append(line)
    return _drop_repeats(_drop_toc(_drop_menus(kept, dropped, menu_run), dropped), dropped)


_TOC_MARKER = re.compile(r"^(?:[A-Z][.、]|案例\s*\d{1,2}\s*[:：]?|第[一二三四五六七八九十\d]+[章节篇])$")


def _drop_toc(lines: list[_Line], dropped: list[Dropped]) -> list[_Line]:
    """Tables of contents: three or more entries ending in page numbers, with bare markers between."""
    entry = [bool(_TOC_ENTRY.match(x.text)) for x in lines]
    marker = [bool(_TOC_MARKER.match(x.text)) for x in lines]
    drop = [False] * len(lines)
    i = 0
    while i < len(lines):
        j, entries = i, 0
        while j < len(lines) and (entry[j] or marker[j]):
            entries += entry[j]
            j += 1
        if entries >= 3:
            drop[i:j] = [True] * (j - i)
        i = max(j, i + 1)
    return _apply(lines, drop, dropped, "目录")


def _drop_repeats(lines: list[_Line], dropped: list[Dropped]) -> list[_Line]:
    """A line repeated right after itself (a page title printed twice, a menu echoed)."""
    drop = [False] * len(lines)
    recent: list[str] = []
    for i, line in enumerate(lines):
        key = re.sub(r"[#\s]", "", line.text)
        if len(key) >= 4 and key in recent:
            drop[i] = True
            continue
        recent = [*recent[-1:], key]
    return _apply(lines, drop, dropped, "重复行")


def _apply(lines: list[_Line], drop: list[bool], dropped: list[Dropped], reason: str) -> list[_Line]:
    for line, d in zip(lines, drop, strict=True):
        if d:
            dropped.append(Dropped(reason, line.text[:80], line.frags[0][0]))
    return [line for line, d in zip(lines, drop, strict=True) if not d]


def _drop_menus(lines: list[_Line], dropped: list[Dropped], _run: list[_Line]) -> list[_Line]:
    """Navigation menus: three or more consecutive very short lines without punctuation."""
    short = [len(x.text) <= 6 and not re.search(r"[，,。.:：、;；]", x.text) for x in lines]
    drop = [False] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and short[j]:
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                drop[k] = True
        i = max(j, i + 1)
    for line, d in zip(lines, drop, strict=True):
        if d:
            dropped.append(Dropped("导航菜单", line.text, line.frags[0][0]))
    return [line for line, d in zip(lines, drop, strict=True) if not d]


def _drop_unrelated_runs(lines: list[_Line], dropped: list[Dropped]) -> list[_Line]:
    relevant = [is_domain_relevant(x.text) for x in lines]
    drop = [False] * len(lines)
    i = 0
    while i < len(lines):
        if relevant[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and not relevant[j]:
            j += 1
        if j - i >= _UNRELATED_RUN_LINES and sum(len(lines[k].text) for k in range(i, j)) >= _UNRELATED_RUN_CHARS:
            for k in range(i, j):
                drop[k] = True
        i = j
    for line, d in zip(lines, drop, strict=True):
        if d:
            dropped.append(Dropped("无关内容", line.text[:80], line.frags[0][0]))
    return [line for line, d in zip(lines, drop, strict=True) if not d]


def _is_title(text: str) -> bool:
    if len(text) > 40 or text[-1] in _TERMINAL or "，" in text or "," in text:
        return bool(re.match(r"^第[一二三四五六七八九十\d]+[篇章]", text)) and len(text) <= 40
    return bool(_TITLE_END.search(text)) or bool(re.match(r"^第[一二三四五六七八九十\d]+[篇章]", text))


def _join_broken(lines: list[_Line]) -> list[list[Fragment]]:
    """Re-join sentences broken across lines (a scrape's hard wraps)."""
    paragraphs: list[list[Fragment]] = []
    prev: _Line | None = None
    for line in lines:
        if prev is not None and _continues(prev, line):
            paragraphs[-1].extend(line.frags)
            prev = _Line(paragraphs[-1], prev.text + line.text, prev.blank_before)
            continue
        paragraphs.append(list(line.frags))
        prev = line
    return paragraphs


def _continues(prev: _Line, line: _Line) -> bool:
    tail = prev.text.rstrip()
    if not tail or tail[-1] in _TERMINAL or _MARKER.match(line.text) or _is_title(tail) or tail.startswith("#"):
        return False
    if _heading_line(tail) and len(line.text) > len(tail) and not _splits_word(tail, line.text):
        return False  # a short heading on its own line ("案例背景" above its text)
    if _is_title(line.text) and len(line.text) >= 6:
        return False  # a document title never continues the previous sentence
    if line.blank_before:
        # Across a blank line only a long line cut mid-sentence continues.
        return len(tail) >= 15 and re.search(r"[\u4e00-\u9fff，,、]$", tail) is not None
    return True


_HEADING_PUNCT = re.compile(r"[，,。；;！!？?、]")


def _heading_line(text: str) -> bool:
    text = re.sub(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,2})[、.．]\s*", "", text)
    return 2 <= len(text) <= 30 and not _HEADING_PUNCT.search(text) and re.search(r"[\u4e00-\u9fff]{2}", text) is not None


def _splits_word(tail: str, head: str) -> bool:
    """True when the line break falls inside a word ("…遇到了配" + "送延误…"): a hard wrap, not a heading."""
    left, right = tail[-4:], head[:4]
    pos = 0
    for word in jieba_words(left + right):
        if pos < len(left) < pos + len(word):
            return True
        pos += len(word)
    return False


def _split_glued(paragraphs: list[list[Fragment]], simple: str) -> list[list[Fragment]]:
    out: list[list[Fragment]] = []
    for frags in paragraphs:
        text = _text_of(simple, frags)
        cuts = sorted({m.start() for m in _GLUED_HEADING.finditer(text) if m.start() > 0}
                      | {m.start(1) for m in _GLUED_LABEL.finditer(text) if colon_label_roles(m.group(1))}
                      | set(_label_after_title(text))
                      | {m.end(1) for m in _GLUED_DOC_TITLE.finditer(text)}
                      | {m.start() for m in _BRACKET_LABEL.finditer(text)
                         if re.search(r"[\u4e00-\u9fff]", text[: m.start()]) and colon_label_roles(m.group(1))})
        if not cuts:
            out.append(frags)
            continue
        bounds = [0, *cuts, len(text)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            piece = _slice_fragments(frags, a, b)
            if piece and _text_of(simple, piece).strip():
                out.append(_trim(simple, piece))
    return [p for p in out if p]


_SHORT_LABELS = ("背景", "启示", "点评", "评析", "分析", "结果", "争议点", "提示")
_CLAUSE_BREAK = re.compile(r"[。；;！!？?，,\n]|[(（][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]、")
_DOC_TITLE_END = re.compile(r"(?:案例|汇编|大全|分析|指引|制度|规定|程序|流程|办法|细则|攻略|范文|总结|第\d{1,2}篇)$")
_LEADS_OBJECT = re.compile(r"(?:提出|给出|制定|采取|拿出|形成|如下|以下|作出|做出|的|了|出)$")
_FIRST_SUB = re.compile(r"(?<=[\u4e00-\u9fff])[(（][一1][)）](?=[\u4e00-\u9fff])")


def _label_after_title(text: str) -> list[int]:
    """Headings glued without punctuation in scraped text: a label after a short title ("…与口味偏差案例背景：",
    "…的博弈背景："), and the first sub-item after a numbered title ("一、典型案例剖析(一)…")."""
    from advisor.corpus.roles import PROTOTYPES

    known = {p for protos in PROTOTYPES.values() for p in protos} | set(_SHORT_LABELS)
    cuts = []
    for m in re.finditer(r"[:：]", text):
        clause = _CLAUSE_BREAK.split(text[max(0, m.start() - 40) : m.start()])[-1]
        size = next((n for n in range(min(8, len(clause)), 1, -1) if clause[-n:] in known), 0)
        # Only when a short title stands before the label ("提出解决方案：" is a sentence, not a heading).
        if size and 2 <= len(clause) - size <= 30 and not _LEADS_OBJECT.search(clause[:-size]):
            cuts.append(m.start() - size)
    for m in _FIRST_SUB.finditer(text):
        before = re.split(r"[。；;！!？?，,\n]", text[: m.start()])[-1]
        head = re.search(r"[一二三四五六七八九十]{1,2}、[^、]*$", before)
        if head and len(head.group(0)) <= 32:
            cuts.append(m.start())
    # A bare section number glued to a label in text stripped of punctuation: "…引发客户投诉一投诉概述1.…".
    long_labels = "|".join(sorted((re.escape(k) for k in known if len(k) >= 4), key=len, reverse=True))
    for m in re.finditer(rf"(?<=[\u4e00-\u9fff\d;；。,，])[一二三四五六七八九十](?:{long_labels})", text):
        if not _splits_word(text[max(0, m.start() - 3) : m.start()], text[m.start() : m.start() + 3]):
            cuts.append(m.start())  # "统一申诉内容" keeps its word: 统一 is no section number
    # A document title glued to its first numbered heading: "…典型案例汇编一、土地开发…", "第1篇一、…".
    for m in re.finditer(r"(?<=[\u4e00-\u9fff\d])[一二三四五六七八九十]{1,2}、", text):
        before = re.split(r"[。；;！!？?，,\n]", text[: m.start()])[-1]
        if before == text[: m.start()] and 2 <= len(before) <= 30 and _DOC_TITLE_END.search(before):
            cuts.append(m.start())
    return [c for c in cuts if c > 0]


def _drop_echoed_titles(paragraphs: list[list[Fragment]], simple: str, dropped: list[Dropped]) -> list[list[Fragment]]:
    """Scraped pages repeat a title glued to the first sentence ("经典案例" then "经典案例某平台…"):
    the copy at the start of the next paragraph is dropped."""
    out: list[list[Fragment]] = []
    for frags in paragraphs:
        text = _text_of(simple, frags)
        prev = _text_of(simple, out[-1]).lstrip("# ") if out else ""
        cut = _echo_end(prev, text)
        if cut:
            dropped.append(Dropped("重复行", prev, frags[0][0]))
            frags = _trim(simple, _slice_fragments(frags, cut, len(text)))
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


def _slice_fragments(frags: list[Fragment], a: int, b: int) -> list[Fragment]:
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
