"""Cut a cleaned document into Case and Guideline records.

Sub-documents start at title lines (or titles glued to their first sentence); inside them,
case boundaries come from the heading patterns of the corpus's compilation formats, fields from
section labels (lexicon.SECTION_FIELDS), and what is not a case becomes guideline sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from advisor.corpus import lexicon
from advisor.corpus.doctext import DocText
from advisor.text.items import as_items, split_items
from advisor.text.items import dedupe_texts as _dedupe
from advisor.models import Case, Guideline, SourceSpan

_CN = "一二三四五六七八九十"
_LABELS = sorted(lexicon.SECTION_FIELDS, key=len, reverse=True)
_LABEL_ALT = "|".join(re.escape(x) for x in _LABELS)
_LONG_LABEL_ALT = "|".join(re.escape(x) for x in _LABELS if len(x) >= 4)
_LABEL_RE = re.compile(
    rf"【\s*(?P<a>{_LABEL_ALT})\s*】"
    rf"|(?:[(（][{_CN}\d]{{1,2}}[)）]|(?<![{_CN}])[{_CN}]{{1,2}}、|(?<!\d)\d{{1,2}}、)\s*(?P<b>{_LABEL_ALT})\s*[:：。.]?"
    rf"|(?<![{_CN}])[{_CN}](?P<c>{_LONG_LABEL_ALT})"
    rf"|(?:(?<=^)|(?<=[\n。；;!！?？\s]))(?P<d>{_LABEL_ALT})\s*[:：]",
    re.M,
)

_CASE_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bank", re.compile(r"(?:[\u4e00-\u9fff]{0,12})典型案例\s*(?P<n>\d{1,2})(?!\d)")),
    ("auto", re.compile(r"案例分析汇编\s*(?P<n>\d{1,2})(?!\d)")),
    ("real_estate", re.compile(
        rf"(?P<n>[{_CN}]{{1,3}})、(?P<title>[^。；;\n]{{4,60}}?)"
        rf"(?=\s*[(（]?[{_CN}][)）]?\s*(?:投诉概述|案例说明|情况说明|事件经过|案情简介))"
    )),
    ("numbered", re.compile(
        rf"(?:(?<=^)|(?<=[\s。；;:：!！?？]))(?:\d{{1,2}}[.、．]\s*|[{_CN}]{{1,2}}、)?案例(?P<n>[{_CN}]{{1,3}}|\d{{1,2}})\s*[:：,，、]",
        re.M,
    )),
)
_CONCLUSION = re.compile(
    r"^(?:综上所述|总之|总的来说|总而言之|通过以上|以上案例|这些案例|希望以上|希望通过|结论|以上是|实践证明)", re.M
)
_SECTION_HEADING = re.compile(rf"^([{_CN}]{{1,2}})、(?!\s*(?:{_LABEL_ALT}|案例))", re.M)
_ORDINAL_CASE = re.compile(
    r"^(?:首先|其次|再次|另外|此外|最后)[,，]\s*[^。]{0,30}?(?:(?:收到|接到)[^。]{0,20}投诉|(?:另一位|一位|一些)(?:客户|顾客|用户)[^。]{0,10}(?:投诉|对))",
    re.M,
)
_TITLE_NOUNS = (
    r"案例|汇编|指引|制度|程序|流程|方案|技巧|办法|细则|规定|攻略|话术|风险|机制|解析|方法|分析|大全|范文|"
    r"总结|章程|规范|有哪些|全功略|流程图|要点|须知|处理|完整版"
)
_TITLE_LINE = re.compile(rf"^(?!第[{_CN}\d]+[章节条]|\d)(?:第[{_CN}\d]+篇[:：]?)?[^。；;！!？?,，]{{2,40}}?(?:{_TITLE_NOUNS})(?:[(（][^)）]{{1,8}}[)）])?$")
_GLUED_TITLE = re.compile(
    r"^(?!这些|这个|以上|上述|该|本|此)(?P<t>第[\d" + _CN + r"]+篇|[\u4e00-\u9fffA-Za-z0-9]{2,24}?"
    r"(?:案例分析|案例汇编|案例大全|典型案例|投诉案例|分析范文|回答要点|总结经验|案例))"
    r"(?=在|近年来|当今|随着|一、|第|[(（]\d|某|本文|日前|下面|以下|案例|\s|投诉典型)"
)
_GUIDE_TITLE = re.compile(r"(?:要点|指引|制度|程序|流程|方案|办法|细则|话术|攻略|技巧|机制|风险|规定|规范|章程|功略|有哪些)")
# A narrative tells of one incident: a specific customer, company or project.
_STORY = re.compile(r"(?:某|一位|一名|有位)(?:客户|顾客|业主|消费者|公司|项目|电商|银行|商场|驾校)|(?:客户|顾客|业主)[\u4e00-\u9fff]{1,2}(?:先生|女士)|\d{4}\s*年\s*\d{1,2}\s*月")
_STORY_START = re.compile(r"某|一位|一名|有客户|客户|顾客|消费者|业主|我们|我|小区|\d{4}年|近期|近日")
_GUIDE_HEADINGS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"^第[{_CN}\d]+章", re.M),
    re.compile(rf"^功略之[{_CN}]+", re.M),
    re.compile(rf"(?:^|(?<=\s))[{_CN}]{{1,2}}、(?!\s*[{_CN}])", re.M),
    re.compile(r"(?:^|(?<=\s))\d{1,2}\.\d{1,2}(?!\.\d)(?:[、\s]|(?=[\u4e00-\u9fff]))", re.M),
    re.compile(r"^[(（]\d{1,2}[)）]", re.M),
    re.compile(r"^\d{1,2}、", re.M),
)
_MAX_GUIDE_CHARS = 1200
# A section heading this short right before a run of cases is the cases' context only.
_CONTEXT_ONLY_CHARS = 150
# Industry terms needed on each side of a join between two glued, untitled documents.
_GLUE_MIN_TERMS = 3


@dataclass
class Segments:
    """What one document was cut into, before deduplication."""

    cases: list[Case] = field(default_factory=list)
    guidelines: list[Guideline] = field(default_factory=list)
    unfiled: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Region:
    start: int
    end: int


def segment_document(doc: DocText) -> Segments:
    """Cut one cleaned document into records.

    Args:
        doc: the cleaned text of one corpus file with its offset map.

    Returns:
        Cases, guidelines, and short descriptions of passages that became neither.
    """
    out = Segments()
    for title, region in _subdocs(doc):
        _segment_subdoc(doc, title, region, out)
    return out


# --- sub-documents ----------------------------------------------------------------------------


def _paragraph_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for piece in text[start:end].split("\n"):
        spans.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    return [(a, b) for a, b in spans if b > a]


def _subdocs(doc: DocText) -> list[tuple[str, _Region]]:
    text = doc.text
    starts: list[tuple[int, str, int]] = []  # (para start, title, body start)
    for a, b in _paragraph_spans(text, 0, len(text)):
        para = text[a:b]
        if _TITLE_LINE.match(para) and not _LABEL_RE.match(para) and not _SECTION_HEADING.match(para):
            starts.append((a, _clean_title(para), b))
            continue
        m = _GLUED_TITLE.match(para)
        if m:
            starts.append((a, _clean_title(m.group("t")), a + m.end()))
    if not starts or starts[0][0] > 0:
        starts.insert(0, (0, "", 0))
    regions: list[tuple[str, _Region]] = []
    for i, (a, title, body) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        body = _skip_repeated_title(text, body, end, title)
        if regions and regions[-1][1].end <= a + 1 and not text[regions[-1][1].start : regions[-1][1].end].strip():
            # Two title lines in a row ("第一篇:X" then "X"): keep the more specific one.
            prev_title = regions.pop()[0]
            title = title if title and (len(title) <= 20 or not prev_title) else prev_title
        regions.append((title, _Region(body, end)))
    return regions


def _clean_title(title: str) -> str:
    title = re.sub(rf"^第[{_CN}\d]+篇[:：]?", "", title).strip()
    return title.strip(" :：#")


def _skip_repeated_title(text: str, body: int, end: int, title: str) -> int:
    """Scraped pages repeat the title glued to the first sentence; skip that copy."""
    pos = body
    while pos < end and text[pos] in "\n \t":
        pos += 1
    if not title:
        return pos
    squeezed = title.replace(" ", "")
    window = text[pos : pos + len(title) + 10]
    k = 0
    j = 0
    while j < len(window) and k < len(squeezed):
        if window[j] == " ":
            j += 1
            continue
        if window[j] != squeezed[k]:
            return pos
        j += 1
        k += 1
    return pos + j if k == len(squeezed) else pos


# --- one sub-document ---------------------------------------------------------------------------


def _segment_subdoc(doc: DocText, title: str, region: _Region, out: Segments) -> None:
    text = doc.text
    if not text[region.start : region.end].strip():
        return
    markers = _find_markers(text, region)
    if not markers:
        _segment_unmarked(doc, title, region, out)
        return
    intro = _Region(region.start, markers[0][0])
    headings = list(_SECTION_HEADING.finditer(text, intro.start, intro.end))
    context = text[headings[-1].start() : intro.end].strip() if headings else ""
    if context and len(context) <= _CONTEXT_ONLY_CHARS:
        # A short heading that introduces the cases ("三、情绪型…" then "案例一") is their context,
        # not a guideline section of its own.
        intro = _Region(intro.start, headings[-1].start())
    if text[intro.start : intro.end].strip():
        _segment_unmarked(doc, title, intro, out, intro_only=True)
    boundaries = [m[0] for m in markers] + [region.end]
    for (start, kind, head_end, head_title), nxt in zip(markers, boundaries[1:], strict=True):
        end, following_context = _case_end(text, head_end, nxt)
        case = _build_case(doc, _Region(start, end), kind, head_end, head_title, title, context)
        if case is not None:
            out.cases.append(case)
        else:
            out.unfiled.append(text[start : min(end, start + 40)])
        if following_context is not None:
            context = following_context


def _find_markers(text: str, region: _Region) -> list[tuple[int, str, int, str]]:
    """Case starts: (position, format, end of heading, title from the heading)."""
    found: dict[int, tuple[int, str, int, str]] = {}
    for kind, pattern in _CASE_MARKERS:
        for m in pattern.finditer(text, region.start, region.end):
            title = m.groupdict().get("title") or ""
            start = m.start()
            if any(abs(start - s) < 3 for s in found):
                continue
            found[start] = (start, kind, m.end(), title.strip())
    markers = sorted(found.values())
    # Ordinal narratives ("首先,我们收到了一位客户的投诉…其次,另一位客户…") when nothing else marks cases.
    if not markers:
        for m in _ORDINAL_CASE.finditer(text, region.start, region.end):
            markers.append((m.start(), "ordinal", m.start(), ""))
        if len(markers) < 2:
            markers = []
    return markers


def _case_end(text: str, head_end: int, nxt: int) -> tuple[int, str | None]:
    """Where a case stops: the next case, a conclusion, or a section heading (which becomes context)."""
    end = nxt
    context: str | None = None
    for m in _CONCLUSION.finditer(text, head_end, nxt):
        end = min(end, m.start())
        break
    for m in _SECTION_HEADING.finditer(text, head_end, nxt):
        if m.start() < end:
            end = m.start()
            context = text[m.start() : nxt].strip()
        break
    return end, context


def _segment_unmarked(doc: DocText, title: str, region: _Region, out: Segments, intro_only: bool = False) -> None:
    text = doc.text
    body = text[region.start : region.end]
    labels = list(_LABEL_RE.finditer(text, region.start, region.end))
    distinct = {_label_of(m) for m in labels}
    if len(distinct) >= 2:
        end = region.end
        for h in _SECTION_HEADING.finditer(text, labels[0].end(), region.end):
            end = h.start()  # a new numbered structure after the labelled one is another text
            break
        glued = _glued_end(text, region.start, end)
        case = _build_case(doc, _Region(region.start, glued), "labelled", region.start, title, title, "")
        if case is not None:
            out.cases.append(case)
            if glued < region.end:
                # The title belongs to the labelled case, not to a document glued onto it.
                _segment_unmarked(doc, title if glued == end else "", _Region(glued, region.end), out,
                                  intro_only=True)
            return
    is_guide = bool(_GUIDE_TITLE.search(title)) or _kind_score(body) >= max(3, len(body) / 250)
    if ("案例" in title or intro_only) and not is_guide and "投诉" in body and _STORY.search(body):
        case = _build_case(doc, region, "narrative", region.start, title, title, "")
        if case is not None:
            out.cases.append(case)
            return
    if is_guide or not intro_only or len(list(_SECTION_HEADING.finditer(text, region.start, region.end))) >= 2:
        out.guidelines.extend(_guideline_sections(doc, title, region))
    else:
        out.unfiled.append(body.strip()[:40])


def _glued_end(text: str, start: int, end: int) -> int:
    """Where another, untitled document glued onto this one begins (else `end`).

    Scraped pages are sometimes concatenated without a title in between. The join shows as a
    paragraph from which on the text speaks only of another industry: before it, one industry's
    terms dominate; from it on, they never occur and another industry's terms do. Paragraphs that
    name neither stay with the first document, so the join is the last such point.
    """
    paragraphs = _paragraph_spans(text, start, end)
    industries = list(lexicon.INDUSTRY_TERMS)
    # Industry term counts per paragraph; the text between paragraphs is only newlines.
    counts = np.array([[_count(text[a:b], lexicon.INDUSTRY_TERMS[k]) for k in industries] for a, b in paragraphs])
    join = end
    for i in range(1, len(paragraphs)):
        before, after = counts[:i].sum(axis=0), counts[i:].sum(axis=0)
        own, other = int(before.argmax()), int(after.argmax())  # first industry on ties, as best_label
        if (own != other and before[own] >= _GLUE_MIN_TERMS and after[own] == 0
                and after[other] >= _GLUE_MIN_TERMS and before[other] == 0):
            join = paragraphs[i][0]
    return join


def _count(text: str, terms: tuple[str, ...]) -> int:
    return sum(text.count(t) for t in terms)


# --- cases ----------------------------------------------------------------------------------------


def _label_of(m: re.Match[str]) -> str:
    return next(g for g in (m.group("a"), m.group("b"), m.group("c"), m.group("d")) if g)


def _build_case(
    doc: DocText, region: _Region, kind: str, head_end: int, head_title: str, doc_title: str, context: str
) -> Case | None:
    text = doc.text
    body_text = text[head_end : region.end]
    if not any(term in text[region.start : region.end] for term in lexicon.CORE_COMPLAINT_TERMS):
        return None
    labels = [m for m in _LABEL_RE.finditer(text, head_end, region.end)]
    preamble = text[head_end : labels[0].start()] if labels else body_text
    title, preamble = _case_title(kind, head_title, preamble, doc_title)
    if not title or (title == doc_title and kind not in ("labelled", "narrative")):
        first_facts = text[labels[0].end() : labels[1].start() if len(labels) > 1 else region.end] if labels else ""
        title = _short_title(re.split(r"[。;；\n]", first_facts.strip(), maxsplit=1)[0], "", kind, rest=first_facts)
    fields: dict[str, list[str]] = {"facts": [], "management_thinking": [], "handling_steps": [],
                                    "improvements": [], "outcome": []}
    prescriptive: list[str] = []
    if preamble.strip():
        fields["facts"].append(preamble.strip())
    for i, m in enumerate(labels):
        content = text[m.end() : labels[i + 1].start() if i + 1 < len(labels) else region.end].strip(" \n;；")
        if not content:
            continue
        label = _label_of(m)
        targets = lexicon.SECTION_FIELDS[label]
        for target in targets:
            if target in ("facts", "outcome"):
                fields[target].append(content)
            elif target == "handling_steps":
                lead, items = split_items(content)
                if items:
                    fields["handling_steps"].extend(items)
                    if lead and "outcome" not in targets:
                        fields["management_thinking"].append(lead)
                else:
                    fields["handling_steps"].extend(as_items(content))
            else:
                lead, numbered = split_items(content)
                # "…需要改进和提高:" only introduces the list of improvements.
                items = numbered if numbered and target == "improvements" else as_items(content)
                fields[target].extend(items)
                if label in lexicon.PRESCRIPTIVE_LABELS:
                    prescriptive.extend(split_items(content)[1] or items)
    steps = _dedupe(fields["handling_steps"])
    derived = False
    if not steps and prescriptive:
        steps, derived = _dedupe(prescriptive), True
    span = doc.locate(region.start, region.end)
    full = text[region.start : region.end].strip()
    original = doc.orig[region.start : region.end].strip()
    if context:
        full = f"{context}\n{full}"
    industry = lexicon.best_label(full + doc_title, lexicon.INDUSTRY_TERMS, "通用")
    return Case(
        id="",
        title=title,
        industry=industry,
        complaint_type=lexicon.best_label(title + full, lexicon.COMPLAINT_TYPES, "其他"),
        format=kind,
        context=context,
        facts="\n".join(fields["facts"]).strip(),
        management_thinking=_dedupe(fields["management_thinking"]),
        handling_steps=steps,
        steps_derived=derived,
        improvements=_dedupe(fields["improvements"]),
        outcome="\n".join(fields["outcome"]).strip(),
        sources=[SourceSpan(file=doc.file, start=span[0], end=span[1])],
        text=full,
        original_text=original,
    )


def _case_title(kind: str, head_title: str, preamble: str, doc_title: str) -> tuple[str, str]:
    """The case's title and what is left of its preamble (the facts before any label)."""
    pre = preamble.strip()
    if head_title:
        return head_title.strip(), pre
    bracket = pre.find("【")
    if 0 < bracket <= 60 and kind in ("bank", "numbered"):
        return pre[:bracket].strip(" :：,，"), pre[bracket:]
    if (kind in ("bank", "numbered") and 2 <= len(pre) <= 30 and not re.search(r"[\n。！？!?]", pre)
            and not _STORY.search(pre)):
        return pre.strip(" :：,，。"), ""  # the whole preamble is the heading of a labelled case
    first = re.split(r"[。;；\n]", pre, maxsplit=1)[0]
    if kind == "numbered":
        m = next((x for x in _STORY_START.finditer(first) if x.start() >= 2), None)
        cut = first[: m.start()].strip(" :：,，()（）") if m else ""
        if 2 <= len(cut) <= 24 and not _STORY_START.match(cut):
            return cut, pre[m.start() :].strip()
        if 2 <= len(first) <= 16:
            return first.strip(" ,，"), pre[len(first) :].strip(" 。;；\n")
    return _short_title(first, doc_title, kind, rest=pre), pre


