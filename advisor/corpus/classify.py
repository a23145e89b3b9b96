"""Label records from their own content: industry, complaint type, guideline kind and record type."""

from __future__ import annotations

import re

import numpy as np

from advisor.text.industry import RELATED
from advisor.text.terms import COMPLAINT_TYPES, GENERAL, INDUSTRY_TERMS, best_label, industry_scores

GUIDELINE_KIND_TERMS: dict[str, tuple[str, ...]] = {
    "grading": ("分级", "等级", "界定", "定性", "一般群诉", "重大群诉", "危机群诉", "重大投诉", "一级投诉", "二级",
                "三级", "重要问题", "严重投诉", "较大", "一般投诉", "紧急投诉"),
    "deadline": ("小时内", "工作日", "时限", "天内", "分钟内", "不超过", "不晚于", "日内"),
    "procedure": ("程序", "流程", "步骤", "受理", "阶段", "职责", "渠道", "上报", "记录", "小组"),
    "principle": ("原则", "宗旨", "技巧", "心态", "类型", "理念", "沟通", "倾听", "换位思考", "动机"),
    "script": ("话术", "用语", "禁止使用", "说辞", "口径", "回答要点", "售楼人员:", "客户:"),
}
_KIND_WEIGHTS = {"grading": 2.0, "deadline": 1.5, "procedure": 1.0, "principle": 1.0, "script": 2.0}
_RULES_TITLE = re.compile(r"制度|规定|程序|流程|办法|细则|指引|规范|标准|章程|规程|守则|须知|机制")
_SCRIPT_TITLE = re.compile(r"话术|用语|说辞|口径|应答")
_NORMATIVE = re.compile(r"应当|必须|不得|严禁|禁止|负责|规定|应|须|时限|工作日|小时内|确保")
_ESSAY_WORDS = re.compile(r"范文|心得|感想|随笔|作文|体会|读后感|演讲|检讨书")
# "医患纠纷调解典型案例范文": a collection of case write-ups, not an essay.
_CASE_COLLECTION = re.compile(r"典型案例|案例汇编|案例选编|案例精选")


def is_essay_title(title: str) -> bool:
    """The title of an essay, a blog post or a speech (…范文, …心得), not of a collection of cases."""
    return bool(_ESSAY_WORDS.search(title)) and not _CASE_COLLECTION.search(title)


# Where guests stay, a 饭店 is a hotel (in Taiwan and Hong Kong usage and in hotels' own names: 入住饭店, 饭店房型).
_STAY = re.compile(r"入住|订房|房型|客房|房费|退房|住宿|早鸟")
_FANDIAN = re.compile(r"(?<![星级])饭店")


def industry_of(text: str, title: str = "", min_evidence: int = 1) -> str:
    """The industry whose vocabulary the record's own text (and heading) uses most; 通用 when none, and when
    three unrelated industries weigh about as much (a list of 网购, 餐饮 and 汽车 complaints is of none)."""
    whole = title + "\n" + text
    scores = industry_scores(whole)
    fandian = len(_FANDIAN.findall(whole))
    if fandian and scores.get("酒店", 0) and len(_STAY.findall(whole)) >= 2:
        scores["餐饮"] = scores.get("餐饮", 0) - fandian
        scores["酒店"] += fandian
    top = max(scores.values(), default=0)
    # Related industries (房地产 and 物业, 银行 and 保险 …) count as one.
    groups: dict[object, int] = {}
    for k, v in scores.items():
        if v >= max(3, top / 3):
            group = next((g for g in RELATED if k in g), k)
            groups[group] = groups.get(group, 0) + v
    # three or more, none outweighing the others together by a quarter (物业 9 beside 电力 4 and 保险 3 is a
    # property record; 房地产 13 beside 餐饮 6 and 汽车 6 is of none)
    lead = max(groups.values(), default=0)
    if len(groups) >= 3 and lead <= 1.25 * (sum(groups.values()) - lead):
        return GENERAL
    best = max(INDUSTRY_TERMS, key=lambda k: scores.get(k, 0))  # the first of equals, in table order
    return best if top >= min_evidence else GENERAL


