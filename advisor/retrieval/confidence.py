"""Confidence shown to staff (高 / 中 / 低) from the calibrated similarity of a hit's best matching passage.

Calibrated on the dev query sets (seed dev, seed held-out 1–3, external dev; docs/evaluation.md):
for the first hit, a strength of 0.92 or more was the labelled answer for 98 % of queries, 0.90–0.92
for 83 %, 0.89–0.90 for half; below 0.89 almost never.
"""

from __future__ import annotations

# Question cosines run higher than text cosines for the same match (staff question against staff
# question); they count after this offset.
QUESTION_OFFSET = 0.03
HIGH = 0.92
MEDIUM = 0.895


def strength(dense: float, question: float) -> float:
    """How closely a hit's best passage (or curated question) matches the query."""
    return max(dense, question - QUESTION_OFFSET)


def confidence(dense: float, question: float, rank: int) -> str:
    """高 / 中 / 低 for a hit with best text cosine `dense` and best question cosine `question` at `rank` (0-based)."""
    s = strength(dense, question)
    if s >= HIGH + (0.01 if rank else 0.0):
        return "高"
    return "中" if s >= MEDIUM else "低"
