"""One case heading over several people's stories ("案例4 团购消费遭“歧视”": 麦先生's KTV, then 李小姐's hotel,
then one 提醒): each story becomes a case of its own under the heading, and the comment that names no one is
shared with the stories above it (fields.share_comments).

Only a case of facts and comments is cut: handling or an outcome after the stories usually answers them all.
A cut needs every piece to tell a story of its own, and no piece may come back to an earlier piece's people
("…最终表示愿意退还刘女士3万元…而匡女士则…" tells both stories' end in one paragraph: one case).
"""

from __future__ import annotations

import re
from dataclasses import replace

from advisor.corpus.blocks import Block
from advisor.corpus.doctext import DocText
from advisor.corpus.fields import Section, build_case, share_comments
from advisor.corpus.opencase import OpenCase
from advisor.corpus.people import people_named, staff_named
from advisor.corpus.stories import is_story, starts_new_story
from advisor.corpus.titles import clean_heading, is_generic_heading
from advisor.models import Case

_CUTTABLE_ROLES = {"facts", "thinking", "improvements"}
_MIN_PIECE_CHARS = 60  # a story of its own, not a sentence that adds to the one above
_OPENING_CHARS = 30  # "跟刘女士一样,匡女士…": an opening may recall an earlier piece's person
_TITLE_CHARS = 30
_MIN_STORY_CHARS = 80  # a story long enough to stand before another one starts


def _is_facts(sec: Section) -> bool:
    return not sec.roles or "facts" in sec.roles


def story_cuts(text: str, case: OpenCase) -> list[int]:
    """Where, in the case's facts, a paragraph opens another person's story (offsets in `text`); [] for one story."""
    if case.roles_seen() - _CUTTABLE_ROLES:
        return []
    facts = [s for s in case.sections if _is_facts(s)]
    if not facts:
        return []
    facts_end = max(s.end for s in facts)
    paragraphs = [b for b in case.blocks if b.kind == "body" and any(s.start <= b.start < s.end for s in facts)]
    cuts: list[int] = []
    piece = case.start
    for b in paragraphs:
        para = text[b.start : b.end]
        # (the story so far is sliced only for a paragraph whose opening may start a new one: a long case's
        # paragraphs would otherwise copy it once each)
        if b.start - piece <= _MIN_STORY_CHARS or not starts_new_story(para, lambda a=piece, z=b.start: text[a:z]):
            continue
        so_far = text[piece : b.start]
        if is_story(so_far) and not _same_surname(para, so_far):
            # (a subheading right above the new story is the story's own: "## 案例:手机号正常使用却被停机")
            above = _heading_above(case, b)
            cuts.append(above.start if above is not None and above.start > piece else b.start)
            piece = cuts[-1]
    if not cuts:
        return []
    bounds = [case.start, *cuts, facts_end]
    pieces = [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    if not all(len(p.strip()) >= _MIN_PIECE_CHARS and is_story(p) for p in pieces):
        return []
    return cuts if not _comes_back(pieces) else []


def _heading_above(case: OpenCase, b: Block) -> Block | None:
    """The subheading just above body block `b` in the case, if any: a heading or a label, with the short
    line a label carries on its own ("## 案例:" then "手机号正常使用却被中国移动停机")."""
    i = case.blocks.index(b)
    above = case.blocks[max(i - 2, 0) : i]
    if above and above[-1].kind in ("heading", "label"):
        return above[-1]
    if len(above) == 2 and above[0].kind in ("heading", "label") and _is_title_line(above[1].text):
        return above[0]
    return None


def _is_title_line(line: str) -> bool:
    return len(line.strip()) <= _TITLE_CHARS and not re.search(r"[。！？!?；;]", line)


def _piece_title(case: OpenCase, start: int) -> str:
    """The title the subheading over a piece gives it ("" when the piece starts with its story)."""
    titles = []
    for b in [b for b in case.blocks if b.start >= start][:2]:
        if b.kind == "body" and not _is_title_line(b.text):
            break  # the story itself
        titles.append(clean_heading(b.text))
    titles = [t for t in titles if t and not is_generic_heading(t)]
    return titles[-1] if titles else ""


def _same_surname(paragraph: str, so_far: str) -> bool:
    """The paragraph opens with someone of a surname the story has named: most likely the same person
    written another way ("曾先先生" then "曾先生表示")."""
    earlier = {p[0] for p in people_named(so_far) if len(p) >= 3}
    return any(len(p) >= 3 and (p[0] in earlier or re.search(re.escape(p[0]) + "." + re.escape(p[1:]), so_far))
               for p in people_named(paragraph[:_OPENING_CHARS]))


def _comes_back(pieces: list[str]) -> bool:
    """A later piece goes on with an earlier piece's people (past its opening)."""
    for i, piece in enumerate(pieces[:-1]):
        people = {p for p in people_named(piece) - staff_named(piece) if len(p) >= 3}
        if any(p in later[_OPENING_CHARS:] for later in pieces[i + 1 :] for p in people):
            return True
    return False


def split_stories(doc: DocText, case: OpenCase, cuts: list[int]) -> list[Case]:
    """The cases of the stories between `cuts`, each under the case's heading, comments shared."""
    bounds = [case.start, *cuts, case.end()]
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        sections = [replace(s, start=max(s.start, a), end=min(s.end, b)) for s in case.sections
                    if s.start < b and s.end > a]
        title = (_piece_title(case, a) if a != case.start else "") or case.title
        out.append(build_case(doc, a, b, title, sections, case.fmt, case.context))
    return share_comments(out)
