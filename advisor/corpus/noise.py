"""Noise rules: inline clutter (URLs, page footers, pinyin glosses) and whole lines or runs of lines
(boilerplate, site chrome, spam, ads, tables of contents, menus, unrelated prose)."""

from __future__ import annotations

import re

from advisor.corpus.doctext import Fragment
from advisor.corpus.furniture import TEASER_HEADINGS, TOC_ENTRY, TRUNCATED, URL, line_noise
from advisor.corpus.lines import Dropped, Line, is_title
from advisor.corpus.people import people_named
from advisor.text.normalize import PINYIN_GLOSS
from advisor.text.terms import is_domain_relevant

# --- inline noise: removed from inside a line, the rest of the line is kept -----------------
_INLINE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # An ad: a URL followed by a short slogan up to the end of the line.
    ("广告", re.compile(URL + r"(?:[ \t\u3000]+[^。；;！!？?\n]{1,24}){0,3}[ \t\u3000]*$")),
    ("网址", re.compile(URL)),
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
        # a byline glued before the story: "作者:{admin 整理}【案情一】…", "作者：张三 【案例】…"
        r"|作者[:：]\s*(?:\{[^}\n]{0,20}\}|[\u4e00-\u9fffA-Za-z]{1,8}(?:\s*整理)?)(?=\s*[【\[])"
    )),
    # A photo credit glued into a line: "…消协撑腰起诉图源 视觉中国2024年4月,…".
    ("图片说明", re.compile(r"(?:图源|图片来源|图片来自)[:：/]?\s*(?:网络|受访者|[\u4e00-\u9fffA-Za-z]{2,6}?)(?=\d|\s|$|[，,。])",
                        re.M)),
    # A news app's prompt where the page had a picture: "打开网易新闻 查看精彩图片", "打开APP 查看高清大图".
    ("网页信息", re.compile(r"(?:打开[\u4e00-\u9fffA-Za-z]{0,8}(?:新闻|客户端|APP|App|app)\s*)?查看(?:精彩图片|高清大图|更多图片)[:：]?")),
    # A news page's lead label: the lead itself is the story's opening ("核心提示: 一家名为…的餐厅…").
    ("网页信息", re.compile(r"^[【\[]?(?:核心提示|内容提要|内容提示|导读|编者按|摘要)[】\]]?\s*[:：]\s*", re.M)),
    # HTML left in a scraped page, escaped for JSON or not: "\u003cp style=\"…\"\u003e", "<span>", "<!--AIPOS_0-->",
    # and a JSON string's line breaks ("\n").
    ("网页代码", re.compile(r"\\u003c.{0,300}?\\u003e|<!--.{0,80}?-->|</?[A-Za-z][A-Za-z0-9]{0,9}(?:\s[^<>\n]{0,300})?/?>"
                        r"|(?:(?<=[>。！？!?”\u4e00-\u9fff])|(?<=\\u003e))\\n")),
    # A site's menu run into the headline: "×网站支持IPV6 丨 丨 繁体 丨 RSS订阅 自来水停水一星期…"; a tag's attributes
    # left where the scrape cut it: "cription=\"编辑提供的本地文件\" sourcename=\"本地文件\"/>".
    ("网页信息", re.compile(r"^[×xX]?\s*(?:(?:网站支持IPV6|繁体|简体|RSS订阅|无障碍|长者模式|English)[\s丨|｜]*){2,}"
                        r"|^[a-z]{2,}=\"[^\"\n]*\"(?:\s+[a-z]+=\"[^\"\n]*\")*\s*/?>", re.M)),
    # A forum's anti-copy salt around a post's lines: "+ Y# W8 V# G+ E* b) u* ]9 o; x 打开邮箱…" (runs of one- or
    # two-character tokens of letters, digits and punctuation).
    ("乱码", re.compile(r"(?<![!-~])(?=(?:[!-~]{1,2}[ \t]){0,3}[!-~]?[#$%&*+;@\\^`|~\[\](){}<>=!?'\"])"
                      r"(?:[!-~]{1,2}[ \t]){4,}[!-~]{1,2}(?![!-~])")),
    # A spam page's salt of symbols inside its sentences: "今年以来★◈✿,各地…★◈✿、文化市场…" (three or more
    # symbols after a character of the text; a bullet at a line's start stays).
    ("乱码", re.compile(r"(?<=[\u4e00-\u9fff，,。、；;：:）)”])[\u2580-\u27bf\u2b00-\u2bff]{3,}")),
    # Pinyin glosses after a character in children's / news text: 消费(fèi), 發(fā).
    ("拼音注音", PINYIN_GLOSS),
    ("编辑声明", re.compile(r"[\[［【][^\]］】\n]{0,40}(?:侵权|删除|编辑修改)[^\]］】\n]{0,40}[\]］】]。?")),
    ("编辑声明", re.compile(r"[^。！!？?\n]{0,30}(?:照搬照抄|一律不收)[^。！!？?\n]{0,30}[。！!？?]")),
    # Porn keywords stuffed after a page title: "4S店维修保养让人不省心|人妻丰满精品一区二区A片".
    ("垃圾信息", re.compile(r"[|｜_][^|｜_\n]*(?:人妻|无码|熟妇|中文字幕|人人爽|一区二区|[Aa]片|日韩|裸体|无遮挡)[^|｜_\n]*$", re.M)),
]

