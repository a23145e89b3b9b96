"""Test doubles shared by the unit tests."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np

from advisor.retrieval.tokens import bigram_tokens

DATA = Path(__file__).parent / "data"


class FakeEncoder:
    """Deterministic bag-of-bigrams hashing encoder: similar texts get similar vectors, no model needed."""

    name = "fake/hash-bigrams"
    dim = 64

    def __init__(self) -> None:
        self.calls = 0

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for tok in bigram_tokens(text) or ["<empty>"]:
            v[int(hashlib.md5(tok.encode()).hexdigest(), 16) % self.dim] += 1.0
        return v / max(np.linalg.norm(v), 1e-9)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        self.calls += len(texts)
        return np.vstack([self._vec(t) for t in texts])

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        self.calls += len(texts)
        return np.vstack([self._vec(t) for t in texts])


def make_corpus(tmp: Path, *names: str) -> Path:
    """A corpus folder holding copies of the named fixture files."""
    folder = tmp / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(DATA / name, folder / name)
    return folder
KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


def cleaned(text: str, name: str = "doc.txt"):
    """`text` cleaned as if it were the corpus file `name` (its DocText)."""
    from advisor.corpus.clean import clean_document
    from advisor.corpus.read import RawDocument

    raw = RawDocument(name, text, "utf_8", hashlib.sha1(text.encode()).hexdigest())
    return clean_document(raw).doc_text()


def seg(text: str, name: str = "doc.txt"):
    """Clean and segment `text` as if it were the corpus file `name` (no index, no model)."""
    from advisor.corpus.segment import segment_document

    return segment_document(cleaned(text, name))