_PROBLEM = re.compile(r"发现|遇到|存在|问题|不符|丢失|不满|不好|延误|损坏|故障|投诉(?!后)|异响|报警|拒绝|拒交|等待|过期|变质|报错|划痕|冲突")


_DATE = re.compile(r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*[,，]?\s*")
_TITLE_LIMIT = 30


def _short_title(first: str, doc_title: str, kind: str, rest: str = "") -> str:
    """A short title from the first sentence: its first clause, plus the clause naming the problem.

    When the first sentence names no problem ("某客户车辆发生事故后"), the problem clause is looked
    for in the next few clauses of `rest` (the facts that follow).
    """
    clause = re.sub(r"^\s*(?:首先|其次|再次|另外|此外|最后)[,，]\s*", "", first)
    clause = re.sub(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[,，]?\s*", "", clause)
    parts = [p.strip() for p in re.split(r"[,，:：]", clause) if p.strip()][:3]
    parts = [p for p in parts if not re.match(r"投诉后|并且|同时|于是", p)] or parts
    best = parts[0] if parts else clause.strip()
    if parts and not _PROBLEM.search(best):
        later = [_DATE.sub("", p).strip() for p in re.split(r"[,，:：;；。\n]", rest)[:8]]
        problem = next((p for p in [*parts[1:], *later] if _PROBLEM.search(p) and p not in best), "")
        if problem and len(best) + len(problem) < _TITLE_LIMIT:
            best = f"{best}，{problem}"
    if len(best) > _TITLE_LIMIT:
        best = best[:_TITLE_LIMIT] + "…"
    if kind == "narrative" and doc_title:
        return doc_title if len(best) < 4 else f"{doc_title}：{best}"
    return best or doc_title or "未命名案例"


# --- guidelines -----------------------------------------------------------------------------------


def _kind_score(text: str) -> int:
    return sum(text.count(t) for terms in lexicon.GUIDELINE_KIND_TERMS.values() for t in terms)


def guideline_kind(text: str) -> str:
    """Classify a guideline passage as grading / deadline / procedure / principle / script."""
    weights = {"grading": 2.0, "deadline": 1.5, "procedure": 1.0, "principle": 1.0, "script": 2.0}
    scores = {k: sum(text.count(t) for t in terms) * weights[k] for k, terms in lexicon.GUIDELINE_KIND_TERMS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else "procedure"


def _guideline_sections(doc: DocText, title: str, region: _Region) -> list[Guideline]:
    pieces = _split_sections(doc.text, region.start, region.end, 0)
    out: list[Guideline] = []
    for start, end, heading in pieces:
        body = doc.text[start:end].strip()
        if len(re.sub(r"\W", "", body)) < 30:
            continue
        span = doc.locate(start, end)
        section_title = f"{title}·{heading}" if title and heading else (title or heading or body[:20])
        out.append(
            Guideline(
                id="",
                title=section_title,
                kind=guideline_kind(body),  # type: ignore[arg-type]
                industry=lexicon.best_label(body + title, lexicon.INDUSTRY_TERMS, "通用"),
                text=body,
                original_text=doc.orig[start:end].strip(),
                sources=[SourceSpan(file=doc.file, start=span[0], end=span[1])],
            )
        )
    return out


def _split_sections(text: str, start: int, end: int, level: int) -> list[tuple[int, int, str]]:
    """Split [start, end) at the first heading family that occurs twice; recurse into long sections."""
    for family in _GUIDE_HEADINGS[level:]:
        hits = [m.start() for m in family.finditer(text, start, end)]
        if len(hits) < 2:
            continue
        bounds = ([start] if text[start : hits[0]].strip() else []) + hits + [end]
        out: list[tuple[int, int, str]] = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            if b - a > _MAX_GUIDE_CHARS and level < len(_GUIDE_HEADINGS) - 1:
                sub = _split_sections(text, a, b, _GUIDE_HEADINGS.index(family) + 1)
                head = _heading(text, a, b)
                out.extend((s, e, f"{head}·{h}" if h and h != head else head) for s, e, h in sub)
            else:
                out.append((a, b, _heading(text, a, b)))
        return _merge_small(out)
    return _chunk_paragraphs(text, start, end)


def _heading(text: str, a: int, b: int) -> str:
    first = re.split(r"[:：。;；\n]", text[a:b].strip(), maxsplit=1)[0]
    return first[:30].strip()


def _merge_small(pieces: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for a, b, h in pieces:
        if out and out[-1][1] - out[-1][0] < 150 and out[-1][1] == a:
            pa, pb, ph = out.pop()
            # The merged section is named after its larger part.
            out.append((pa, b, (ph if pb - pa >= b - a else h) or ph or h))
        else:
            out.append((a, b, h))
    return out


def _chunk_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    if end - start <= _MAX_GUIDE_CHARS:
        return [(start, end, "")]
    out: list[tuple[int, int, str]] = []
    cur = start
    for a, b in _paragraph_spans(text, start, end):
        if b - cur > _MAX_GUIDE_CHARS and a > cur:
            out.append((cur, a, ""))
            cur = a
    out.append((cur, end, ""))
    return out
