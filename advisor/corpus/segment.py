"""Cut a cleaned document into Case and Guideline records from its own layout and wording.

The document is read as a sequence of blocks (layout.py). A case starts at a case marker (案例N …),
at a label of what happened (事件经过, 申诉内容 …) — a repeated sequence of labels starts a new case at
its first label — or, in text without labels, at a story of one incident (stories.py). A case ends at
a heading at its own level or above, at the next case, or at a concluding paragraph. Text that is no
case goes to prose.py: stories, essays and guideline sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advisor.corpus.before import ITEM, item_before, just_before, lead_before, rfind, story_before
from advisor.corpus.blocks import Block
from advisor.corpus.classify import is_essay_title
from advisor.corpus.doctext import DocText
from advisor.corpus.fields import Section, share_comments
from advisor.corpus.kinds import document_kinds
from advisor.corpus.layout import read_layout
from advisor.corpus.lines import FURTHER_READING
from advisor.corpus.opencase import RANK, OpenCase, below, give_back, glued_cut, md_level, retold_cut, settle
from advisor.corpus.prose import ProseReader
from advisor.corpus.roles import is_metadata_label, label_roles
from advisor.corpus.sections import doc_title, headline, is_kicker, is_rules_title, is_subtitle
from advisor.corpus.several import split_stories, story_cuts
from advisor.corpus.titles import clean_heading, is_generic_heading, subject_field
from advisor.models import Case, Guideline
from advisor.text.terms import DOC_TITLE_ALTERNATION

_NUMBERED = ("cn", "cn_paren", "arabic", "arabic_paren", "padded")
_BARE_NUMBER = re.compile(r"[一二三四五六七八九十\d]{1,3}\s*[、.．)）]?")
_CONCLUSION = re.compile(r"^(?:综上所述|总之|总的来说|总而言之|通过以上|以上案例|这些案例|希望以上|希望通过|以上是|实践证明)")
_DOC_TITLE = re.compile(rf"(?:{DOC_TITLE_ALTERNATION})\)?$")
_REPLY_LABEL = re.compile(r"反馈|回复|答复|回应|落实情况|办理情况|处理意见")
_CONTEXT_CHARS = 300
# A label over the answer to the text above it (not a section of advice: "三、消费者应对策略").
_ANSWER_LABEL = re.compile(_REPLY_LABEL.pattern + "|处理结果|办理结果|处理情况|调查结果")


@dataclass
class Segments:
    """What one document was cut into, before deduplication."""

    cases: list[Case] = field(default_factory=list)
    guidelines: list[Guideline] = field(default_factory=list)
    unfiled: list[str] = field(default_factory=list)
    headings: int = 0  # headings and case markers the layout reader recognised
    labels: int = 0  # section labels it recognised


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
    in_order = sorted(range(len(out.cases)), key=lambda i: out.cases[i].sources[0].start)
    for i, case in zip(in_order, share_comments([out.cases[i] for i in in_order], numbered=True), strict=True):
        out.cases[i] = case
    out.headings = sum(b.kind in ("heading", "marker") for b in blocks)
    out.labels = sum(b.kind == "label" for b in blocks)
    return out


class _Walker:
    def __init__(self, doc: DocText) -> None:
        self.doc = doc
        self.text = doc.text
        self.out = Segments()
        self.case: OpenCase | None = None
        self.heading: Block | None = None  # the latest heading not consumed as a case title
        self.prose: list[Block] = []  # blocks outside cases, in order
        self.context = ""
        self.rules_doc = False  # inside a rules document or a guide (by its title)
        self.last_case_end = -1
        self.titles: list[tuple[int, str]] = []  # (position, title) of every document title seen
        self.title_starts: set[int] = set()

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
        if self.titles and is_essay_title(self.titles[-1][1]):
            self.titles.append((b.start, ""))  # numbered cases are no part of an essay
            self.title_starts.add(b.start)
        title = clean_heading(b.text)
        if not re.search(r"[\u4e00-\u9fffA-Za-z0-9]", title):
            title = ""  # a bare mark (">>>") names no case: the heading after it does
        last = self.prose[-1] if self.prose else None
        if last is not None and last.kind == "body" and last.start > self.last_case_end and self._is_context(last):
            # "三、急躁型…" right before "案例一" introduces the cases: their context, no guideline of its own.
            self.context = self.text[self.prose[-1].start : self.prose[-1].end].strip()
            self.prose.pop()
        self.case = OpenCase(b.start, title, RANK.get(b.family, 2.5), "marker", md_level(b), want_title=not title,
                          context=self.context, blocks=[b])

    def _heading(self, b: Block) -> None:
        case = self.case
        if _BARE_NUMBER.fullmatch(b.text.strip()):
            # "## 一、【案例简介】": the number of the label after it, no heading of its own.
            if case is not None:
                self._extend(b)
            return
        if case is not None and case.want_title and not case.sections and len(b.text) <= 40:
            case.title, case.want_title = clean_heading(b.text), False
            return
        doc_title = ((_DOC_TITLE.search(b.text) and not re.match(r"^[\d(（]", b.text)) or (b.family == "md1" and b.text)
                     or FURTHER_READING.match(b.text))
        if case is not None and case.fmt == "labelled" and b.family in _NUMBERED and RANK[b.family] > case.rank:
            doc_title = False  # "3. 现场监控…显示清洁人员操作规范" under a case's 关键争议点 is a point of it, no title
        if case is not None and case.md and md_level(b) > case.md:
            doc_title = False  # a Markdown subheading of the case ("### 《…》的相关规定") starts no document
        if doc_title:
            self.rules_doc = is_rules_title(b.text)
            self.titles.append((b.start, clean_heading(b.text)))
            self.title_starts.add(b.start)
        if case is not None:
            # a Markdown sibling of the case's labels whose words name a part of a case loosely ("## 问题发生与初步
            # 处理" after "## 案例背景": facts and steps); not a feature's subheading (## 商家说, ## 老公“去黑头”伤了脸)
            loose = label_roles(b.text, 0.3) if b.family.startswith("md") and len(b.text) <= 12 else ()
            sibling = ((b.family in _NUMBERED or loose)
                       and any(blk.kind == "label" and blk.family == b.family for blk in case.blocks)
                       and not any(blk.kind in ("heading", "marker") and blk.family == b.family for blk in case.blocks))
            if sibling and not doc_title:
                # A sibling of the case's numbered labels that is no label itself ("三、法律法规链接" between
                # 处理过程 and 案例启示, "三、用户权益保障机制缺陷" after an analysis) belongs to the debrief.
                case.sections.append(Section(loose or ("thinking",), b.text, b.end, b.end))
                case.blocks.append(b)
                return
            # a numbered point that is a sentence ("一、原、被告双方签订的…协议合法有效。" under 评析) goes on
            # with the section above it
            point = bool(case.sections) and b.family in _NUMBERED and b.text.rstrip().endswith(("。", "；", ";"))
            if (below(b, case) or point or is_metadata_label(b.text)) and not doc_title:
                self._extend(b)  # a subheading inside the case; a document title starts another document
                return
            self._close()
        self.context = ""
        self.heading = b
        self.prose.append(b)

    def _label(self, b: Block) -> None:
        if b.family == "row":  # a ledger's row: the case is the row, titled by its complaint
            self._close()
            self._open_at_label(b, [])
            self.case.title = b.caption or self.case.title
            return
        case = self.case
        if case is not None:
            # (a plain label under the case's Markdown sections, "业主投诉:" under "## 问题发生与初步处理", is a
            # part of that section, not the next case)
            sub = (not b.family.startswith("md") and b.text.strip(" :：") not in ("案例", "案情")
                   and any(blk.family.startswith("md") for blk in case.blocks))
            if "facts" in b.roles and case.roles_seen() - {"facts"} and self._told(case) and not sub:
                # a repeated sequence of labels: the next case starts at its first label, or at the numbered
                # item just above it ("2.崇文佳苑…902室" then "核查情况:…"), which is no part of the case before
                last = case.blocks[-1] if case.blocks else None
                item = last is not None and len(case.sections) > 1 and item_before([last])
                if item:
                    self.prose.extend(give_back(case, last.start))
                self._close()
                if item and self.prose and self.prose[-1] is last:
                    self._open_at_label(b, [last])
                else:
                    self._label(b)
                return
            case.sections.append(Section(b.roles, b.text, b.end, b.end))
            case.blocks.append(b)
            return
        story = story_before(self.prose, self.text, self.rules_doc)
        if (not story and not self.rules_doc and "facts" not in b.roles and b.family not in _NUMBERED
                and _ANSWER_LABEL.search(b.text)):
            # "信件回复:" / "处理结果:" after a letter that names nobody: the letter is the complaint answered
            story = story_before(self.prose, self.text, self.rules_doc, answered=True)
        item = _REPLY_LABEL.search(b.text) is not None and item_before(self.prose)
        if item:
            story = [self.prose[-1]]  # "1.病人…购邮票难、寄信难等问题。" then "反馈意见:…": a complaint and its reply
        # An essay's own headings (一、案例背景) open no case: the essay stays one record.
        essay = is_essay_title(self._doc_title(b.start))
        if not essay and ("facts" in b.roles or story):
            self._open_at_label(b, story)
            self.case.item = bool(item)
        else:
            self._heading(Block("heading", b.start, b.end, b.text, "label"))

    def _body(self, b: Block) -> None:
        case = self.case
        if case is None:
            self.prose.append(b)
            return
        if b.family != "cell" and case.blocks and case.blocks[-1].family == "cell":
            self._close()  # the text after a ledger is no part of its last row
            self.prose.append(b)
            return
        body = b.text.strip()
        if (case.want_title and not case.sections and len(body) <= 30 and not re.search(r"[。；;]", body)
                and re.search(r"[\u4e00-\u9fff]", body)):
            case.title, case.want_title = body.strip(" :：,，"), False
            return
        # (a conclusion right under the case's own label, "5. 总结与建议" then "以上是…的过程。", is that section)
        under_label = case.blocks[-1].kind == "label" if case.blocks else False
        if (_CONCLUSION.match(body) and not under_label) or (case.item and ITEM.match(body)):
            self._close()  # (the next numbered complaint of a list of complaints and replies)
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
        direct = heading is not None and (not self.prose or self.prose[-1] is heading or (story and just_before(self.prose, heading, story[0])))
        title = clean_heading(heading.text) if direct and heading and not is_generic_heading(heading.text) else ""
        start = heading.start if title and heading else anchor.start
        # a complaint form's subject row above its 内容 field: "标题: | 17路公交车什么时候恢复 |"
        subject = next((t for blk in reversed(self.prose[-6:]) if blk.start >= self.last_case_end
                        and (t := subject_field(blk.text))), "")
        taken = [heading] if title and rfind(self.prose, heading) >= 0 else []
        i = rfind(self.prose, heading) if taken else -1
        if i > 0 and is_kicker(self.prose[i - 1], heading) and (
                self.prose[i - 1].start not in self.title_starts or is_subtitle(heading)):
            # a two-line headline: "收房时面积缩水怎么办?" / "关键是看有没有超过3%"
            taken.insert(0, self.prose[i - 1])
            title, start = headline(taken[0], heading), taken[0].start
        for piece in [*taken, *story]:
            del self.prose[rfind(self.prose, piece)]
        rank = RANK.get(heading.family, 8.0) if heading is not None else 0.0
        if not title and b.family in RANK and b.family not in ("label", "line", "glued"):
            # "一、案例:" ranks at least as its numbering: "1、…" below it stays inside the case.
            rank = min(rank, RANK[b.family]) if heading is not None else RANK[b.family]
        lead = None if story else lead_before(self.prose, self.text)
        if lead is not None:
            # 裁判要点 … then 基本案情: a case published with its key point first keeps it as its thinking.
            for piece in lead:
                del self.prose[rfind(self.prose, piece)]
            case = OpenCase(lead[0].start, subject, rank, "labelled", blocks=[*lead, b], rules_doc=self.rules_doc)
            case.sections.append(Section(("thinking",), lead[0].text, lead[0].end, lead[-1].end))
            case.sections.append(Section(b.roles, b.text, b.end, b.end))
            self.case = case
            return
        case = OpenCase(start, title or subject, rank, "labelled", md_level(heading) if title and heading else 0,
                        blocks=[*taken, *story, b], rules_doc=self.rules_doc)
        if story:
            case.sections.append(Section((), "", story[0].start, story[-1].end))
        case.sections.append(Section(b.roles, b.text, b.end, b.end))
        self.case = case

    def _told(self, case: OpenCase) -> bool:
        """The case has told what happened (a facts section, or unlabelled text before its labels): a case
        that opened with its 典型意义 under 案例一 still waits for its 案情简介."""
        return any("facts" in sec.roles or (not sec.roles and len(re.sub(r"\W", "", self.text[sec.start : sec.end])) >= 30)
                   for sec in case.sections)

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
        for cut_at in (glued_cut, retold_cut):
            cut = cut_at(self.text, case)
            if cut is not None:
                self.prose.extend(give_back(case, cut))
        self.last_case_end = case.end()
        closed = settle(self.doc, case)
        self.prose.extend(closed.prose)
        if closed.unfiled:
            self.out.unfiled.append(closed.unfiled)
        if closed.case is not None:
            cuts = story_cuts(self.text, case)
            self.out.cases.extend(split_stories(self.doc, case, cuts) if cuts else [closed.case])

    # -- what is left: stories without labels, and guidelines -------------------------------------

    def finish(self) -> Segments:
        self._close()
        prose = ProseReader(self.doc, self.titles)
        prose.read(self.prose)
        self.out.cases.extend(prose.cases)
        self.out.guidelines.extend(prose.guidelines)
        self.out.cases = document_kinds(self.doc, self.out.cases, self.out.guidelines, self.titles)
        return self.out

    def _doc_title(self, before: int) -> str:
        return doc_title(self.titles, before)

