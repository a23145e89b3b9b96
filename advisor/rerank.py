"""Optional second stage: re-score the fused top records with a sentence-transformers CrossEncoder."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import EncoderLoadError, MissingDependencyError

_MAX_CHARS = 512


class CrossEncoderReranker:
    """Scores (query, record) pairs; configured with `ADVISOR_RERANKER` (off when empty)."""

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import CrossEncoder
        except ImportError as exc:
            raise MissingDependencyError("重排序需要 sentence-transformers：pip install sentence-transformers") from exc
        if Path(model).exists():
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            self._model = CrossEncoder(model, device="cpu")
        except Exception as exc:  # OSError, ValueError, HTTP errors …
            raise EncoderLoadError(
                f"无法加载重排序模型 {model!r}（设置项 ADVISOR_RERANKER）：{type(exc).__name__}: {exc}"
            ) from exc
        self.name = model

    def scores(self, query: str, passages: list[str]) -> list[float]:
        """One relevance score per passage (higher is better)."""
        if not passages:
            return []
        pairs = [(query, p[:_MAX_CHARS]) for p in passages]
        return [float(s) for s in self._model.predict(pairs, show_progress_bar=False)]


def rerank(ids: list[str], scores: list[float]) -> list[str]:
    """Ids ordered by reranker score, stable for ties."""
    order = sorted(range(len(ids)), key=lambda i: (-scores[i], i))
    return [ids[i] for i in order]
