"""Lists of complaints told one after another in a document: where the next complaint of the list starts.

A regulator's dated cases by company, a bureau's dated numbered records, a message board's numbered messages and
complainants listed with semicolons: layout and wording cues that hold in any industry (stories.py asks them).
"""

from __future__ import annotations

import re

from advisor.corpus.people import HONORIFIC, people_named

# Where a sentence opens (after a quotation's closing mark too: "…敷衍回应:“免费换了就别在意细节。”类似案例中,…").
SENTENCE_OPEN = re.compile(r"(?<=[。！？!?])(?![”\"」』’])|(?<=[。！？!?][”\"」』’])")

# A numbered item that opens with its date: "1、2019年10月5日接…" (anywhere in a text: `search` with the line start).
DATED_ITEM = re.compile(r"(?:^|(?<=\n))\s*\d{1,2}(?:、|[.．](?!\d))\s*\d{4}\s*年\s*\d{1,2}\s*月")
# A company named in full: "郴州嘉瑞国际旅行社有限公司", "某某装饰工程有限公司".
_COMPANY = re.compile(r"[\u4e00-\u9fff]{2,16}?(?:有限责任公司|股份有限公司|有限公司|旅行社|集团)")


def another_company(opening: str, story_so_far: str) -> bool:
    """The opening of a dated paragraph names a company in full that the story so far, which names one
    too, does not: another case of a regulator's list."""
    m = _COMPANY.search(opening)
    return m is not None and _COMPANY.search(story_so_far) is not None and m.group(0) not in story_so_far


# A message board's next item: "海曙区东方城香梅家园: 物业公司不再占用通道堆放垃圾 8月21日,编号为“7949157”的网友留言:…"
_BOARD_ITEM = re.compile(r"[^。！？]{0,40}?编号(?:为|是)?\s*[“\"「]?\d{4,}[”\"」]?的?(?:网友|市民|群众|用户)?(?:留言|来信|反映|投诉)")
# One complainant after another in a list (";"): "冯小姐在某美容院购买…,遭拒;黄小姐在某美容院付款…,遭拒。"
_NEXT_IN_LIST = re.compile(rf"(?<=[；;])\s*(?={HONORIFIC})")


def listed_cuts(paragraph: str, story_so_far: str) -> list[int]:
    """Offsets where a list's next complaint starts: a message board's numbered message after another, or
    a newly named complainant after a semicolon that follows someone else's complaint."""
    cuts = [m.end() for m in SENTENCE_OPEN.finditer(paragraph)
            if _BOARD_ITEM.match(paragraph, m.end()) and _BOARD_ITEM.search(story_so_far + paragraph[: m.end()])]
    for m in _NEXT_IN_LIST.finditer(paragraph):
        who = re.match(HONORIFIC, paragraph[m.end() :])
        before = paragraph[max([0, *(c for c in cuts if c < m.end())]) : m.end()]
        if who and people_named(before) and who.group(0) not in before and len(paragraph) - m.end() >= 20:
            cuts.append(m.end())
    return cuts
