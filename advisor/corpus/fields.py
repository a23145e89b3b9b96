"""Fill a case's fields from its labelled sections (or, for a plain story, from the story itself)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.corpus.classify import case_type, complaint_type_of, industry_of
from advisor.corpus.doctext import DocText
from advisor.corpus.handling import SALUTATION, told_actions
from advisor.corpus.people import names_anyone
from advisor.corpus.roles import is_metadata_label
from advisor.corpus.stories import is_editorial, story_score
from advisor.corpus.titles import case_title
from advisor.models import Case, SourceSpan
from advisor.text.items import as_items, dedupe_texts, split_items

# Thinking sections that tell staff what to do (numbered imperatives): when a case has no handling
# section, their points are its steps, flagged as taken from the thinking.
_PRESCRIPTIVE_WORDS = ("思考", "启示", "经验", "建议", "做法", "总结", "支招", "提示")


@dataclass
class Section:
    """A labelled part of a case: its roles (empty for the text before any label) and its span."""

    roles: tuple[str, ...]
    label: str
    start: int
    end: int


def build_case(doc: DocText, start: int, end: int, title: str, sections: list[Section], fmt: str,
               context: str = "", stories: int = 1) -> Case:
    """A Case for `doc.text[start:end]` with fields from `sections` (ids are set after deduplication)."""
    text = doc.text
    fields: dict[str, list[str]] = {"facts": [], "thinking": [], "steps": [], "improvements": [], "outcome": []}
    prescriptive: list[str] = []
    for sec in sections:
        content = text[_after_headline(text, sec) : sec.end].strip(" \n;；")
        if not content:
            continue
        roles = sec.roles or ("facts",)
        if roles == ("thinking",) and "争议" in sec.label and story_score(content) > 0:
            roles = ("facts",)  # a 双方争议焦点 that tells who said what is more of the story, not its analysis
        for role in roles:
            _add(fields, role, content, "outcome" in roles)
        if "thinking" in roles and any(w in sec.label for w in _PRESCRIPTIVE_WORDS):
            prescriptive.extend(split_items(content)[1])
    facts = "\n".join(fields["facts"]).strip()
    steps, origin = dedupe_texts(fields["steps"]), "section"
    if not steps and prescriptive:
        steps, origin = dedupe_texts(prescriptive), "thinking"
    if not steps:
        steps, origin = told_actions("\n".join([facts, *fields["outcome"]])), "story"
    full = text[start:end].strip()
    span = doc.locate(start, end)
    title = case_title(title, facts or full)
    return Case(
        id="", title=title, industry=industry_of(full, title, 2), complaint_type=complaint_type_of(title + full),
        record_type=case_type(full, title, stories), format=fmt, context=context, facts=facts,
        management_thinking=dedupe_texts(fields["thinking"]), handling_steps=steps,
        steps_origin=origin if steps else "", improvements=dedupe_texts(fields["improvements"]),
        outcome="\n".join(fields["outcome"]).strip(), sources=[SourceSpan(file=doc.file, start=span[0], end=span[1])],
        text=(f"{context}\n{full}" if context else full), original_text=doc.orig[start:end].strip(),
    )


def _after_headline(text: str, sec: Section) -> int:
    """Where a labelled section's content starts: after the rest of its heading line when the label opens a
    Markdown heading of a handling section (## 回应:将改进产品改善服务 — a news kicker and its headline, no step).
    Other sections keep theirs: a story's makes the case's title (## 案例一:某鞋店充值赠品纠纷案), an analysis's is
    its lesson (## 法官说法:质量问题不适用“已使用即不可退”规则), a result's sums it up (## 判决:支持消费者“退一赔三”)."""
    line_start = text.rfind("\n", 0, sec.start) + 1
    if sec.roles != ("steps",) or not text[line_start : sec.start].lstrip().startswith("#"):
        return sec.start
    line_end = text.find("\n", sec.start)
    return sec.end if line_end < 0 else min(line_end, sec.end)


# An authority's words that go on to tell a case ("消委会表示,投诉人陈小姐心仪…", "消委会指,有投诉人于网购平台订购…"):
# the story, not a view of it.
_TELLS_CASE = r"[，,:：]\s*(?:有|一名|一位|一宗|其中一名)?(?:投诉人|事主|申诉人|消费者[\u4e00-\u9fff]{1,3}(?:先生|女士|小姐))"


# A paragraph of the story that comments on it rather than telling it ("这一事件暴露出两个核心问题…",
# "本案中,…", "由此可见…") is the case's analysis.
_COMMENT = re.compile(
    # "对此,律师表示…": the story turning to a view, before any of the openings below
    r"^(?:(?:对此|对于此事|针对此事|就此)[，,]?)?"
    r"(?:(?:这一|这起|这些|该|此次|这次|本次|此案|此事)[^，,。]{0,10}?(?:事件|事故|纠纷|遭遇|风波|案例)?(?:暴露|折射|反映)出?|由此可见|这说明|本案中|本案例中|此案例中|此案中|究其原因|分析原因|可以看出|从本案"
    # a training question and its answer ("试分析在此案例中问题主要出在哪些方面……可以看出…", "1.开发商应不应该承担
    #赔偿责任?2.我们应如何…?1.由于…")
    r"|(?:试|请)(?:[^。？?！!\n]{0,30}?进行)?(?:分析|思考|讨论|评析)|[1１][.．、][^。？?\n]{4,60}[?？]"
    # an expert's view the reporter sought ("记者向省消协投诉部有关人士了解到,…", "律师认为,…")
    r"|记者(?:从|向)[^，,。]{0,24}(?:了解到|获悉)|[^，,。]{0,16}(?:律师|专家|法官|学者|教授|局长|处长|科长|会长|秘书长|消保官|业内人士|行业人士|法律人士)[\u4e00-\u9fff]{0,3}(?:认为|表示|指出|提醒|建议|强调|说)"
    # (a lawyer of a long-named firm: "中国质量万里行法律服务联盟江苏某律师事务所律师华清建议")
    r"|[^，,。]{0,30}(?:事务所|联盟|协会|研究院|研究所|大学|学院)[^，,。]{0,4}(?:律师|专家|学者|教授|研究员)[\u4e00-\u9fff]{0,3}(?:认为|表示|指出|提醒|建议|强调|说)"
    # the story's wider debate ("此事件也引发了对宠物护理行业监管的讨论")
    r"|(?:此|该|这一|这起)(?:事件|事)[^，,。]{0,4}引发(?:了)?[^，,。]{0,4}(?:对|关于)[^，,。]{2,30}的(?:讨论|思考|反思|关注)"
    # an official's view quoted first ("“服装鞋帽一直是…投诉最为集中的领域…”市场监管局相关负责人表示")
    r"|“[^”]{20,}”[^。”]{0,30}?(?:负责人|人士|专家|律师|法官|主任|局长|处长|科长|秘书长)(?:表示|认为|指出|提醒|介绍|说)"
    # the law the case is judged by ("根据《消费者权益保护法》第七条规定,…本案中,…")
    r"|(?:根据|依据|依照|按照)[^，,。《]{0,8}《[^》]{2,30}》|(?:我国)?《[^》]{2,30}》(?:第[\d一二三四五六七八九十百]+条(?:第[\d一二三四五六七八九十]+款)?)?(?:明确)?规定"
    # the court's finding ("东莞市第三人民法院审理认为,…", "法院认为,")
    r"|[^，,。]{0,12}法院(?:经?审理)?认为"
    # an institution's appeal or warning ("四川省消委会呼吁健身房…", "法院提醒,…")
    r"|[^，,。]{0,16}(?:消委会|消协|消保委|消费者协会|消费者权益保护委员会|监管局|监管部门|法院|协会)[^，,。]{0,6}(?:呼吁|提醒|建议|提示|警示)"
    # a consumer council, no party to the dispute, judging it ("消委会表示,商家隐瞒宠物健康状况,违反…")
    r"|[^，,。]{0,16}(?:消委会|消协|消保委|消费者协会|消费者权益保护委员会)(?:相关|有关)?(?:负责人)?(?:表示|认为|指出)"
    rf"(?!{_TELLS_CASE})"
    # a regulator's staff judging the case ("工商人员表示,…依照法律,…", "市场监管局执法人员提醒,…")
    r"|[^，,。]{0,12}(?:工商|市场监管|市监|消协|消委会|消保委)(?:局|部门|所|分局)?(?:的)?(?:工作人员|执法人员|人员)"
    r"(?:表示|认为|指出|提醒|介绍)"
    # the crux named ("用户愤怒的焦点在于燃气公司未能及时自查自纠"); a regulator's findings ("查明燃气企业存在以下问题:")
    # (not in someone's quoted words: "“本案的焦点在于,…”")
    r"|[^，,。“”「」]{0,20}(?:焦点|关键|症结|根源|根本原因|问题的核心)(?:就|正|恰恰)?在于"
    r"|[^，,。“”「」]{0,24}查明[^，,。]{0,12}存在(?:以下|如下|下列)?(?:几个|几方面)?问题"
    # the publishing body's own view, in its first person ("本会认为,公司在报价时应表明收费的计算准则"), and the
    # writer's ("笔者认为,…", "小编认为 物业既然收了物业费,…")
    r"|本[会院局署](?:认为|提醒|建议|呼吁|提示)|(?:笔者|小编)(?:认为|觉得|以为|建议|提醒))"
)


_SENTENCE_START = re.compile(r"(?<=[。！？!?])\s*")
# The same comment openings, matched where a sentence starts inside a paragraph (`match(text, pos)`).
_COMMENT_AT = re.compile(_COMMENT.pattern.removeprefix("^"))


# An outside authority's view that begins after a clause of the story ("…在调查过程中,工商人员指出,叫醒服务应该…",
# "…也有向主管机关询问过,不过消保官说,就算是…"): the view starts at the speaker. Not a party of the complaint
# (店长表示, 工作人员称), whose words tell the story.
_AUTHORITY_VIEW = re.compile(
    r"[^，,。！？!?“”「」\n]{0,16}?(?<![向对给跟找到])(?:律师|专家|法官|学者|教授|消保官|执法人员|工商人员|监管部门|调解人员|调解员|业内人士|"
    r"行业人士|法律人士|消委会|消协|消保委|消费者协会)[\u4e00-\u9fff]{0,3}?(?:认为|表示|指出|提醒|建议|强调|分析|说|指)"
    rf"(?!{_TELLS_CASE})[，,:：]"
)
# What makes the authority's words a view and not news it reports ("消委会指,有投诉人于网购平台订购…",
# "中消协表示,随着出境游市场火热,…"): a judgement, a duty or advice.
_JUDGES = re.compile(r"应|须|不得|不能|违反|违法|属于|侵犯|侵害|合理|责任|权益|权利|建议|提醒|呼吁|规定|法律|依法|欺诈|"
                     r"霸王|格式条款|契约|合同|义务")
_CLAUSE_START = re.compile(r"^|(?<=[，,])")
_SENTENCE_END = re.compile(r"[。！？!?][”」』]?")


def _quoted(text: str, pos: int) -> bool:
    """Whether `pos` lies inside quotation marks opened before it in `text`."""
    head = text[:pos]
    return head.count("“") > head.count("”") or head.count("「") > head.count("」")


def _view_at(p: str, pos: int) -> int | None:
    """The end of an outside authority's view that starts at `pos` (its one sentence), or None."""
    if not _AUTHORITY_VIEW.match(p, pos) or _quoted(p, pos):
        return None
    end = _SENTENCE_END.search(p, pos)
    stop = end.end() if end else len(p)
    return stop if _JUDGES.search(p, pos, stop) else None


def _split_comment(p: str) -> list[str]:
    """One paragraph as story and comment parts. A sentence that opens as a comment runs to the paragraph's end;
    an outside authority's view, at the start or after a clause of the story, is that one sentence, and the story
    goes on after it ("…在调查过程中,工商人员指出,叫醒服务是…附随性服务。最终酒店赔偿300元。")."""
    at_sentence = next((m.start() for m in _SENTENCE_START.finditer(p) if 0 < m.start() and m.end() < len(p)
                        and _COMMENT_AT.match(p, m.end())), None)
    by_sentence = [p] if at_sentence is None else [p[:at_sentence], p[at_sentence:]]
    if _COMMENT.match(p.strip()):
        return by_sentence
    limit = len(p) if at_sentence is None else at_sentence
    view = next(((m.start(), stop) for m in _CLAUSE_START.finditer(p, 0, limit)
                 if (stop := _view_at(p, m.start())) is not None), None)
    if view is None:
        return by_sentence
    start, stop = view
    parts = [p[:start], p[start:stop], *(_split_comment(p[stop:]) if stop < len(p) else [])]
    return [x for x in parts if x]


def _comment_split(paragraphs: list[str]) -> list[str]:
    """Paragraphs with a comment that begins after a sentence of story split there ("…只能兑现8400元。这些案例暴露出
    行业潜规则:…"): the comment becomes a paragraph of its own."""
    return [part for p in paragraphs for part in _split_comment(p)]


def story_part(text: str) -> str:
    """The story of a passage without the comments after it (what `is_story` should judge: a training case's
    questions and answers after the story are no rules)."""
    paragraphs = _comment_split(text.split("\n"))
    flags = _comment_flags(paragraphs)
    kept = [p for p, c in zip(paragraphs, flags, strict=True) if not c]
    return "\n".join(kept) if kept else text


def _comment_flags(paragraphs: list[str]) -> list[bool]:
    """Which paragraphs of a story comment on it (the first paragraph only by an explicit opening); after a
    training case's question (请针对该起抢修全过程…进行分析。) every paragraph is its answer."""
    flags = [_COMMENT.match(p.strip()) is not None or _view_at(p.strip(), 0) == len(p.strip())
             or (i > 0 and is_editorial(p)) for i, p in enumerate(paragraphs)]
    asked = next((i for i, p in enumerate(paragraphs) if _EXERCISE.match(p.strip())), None)
    return flags if asked is None else [f or i >= asked for i, f in enumerate(flags)]


# A training case's question on its own: "请针对该起抢修全过程对该供电所的抢修行为进行分析。", "试分析…?"
_EXERCISE = re.compile(r"^(?:试|请)[^。？?！!\n]{0,40}?(?:分析|思考|讨论|评析)[^。？?！!\n]{0,12}[。？?]$")


def _closing_comments(content: str) -> tuple[str, list[str]]:
    """A handling or outcome section without its closing comments (the consumer association's advice after
    the result, "本案中,调解员…"): the section, and those paragraphs."""
    paragraphs = content.split("\n")
    flags = _comment_flags(paragraphs)
    n = len(paragraphs)
    while n > 1 and flags[n - 1]:
        n -= 1
    return "\n".join(paragraphs[:n]), [p.strip() for p in paragraphs[n:] if p.strip()]


# A reply's salutation ("市民朋友您好!"), its particulars ("回复部门 热线办 回复日期 2020-03-19") and its attachment
# line ("回复附件"): no step.
_SALUTATION = re.compile(rf"^{SALUTATION}$")
_PARTICULARS = re.compile(r"^(?:[\u4e00-\u9fff]{2,6}\s+[^\s，,。]{1,20}\s*){2,}$")
_PARTICULAR_WORDS = re.compile(r"部门|日期|时间|编号")
_ATTACHMENT = re.compile(r"[\u4e00-\u9fff]{0,4}附件[:：]?")


def _reply_chrome(paragraph: str) -> bool:
    p = paragraph.strip()
    return (_SALUTATION.match(p) is not None or _ATTACHMENT.fullmatch(p) is not None or is_metadata_label(p)
            or (_PARTICULARS.match(p) is not None and _PARTICULAR_WORDS.search(p) is not None))


def _add(fields: dict[str, list[str]], role: str, content: str, with_outcome: bool) -> None:
    if role in ("steps", "outcome"):
        content = "\n".join(p for p in content.split("\n") if not _reply_chrome(p))
        content, comments = _closing_comments(content)
        fields["thinking"].extend(comments)
    if role == "facts":
        paragraphs = _comment_split(content.split("\n"))
        comment = _comment_flags(paragraphs)
        comments = [p for p, c in zip(paragraphs, comment, strict=True) if c]
        story = "\n".join(p for p, c in zip(paragraphs, comment, strict=True) if not c).strip()
        if story:
            fields["facts"].append(story)
            fields["thinking"].extend(c.strip() for c in comments)
        else:
            fields["facts"].append(content)  # a section made only of comment stays what it is labelled
    elif role == "outcome":
        fields[role].append(content)
    elif role == "steps":
        lead, items = split_items(content)
        if items:
            # a lead that tells the handling itself is steps before the list that details it ("…酒店调取了监控
            # 录像,形成了时间线: • 15:08 …"); a paragraph of it that comments ("本案例中,…应采取的处理方式是:"),
            # or a lead that only introduces the list, stays the thinking
            story = [p.strip() for p in lead.split("\n") if p.strip() and not _COMMENT.match(p.strip())]
            told = story if any(told_actions(p) for p in story) else []
            rest = "\n".join(p for p in lead.split("\n") if p.strip() not in told).strip()
            fields["steps"].extend([*told, *items])
            if rest and not with_outcome:
                fields["thinking"].append(rest)
        else:
            fields["steps"].extend(as_items(content))
    elif role == "improvements":
        lead, numbered = split_items(content)
        fields["improvements"].extend(numbered or as_items(content))
    else:
        fields["thinking"].extend(as_items(content))


# A comment that speaks of several cases at once ("这些案例暴露出…", "上述两起纠纷…").
_PLURAL = re.compile(r"这些|上述|以上|此类|类似|多起|两起|几起|[两几三]个案例|[两几三]类")


def share_comments(cases: list[Case], numbered: bool = False) -> list[Case]:
    """Cases told one after another of which the last ends with comments: what those comments say of no one in
    particular ("这些案例暴露出…", "…消委会呼吁…") judges the cases above it too, so the cases without comments
    of their own get them. In a numbered list (案例一 … 案例二 …, `numbered`) the last case's analysis is
    usually its own: there it is shared only when all the others lack one and it speaks of several cases or
    names the other case's subject (【风险警示】 1. 警惕“代理退保”… under 案例一：代理退保陷阱)."""
    if len(cases) < 2 or (numbered and any(c.management_thinking for c in cases[:-1])):
        return cases
    shared = [t for t in cases[-1].management_thinking if not names_anyone(t)]
    if not shared:
        return cases
    joined = "\n".join(shared)

    def fits(case: Case) -> bool:
        if not numbered or _PLURAL.search(joined):
            return True
        title = re.sub(r"\W", "", case.title)
        return any(title[k : k + 3] in joined for k in range(len(title) - 2))

    return [c.model_copy(update={"management_thinking": shared}) if not c.management_thinking and fits(c) else c
            for c in cases[:-1]] + [cases[-1]]


def case_start(doc: DocText, case: Case) -> int:
    """The case's start in the cleaned text (its first source span, mapped back)."""
    start = case.sources[0].start if case.sources else 0
    return doc.index_at(start)
