"""The stories told under one heading of prose: a section's paragraphs cut where a new incident opens
(stories.py) or the industry switches, grouped into stories, and the parts that tell none."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from advisor.corpus.blocks import Block
from advisor.corpus.classify import industry_switch
from advisor.corpus.fields import story_part
from advisor.corpus.sections import TALLY, announces_case, doc_title, is_rules_title, mentions_complaint
from advisor.corpus.stories import is_story, starts_new_story, story_cuts


def join(text: str, blocks: list[Block]) -> str:
    """The text of `blocks`, one paragraph per line."""
    return "\n".join(text[b.start : b.end] for b in blocks)


# A section of proposals: "专家建议从三方面破局:", "律师提醒,…", "建议:…"
_PROPOSALS = re.compile(r"(?:[\u4e00-\u9fff]{0,10}(?:专家|律师|人士|教授|学者|部门|消委会|消协))?(?:建议|呼吁|提醒|提示)")


def stories_under(text: str, titles: list[tuple[int, str]], heading: Block | None, bodies: list[Block],
                  sibling: bool = False) -> tuple[list[list[Block]], list[Block]] | None:
    """The stories told in the body under one heading.

    `sibling`: most sections under headings of this family are stories (第一篇 … 第五篇), so a section
    that names a customer and a complaint is one too, even when it mixes in advice.

    Returns:
        None when the section tells no story; else the stories (groups of body blocks) and the
        body blocks that are no part of a story.
    """
    bodies, opens = _split_at_stories(text, bodies)
    switch = industry_switch([text[b.start : b.end] for b in bodies])
    groups: list[list[Block]] = [[]]
    for i, b in enumerate(bodies):
        so_far = partial(join, text, groups[-1])  # joined only when the paragraph's opening needs it
        if groups[-1] and (i == switch or i in opens or starts_new_story(text[b.start : b.end], so_far)):
            groups.append([])
        groups[-1].append(b)
    strict = is_rules_title(doc_title(titles, bodies[0].start)) if bodies else False
    flags = [bool(g) and is_story(story_part(join(text, g)), strict) for g in groups]
    if not any(flags) and groups[0] and is_story(text[groups[0][0].start : groups[0][0].end], strict):
        # A news story told in its first paragraph and discussed at length after: still one incident.
        flags[0] = True
    if not any(flags) and heading is not None and announces_case(heading.text) and groups[0]:
        # "## 案例分析:" over "Mr.A一家人…": the heading says a case follows; events told make it one.
        flags[0] = is_story(join(text, groups[0]), strict, person=False)
    if not any(flags) and not (sibling and not strict):
        return None
    for i, group in enumerate(groups):
        # Beside a story (or under story siblings), a part that names a customer or a complaint is one too.
        # (a tally of complaints, "共接到投诉35件…其中涉及商品类14件", tells no events)
        said = join(text, group)
        # (an expert's proposals that name a complaint rate tell no incident: "专家建议…将售后投诉率纳入经销商考核")
        if (not flags[i] and group and (len(groups) > 1 or sibling) and mentions_complaint(said)
                and not TALLY.search(said) and not _PROPOSALS.match(said.strip())):
            flags[i] = True
    stories = [g for g, f in zip(groups, flags, strict=True) if f]
    if not stories:
        return None
    return stories, [b for g, f in zip(groups, flags, strict=True) if not f for b in g]


def _split_at_stories(text: str, bodies: list[Block]) -> tuple[list[Block], set[int]]:
    """Body blocks with a paragraph that tells several incidents cut where each new one opens (stories.py
    `story_cuts`); returns the blocks and the indexes of those that open an incident."""
    out: list[Block] = []
    opens: set[int] = set()
    for b in bodies:
        paragraph = text[b.start : b.end]
        cuts = story_cuts(paragraph, join(text, out[-3:]))
        edges = [0, *cuts, len(paragraph)]
        for k, (lo, hi) in enumerate(zip(edges, edges[1:], strict=False)):
            if k:
                opens.add(len(out))
            out.append(replace(b, start=b.start + lo, end=b.start + hi, text=paragraph[lo:hi]) if cuts else b)
    return out, opens