_UNRELATED_RUN_LINES = 6
_UNRELATED_RUN_CHARS = 300


_LINE_PREFIX = re.compile(r"^[ \t]*([^|｜\n]{2,20})[|｜]", re.M)


def page_prefixes(simple: str) -> list[tuple[str, re.Pattern[str]]]:
    """A page title printed before several lines ("消委会-航空公司投诉|1. 突改…"): an inline pattern for it."""
    counts: dict[str, int] = {}
    for m in _LINE_PREFIX.finditer(simple):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    repeated = [p for p, n in counts.items() if n >= 2]
    if not repeated:
        return []
    alternatives = "|".join(re.escape(p) for p in sorted(repeated, key=len, reverse=True))
    return [("网页信息", re.compile(rf"^[ \t]*(?:{alternatives})[|｜]\s*", re.M))]


def remove_inline(simple: str, start: int, end: int, dropped: list[Dropped],
                  extra: list[tuple[str, re.Pattern[str]]] = ()) -> list[Fragment]:
    frags = [(start, end)]
    for reason, pattern in [*extra, *_INLINE_PATTERNS]:
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


def _ad_brands(lines: list[Line], simple: str) -> set[str]:
    """Words that stood next to a URL ad (e.g. a company slogan) mark promotional lines."""
    brands: set[str] = set()
    for m in re.finditer(URL + r"[ \t\u3000]+([\u4e00-\u9fff]{2,8})", simple):
        brands.add(m.group(1))
    return brands


def drop_noise_lines(lines: list[Line], dropped: list[Dropped]) -> list[Line]:
    simple_all = "\n".join(line.text for line in lines)
    brands = _ad_brands(lines, simple_all)
    kept: list[Line] = []
    in_teaser = False
    menu_run: list[Line] = []
    for line in lines:
        text = line.text
        if TEASER_HEADINGS.match(text.lstrip("# ")):
            in_teaser = True
            dropped.append(Dropped("相关文章", text, line.frags[0][0]))
            continue
        if in_teaser:
            if len(text) <= 30 or TRUNCATED.search(text):
                dropped.append(Dropped("相关文章", text[:80], line.frags[0][0]))
                continue
            in_teaser = False
        reason = line_noise(text, brands)
        if reason:
            dropped.append(Dropped(reason, text[:80], line.frags[0][0]))
            # A short title line directly above a dropped block belongs to it.
            if reason in ("课程大纲", "相关文章") and kept and is_title(kept[-1].text):
                gone = kept.pop()
                dropped.append(Dropped(reason, gone.text[:80], gone.frags[0][0]))
            continue
        kept.append(line)
    return _drop_repeats(_drop_toc(_drop_menus(kept, dropped, menu_run), dropped), dropped)


