"""Hybrid fusion as plain code over (record, score) values: roll chunks up to records, fuse, rank.

Each signal is standardised per query (z-scores over its candidate records), so a record is scored
by how far it stands out from the other candidates, not by raw cosines whose scale differs between
text and questions. The similar-questions signal only *lifts*: a record gains when one of its
curated questions stands out for this query (z above `lift_from`), and a record without questions
loses nothing — curated knowledge never lowers the ceiling of records it does not name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

_MIN_QUESTIONS = 5


@dataclass(frozen=True)
class Fused:
    """One record's fused score and the raw evidence behind it."""

    record_id: str
    score: float
    dense: float
    lexical: float
    question: float = 0.0


@dataclass(frozen=True)
class Weights:
    """How the signals combine (see `Settings`)."""

    dense: float = 0.5
    lexical: float = 0.5
    questions: float = 0.75
    lift_from: float = 2.0
    secondary_penalty: float = 0.5


def roll_up(chunk_scores: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Best chunk score per record: a case is as relevant as its most relevant field."""
    best: dict[str, float] = {}
    for record_id, score in chunk_scores:
        if score > best.get(record_id, float("-inf")):
            best[record_id] = float(score)
    return best


def zscores(scores: Mapping[str, float], reference: Mapping[str, float] | None = None) -> dict[str, float]:
    """Each value as standard deviations above the mean of `reference` (default: of `scores` themselves;
    all 0 when the reference values are equal)."""
    if not scores:
        return {}
    values = np.fromiter((reference or scores).values(), dtype=np.float64)
    sd = float(values.std())
    if sd < 1e-9:
        return {k: 0.0 for k in scores}
    mean = float(values.mean())
    return {k: (v - mean) / sd for k, v in scores.items()}


def weighted_fusion(dense: dict[str, float], lexical: dict[str, float], questions: dict[str, float],
                    weights: Weights, secondary: frozenset[str] = frozenset(),
                    unliftable: frozenset[str] = frozenset()) -> list[Fused]:
    """Sum of standardised text signals plus the question lift, minus a penalty for secondary records.

    Args:
        dense: best text-chunk cosine per candidate record.
        lexical: best BM25 score per candidate record.
        questions: best similar-question cosine per candidate record (only records that have some).
        weights: signal weights, the z above which a question lifts, the secondary-record penalty.
        secondary: ids of records that should not outrank a matching precedent (essays, scripts …).
        unliftable: ids whose questions take part in the statistics but lift nothing (another industry's).

    Returns:
        Records by descending score (ties by id, so the order is deterministic).
    """
    # A library with only a few curated questions has no distribution of its own to stand out from:
    # its questions are measured against the text cosines of the same query.
    reference = questions if len(questions) >= _MIN_QUESTIONS else {**{f"t:{k}": v for k, v in dense.items()}, **questions}
    zd, zl, zq = zscores(dense), zscores(lexical), zscores(questions, reference)
    # A record missing from a signal's candidates scores as that signal's weakest candidate.
    floor_d, floor_l = min(zd.values(), default=0.0), min(zl.values(), default=0.0)
    fused = []
    for rid in set(zd) | set(zl) | set(zq):
        lift = 0.0 if rid in unliftable else weights.questions * max(0.0, zq.get(rid, 0.0) - weights.lift_from)
        score = weights.dense * zd.get(rid, floor_d) + weights.lexical * zl.get(rid, floor_l) + lift
        if rid in secondary:
            score -= weights.secondary_penalty
        fused.append(Fused(rid, score, dense.get(rid, 0.0), lexical.get(rid, 0.0), questions.get(rid, 0.0)))
    return sorted(fused, key=lambda f: (-f.score, f.record_id))


def rrf_fusion(dense: dict[str, float], lexical: dict[str, float], questions: dict[str, float], weights: Weights,
               secondary: frozenset[str] = frozenset(), k: int = 60,
               unliftable: frozenset[str] = frozenset()) -> list[Fused]:
    """Weighted reciprocal-rank fusion of the same signals (questions count only for records that have them,
    and not for the `unliftable` ones)."""
    def ranks(scores: dict[str, float]) -> dict[str, int]:
        return {rid: r for r, (rid, _) in enumerate(sorted(scores.items(), key=lambda kv: -kv[1]), 1)}

    parts = [(ranks(dense), weights.dense), (ranks(lexical), weights.lexical), (ranks(questions), weights.questions)]
    fused = []
    for i in set(dense) | set(lexical) | set(questions):
        score = sum(w / (k + r[i]) for n, (r, w) in enumerate(parts) if i in r and not (n == 2 and i in unliftable))
        if i in secondary:
            score *= 0.8
        fused.append(Fused(i, score, dense.get(i, 0.0), lexical.get(i, 0.0), questions.get(i, 0.0)))
    return sorted(fused, key=lambda f: (-f.score, f.record_id))
