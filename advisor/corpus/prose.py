"""Text outside labelled cases: stories told in prose become narrative cases, essays stay whole,
the rest becomes guideline sections.

A run of prose is split at document titles and headings; under each heading, the body is cut where a
new story starts (stories.py) or the industry switches; a heading family under which most sections
tell stories (第一篇 … 第五篇) makes its other sections stories too when they name a complaint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advisor.corpus.anecdotes import anecdotes
from advisor.corpus.blocks import Block
from advisor.corpus.classify import industry_switch, is_essay_title
from advisor.corpus.doctext import DocText
from advisor.corpus.fields import Section, build_case, share_comments
from advisor.corpus.guidelines import guideline_sections
from advisor.corpus.opencase import md_level
from advisor.corpus.people import SPECIFIC, SUR, people_named, refers_back, staff_named
from advisor.corpus.sections import (
    SERIES,
    comments_on_stories,
    contiguous,
    doc_title,
    headline,
    is_kicker,
    is_subtitle,
    mentions_complaint,
    paired_heading,
    sections_of,
    story_families,
    titles_above,
)
from advisor.corpus.stories import (
    names_someone_new,
    starts_new_story,
    story_score,
)
from advisor.corpus.storygroups import stories_under
from advisor.corpus.titles import clean_heading, is_generic_heading, title_from_facts
from advisor.models import Case, Guideline

_LEAD_CHARS = 200
# A body's reply inside the paragraph that tells the complaint: "…调查落实,后回复:经落实,…".
_REPLY_INSIDE = re.compile(r"(?<=[，,。;；])\s*(?:后|经调查后|调查后)?(?:回复|答复|回函)\s*[:：]")
_PAGE_LEAD_CHARS = 600
# A particular place: a village, an estate, a building, a shop ("淮纺村", "18号楼", "阳光花园小区").
_PLACE = re.compile(r"(?:\d{1,4}(?:号楼|栋|幢|单元)|[\u4e00-\u9fff]{2}(?:村|小区|花园|新村|社区|大厦|广场|商场|公寓|苑))")


# A paragraph that speaks of the incident told above: "此次…纠纷", "这起投诉", "该事件".
_SAME_CASE = re.compile(r"^(?:此次|这次|这起|该起|此起|本次|此事|该事件|这件事)[^。；;]{0,16}?(?:纠纷|投诉|事件|案件|争议|事情|事)")


# A paragraph that opens with the party of the story, unnamed, doing something.
_PARTY = re.compile(r"^(客户|业主|消费者|投保人|患者|乘客|旅客|车主|用户|投诉人|申诉人|家长|学员|住户)"
                    r"(?:向|在|于|到|又|再次|随后|多次|因|称|表示|认为|不服|不满|坚持|拒绝|要求|提出)")


def places_named(text: str) -> set[str]:
    """The particular places a story names (淮南市田家庵区淮纺村18号楼 → 淮纺村, 18号楼)."""
    return {m.group(0) for m in _PLACE.finditer(text)}


_NUMBERED_HEAD = re.compile(r"^\s*(?:\d{1,2}\s*[.、．]|[(（]?[一二三四五六七八九十\d]{1,3}[)）、])")
# One particular person by name: 黄欣, 黄女士, 罗某 (not 一位客人 or 多名业主).
_NAMED_ONE = re.compile(rf"{SUR}[\u4e00-\u9fff]{{1,2}}|{SPECIFIC.pattern}")


@dataclass
class _Story:
    """A story found in prose: the heading above it, its body blocks, how many stories share the heading."""

    heading: Block | None
    blocks: list[Block]
    siblings: int
    comment: list[Block] = field(default_factory=list)  # a commentary section after it (专家点评…)
    kicker: Block | None = None  # the first line of a two-line headline ("3种食品放在1个塑料袋" / "商家却收…打包费")


class ProseReader:
    """Turns runs of prose blocks of one document into narrative cases, essays and guidelines."""

    def __init__(self, doc: DocText, titles: list[tuple[int, str]]) -> None:
        self.doc = doc
        self.text = doc.text
        self.titles = titles
        self._title_starts = {pos for pos, _ in titles}
        self.cases: list[Case] = []
        self.guidelines: list[Guideline] = []

    def read(self, prose: list[Block]) -> None:
        """Read every run of the document's prose (blocks outside cases)."""
        for run in contiguous(self.text, sorted(prose, key=lambda b: b.start)):
            self._prose_run(run)

    def _prose_run(self, run: list[Block]) -> None:
        pieces = self._by_title(run)
        if len(pieces) > 1:
            for piece in pieces:
                self._prose_run(piece)
            return
        if run and is_essay_title(doc_title(self.titles, run[0].start)):
            self._essay(run)
            return
        left: list[Block] = []
        stories: list[_Story] = []
        sections = sections_of(run)
        families = story_families(self.text, sections)
        for heading, bodies in sections:
            if (heading is not None and stories and bodies
                    and (comments_on_stories(heading.text, self._join(bodies))
                         or paired_heading(stories[-1].heading, heading, self._join(bodies)))):
                stories[-1].comment.extend(bodies)  # "专家点评欺诈乱象" under a story comments on it
                continue
            sibling = heading is not None and heading.family in families
            found = stories_under(self.text, self.titles, heading, bodies, sibling)
            if found is None and self._continues(stories, heading, bodies):
                # A feature's subheading ("报名两年科目二还没过") goes on with the story of the person above it.
                stories[-1].blocks.extend([heading, *bodies])
                continue
            if found is None:
                left.extend(([heading] if heading else []) + bodies)
                continue
            groups, rest = found
            if heading is not None and is_generic_heading(heading.text):
                left.append(heading)
            left.extend(rest)
            for i, group in enumerate(groups):
                prev = stories[-1] if stories else None
                # A lone subheading inside a story ("1、尽职后的委屈" then "客户发现被骗后…") does not end it
                # (a heading of the same family as the story's own heads a sibling story: 干净篇—… then 安全篇—…).
                if i == 0 and prev is not None and self._same_protagonist(prev, heading, group):
                    # A news story told under Markdown subheadings ("## 齿科辩解", "## 核查确认流程合规"): each part
                    # goes on with the person the story is about (罗女士 … 罗某在投诉中…), so it is one case.
                    prev.blocks.extend(group)
                    continue
                if i == 0 and prev is not None and not self._sibling_of(prev, heading):
                    first, so_far = self.text[group[0].start : group[0].end], self._join(prev.blocks)
                    # (nor does one over a section that names someone new further on: "…例如,…消费者胡女士…")
                    lone = (not sibling and prev.blocks[-1] is self._before(heading, run)
                            and not starts_new_story(first, so_far) and not names_someone_new(first, so_far)
                            and not self._someone_else(group, so_far))
                    if lone or self._goes_on(prev, first):
                        prev.blocks.extend(group)
                        continue
                stories.append(_Story(heading, group, len(groups), kicker=self._kicker(heading, run, left)))
        self._lead_into_story(sections, stories, left)
        self._page_lead_into_story(sections, stories, left)
        built = len(self.cases)
        for story in stories:
            self._narrative_case(story)
        self.cases[built:] = share_comments(self.cases[built:])
        self._guidelines(left)

    def _continues(self, stories: list[_Story], heading: Block | None, bodies: list[Block]) -> bool:
        """The section under `heading` tells more of the last story: it opens with a person that story named."""
        if not stories or heading is None or not bodies or self._sibling_of(stories[-1], heading):
            return False
        return self._goes_on(stories[-1], self.text[bodies[0].start : bodies[0].end]) or self._crosshead(
            stories[-1], heading, bodies)

    def _crosshead(self, story: _Story, heading: Block, bodies: list[Block]) -> bool:
        """A news story's Markdown crosshead (## 社署：CCTV坏 曾发3警告) over more of the same incident: the
        section tells no story of its own (the caller checked) and opens none, names nobody the story did not,
        and tells events rather than rules."""
        level = md_level(heading)
        if not level or _NUMBERED_HEAD.match(heading.text) or (
                story.heading is not None and not 0 < md_level(story.heading) < level):
            return False
        told = self._join(story.blocks)
        if self._someone_else(bodies, told):
            return False
        said = self._join(bodies)
        return story_score(said) > 0 and not starts_new_story(self.text[bodies[0].start : bodies[0].end], told)

    def _someone_else(self, group: list[Block], so_far: str) -> bool:
        """The section names a particular person (胡女士, 王某) whom the story so far does not (上述乔先生 was named
        before)."""
        text = self._join(group)
        return any(person not in so_far and not re.search(rf"(?:上述|前述|上文|该|这位|此)的?{re.escape(person)}", text)
                   for person in people_named(text))

    def _same_protagonist(self, story: _Story, heading: Block | None, group: list[Block]) -> bool:
        """Under a Markdown subheading, the section opens with the particular person the story is about (the same
        name, or the same surname as 罗女士 / 罗某) and names nobody new; under a plain-line crosshead, its first
        sentence goes on with that person by name (`refers_back`)."""
        if heading is None or _NUMBERED_HEAD.match(heading.text) or not story.blocks:
            return False  # (numbered subheadings, "## 2.空调外机扰民问题", are a list's items)
        told = self._join(story.blocks)
        head = self.text[group[0].start : group[0].end][:120]
        named = {p for p in people_named(told) - staff_named(told) if _NAMED_ONE.fullmatch(p)}
        if not md_level(heading):
            # A news story's plain-line crosshead ("经人推荐 办理整存300万元业务") over a paragraph that goes on with
            # the person it is about, by name alone ("余兵在…做生意,…认识了在那里工作的孙某"): the same story.
            return (heading.family == "line" and (story.heading is None or story.heading.family == "line")
                    and not self._sibling_of(story, heading) and refers_back(head, named)
                    and not starts_new_story(head, told))
        if story.heading is not None and not md_level(story.heading):
            return False
        new = {p for p in people_named(head) - staff_named(head) if _NAMED_ONE.fullmatch(p)}

        def known(person: str) -> bool:  # named before, or 罗某 for 罗女士 (a 某 stands for any given name)
            return person in named or any(person[0] == p[0] and "某" in person + p for p in named)

        return bool(named) and (any(p in head for p in named) or any(map(known, new))) and all(map(known, new))

    @staticmethod
    def _sibling_of(story: _Story, heading: Block | None) -> bool:
        """`heading` is of the family of the story's own heading (第一篇 … 第二篇, 干净篇——… 安全篇——…): it heads
        another story. Plain lines are a news story's headline and subheadings as well, so among them only
        headings of one pattern (…篇) are siblings."""
        if heading is None or story.heading is None or heading.family != story.heading.family:
            return False
        return heading.family != "line" or all(SERIES.search(h.text) for h in (heading, story.heading))

    def _goes_on(self, story: _Story, opening: str) -> bool:
        """A paragraph under a feature's subheading goes on with `story`: its opening names only people the
        story named, and one of them or 她/他 ("今年4月,她第二次报考…", "记者联系上该驾校负责人罗先生…"); or,
        for a story of people not named (百余户居民), it names nobody and returns to a place the story named
        ("接电后,记者随即赶到淮纺村。")."""
        told = self._join(story.blocks)
        people = people_named(told)
        head = opening[:120]
        if not people_named(head) - staff_named(head) <= people:
            return False
        if _SAME_CASE.match(head):
            return True  # "此次保险公司与客户的纠纷案件还得从9年前说起": the incident told above
        party = _PARTY.match(head)
        if party and party.group(1) in told and story_score(opening) > 0:
            return True  # "客户向九江银保监分局投诉后,…": the story's customer, whom it never named, acts on
        if not people:
            return any(place in head for place in places_named(told))
        return any(p in head for p in people) or re.search(r"[她他](?![们人])", head[:30]) is not None

    def _lead_into_story(self, sections: list[tuple[Block | None, list[Block]]], stories: list[_Story],
                         left: list[Block]) -> None:
        """A news lead printed above its headline ("近日,…业主反映…" then the headline and the story) opens
        the story under that headline."""
        if len(sections) < 2 or sections[0][0] is not None or not stories:
            return
        lead, headline = sections[0][1], sections[1][0]
        if (stories[0].heading is not headline or not lead or any(b not in left for b in lead)
                or sum(b.end - b.start for b in lead) > _LEAD_CHARS):
            return
        for b in lead:
            left.remove(b)
        self._open_with(stories, stories[0], lead, self._join(lead))

    def _page_lead_into_story(self, sections: list[tuple[Block | None, list[Block]]], stories: list[_Story],
                              left: list[Block]) -> None:
        """A news page that tells one story under a subheading ("洪女士:未发通知就断电"): the lead under the page's
        headline ("近日,有市民…向市长投诉五华区供电局…这名女士在留言中说…") opens that story, when it names a complaint
        and nobody the story does not name."""
        if len(stories) != 1 or stories[0].heading is None or not sections:
            return
        story, top = stories[0], sections[0][0]
        if top is not None and top.start not in self._title_starts:
            return
        before = [b for b in left if b.start < story.heading.start and b is not top]
        text = self._join([b for b in before if b.kind == "body"])
        if (not text or len(text) > _PAGE_LEAD_CHARS or not mentions_complaint(text) or story_score(text) <= 0
                or any(b.kind != "body" and b.family != "line" for b in before)  # another section, not a caption
                or people_named(text) - people_named(self._join(story.blocks))):
            return
        for b in before:
            left.remove(b)
        self._open_with(stories, story, [b for b in before if b.kind == "body"], text)

    def _open_with(self, stories: list[_Story], story: _Story, lead: list[Block], text: str) -> None:
        """The lead `lead` (its text `text`) opens `story` — unless the story begins another one ("…该会分享一宗
        个案,投诉人…" then "另一个案涉及…"): then the lead told a case of its own."""
        if starts_new_story(self._join(story.blocks[:1]), text):
            stories.insert(0, _Story(None, lead, 1))
        else:
            story.blocks[:0] = lead

    def _kicker(self, heading: Block | None, run: list[Block], left: list[Block]) -> Block | None:
        """The first line of a two-line headline above the story's heading; it leaves the guideline text."""
        above = self._before(heading, run)
        if (heading is None or above is None or above not in left
                or (above.start in self._title_starts and not is_subtitle(heading))):
            return None
        if not is_kicker(above, heading):
            return None
        left.remove(above)
        return above

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
        if title and story.kicker is not None:
            title = headline(story.kicker, heading)
        if story.siblings > 1 or not title:
            title = f"{title}：{title_from_facts(facts)}" if title else title_from_facts(facts)
        start = (story.kicker or heading).start if own and heading and story.siblings == 1 else group[0].start
        start = min(start, group[0].start)  # a lead above the headline belongs to the story
        end = group[-1].end
        reply = _REPLY_INSIDE.search(self.text, group[0].start, end)
        # a hotline record: "市民反映:…市长热线转区房管局调查落实,后回复:经落实,…" — the reply is the handling
        sections = ([Section((), "", group[0].start, reply.start()), Section(("steps",), "", reply.end(), end)]
                    if reply else [Section((), "", group[0].start, end)])
        if story.comment:
            sections.append(Section(("thinking",), "", story.comment[0].start, story.comment[-1].end))
            end = story.comment[-1].end
        self.cases.append(build_case(self.doc, start, end, title, sections, "narrative"))

    def _guidelines(self, left: list[Block]) -> None:
        for chunk in contiguous(self.text, sorted(left, key=lambda b: b.start)):
            for piece in self._by_title(chunk):
                if any(b.kind == "body" for b in piece):
                    start, end = piece[0].start, piece[-1].end
                    made = guideline_sections(self.doc, doc_title(self.titles, start), start, end,
                                              titles_above(self.titles, start))
                    self.guidelines.extend(made)
                    self.cases.extend(anecdotes(self.doc, [b for b in piece if b.kind == "body" and self._in_article(b, made)]))

    def _in_article(self, b: Block, made: list[Guideline]) -> bool:
        """Block `b` is part of one of the article guidelines in `made` (not of a rulebook's)."""
        at = self.doc.locate(b.start, b.end)[0]
        return any(g.record_type == "article" and g.sources[0].start <= at < g.sources[0].end for g in made)

    def _by_title(self, blocks: list[Block]) -> list[list[Block]]:
        """Blocks split where a document title starts: a run of prose may span several scraped documents."""
        title_starts = self._title_starts
        pieces: list[list[Block]] = [[]]
        for blk in blocks:
            if blk.start in title_starts and pieces[-1]:
                pieces.append([])
            pieces[-1].append(blk)
        return [p for p in pieces if p]

    def _essay(self, blocks: list[Block], part: int = 0) -> None:
        """An essay (…范文, a blog post) is one record, kept whole: it must not be mistaken for precedents.
        Two essays glued into one page (a hotel guest's story, then a property manager's) are two."""
        bodies = [b for b in blocks if b.kind == "body"]
        if not bodies:
            return
        switch = industry_switch([self.text[b.start : b.end] for b in bodies])
        if switch:
            cut = blocks.index(bodies[switch])
            self._essay(blocks[:cut], part)
            self._essay(blocks[cut:], part + 1)
            return
        start, end = blocks[0].start, blocks[-1].end
        title = doc_title(self.titles, start)
        case = build_case(self.doc, start, end, title, [Section((), "", bodies[0].start, end)], "narrative")
        if title and part:
            title = f"{title}：{title_from_facts(case.facts)}"  # the second of glued essays
        self.cases.append(case.model_copy(update={"record_type": "essay", "handling_steps": [], "steps_origin": "",
                                                  "title": title or case.title}))

    def _join(self, blocks: list[Block]) -> str:
        return "\n".join(self.text[b.start : b.end] for b in blocks)
