"""What the plan reads from the company's documents when no curated data says it: time limits (one standard,
the others folded) and the phrases the guidelines forbid staff to say."""

from __future__ import annotations

import re
from collections.abc import Sequence

from advisor.guidance.clauses import FOR_COMPLAINANTS, THIRD_PARTY, TIME_LIMIT
from advisor.guidance.document_grades import document_of, grade_fit
from advisor.guidance.steptext import bigrams, clip
from advisor.models import Citation, CitedRecord, GuidanceItem, Guideline

_AVOID_CUE = re.compile(r"(?:禁止使用|禁止说|不要说|不能说|忌说|忌用|严禁说|避免说|禁用语)[^“\"]{0,12}[“\"]([^”\"]{2,120})[”\"]")


def document_deadlines(query: str, rules: Sequence[Guideline], grade: str | None = None, graded_in: str | None = None
                       ) -> tuple[list[GuidanceItem], list[CitedRecord], list[GuidanceItem]]:
    """Time limits read from the company's rules documents of the complaint's industry (no curated rulebook):
    those of the document that answers best, its cited records, and the other documents' best one each, folded.
    With the complaint's likely grade (重要投诉), that grade's time limits come first; the document the grade was
    read from (`graded_in`) answers first when it has time limits: one document answers both."""
    keys = bigrams(query)
    found = []
    # (a regulator's time limits between two sides, or a guide's for complainants, bind no company)
    for record in (r for r in rules if not THIRD_PARTY.search(r.text) and not FOR_COMPLAINANTS.search(r.title)):
        for sentence in re.split(r"(?<=[。；;\n])", record.text):
            s = " ".join(sentence.split()).strip()
            if TIME_LIMIT.search(s) and 8 <= len(s) <= 160:
                score = len(bigrams(s) & keys) + ("投诉" in s) + ("答复" in s or "回复" in s)
                found.append((score + grade_fit(s, grade), s, record))
    # the grading document's own time limits first, when it has any; then the best answers
    found.sort(key=lambda x: (document_of(x[2]) != graded_in, -x[0]))
    # One standard: the time limits of the document that answers best (a bank's 3 days beside another bank's
    # 5 and 10 leave staff to choose); the other documents' are folded, the best one of each.
    document = document_of(found[0][2]) if found else ""
    chosen = [(sentence, record) for _, sentence, record in found if document_of(record) == document][:3]
    items = [_deadline_item(sentence, record) for sentence, record in chosen]
    records = {record.id: record for _, record in chosen}.values()
    cited = [CitedRecord(id=r.id, title=r.title, text=r.text, sources=r.sources) for r in records]
    others: dict[str, tuple[str, Guideline]] = {}
    for _, sentence, record in found:
        if document_of(record) != document:
            others.setdefault(document_of(record), (sentence, record))
    folded = [_deadline_item(sentence, record, primary=False) for sentence, record in list(others.values())[:_MAX_FOLDED]]
    return items, cited, folded


_MAX_FOLDED = 4


def _deadline_item(sentence: str, record: Guideline, primary: bool = True) -> GuidanceItem:
    src = record.sources[0] if record.sources else None
    citation = Citation(title=record.title, file=src.file if src else "", start=src.start if src else 0,
                        end=src.end if src else 0)
    return GuidanceItem(category="deadline", standard=record.title, label=clip(sentence), detail=sentence,
                        matched=["摘自公司文档"], citation=citation, industry=record.industry, primary=primary)


def avoid_phrases(guidelines: Sequence[Guideline]) -> dict[str, list[str]]:
    """Phrases the guidelines forbid staff to say, per industry of the guideline that lists them."""
    out: dict[str, list[str]] = {}
    for g in guidelines:
        for m in _AVOID_CUE.finditer(g.text):
            words = [w.strip(" 等词汇语句") for w in re.split(r"[、,，;；]", m.group(1))]
            out.setdefault(g.industry, []).extend(w for w in words if len(w) >= 2 and w not in out.get(g.industry, []))
    return out
