"""Cut a cleaned document into Case and Guideline records from its own layout and wording.

The document is read as a sequence of blocks (layout.py). A case starts at a case marker (案例N …),
at a label of what happened (事件经过, 申诉内容 …) — a repeated sequence of labels starts a new case at
its first label — or, in text without labels, at a story of one incident (stories.py). A case ends at
a heading at its own level or above, at the next case, or at a concluding paragraph. Text that is no
case becomes guideline sections when it states rules, and is kept as articles otherwise.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from advisor.corpus.classify import ESSAY_TITLE as _ESSAY_TITLE
from advisor.corpus.classify import industry_switch
from advisor.corpus.doctext import DocText
from advisor.corpus.fields import Section, build_case, case_start
from advisor.corpus.guidelines import guideline_sections
from advisor.corpus.layout import Block, read_layout
from advisor.corpus.stories import is_story, starts_new_story
from advisor.corpus.titles import clean_heading, is_generic_heading, title_from_facts
from advisor.models import Case, Guideline
from advisor.text.terms import CORE_COMPLAINT_TERMS, GENERAL

# How high a heading family ranks in a document's outline (lower = higher level).
_RANK = {"md1": 1.0, "md2": 2.0, "md3": 3.0, "md4": 4.0, "md5": 5.0, "md6": 6.0, "part": 1.5, "marker": 2.5,
         "cn": 3.0, "cn_paren": 4.0, "arabic": 5.0, "arabic_paren": 6.0, "bracket": 7.0, "corner": 7.0,
         "line": 8.0, "glued": 8.0, "label": 8.5}
_CONCLUSION = re.compile(r"^(?:综上所述|总之|总的来说|总而言之|通过以上|以上案例|这些案例|希望以上|希望通过|以上是|实践证明)")
_DOC_TITLE = re.compile(r"(?:制度|规定|程序|流程|办法|细则|指引|规范|标准|章程|规程|须知|机制|攻略|功略|技巧|方案|要点|话术|"
                        r"案例|汇编|分析|指南|有哪些|大全|范文|总结|风险|完整版)\)?$")
# Titles of rules documents and guides: inside them, a passage is a case only if it tells of a particular person.
_RULES_DOC = re.compile(r"制度|规定|程序|流程|办法|细则|指引|规范|标准|章程|规程|守则|须知|机制|攻略|功略|技巧|指南|要点|话术")
_MIN_CASE_CHARS = 30
_CONTEXT_CHARS = 300


@dataclass
class Segments:
    """What one document was cut into, before deduplication."""

    cases: list[Case] = field(default_factory=list)
    guidelines: list[Guideline] = field(default_factory=list)
    unfiled: list[str] = field(default_factory=list)
    headings: int = 0  # headings and case markers the layout reader recognised
    labels: int = 0  # section labels it recognised


@dataclass
class _Story:
    """A story found in prose: the heading above it, its body blocks, how many stories share the heading."""

    heading: Block | None
    blocks: list[Block]
    siblings: int


@dataclass
class _Open:
    start: int
    title: str
    rank: float  # headings at this rank or higher end the case
    fmt: str
    sections: list[Section] = field(default_factory=list)
    want_title: bool = False
    context: str = ""
    blocks: list[Block] = field(default_factory=list)  # what the case consumed, to give back if it is none
    rules_doc: bool = False

    def roles_seen(self) -> set[str]:
        return {r for s in self.sections for r in s.roles}

    def end(self) -> int:
        return max((s.end for s in self.sections), default=self.start)


def segment_document(doc: DocText) -> Segments:
    """Cut one cleaned document into records.

    Args:
        doc: the cleaned text of one corpus file with its offset map.

    Returns:
        Cases, guidelines, and short descriptions of passages that became neither.
    """
    walker = _Walker(doc)
    blocks = read_layout(doc.text)
    for block in blocks:
        walker.feed(block)
    out = walker.finish()
    out.headings = sum(b.kind in ("heading", "marker") for b in blocks)
    out.labels = sum(b.kind == "label" for b in blocks)
    return out


class _Walker:
    def __init__(self, doc: DocText) -> None:
        self.doc = doc
        self.text = doc.text
        self.out = Segments()
        self.case: _Open | None = None
        self.heading: Block | None = None  # the latest heading not consumed as a case title
        self.prose: list[Block] = []  # blocks outside cases, in order
        self.context = ""
        self.rules_doc = False  # inside a rules document or a guide (by its title)
        self.titles: list[tuple[int, str]] = []  # (position, title) of every document title seen

    # -- feeding blocks ---------------------------------------------------------------------------

    def feed(self, block: Block) -> None:
        if block.kind == "marker":
            self._marker(block)
        elif block.kind == "heading":
            self._heading(block)
        elif block.kind == "label":
            self._label(block)
        else:
            self._body(block)

    def _marker(self, b: Block) -> None:
        self._close()
        if self.titles and _ESSAY_TITLE.search(self.titles[-1][1]):
            self.titles.append((b.start, ""))  # numbered cases are no part of an essay
        title = clean_heading(b.text)
        if self.prose and self.prose[-1].kind == "body" and self._is_context(self.prose[-1]):
            self.context = self.text[self.prose[-1].start : self.prose[-1].end].strip()
        self.case = _Open(b.start, title, _RANK.get(b.family, 2.5), "marker", want_title=not title,
                          context=self.context, blocks=[b])

    def _heading(self, b: Block) -> None:
        case = self.case
        if case is not None and case.want_title and not case.sections and len(b.text) <= 40:
            case.title, case.want_title = clean_heading(b.text), False
            return
        doc_title = (_DOC_TITLE.search(b.text) and not re.match(r"^[\d(（]", b.text)) or (b.family == "md1" and b.text)
        if doc_title:
            self.rules_doc = bool(_RULES_DOC.search(b.text))
            self.titles.append((b.start, clean_heading(b.text)))
        if case is not None:
            if _RANK.get(b.family, 8.0) > case.rank and not doc_title:
                self._extend(b)  # a subheading inside the case; a document title starts another document
                return
            self._close()
        self.context = ""
        self.heading = b
        self.prose.append(b)

    def _label(self, b: Block) -> None:
        case = self.case
        if case is not None:
            if "facts" in b.roles and case.roles_seen() - {"facts"}:
                self._close()  # a repeated sequence of labels: the next case starts at its first label
                self._label(b)
                return
            case.sections.append(Section(b.roles, b.text, b.end, b.end))
            case.blocks.append(b)
            return
        story = self._story_before()
        # An essay's own headings (一、案例背景) open no case: the essay stays one record.
        essay = bool(_ESSAY_TITLE.search(self._doc_title(b.start)))
        if not essay and ("facts" in b.roles or story):
            self._open_at_label(b, story)
        else:
            self._heading(Block("heading", b.start, b.end, b.text, "label"))

    def _body(self, b: Block) -> None:
        case = self.case
        if case is None:
            self.prose.append(b)
            return
        body = b.text.strip()
        if case.want_title and not case.sections and len(body) <= 30 and not re.search(r"[。；;]", body):
            case.title, case.want_title = body.strip(" :：,，"), False
            return
        if _CONCLUSION.match(body):
            self._close()
            self.prose.append(b)
            return
        if case.context and self._is_context(b):
            # "四、暴跳如雷型…" after the cases of "三、情绪型…": the next group of cases begins.
            self._close()
            self.prose.append(b)
            self.context = body
            return
        self._extend(b)

    # -- cases ------------------------------------------------------------------------------------

    def _open_at_label(self, b: Block, story: list[Block]) -> None:
        heading = self.heading
        anchor = story[0] if story else b
        direct = heading is not None and (not self.prose or self.prose[-1] is heading or (story and self._just_before(heading, story[0])))
        title = clean_heading(heading.text) if direct and heading and not is_generic_heading(heading.text) else ""
        start = heading.start if title and heading else anchor.start
        taken = [heading] if title and heading in self.prose else []
        for piece in [*taken, *story]:
            self.prose.remove(piece)
        rank = _RANK.get(heading.family, 8.0) if heading is not None else 0.0
        case = _Open(start, title, rank, "labelled", blocks=[*taken, *story, b], rules_doc=self.rules_doc)
        if story:
            case.sections.append(Section((), "", story[0].start, story[-1].end))
        case.sections.append(Section(b.roles, b.text, b.end, b.end))
        self.case = case

    def _just_before(self, heading: Block, first: Block) -> bool:
        i = self.prose.index(first) if first in self.prose else -1
        return i > 0 and self.prose[i - 1] is heading

    def _story_before(self) -> list[Block]:
        """The body blocks since the latest heading, when together they tell a story."""
        pieces: list[Block] = []
        for blk in reversed(self.prose):
            if blk.kind != "body":
                break
            pieces.insert(0, blk)
        text = "\n".join(self.text[p.start : p.end] for p in pieces)
        return pieces if pieces and is_story(text, self.rules_doc) else []

    def _extend(self, b: Block) -> None:
        case = self.case
        assert case is not None
        if not case.sections:
            case.sections.append(Section((), "", b.start, b.end))
            case.blocks.append(b)
            return
        case.blocks.append(b)
        last = case.sections[-1]
        if last.start == last.end:
            last.start = b.start
        last.end = b.end

    def _is_context(self, b: Block) -> bool:
        return len(self.text[b.start : b.end]) <= _CONTEXT_CHARS and bool(re.match(r"^[一二三四五六七八九十]{1,2}、", b.text))

    def _close(self) -> None:
        case, self.case = self.case, None
        if case is None:
            return
        end = case.end()
        body = self.text[case.start : end]
        content = sum(len(re.sub(r"\W", "", self.text[s.start : s.end])) for s in case.sections)
        labelled = any(s.roles for s in case.sections)
        facts = "\n".join(self.text[s.start : s.end] for s in case.sections if not s.roles or "facts" in s.roles)
        if case.fmt == "labelled" and (case.roles_seen() <= {"facts"} or case.rules_doc) and not (
                is_story(body, case.rules_doc) or is_story(facts, case.rules_doc)):
            # "投诉渠道介绍" in an article: a facts-like label over text that tells no incident.
            self.prose.extend(blk if blk.kind != "label" else Block("heading", blk.start, blk.end, blk.text, "label")
                              for blk in case.blocks)
            return
        if content < _MIN_CASE_CHARS or not (labelled or any(t in body for t in CORE_COMPLAINT_TERMS)):
            if body.strip():
                self.out.unfiled.append(body.strip()[:40])
            return
        self.out.cases.append(build_case(self.doc, case.start, end, case.title, case.sections, case.fmt,
                                         case.context))

    # -- what is left: stories without labels, and guidelines -------------------------------------

    def finish(self) -> Segments:
        self._close()
        for run in _contiguous(self.text, sorted(self.prose, key=lambda b: b.start)):
            self._prose_run(run)
        self._essays_and_industries()
        return self.out

    def _essays_and_industries(self) -> None:
        """Cases under an essay's title are essays; a case that names no industry takes its document's."""
        industries = Counter(r.industry for r in [*self.out.cases, *self.out.guidelines] if r.industry != GENERAL)
        top = industries.most_common(1)
        # Only a document about one industry lends it to a case that names none (not a compilation).
        main = top[0][0] if top and top[0][1] >= 0.7 * sum(industries.values()) else GENERAL
        for i, case in enumerate(self.out.cases):
            update = {}
            if _ESSAY_TITLE.search(self._doc_title(case_start(self.doc, case))):
                update["record_type"] = "essay"
            if case.industry == GENERAL:
                update["industry"] = main
            if update:
                self.out.cases[i] = case.model_copy(update=update)

    def _prose_run(self, run: list[Block]) -> None:
        pieces = self._by_title(run)
        if len(pieces) > 1:
            for piece in pieces:
                self._prose_run(piece)
            return
        if run and _ESSAY_TITLE.search(self._doc_title(run[0].start)):
            self._essay(run)
            return
        left: list[Block] = []
        stories: list[_Story] = []
        sections = _sections(run)
        story_families = _story_families(self.text, sections)
        for heading, bodies in sections:
            sibling = heading is not None and heading.family in story_families
            found = self._stories(heading, bodies, sibling)
            if found is None:
                left.extend(([heading] if heading else []) + bodies)
                continue
            groups, rest = found
            if heading is not None and is_generic_heading(heading.text):
                left.append(heading)
            left.extend(rest)
            for i, group in enumerate(groups):
                prev = stories[-1] if stories else None
                # A lone subheading inside a story ("1、尽职后的委屈" then "客户发现被骗后…") does not end it.
                if (i == 0 and not sibling and prev is not None and prev.blocks[-1] is self._before(heading, run)
                        and not starts_new_story(self.text[group[0].start : group[0].end], self._join(prev.blocks))):
                    prev.blocks.extend(group)
                else:
                    stories.append(_Story(heading, group, len(groups)))
        for story in stories:
            self._narrative_case(story)
        self._guidelines(left)

    def _before(self, heading: Block | None, run: list[Block]) -> Block | None:
        """The block just before `heading` in the run."""
        if heading is None or heading not in run:
            return None
        i = run.index(heading)
        return run[i - 1] if i > 0 else None

    def _narrative_case(self, story: _Story) -> None:
        heading, group = story.heading, story.blocks
        own = heading is not None and not is_generic_heading(heading.text)
        facts = self._join(group)
        title = clean_heading(heading.text) if own and heading else ""
        if story.siblings > 1 or not title:
            title = f"{title}：{title_from_facts(facts)}" if title else title_from_facts(facts)
        start = heading.start if own and heading and story.siblings == 1 else group[0].start
        self.out.cases.append(build_case(self.doc, start, group[-1].end, title,
                                         [Section((), "", group[0].start, group[-1].end)], "narrative"))

    def _guidelines(self, left: list[Block]) -> None:
        for chunk in _contiguous(self.text, sorted(left, key=lambda b: b.start)):
            for piece in self._by_title(chunk):
                if any(b.kind == "body" for b in piece):
                    start, end = piece[0].start, piece[-1].end
                    self.out.guidelines.extend(guideline_sections(self.doc, self._doc_title(start), start, end))

    def _by_title(self, blocks: list[Block]) -> list[list[Block]]:
        """Blocks split where a document title starts: a run of prose may span several scraped documents."""
        title_starts = {pos for pos, _ in self.titles}
        pieces: list[list[Block]] = [[]]
        for blk in blocks:
            if blk.start in title_starts and pieces[-1]:
                pieces.append([])
            pieces[-1].append(blk)
        return [p for p in pieces if p]

    def _essay(self, blocks: list[Block]) -> None:
        """An essay (…范文, a blog post) is one record, kept whole: it must not be mistaken for precedents."""
        bodies = [b for b in blocks if b.kind == "body"]
        if not bodies:
            return
        start, end = blocks[0].start, blocks[-1].end
        title = self._doc_title(start)
        case = build_case(self.doc, start, end, title, [Section((), "", bodies[0].start, end)], "narrative")
        self.out.cases.append(case.model_copy(update={"record_type": "essay", "handling_steps": [], "steps_origin": "",
                                                      "title": title or case.title}))

    def _stories(self, heading: Block | None, bodies: list[Block],
                 sibling: bool = False) -> tuple[list[list[Block]], list[Block]] | None:
        """The stories told in the body under one heading.

        `sibling`: most sections under headings of this family are stories (第一篇 … 第五篇), so a section
        that names a customer and a complaint is one too, even when it mixes in advice.

        Returns:
            None when the section tells no story; else the stories (groups of body blocks) and the
            body blocks that are no part of a story.
        """
        switch = industry_switch([self.text[b.start : b.end] for b in bodies])
        groups: list[list[Block]] = [[]]
        for i, b in enumerate(bodies):
            so_far = self._join(groups[-1])
            if groups[-1] and (i == switch or starts_new_story(self.text[b.start : b.end], so_far)):
                groups.append([])
            groups[-1].append(b)
        strict = bool(_RULES_DOC.search(self._doc_title(bodies[0].start))) if bodies else False
        flags = [bool(g) and is_story(self._join(g), strict) for g in groups]
        if not any(flags) and not (sibling and not strict):
            return None
        for i, group in enumerate(groups):
            # Beside a story (or under story siblings), a part that names a customer or a complaint is one too.
            if not flags[i] and group and (len(groups) > 1 or sibling) and _mentions_complaint(self._join(group)):
                flags[i] = True
        stories = [g for g, f in zip(groups, flags, strict=True) if f]
        if not stories:
            return None
        return stories, [b for g, f in zip(groups, flags, strict=True) if not f for b in g]

    def _join(self, blocks: list[Block]) -> str:
        return "\n".join(self.text[b.start : b.end] for b in blocks)

    def _doc_title(self, before: int) -> str:
        """The nearest heading before `before` that names a document (…制度, …流程, …案例)."""
        return next((title for pos, title in reversed(self.titles) if pos <= before), "")


def _contiguous(text: str, blocks: list[Block]) -> list[list[Block]]:
    """Blocks grouped into runs with nothing but whitespace between neighbours."""
    runs: list[list[Block]] = []
    for blk in blocks:
        if runs and not re.search(r"[\w]", text[runs[-1][-1].end : blk.start]):
            runs[-1].append(blk)
        else:
            runs.append([blk])
    return runs


def _sections(run: list[Block]) -> list[tuple[Block | None, list[Block]]]:
    """The run split at its headings: (heading, body blocks under it)."""
    out: list[tuple[Block | None, list[Block]]] = [(None, [])]
    for blk in run:
        if blk.kind == "heading":
            out.append((blk, []))
        else:
            out[-1][1].append(blk)
    return [(h, b) for h, b in out if h is not None or b]


def _story_families(text: str, sections: list[tuple[Block | None, list[Block]]]) -> set[str]:
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


def _mentions_complaint(text: str) -> bool:
    """Names a complaint or its complainant (or is told in the first person), at some length."""
    told = any(t in text for t in CORE_COMPLAINT_TERMS) or re.search(r"我(?![行司方])", text) is not None
    return told and len(re.sub(r"\W", "", text)) >= _MIN_CASE_CHARS
