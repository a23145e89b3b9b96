"""How a run of prose is cut at its headings, and what a heading or a passage says of itself: a document's
title, a heading that announces a case or comments on the story above it, a two-line headline, a complaint
named, complaints counted."""

from __future__ import annotations

import re
from bisect import bisect_right

from advisor.corpus.blocks import Block
from advisor.corpus.stories import is_story
from advisor.corpus.titles import clean_heading, is_generic_heading
from advisor.text.terms import CORE_COMPLAINT_TERMS

# Titles of rules documents and guides: inside them, a passage is a case only if it tells of a particular person.
RULES_DOC = re.compile(r"制度|规定|程序|流程|办法|细则|指引|规范|标准|章程|规程|守则|须知|机制|攻略|功略|技巧|指南|要点|话术")
# A news headline of one incident names rule words too: "赎回到账不及时被投诉 妥善处理后优化流程".
_INCIDENT_HEADLINE = re.compile(r"被投诉|遭投诉|引纠纷|惹纠纷|起纠纷|被索赔|被判|获赔|讨说法")


def is_rules_title(title: str) -> bool:
    """A rules document's or a guide's title (投诉处理制度, 服务规范); not an incident's headline that names a
    rule word (赎回到账不及时被投诉 妥善处理后优化流程)."""
    return RULES_DOC.search(title) is not None and _INCIDENT_HEADLINE.search(title) is None
MIN_CASE_CHARS = 30

# Complaints counted, not told: "共接到投诉35件", "受理投诉举报咨询共110起".
TALLY = re.compile(r"(?:共|累计|合计)(?:接到|受理|收到|处理)?[^。，,]{0,12}?\d+\s*[件起宗例条]"
                   r"|在\d+\s*[件起宗例条][^。，,]{0,12}投诉中|投诉(?:有|达)?\d+\s*[件起宗例条][,，]\s*占")  # "在996宗…投诉中,…有169宗,占…"
# Unnumbered headings: a news page's headline lines.
PLAIN_HEADINGS = {"line", "md1", "md2", "md3", "md4", "md5", "md6"}
# A heading that announces one case: "案例分析:", "【典型案例】", "真实案例".
CASE_HEADING = re.compile(r"^\W*(?:典型|真实|实际|相关)?案例(?:分析|回顾|介绍|简介|详情)?\W*$")
# A heading of a series: "干净篇——客房马桶…", "第三篇:…".
SERIES = re.compile(r"^[^，,。]{0,6}篇\s*[—–:：]")


def doc_title(titles: list[tuple[int, str]], before: int) -> str:
    """The nearest document title (…制度, …流程, …案例) at or before position `before`.

    `titles` is in document order (the walker appends them as it reads), so the last one at or
    before `before` is found by binary search, not by scanning all titles for every record.
    """
    i = bisect_right(titles, before, key=lambda t: t[0])
    return titles[i - 1][1] if i else ""


def titles_above(titles: list[tuple[int, str]], before: int, gap: int = 150) -> str:
    """The nearest document title and the one printed just above it, within `gap` characters ("超市投诉处理制度"
    … "投诉处理制度"): what a rulebook's sections read their industry from when their own words name none."""
    i = bisect_right(titles, before, key=lambda t: t[0])
    if i >= 2 and titles[i - 1][0] - titles[i - 2][0] <= gap:
        return f"{titles[i - 2][1]} {titles[i - 1][1]}"
    return titles[i - 1][1] if i else ""


def contiguous(text: str, blocks: list[Block]) -> list[list[Block]]:
    """Blocks grouped into runs with nothing but whitespace between neighbours."""
    runs: list[list[Block]] = []
    for blk in blocks:
        if runs and not re.search(r"[\w]", text[runs[-1][-1].end : blk.start]):
            runs[-1].append(blk)
        else:
            runs.append([blk])
    return runs


def sections_of(run: list[Block]) -> list[tuple[Block | None, list[Block]]]:
    """The run split at its headings: (heading, body blocks under it)."""
    out: list[tuple[Block | None, list[Block]]] = [(None, [])]
    for blk in run:
        if blk.kind == "heading":
            out.append((blk, []))
        else:
            out[-1][1].append(blk)
    return [(h, b) for h, b in out if h is not None or b]


