"""What stands in the prose just before a label opens a case: the story it labels, a key point published
first (裁判要点), a numbered complaint that a reply label answers. Used by segment.py."""

from __future__ import annotations

import re

from advisor.corpus.blocks import Block
from advisor.corpus.roles import label_roles
from advisor.corpus.stories import is_story, story_score

ITEM = re.compile(r"^\d{1,2}\s*[.、．]\s*\S")  # a numbered item: "2.医院食堂的饭菜…"
_RUN_IN_TERM = re.compile(r"^\d{1,2}\s*[.、．]\s*[^，,。:：]{2,8}[:：]")  # "2. 投诉分类:…" is a step of a procedure
_LEAD_CHARS = 600  # a key point published before the facts (裁判要点) is short


def lead_before(prose: list[Block], text: str) -> list[Block] | None:
    """A thinking label and its text right before the first facts label (heading, then bodies)."""
    bodies: list[Block] = []
    for blk in reversed(prose):
        if blk.kind != "body":
            break
        bodies.insert(0, blk)
    i = len(prose) - len(bodies) - 1
    if not bodies or i < 0 or prose[i].kind != "heading":
        return None
    head = prose[i]
    size = sum(blk.end - blk.start for blk in bodies)
    intro = text[bodies[-1].start : bodies[-1].end].rstrip().endswith((":", "："))  # "以下是一个案例:"
    if intro or not 40 <= size <= _LEAD_CHARS:
        return None
    return [head, *bodies] if label_roles(head.text) == ("thinking",) else None


def item_before(prose: list[Block]) -> bool:
    """The last prose block is a numbered complaint in a sentence or two ("2.医院食堂的饭菜,总体感觉较贵…")."""
    last = prose[-1] if prose else None
    return (last is not None and last.kind == "body" and ITEM.match(last.text.strip()) is not None
            and not _RUN_IN_TERM.match(last.text.strip()) and 10 <= len(last.text) <= 200)


def just_before(prose: list[Block], heading: Block, first: Block) -> bool:
    """`heading` is the block right before `first` in the prose."""
    i = rfind(prose, first)
    return i > 0 and prose[i - 1] is heading


def story_before(prose: list[Block], text: str, rules_doc: bool, answered: bool = False) -> list[Block]:
    """The body blocks since the latest heading, when together they tell a story.

    `answered`: a reply or a handling section follows them (信件回复:, 处理结果:), so they are known to be
    the complaint it answers: events told are enough, no customer need be named (a letter's first person).
    """
    pieces: list[Block] = []
    for blk in reversed(prose):
        if blk.kind != "body":
            break
        pieces.insert(0, blk)
    told = "\n".join(text[p.start : p.end] for p in pieces)
    if answered:  # (no more rule words than story words: "停电…损坏电器…问什么原因")
        return pieces if len(re.sub(r"\W", "", told)) >= 30 and story_score(told) >= 0 else []
    return pieces if pieces and is_story(told, rules_doc) else []


def rfind(blocks: list[Block], block: Block) -> int:
    """Index of `block` in `blocks`, searched from the end (-1 when absent).

    The blocks wanted (a story's pieces, the heading above them) are the latest ones, and no block
    is in the prose twice, so this finds what `list.index` finds without scanning the whole document.
    """
    for i in range(len(blocks) - 1, -1, -1):
        if blocks[i] == block:
            return i
    return -1
