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


def weighted_fusion(dense: dict[str, float], lexical: dict[str, float], dense_weight: float,
                    lexical_weight: float) -> list[Fused]:
    """Min-max normalize each retriever over the candidates, then a weighted sum (missing = 0)."""
    dn, ln = _minmax(dense), _minmax(lexical)
    ids = set(dense) | set(lexical)
    fused = [
        Fused(i, dense_weight * dn.get(i, 0.0) + lexical_weight * ln.get(i, 0.0), dense.get(i, 0.0), lexical.get(i, 0.0))
        for i in ids
    ]
    return sorted(fused, key=lambda f: (-f.score, f.record_id))


def rrf_fusion(dense: dict[str, float], lexical: dict[str, float], k: int = 60,
               dense_weight: float = 1.0, lexical_weight: float = 1.0) -> list[Fused]:
    """Weighted reciprocal-rank fusion."""
    def ranks(scores: dict[str, float]) -> dict[str, int]:
        return {rid: r for r, (rid, _) in enumerate(sorted(scores.items(), key=lambda kv: -kv[1]), 1)}

    dr, lr = ranks(dense), ranks(lexical)
    fused = []
    for i in set(dense) | set(lexical):
        score = (dense_weight / (k + dr[i]) if i in dr else 0.0) + (lexical_weight / (k + lr[i]) if i in lr else 0.0)
        fused.append(Fused(i, score, dense.get(i, 0.0), lexical.get(i, 0.0)))
    return sorted(fused, key=lambda f: (-f.score, f.record_id))
