"""A case being read (segment.py): its place in the document's outline, the parts of it that belong to another
record (an untitled document glued onto it, another person's story under one of its subheadings) and the record
it makes when it ends."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advisor.corpus.blocks import Block
from advisor.corpus.classify import industry_switch
from advisor.corpus.doctext import DocText
from advisor.corpus.fields import Section, build_case
from advisor.corpus.people import names_anyone, people_named, staff_named
from advisor.corpus.sections import MIN_CASE_CHARS
from advisor.corpus.stories import is_story
from advisor.models import Case
from advisor.text.terms import CORE_COMPLAINT_TERMS

_COMPLAINT_TITLE = re.compile(r"(?:引发|引起|导致|的).{0,6}(?:投诉|群诉|纠纷|索赔)(?:案例|事件)?$")
# How high a heading family ranks in a document's outline (lower = higher level).
RANK = {"md1": 1.0, "md2": 2.0, "md3": 3.0, "md4": 4.0, "md5": 5.0, "md6": 6.0, "part": 1.5, "marker": 2.5,
        "cn": 3.0, "padded": 3.0, "cn_paren": 4.0, "arabic": 5.0, "arabic_paren": 6.0, "bracket": 7.0, "corner": 7.0,
        "line": 8.0, "glued": 8.0, "label": 8.5}


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


def md_level(b: Block) -> int:
    """The Markdown level a heading carried ("## 一、…" is 2), 0 without."""
    return b.md or (int(b.family[2:]) if b.family.startswith("md") else 0)


def below(b: Block, case: OpenCase) -> bool:
    """Whether heading `b` is a subheading of the case: by Markdown levels when both carry different ones
    ("### 《消费者权益保护法》…" under "## 一、典型案例…"), else by numbering style."""
    level = md_level(b)
    if level and case.md and level != case.md:
        return level > case.md
    return RANK.get(b.family, 8.0) > case.rank


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


@dataclass
class Closed:
    """What a case read to its end becomes: a Case, or blocks given back to prose, or a note of unfiled text."""

    case: Case | None = None
    prose: list[Block] = field(default_factory=list)
    unfiled: str = ""


MIN_ROW_CHARS = 16


def settle(doc: DocText, case: OpenCase) -> Closed:
    """The record a case read to its end makes, if any."""
    text = doc.text
    end = case.end()
    body = text[case.start : end]
    content = sum(len(re.sub(r"\W", "", text[s.start : s.end])) for s in case.sections)
    labelled = any(s.roles for s in case.sections)
    facts = "\n".join(text[s.start : s.end] for s in case.sections if not s.roles or "facts" in s.roles)
    told = is_story(body, case.rules_doc) or is_story(facts, case.rules_doc)
    # A heading that names a complaint ("售后维保工作不到位引发业主投诉") makes its 投诉概述 a case.
    named = not case.rules_doc and _COMPLAINT_TITLE.search(case.title) is not None
    if case.fmt == "labelled" and (case.roles_seen() <= {"facts"} or case.rules_doc) and not (told or named):
        # "投诉渠道介绍" in an article: a facts-like label over text that tells no incident.
        return Closed(prose=[blk if blk.kind != "label" else Block("heading", blk.start, blk.end, blk.text, "label")
                             for blk in case.blocks])
    # (a ledger's row is a case by its table's header: "002 | 车辆配置比宣传少 | 配置不符 | 品牌方介入后补装设备")
    row = bool(case.blocks) and case.blocks[0].family == "row"
    if content < (MIN_ROW_CHARS if row else MIN_CASE_CHARS):
        return Closed(unfiled=body.strip()[:40])
    if not (labelled or any(t in body for t in CORE_COMPLAINT_TERMS)):
        # A numbered piece that names no complaint: the prose reader tells a story from rules.
        return Closed(prose=[blk if blk.kind == "body" else Block("heading", blk.start, blk.end, blk.text, "label")
                             for blk in case.blocks])
    return Closed(case=build_case(doc, case.start, end, case.title, case.sections, case.fmt, case.context))
