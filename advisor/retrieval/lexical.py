"""BM25 over Chinese tokens (bm25s), with a tokenizer passed in."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from advisor.retrieval.tokens import Tokenizer

logging.getLogger("bm25s").setLevel(logging.ERROR)


class LexicalIndex:
    """A BM25 index over chunk texts."""

    def __init__(self, retriever, tokenizer: Tokenizer, n_docs: int) -> None:
        self._retriever = retriever
        self._tokenize = tokenizer
        self.n_docs = n_docs
        self._vocab = set(retriever.vocab_dict)

    @classmethod
    def build(cls, texts: list[str], tokenizer: Tokenizer) -> LexicalIndex:
        """Index `texts` (one document per chunk)."""
        import bm25s

        retriever = bm25s.BM25()
        retriever.index([tokenizer(t) or [""] for t in texts], show_progress=False)
        return cls(retriever, tokenizer, len(texts))

    def save(self, folder: Path) -> None:
        """Write the bm25s state (plain .npy + JSON files)."""
        self._retriever.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, tokenizer: Tokenizer, n_docs: int) -> LexicalIndex:
        """Read an index written by `save`."""
        import bm25s

        retriever = bm25s.BM25.load(str(folder), show_progress=False)
        tokenizer("预热")  # a word list (jieba) loads now, not during the first search
        return cls(retriever, tokenizer, n_docs)

    def indexed_docs(self) -> int:
        """How many documents the loaded BM25 state holds (checked against the manifest on load)."""
        return int(self._retriever.scores.get("num_docs", -1))

    def scores(self, query: str, extra_terms: Sequence[str] = (), extra_weight: float = 0.0) -> np.ndarray:
        """BM25 score of every document for `query` (zeros when no query token is known), plus
        `extra_weight` times the score of `extra_terms` (the thesaurus expansion) when given."""
        scores = self._scores(query)
        if extra_terms and extra_weight > 0:
            scores = scores + extra_weight * self._scores(" ".join(extra_terms))
        return scores

    def _scores(self, text: str) -> np.ndarray:
        tokens = [t for t in self._tokenize(text) if t in self._vocab]
        if not tokens:
            return np.zeros(self.n_docs, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)
