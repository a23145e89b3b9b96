"""Cut normative text (procedures, grading rules, deadlines, scripts) into guideline sections."""

from __future__ import annotations

import re

from advisor.corpus.blocks import paragraph_spans
from advisor.corpus.classify import guideline_kind, guideline_type, industry_of
from advisor.corpus.doctext import DocText
from advisor.corpus.runin import CN_NUM
from advisor.models import Guideline, SourceSpan
from advisor.text.terms import GENERAL, industry_scores

_GUIDE_HEADINGS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^#{1,2}\s*\S", re.M),
    re.compile(rf"^第[{CN_NUM}\d]+[章篇]", re.M),
    re.compile(rf"^功略之[{CN_NUM}]+", re.M),
    re.compile(rf"(?:^|(?<=\s))[{CN_NUM}]{{1,2}}、(?!\s*[{CN_NUM}])", re.M),
    re.compile(r"(?:^|(?<=\s))\d{1,2}\.\d{1,2}(?!\.\d)(?:[、\s]|(?=[\u4e00-\u9fff]))", re.M),
    re.compile(rf"^[(（][{CN_NUM}]{{1,2}}[)）]", re.M),
    re.compile(r"^[(（]\d{1,2}[)）]", re.M),
    re.compile(r"^\d{1,2}、", re.M),
    re.compile(r"^\d{1,2}[.．](?!\d)", re.M),
)
MAX_GUIDE_CHARS = 1200
_MIN_CHARS = 30
_SMALL = 150


def guideline_sections(doc: DocText, title: str, start: int, end: int, titles: str = "") -> list[Guideline]:
    """Guideline records for the normative text in `[start, end)` of a document titled `title` (`titles`: that
    title with the page title above it, for the industry)."""
    out: list[Guideline] = []
    # A company's rulebook is of the industry its title names (入住 in a 房地产 rulebook is no hotel).
    own = industry_of("", titles or title)
    whole = own if own != GENERAL else industry_of(doc.text[start:end], title)
    shown = one_line(title)  # the document's title, once for all its sections
    for a, b, heading in _split_sections(doc.text, start, end, 0):
        body = doc.text[a:b].strip()
        if len(re.sub(r"\W", "", body)) < _MIN_CHARS:
            continue
        span = doc.locate(a, b)
        # (a section's heading path never repeats the document's title: "…处理程序完整版·5.2主管副总经理负责")
        part = one_line("·".join(x for x in heading.split("·") if x.strip(" #") not in (shown, title.strip())))
        section_title = f"{shown}·{part}" if shown and part and part != shown else (shown or part or one_line(body))
        kind = guideline_kind(body)
        out.append(Guideline(
            id="", title=section_title.lstrip("# "), kind=kind, industry=own if own != GENERAL else _evidenced_industry(body, title, whole),
            record_type=guideline_type(body, title, kind), text=body, original_text=doc.orig[a:b].strip(),
            sources=[SourceSpan(file=doc.file, start=span[0], end=span[1])],
        ))
    return out


_TITLE_CHARS = 30


def one_line(text: str) -> str:
    """A title on one line: the first line with four or more Chinese characters ("引言" or a phone number above
    the text is none), up to its first full stop (a headline may ask or exclaim), at most 30 characters."""
    lines = [line.strip(" #\t\u3000") for line in text.splitlines()]
    line = next((x for x in lines if len(re.findall(r"[\u4e00-\u9fff]", x)) >= 4), next((x for x in lines if x), ""))
    line = re.split(r"(?<=[。；;])", line, maxsplit=1)[0].rstrip("。；;")
    return line if len(line) <= _TITLE_CHARS else line[:_TITLE_CHARS] + "…"


def _evidenced_industry(text: str, title: str, rulebook: str) -> str:
    """A rules section's industry: its own when its words name one more than once, else the whole rulebook's
    (a section that mentions 保险 once in a bank's rulebook is the bank's), else its own."""
    if rulebook != GENERAL and max(industry_scores(title + "\n" + text).values(), default=0) < 2:
        return rulebook
    return industry_of(text, title)


def _split_sections(text: str, start: int, end: int, level: int) -> list[tuple[int, int, str]]:
    """Split [start, end) at the first heading family that occurs twice; recurse into long sections."""
    for depth, family in enumerate(_GUIDE_HEADINGS[level:], level):
        hits = [m.start() for m in family.finditer(text, start, end)]
        if len(hits) < 2:
            continue
        bounds = ([start] if text[start : hits[0]].strip() else []) + hits + [end]
        out: list[tuple[int, int, str]] = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            if b - a > MAX_GUIDE_CHARS and depth < len(_GUIDE_HEADINGS) - 1:
                head = _heading(text, a, b)
                sub = _split_sections(text, a, b, depth + 1)
                out.extend((s, e, f"{head}·{h}" if h and h != head else head) for s, e, h in sub)
            else:
                out.append((a, b, _heading(text, a, b)))
        return _merge_small(out)
    return _chunk_paragraphs(text, start, end)


def _heading(text: str, a: int, b: int) -> str:
    first = re.split(r"[:：。;；\n]", text[a:b].strip(), maxsplit=1)[0]
    return first[:30].strip(" #")


def _merge_small(pieces: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for a, b, h in pieces:
        if out and out[-1][1] - out[-1][0] < _SMALL and out[-1][1] == a:
            pa, pb, ph = out.pop()
            # The merged section is named after its larger part.
            out.append((pa, b, (ph if pb - pa >= b - a else h) or ph or h))
        else:
            out.append((a, b, h))
    return out


def _chunk_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    if end - start <= MAX_GUIDE_CHARS:
        return [(start, end, "")]
    out: list[tuple[int, int, str]] = []
    cur = start
    for a, b in paragraph_spans(text, start, end):
        if b - cur > MAX_GUIDE_CHARS and a > cur:
            out.append((cur, a, ""))
            cur = a
    out.append((cur, end, ""))
    return out
