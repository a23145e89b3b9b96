"""Stories told inside an article: a tips page that opens with 张同学's refund, a blog whose 老王 had his parcel
thrown from the third floor. Such a paragraph is also a case of its own (format "anecdote"), so that a complaint
like it finds it; the article keeps its whole text as guidance.

A paragraph counts when it opens with a particular customer (not staff, not an opinion: "网友…留言,他认为…"),
tells events more than it states rules, and is long enough to be a story rather than a passing example."""

from __future__ import annotations

import re

from advisor.corpus.blocks import Block
from advisor.corpus.doctext import DocText
from advisor.corpus.fields import Section, build_case
from advisor.corpus.people import PERSON, staff_named
from advisor.corpus.stories import is_story, story_score
from advisor.models import Case

_OPENING = re.compile(PERSON)
_OPENING_CHARS = 20
_MIN_CHARS, _MAX_CHARS = 80, 900
_MIN_SCORE = 0.5  # clearly more incident cues than rules cues (story_score > 0 tells a story from rules)
_OPINION = re.compile(r"认为|看来|觉得|呼吁|建议")
_OPINION_CHARS = 40


def is_anecdote(paragraph: str) -> bool:
    """`paragraph` tells one customer's incident on its own."""
    p = paragraph.strip()
    if not _MIN_CHARS <= len(p) <= _MAX_CHARS:
        return False
    who = _OPENING.search(p[:_OPENING_CHARS])
    if who is None or who.group(0) in staff_named(p):
        return False
    if _OPINION.search(p[:_OPINION_CHARS]):
        return False
    return is_story(p) and story_score(p) > _MIN_SCORE


def anecdotes(doc: DocText, bodies: list[Block]) -> list[Case]:
    """A case for each paragraph of `bodies` (an article's body blocks) that is an anecdote."""
    return [build_case(doc, b.start, b.end, "", [Section((), "", b.start, b.end)], "anecdote")
            for b in bodies if is_anecdote(doc.text[b.start : b.end])]
