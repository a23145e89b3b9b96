"""Meaningful card titles: the case title when it names an issue, else the grievance from the facts."""

from __future__ import annotations

import re

from advisor.models import Case
from advisor.training.person import CUSTOMER_NOUNS
from advisor.training.slots import PROBLEM, extract_slots, issue_from_title
from advisor.training.text import shorten, strip_item, trim_dangling

# Words that say "this is a complaint case" without saying which one.
_GENERIC = re.compile(
    r"客户|顾客|业主|消费者|投诉|案例|处理|分析|经典|典型|范文|万能|法律|汇编|某次|篇|解决|情况|范例|实例|合集|大全|"
    r"[0-9０-９一二三四五六七八九十]|[的及和与之、，,。:：()（）【】\[\]#\s·\-—]"
)
_ISSUE = re.compile(rf"{PROBLEM.pattern}|纠纷|争议|投诉|不当|未|不|超|误|错|失|漏|延|群诉|赔|退")
_BAD_START = re.compile(r"^(?:我们|我|某次|首页|发生在|另一位|以下|下面|近年来|随着|在|第)")
_MAX_TITLE = 28


def title_is_meaningful(title: str) -> bool:
    """True when `title` names a particular issue ("延期交付引起的群诉"), not just "a complaint case"."""
    text = strip_item(title)
    content = _GENERIC.sub("", text)
    return len(content) >= 4 and bool(_ISSUE.search(text)) and not _BAD_START.search(text) and len(text) <= 40


def card_title(case: Case) -> str:
    """A title a trainer can pick from a list: the issue, not "客户投诉某次".

    Args:
        case: The precedent.

    Returns:
        The case title when it names an issue, else the complaint type and the grievance told in
        the facts (at most about 28 characters, cut at a clause boundary).
    """
    if title_is_meaningful(case.title):
        return _clean(trim_dangling(shorten(issue_from_title(case.title) or strip_item(case.title), _MAX_TITLE)) or case.title)
    gist = _clean(trim_dangling(shorten(extract_slots(case).grievance, _MAX_TITLE - 6)))
    kind = case.complaint_type if case.complaint_type not in ("", "其他") else ""
    if gist and len(_GENERIC.sub("", gist)) >= 4:
        return f"{kind}：{gist}" if kind and kind not in gist else gist
    return f"{case.industry}{kind or ''}投诉：{_clean(strip_item(case.title))[:_MAX_TITLE - 8]}"


def _clean(text: str) -> str:
    """No "某/该" before the customer and no surrounding punctuation."""
    text = re.sub(rf"(?:某位|某|该|这位|一位|一名)(?=(?:{CUSTOMER_NOUNS}))", "", text)
    text = re.sub(rf"^(?:有)?(?:{CUSTOMER_NOUNS})?(?:投诉|反映)了?", "", text)
    for narrator, plain in (("我们公司", "公司"), ("我公司", "公司"), ("我行", "银行"), ("我们", "")):
        text = text.replace(narrator, plain)
    return text.strip("，,。:：;； ")
