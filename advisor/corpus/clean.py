"""Drop boilerplate, ads, spam and unrelated prose; repair broken lines; split glued headings.

Every decision is made on the simplified text by general rules (URL / ICP / e-mail / download-site
patterns, a spam lexicon, domain relevance of runs of lines), never by matching known files.
Kept text is a list of paragraphs, each a list of file fragments, so offsets survive cleaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advisor.corpus.doctext import DocText, Fragment
from advisor.text.normalize import to_simplified
from advisor.corpus.read import RawDocument

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
        r"来源[:：]\s*\S{2,20}?(?=\s|\?\?|发表)|发表时间[:：]\s*[\d\-/ :]+|浏览[:：]\s*\d+|字体[:：]\s*\[[大中小]+\]|\?{2,}"
    )),
    ("编辑声明", re.compile(r"[\[［【][^\]］】\n]{0,40}(?:侵权|删除|编辑修改)[^\]］】\n]{0,40}[\]］】]。?")),
    ("编辑声明", re.compile(r"[^。！!？?\n]{0,30}(?:照搬照抄|一律不收)[^。！!？?\n]{0,30}[。！!？?]")),
]

# --- whole-line noise ------------------------------------------------------------------------
_BOILERPLATE = re.compile(
    r"下载文档|文档页数|格式[:：]\s*docx?|大小[:：]\s*[\d.]+\s*[KM]B|仅部分预览|在线预览|侵犯您的权益|人工客服工作时间"
    r"|下载本文|会员上传|小编为你整理|本文档下载|点此处下载|文档为docx?格式|下载.{0,20}word格式"
    r"|声明[:：]本文|不拥有所有权|涉嫌版权|进行举报|版权所有|All rights reserved|©|ICP备\s*\d*"
    r"|[\w.\-]+@[\w\-]+\.[a-z]{2,}|^[^。，,]{2,40}\.(?:docx?|pdf|txt)$|^快速导航$",
    re.IGNORECASE,
)
_SPAM_TERMS = ("久久", "精品", "人妻", "无码", "熟妇", "中文字幕", "亚洲", "人人爽", "国产", "日韩", "成人", "激情", "av")
_PROMO_TERMS = ("欢迎合作", "合作洽谈", "服务商", "欢迎咨询", "联系我们", "扫码", "关注公众号", "加微信")
_COURSE_TERMS = ("课程", "授课", "主讲", "讲师", "学员", "已授课", "培训导师", "训练导师")
_TEASER_HEADINGS = re.compile(r"^(?:相关范文推荐|相关文档|相关主题|最新文档|相关推荐|猜你喜欢|相关文章|延伸阅读|热门文档)$")
_TRUNCATED = re.compile(r"(?:\.{4,}|…{2,}|。{3,})$")
_PAGE_NUMBER = re.compile(r"^[-—\s]*\d{1,3}[-—\s]*[。.]?$")
_DATE_ONLY = re.compile(r"^[二〇○零一三四五六七八九十\d]{4}\s*年[\d一二三四五六七八九十]{1,3}\s*月[\d一二三四五六七八九十]{1,3}\s*日$")

# Words that mark a *query* as a complaint by its wording alone: people, acts and faults of a
# complaint. Industry nouns (below) are left out: they also occur in everyday questions
# (银行周六几点开门, 附近有什么好吃的餐厅).
COMPLAINT_TERMS = (
    "投诉", "顾客", "业主", "业户", "住户", "消费者", "客人", "购房", "维修", "赔偿", "补偿", "退款", "退货",
    "物业", "交付", "交房", "质量", "开发商", "售后", "商家", "维修站", "道歉", "致歉", "满意", "抱怨", "纠纷",
    "客服", "接待", "收费", "管理处", "报修", "停电", "电表", "群诉", "回访", "承诺", "门窗", "漏水",
)
# Words that show a corpus line is about complaints / customer service; runs of lines without any
# of them (an essay, statistics, a course blurb) are unrelated prose.
DOMAIN_TERMS = COMPLAINT_TERMS + (
    "客户", "用户", "服务", "处理", "银行", "保险", "合同", "公司", "企业", "产品", "员工", "网点", "解决",
    "沟通", "业务", "费用", "酒店", "房间", "餐厅", "前台", "问题", "项目", "案例", "管理", "工程", "施工",
    "房屋", "小区", "装修", "设施", "设备",
)
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
    r"【[^】]{2,6}】|第\d+篇|\d+[.、]\s*案例|[(（]\d[)）]\S{2,12}要点))"
)


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
    paragraphs = _split_glued(_join_broken(lines), simple)
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
    if _BOILERPLATE.search(text):
        return "网站模板"
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
        if _TEASER_HEADINGS.match(text):
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
    return _drop_menus(kept, dropped, menu_run)


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


def is_domain_relevant(text: str) -> bool:
    """True when the text mentions any complaint-handling term."""
    return any(term in text for term in DOMAIN_TERMS)


def has_complaint_vocabulary(text: str) -> bool:
    """True when a (simplified) query uses a word that marks it as a complaint (`COMPLAINT_TERMS`)."""
    return any(term in text for term in COMPLAINT_TERMS)


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
    if not tail or tail[-1] in _TERMINAL or _MARKER.match(line.text) or _is_title(tail):
        return False
    if _is_title(line.text) and len(line.text) >= 6:
        return False  # a document title never continues the previous sentence
    if line.blank_before:
        # Across a blank line only a long line cut mid-sentence continues.
        return len(tail) >= 15 and re.search(r"[\u4e00-\u9fff，,、]$", tail) is not None
    return True


def _split_glued(paragraphs: list[list[Fragment]], simple: str) -> list[list[Fragment]]:
    out: list[list[Fragment]] = []
    for frags in paragraphs:
        text = _text_of(simple, frags)
        cuts = [m.start() for m in _GLUED_HEADING.finditer(text) if m.start() > 0]
        if not cuts:
            out.append(frags)
            continue
        bounds = [0, *cuts, len(text)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            piece = _slice_fragments(frags, a, b)
            if piece and _text_of(simple, piece).strip():
                out.append(_trim(simple, piece))
    return [p for p in out if p]


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
