"""The action plan: 3–7 steps merged from the matching precedents and rules, the grade, the deadlines, what not to say.

Extractive only: every step is a passage of the documents it cites. A step comes only from a hit that
matches the complaint: a case of a compatible industry, ranked close to the best hit, with
confidence 高 or 中.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from advisor.models import Advice, AdviceStep, CitedRecord, Citation, GuidanceItem, Guideline, Hit
from advisor.text.industry import compatible
from advisor.text.items import split_items

MIN_STEPS, MAX_STEPS = 3, 7
MAX_STEP_CHARS = 90
# A precedent contributes steps when it scores within this many standard deviations of the best hit.
SCORE_MARGIN = 1.0
_MAX_PER_SOURCE = 4
_SAME = 0.5  # bigram Jaccard at which two steps say the same thing
_ENUM = re.compile(r"^\s*(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）、.．:：]|[①-⑳⑴-⒇]|[A-Ha-h][、.．)）]|[-•·])\s*")
_IMPERATIVE = re.compile(r"应|须|要|必须|及时|立即|第一时间|主动|做好|确保|安抚|道歉|核实|回访|跟进|上报|记录|解释|说明|联系")
_TIME_LIMIT = re.compile(r"\d+\s*(?:个)?(?:小时|工作日|日|天|分钟)(?:内|之内)|不超过\s*\d+\s*(?:个)?(?:小时|工作日|日|天)")
_AVOID_CUE = re.compile(r"(?:禁止使用|禁止说|不要说|不能说|忌说|忌用|严禁说|避免说|禁用语)[^“\"]{0,12}[“\"]([^”\"]{2,120})[”\"]")


@dataclass
class _Candidate:
    text: str
    sources: list[str]
    origin: str
    weight: float
    keys: set[str] = field(default_factory=set)


def build_advice(query: str, hits: Sequence[Hit], guidance: Sequence[GuidanceItem], industry: str | None,
                 rules: Sequence[Guideline] = (), avoid_phrases: Sequence[str] = ()) -> Advice:
    """The plan for a complaint.

    Args:
        query: the complaint as staff wrote it (simplified).
        hits: the ranked hits of the search.
        guidance: grading and deadline items from the rulebook (already filtered by industry).
        industry: the complaint's industry, or None.
        rules: guideline records of the company's rules for the complaint's industry (deadlines are
            read from them when the rulebook has none).
        avoid_phrases: phrases the company's guidelines forbid, for the complaint's industry.
    """
    candidates = _precedent_steps(hits, industry) + _rule_steps(hits, industry)
    steps = _merge(candidates, _bigrams(query))
    grade = next((g for g in guidance if g.category == "grading" and g.primary), None)
    deadlines = [d for d in guidance if d.category == "deadline" and d.primary]
    cited: list[CitedRecord] = []
    if not deadlines:
        deadlines, cited = _document_deadlines(query, rules)
    hit_ids = {h.id for h in hits}
    for step in steps:
        for rid in step.sources:
            if rid not in hit_ids and rid not in {c.id for c in cited}:
                record = next((r for r in rules if r.id == rid), None)
                if record is not None:
                    cited.append(CitedRecord(id=record.id, title=record.title, text=record.text, sources=record.sources))
    return Advice(steps=steps, grade=grade, deadlines=deadlines[:4], avoid=list(avoid_phrases)[:12], cited=cited)


def matching_cases(hits: Sequence[Hit], industry: str | None) -> list[Hit]:
    """The case hits that match the complaint closely enough to take their steps."""
    if not hits:
        return []
    top = hits[0].score
    return [h for h in hits if h.kind == "case" and h.record_type == "case" and h.confidence in ("高", "中")
            and h.score >= top - SCORE_MARGIN and compatible(h.industry, industry)]


def _precedent_steps(hits: Sequence[Hit], industry: str | None) -> list[_Candidate]:
    out = []
    for rank, hit in enumerate(matching_cases(hits, industry), 1):
        for step in hit.handling_steps[:_MAX_PER_SOURCE]:
            text = _clip(step)
            if text:
                out.append(_Candidate(text, [hit.id], "precedent", 1.0 / rank))
    return out


def _rule_steps(hits: Sequence[Hit], industry: str | None) -> list[_Candidate]:
    """Imperative clauses of the matching procedure and principle rules among the hits."""
    out = []
    guides = [h for h in hits if h.kind == "guideline" and h.record_type == "rules" and h.confidence in ("高", "中")
              and h.guideline_kind in ("procedure", "principle") and compatible(h.industry, industry)]
    for rank, hit in enumerate(guides[:2], 1):
        _, items = split_items(hit.text)
        sentences = items or re.split(r"(?<=[。；;])", hit.text)
        for s in sentences:
            text = _clip(s)
            if text and _IMPERATIVE.search(text):
                out.append(_Candidate(text, [hit.id], "rule", 0.5 / rank))
    return out[:_MAX_PER_SOURCE]


def _clip(step: str) -> str:
    """A step without its numbering, cut at a clause boundary (the words stay the document's)."""
    text = _ENUM.sub("", " ".join(step.split())).strip(" ;；,，")
    if len(text) <= MAX_STEP_CHARS:
        return text
    cut = max(text.rfind(p, 0, MAX_STEP_CHARS) for p in "。；;")
    if cut < 20:
        cut = max(text.rfind(p, 0, MAX_STEP_CHARS) for p in "，,")
    return text[: cut + 1].rstrip("，,") if cut >= 20 else text[:MAX_STEP_CHARS]


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[\W_]", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _merge(candidates: list[_Candidate], query_keys: set[str]) -> list[AdviceStep]:
    """Near-duplicates merged (their sources joined), ordered by support, then rank and relevance."""
    merged: list[_Candidate] = []
    for cand in candidates:
        cand.keys = _bigrams(cand.text)
        same = next((m for m in merged if _jaccard(m.keys, cand.keys) >= _SAME), None)
        if same is None:
            merged.append(cand)
        else:
            same.sources = list(dict.fromkeys([*same.sources, *cand.sources]))
            same.weight = max(same.weight, cand.weight)
    def score(c: _Candidate) -> tuple[float, float]:
        relevance = len(c.keys & query_keys) / max(len(query_keys), 1)
        return (len(c.sources), c.weight + relevance + (0.2 if c.origin == "precedent" else 0.0))
    ranked = sorted(merged, key=score, reverse=True)
    return [AdviceStep(text=c.text, sources=c.sources, origin=c.origin) for c in ranked[:MAX_STEPS]]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(len(a | b), 1)


def _document_deadlines(query: str, rules: Sequence[Guideline]) -> tuple[list[GuidanceItem], list[CitedRecord]]:
    """Time limits read from the company's rules documents of the complaint's industry (no curated rulebook)."""
    keys = _bigrams(query)
    found = []
    for record in rules:
        for sentence in re.split(r"(?<=[。；;\n])", record.text):
            s = " ".join(sentence.split()).strip()
            if _TIME_LIMIT.search(s) and 8 <= len(s) <= 160:
                found.append((len(_bigrams(s) & keys) + ("投诉" in s) + ("答复" in s or "回复" in s), s, record))
    found.sort(key=lambda x: -x[0])
    items, cited = [], []
    for _, sentence, record in found[:3]:
        src = record.sources[0] if record.sources else None
        citation = Citation(title=record.title, file=src.file if src else "", start=src.start if src else 0,
                            end=src.end if src else 0)
        items.append(GuidanceItem(category="deadline", standard=record.title, label=_clip(sentence), detail=sentence,
                                  matched=["摘自公司文档"], citation=citation, industry=record.industry))
        if record.id not in {c.id for c in cited}:
            cited.append(CitedRecord(id=record.id, title=record.title, text=record.text, sources=record.sources))
    return items, cited


def avoid_phrases(guidelines: Sequence[Guideline]) -> dict[str, list[str]]:
    """Phrases the guidelines forbid staff to say, per industry of the guideline that lists them."""
    out: dict[str, list[str]] = {}
    for g in guidelines:
        for m in _AVOID_CUE.finditer(g.text):
            words = [w.strip(" 等词汇语句") for w in re.split(r"[、,，;；]", m.group(1))]
            out.setdefault(g.industry, []).extend(w for w in words if len(w) >= 2 and w not in out.get(g.industry, []))
    return out