def story_families(text: str, sections: list[tuple[Block | None, list[Block]]]) -> set[str]:
    """Heading families under which at least two sections, and most of them, tell a story."""
    counts: dict[str, list[int]] = {}
    for heading, bodies in sections:
        if heading is None or not bodies:
            continue
        body = "\n".join(text[b.start : b.end] for b in bodies)
        tally = counts.setdefault(heading.family, [0, 0])
        tally[0] += is_story(body)
        tally[1] += 1
    return {fam for fam, (stories, total) in counts.items() if stories >= 2 and stories * 2 >= total}


# A heading that announces commentary on the story above it (专家点评…, 律师说法, 消协提醒, 记者手记).
COMMENT_HEADING = re.compile(
    r"^[【\[(（]?(?:专家|律师|法官|消协|消委|消保委|编者|记者|调解员|消费|案例|典型)?(?:点评|评析|说法|提醒|提示|解读|手记|观点|支招|按|警示|意义)"
)


# A heading that names an analysis of the cases above it (二、争议频发的核心原因, 问题根源, 事件反思, 经验教训).
_ANALYSIS_HEADING = re.compile(r"(?:原因|原因分析|根源|症结|反思|教训|启示|启发|评析|点评|思考)[:：]?$")


def comments_on_stories(heading: str, body: str) -> bool:
    """The section under `heading` comments on the stories told before it: an analysis heading
    (COMMENT_HEADING, or one that ends in 原因, 反思, 教训 …) over text that tells no story of its own."""
    text = heading.strip()
    if COMMENT_HEADING.match(text):
        return True
    return bool(_ANALYSIS_HEADING.search(text)) and len(text) <= 20 and not is_story(body)


# The mark a column's headings end with: "病例>>>" … "开方>>>", "案情》》" … "点评》》".
_HEADING_MARK = re.compile(r"(?:>{2,}|》{2,}|＞{2,}|→+|——+)\s*$")


def paired_heading(story_heading: Block | None, heading: Block, body: str) -> bool:
    """`heading` pairs with the stories' own heading (a column's "病例>>>" then "开方>>>": the same mark at the end)
    over text that tells no story: it comments on them."""
    if story_heading is None:
        return False
    mark, other = _HEADING_MARK.search(heading.text), _HEADING_MARK.search(story_heading.text)
    return bool(mark and other and mark.group(0).strip() == other.group(0).strip()
                and heading.text.strip() != story_heading.text.strip() and not is_story(body))


def announces_case(heading: str) -> bool:
    """"案例分析:", "【典型案例】", "“某超市社区团购”投诉处置案例", "服 务 消 费 投 诉 案 例": the heading says a case
    follows (a collection's heading, 消费维权典型案例汇编, names several)."""
    text = re.sub(r"[\s\u3000]", "", heading)
    return bool(CASE_HEADING.match(text)) or (text.rstrip(":：").endswith("案例") and not is_generic_heading(text))


def is_kicker(above: Block, heading: Block) -> bool:
    """`above` is the first line of a two-line headline whose second line is `heading` ("3种食品放在1个塑料袋" /
    "商家却收3种食品打包费"): both plain headings, the first a phrase of its own (a column's name such as 消费资讯
    or 投诉 is too short), not a collection's heading."""
    return (above.kind == "heading" and not {above.family, heading.family} - PLAIN_HEADINGS
            and not is_generic_heading(above.text) and not re.search(r"[。；;]", above.text)
            and len(re.sub(r"\W", "", above.text)) >= 6)


def is_subtitle(heading: Block) -> bool:
    """"——某律师事务所与某保险公司责任保险合同纠纷案": a subtitle, which goes with the title above it (even a page's)."""
    return re.match(r"\s*(?:——|—|--)", heading.text) is not None


def headline(above: Block, heading: Block) -> str:
    """The title of a two-line headline: "3种食品放在1个塑料袋：商家却收3种食品打包费", "巧借行业协会力量…——某…纠纷案"."""
    first, second = clean_heading(above.text), clean_heading(heading.text)
    return f"{first}——{second}" if is_subtitle(heading) else f"{first}：{second}"


def mentions_complaint(text: str) -> bool:
    """Names a complaint or its complainant (or is told in the first person), at some length."""
    told = any(t in text for t in CORE_COMPLAINT_TERMS) or re.search(r"我(?![行司方])", text) is not None
    return told and len(re.sub(r"\W", "", text)) >= MIN_CASE_CHARS
