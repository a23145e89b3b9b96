"""Hybrid fusion as plain code over (record, score) values: roll chunks up to records, fuse, rank."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Fused:
    """One record's fused score and the raw evidence behind it."""

    record_id: str
    score: float
    dense: float
    lexical: float
    question: float = 0.0


def roll_up(chunk_scores: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Best chunk score per record: a case is as relevant as its most relevant field."""
    best: dict[str, float] = {}
    for record_id, score in chunk_scores:
        if score > best.get(record_id, float("-inf")):
            best[record_id] = float(score)
    return best


def _minmax(scores: dict[str, float]) -> dict[str, float]:
    if not scores:
        return {}
    values = np.fromiter(scores.values(), dtype=np.float64)
    lo, hi = float(values.min()), float(values.max())
    if hi - lo < 1e-9:
        return {k: 1.0 for k in scores}
    return {k: (v - lo) / (hi - lo) for k, v in scores.items()}


def weighted_fusion(dense: dict[str, float], lexical: dict[str, float], questions: dict[str, float],
                    dense_weight: float, lexical_weight: float, questions_weight: float = 0.0) -> list[Fused]:
    """Min-max normalize each signal over its candidates, then a weighted sum (missing = 0).

    `questions` is the best similar-question match per record (empty when there are none).
    """
    dn, ln, qn = _minmax(dense), _minmax(lexical), _minmax(questions)
    fused = [
        Fused(i, dense_weight * dn.get(i, 0.0) + lexical_weight * ln.get(i, 0.0) + questions_weight * qn.get(i, 0.0),
              dense.get(i, 0.0), lexical.get(i, 0.0), questions.get(i, 0.0))
        for i in set(dense) | set(lexical) | set(questions)
    ]
    return sorted(fused, key=lambda f: (-f.score, f.record_id))


def rrf_fusion(dense: dict[str, float], lexical: dict[str, float], questions: dict[str, float], k: int = 60,
               dense_weight: float = 1.0, lexical_weight: float = 1.0, questions_weight: float = 0.0) -> list[Fused]:
    """Weighted reciprocal-rank fusion of the same three signals."""
    def ranks(scores: dict[str, float]) -> dict[str, int]:
        return {rid: r for r, (rid, _) in enumerate(sorted(scores.items(), key=lambda kv: -kv[1]), 1)}

    parts = [(ranks(dense), dense_weight), (ranks(lexical), lexical_weight), (ranks(questions), questions_weight)]
    fused = []
    for i in set(dense) | set(lexical) | set(questions):
        score = sum(w / (k + r[i]) for r, w in parts if i in r)
        fused.append(Fused(i, score, dense.get(i, 0.0), lexical.get(i, 0.0), questions.get(i, 0.0)))
    return sorted(fused, key=lambda f: (-f.score, f.record_id))