def _industries(text: str) -> int:
    """How many unrelated industries the text speaks of (related ones, 房地产 and 物业, count once)."""
    return len({next((g for g in RELATED if k in g), k) for k in industry_scores(text)})


def complaint_type_of(text: str) -> str:
    """The complaint type whose vocabulary occurs most; 其他 when none."""
    return best_label(text, COMPLAINT_TYPES, "其他")


def guideline_kind(text: str) -> str:
    """Classify a guideline passage as grading / deadline / procedure / principle / script."""
    scores = {k: sum(text.count(t) for t in terms) * _KIND_WEIGHTS[k] for k, terms in GUIDELINE_KIND_TERMS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else "procedure"


def guideline_type(text: str, title: str, kind: str) -> str:
    """What a guideline record is: "script" (话术), "rules" (a company's rules) or "article" (general prose)."""
    dialogue = len(re.findall(r"(?:^|\n)\s*[\u4e00-\u9fff]{1,6}[:：]", text)) >= 4 and kind == "script"
    if _SCRIPT_TITLE.search(title) or dialogue:
        return "script"
    density = len(_NORMATIVE.findall(text)) / max(len(text), 1) * 100
    if _RULES_TITLE.search(title) or kind in ("grading", "deadline") or density >= 1.0:
        return "rules"
    return "article"


# A numbered item in running text: "1.网购商品质量问题", "。3.汽车质量问题消费者购买汽车后…".
_ITEM = re.compile(r"(?:^|[\s。；;])\d{1,2}\s*[.、．]\s*[\u4e00-\u9fff]")
# Someone particular: 张先生, 王某, 李女士 (a list of complaint types names nobody).
_SOMEONE = re.compile(r"[\u4e00-\u9fff](?:先生|女士|小姐|某某?)(?![\u4e00-\u9fff]{0,1}(?:种|些|个|地|天|时))")


def case_type(text: str, title: str, stories: int = 1) -> str:
    """What a case record is: "case" (one incident), "case_list" (several incidents, or a numbered list of
    complaint types across industries that names nobody: 1.网购商品质量问题 2.餐饮服务质量问题 …) or "essay"."""
    if is_essay_title(title):
        return "essay"
    if stories >= 3:
        return "case_list"
    typical = (len(_ITEM.findall(text)) >= 3 and not _SOMEONE.search(text) and _industries(text) >= 3
               and industry_of(text, title) == GENERAL)
    return "case_list" if typical else "case"


_GLUE_MIN_TERMS = 3


def industry_switch(paragraphs: list[str]) -> int | None:
    """Index of the paragraph where another, untitled document glued onto this one begins, or None.

    Scraped pages are sometimes concatenated without a title between them. The join shows as a
    paragraph from which on the text speaks only of another industry: before it, one industry's
    terms dominate; from it on, they never occur and another industry's terms do.
    """
    if len(paragraphs) < 2:
        return None
    names = list(INDUSTRY_TERMS)
    scores = [industry_scores(p) for p in paragraphs]
    counts = np.array([[s.get(k, 0) for k in names] for s in scores])
    # Running totals: the sums before and after every paragraph in one pass (re-summing the slices
    # for every i made a long section quadratic). Integer counts, so the sums are exact.
    cumulative = counts.cumsum(axis=0)
    total = cumulative[-1]
    join = None
    for i in range(1, len(paragraphs)):
        before = cumulative[i - 1]
        after = total - before
        own, other = int(before.argmax()), int(after.argmax())
        if (own != other and before[own] >= _GLUE_MIN_TERMS and after[own] == 0
                and after[other] >= _GLUE_MIN_TERMS and before[other] == 0):
            join = i
    return join
