"""A case being read (segment.py) and the parts of it that belong to another record: an untitled document
glued onto it, or another person's story under one of its subheadings."""

from __future__ import annotations

from dataclasses import dataclass, field

from advisor.corpus.blocks import Block
from advisor.corpus.classify import industry_switch
from advisor.corpus.fields import Section
from advisor.corpus.stories import names_anyone, people_named, staff_named


@dataclass
class OpenCase:
    """A case as the walker reads it: where it starts, its title, the sections and blocks taken so far."""

    start: int
    title: str
    rank: float  # headings at this rank or higher end the case
    fmt: str
    md: int = 0  # the Markdown level of the case's heading, 0 without
    sections: list[Section] = field(default_factory=list)
    want_title: bool = False
    context: str = ""
    blocks: list[Block] = field(default_factory=list)  # what the case consumed, to give back if it is none
    rules_doc: bool = False
    item: bool = False  # opened by a numbered complaint item and its reply ("1.…问题。" then "反馈意见:…")

    def roles_seen(self) -> set[str]:
        return {r for s in self.sections for r in s.roles}

    def end(self) -> int:
        return max((s.end for s in self.sections), default=self.start)


def glued_cut(text: str, case: OpenCase) -> int | None:
    """Where an untitled document glued onto the case starts (its text turns to another industry), or None."""
    bodies = [b for b in case.blocks if b.kind == "body"]
    switch = industry_switch([text[b.start : b.end] for b in bodies])
    return bodies[switch].start if switch is not None else None


def retold_cut(text: str, case: OpenCase) -> int | None:
    """A case of facts alone whose subheading goes on to someone new ("事件" 傅先生 … "1.VIP客户加塞儿" 王女士 …):
    where that subheading starts (it and all after it are read as prose, each heading's story on its own)."""
    if case.roles_seen() - {"facts"}:
        return None
    told: list[str] = []
    for i, b in enumerate(case.blocks):
        if b.kind == "body":
            told.append(text[b.start : b.end])
        elif b.kind == "heading" and told:
            after = next((x for x in case.blocks[i + 1 :] if x.kind == "body"), None)
            head = text[after.start : after.end][:80] if after is not None else ""
            so_far = "\n".join(told)
            new = {p for p in people_named(head) - staff_named(head) if p not in so_far}  # 负责人孙先生 answers
            if new and len(so_far) > 40 and names_anyone(so_far):
                return b.start
    return None


def give_back(case: OpenCase, cut: int) -> list[Block]:
    """Trim the case at `cut`; the blocks from there on, for prose to read."""
    case.sections = [s for s in case.sections if s.start < cut]
    for s in case.sections:
        s.end = min(s.end, cut)
    back = [b for b in case.blocks if b.start >= cut]
    case.blocks = [b for b in case.blocks if b.start < cut]
    return back
