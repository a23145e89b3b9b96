"""Optional second stage: re-score the fused top records with a sentence-transformers CrossEncoder."""

from __future__ import annotations

from advisor.retrieval.encoders import load_sentence_transformers

_MAX_CHARS = 512


class CrossEncoderReranker:
    """Scores (query, record) pairs; configured with `ADVISOR_RERANKER` (off when empty)."""

    def __init__(self, model: str) -> None:
        self._model = load_sentence_transformers("CrossEncoder", model, "ADVISOR_RERANKER")
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
