"""Confidence shown to staff (高 / 中 / 低) from the calibrated similarity of a hit's best matching passage.

The bars are set on the evaluation sets (docs/evaluation.md): at 高 the first hit was the right one for
nearly every query; below 中 it was right for fewer than half.
"""

from __future__ import annotations

# Question cosines run higher than text cosines for the same match (staff question against staff
# question); they count after this offset.
QUESTION_OFFSET = 0.03
HIGH = 0.915
MEDIUM = 0.89


def confidence(dense: float, question: float, rank: int) -> str:
    """高 / 中 / 低 for a hit with best text cosine `dense` and best question cosine `question` at `rank` (0-based)."""
    strength = max(dense, question - QUESTION_OFFSET) - 0.005 * rank
    if strength >= HIGH:
        return "高"
    return "中" if strength >= MEDIUM else "低"
