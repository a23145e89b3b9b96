"""FAISS inner-product index over normalized vectors: flat for small libraries, HNSW for large."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def build_dense(vectors: np.ndarray, hnsw_threshold: int):
    """A FAISS index over `vectors` (rows L2-normalized, so inner product = cosine)."""
    import faiss

    dim = vectors.shape[1]
    if len(vectors) >= hnsw_threshold:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 128
    else:
        index = faiss.IndexFlatIP(dim)
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def dense_kind(index) -> str:
    """'flat' or 'hnsw', for the manifest."""
    return "hnsw" if "HNSW" in type(index).__name__ else "flat"


def save_dense(index, path: Path) -> None:
    import faiss

    faiss.write_index(index, str(path))


def load_dense(path: Path):
    import faiss

    return faiss.read_index(str(path))


def search_dense(index, query: np.ndarray, k: int,
                 id_range: tuple[int, int] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Top-k (scores, chunk positions) for one normalized query vector, optionally among the
    positions in `[start, end)` only (text chunks and question chunks are searched apart)."""
    import faiss

    start, end = id_range or (0, index.ntotal)
    k = max(1, min(k, end - start))
    params = None
    if id_range is not None:
        selector = faiss.IDSelectorRange(start, end)
        params = (faiss.SearchParametersHNSW(sel=selector) if dense_kind(index) == "hnsw"
                  else faiss.SearchParameters(sel=selector))
    scores, ids = index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k, params=params)
    keep = ids[0] >= 0
    return scores[0][keep], ids[0][keep]