_TOC_MARKER = re.compile(r"^(?:[A-Z][.、]|案例\s*\d{1,2}\s*[:：]?|第[一二三四五六七八九十\d]+[章节篇])$")


def _drop_toc(lines: list[Line], dropped: list[Dropped]) -> list[Line]:
    """Tables of contents: three or more entries ending in page numbers, with bare markers between."""
    entry = [bool(TOC_ENTRY.match(x.text)) for x in lines]
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


_REPEATED_PARAGRAPH = 40


def _drop_repeats(lines: list[Line], dropped: list[Dropped]) -> list[Line]:
    """A line repeated right after itself (a page title printed twice, a menu echoed), and a long paragraph
    printed again further down (a news page's lead that repeats the story's first paragraph under its
    section label): the earlier copy goes."""
    drop = [False] * len(lines)
    recent: list[str] = []
    keys = [re.sub(r"[#\s]", "", line.text) for line in lines]
    last = {key: i for i, key in enumerate(keys)}
    # (neighbours compared without punctuation: a passage printed twice may lose a full stop the second time)
    bare = [re.sub(r"[\W_]", "", key) for key in keys]
    seen: dict[str, list[int]] = {}
    for i, key in enumerate(bare):
        seen.setdefault(key, []).append(i)
    twice = [len(key) >= 4 and len(seen[key]) > 1 for key in bare]
    for i, key in enumerate(keys):
        if len(key) >= 4 and key in recent:
            drop[i] = True
            continue
        # (a whole passage printed twice is left to the deduplication of records: its lines repeat in a run)
        lone = not (i > 0 and twice[i - 1]) and not (i + 1 < len(keys) and twice[i + 1])
        if len(key) >= _REPEATED_PARAGRAPH and last[key] > i + 1 and lone:
            drop[i] = True
            continue
        recent = [*recent[-1:], key]
    return _apply(lines, drop, dropped, "重复行")


def _apply(lines: list[Line], drop: list[bool], dropped: list[Dropped], reason: str) -> list[Line]:
    for line, d in zip(lines, drop, strict=True):
        if d:
            dropped.append(Dropped(reason, line.text[:80], line.frags[0][0]))
    return [line for line, d in zip(lines, drop, strict=True) if not d]


def _drop_menus(lines: list[Line], dropped: list[Dropped], _run: list[Line]) -> list[Line]:
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


_ENCLOSED_RUN_LINES = 8


def drop_unrelated_runs(lines: list[Line], dropped: list[Dropped]) -> list[Line]:
    """Runs of lines without any complaint-handling word (an essay, statistics, a course blurb). A run that
    names someone the relevant lines name too ("徐先生回忆,…" in a story told in everyday words, whose
    later lines mention the clinic's complaint) belongs to that story and stays."""
    relevant = [is_domain_relevant(x.text) for x in lines]
    told = "\n".join(x.text for x, r in zip(lines, relevant, strict=True) if r)
    people = {p for p in people_named(told) if len(p) >= 3}  # 徐先生, not a bare 女士
    relevant = [r or any(p in x.text for p in people) for x, r in zip(lines, relevant, strict=True)]
    drop = [False] * len(lines)
    i = 0
    while i < len(lines):
        if relevant[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and not relevant[j]:
            j += 1
        # (a few lines of a story told in everyday words between two lines of the complaint stay with it:
        # "晚饭上打开电脑,…发现打开网页的速度非常之慢" between a forum post's 报装了一条移动宽带 and its 报障电话)
        enclosed = 0 < i and j < len(lines) and j - i <= _ENCLOSED_RUN_LINES
        if (j - i >= _UNRELATED_RUN_LINES and not enclosed
                and sum(len(lines[k].text) for k in range(i, j)) >= _UNRELATED_RUN_CHARS):
            for k in range(i, j):
                drop[k] = True
        i = j
    for line, d in zip(lines, drop, strict=True):
        if d:
            dropped.append(Dropped("无关内容", line.text[:80], line.frags[0][0]))
    return [line for line, d in zip(lines, drop, strict=True) if not d]
