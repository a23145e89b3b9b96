"""Load an index folder and check it: manifest, format, encoder, file digests and counts."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import ValidationError

from advisor.corpus.report import CorpusReport
from advisor.errors import REBUILD_HINT, IndexCorruptError, IndexMismatchError, IndexMissingError
from advisor.models import Case, FileDigest, Guideline, Manifest
from advisor.retrieval.chunk import QUESTIONS_FIELD, Chunk, text_chunk_count
from advisor.retrieval.dense import load_dense
from advisor.retrieval.encoders import Encoder
from advisor.retrieval.lexical import LexicalIndex
from advisor.retrieval.tokens import get_tokenizer
from advisor.settings import Settings

FORMAT_VERSION = 2
# Files a served index needs; the embedding cache (embeddings.npz) only speeds up rebuilds.
SERVED = ("records.jsonl", "chunks.jsonl", "dense.faiss", "report.json")
SERVED_DIRS = ("bm25",)


@dataclass
class LoadedIndex:
    """Everything search needs, in memory."""

    manifest: Manifest
    cases: list[Case]
    guidelines: list[Guideline]
    chunks: list[Chunk]
    dense: object
    lexical: LexicalIndex
    report: CorpusReport | None


def served_files(folder: Path) -> list[Path]:
    """The files of an index folder that the manifest vouches for."""
    files = [folder / name for name in SERVED if (folder / name).exists()]
    for name in SERVED_DIRS:
        files += sorted(p for p in (folder / name).rglob("*") if p.is_file())
    return files


def digest(path: Path) -> FileDigest:
    """Size and SHA-256 of a file."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return FileDigest(size=path.stat().st_size, sha256=h.hexdigest())


def manifest_stamp(index_dir: Path) -> tuple[int, int] | None:
    """(modification time, size) of the index's manifest, or None: changes whenever a build swaps in a new index."""
    try:
        st = (index_dir / "manifest.json").stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def read_manifest(index_dir: Path, retries: int = 5) -> Manifest:
    """The manifest of `index_dir`.

    Raises:
        IndexMissingError: no index there (after briefly waiting out a swap in progress).
        IndexCorruptError: the manifest is unreadable.
    """
    path = index_dir / "manifest.json"
    for _ in range(retries):
        if path.exists():
            break
        time.sleep(0.1)
    if not path.exists():
        raise IndexMissingError(f"未找到检索索引：{index_dir}。请先构建：{REBUILD_HINT}")
    try:
        return Manifest.model_validate_json(path.read_text(encoding="utf-8"))
    except (ValidationError, ValueError, OSError) as exc:
        raise IndexCorruptError(f"索引清单损坏（{path.name}）：{exc.__class__.__name__}。请重建：{REBUILD_HINT}") from exc


def load_index(settings: Settings, encoder: Encoder) -> LoadedIndex:
    """Load `settings.index_dir`, refusing one built by another encoder, tokenizer or format, and one
    whose files differ from what its manifest records.

    Raises:
        IndexMissingError, IndexMismatchError, IndexCorruptError: each naming the rebuild command.
    """
    folder = settings.index_dir
    manifest = read_manifest(folder)
    _check_compatible(manifest, settings, encoder)
    _check_files(folder, manifest)
    try:
        cases, guidelines = _read_records(folder / "records.jsonl")
        chunks = _read_chunks(folder / "chunks.jsonl")
        dense = load_dense(folder / "dense.faiss")
        n_text = text_chunk_count(chunks)
        if any(c.field != QUESTIONS_FIELD for c in chunks[n_text:]):
            raise IndexCorruptError(f"chunks.jsonl 中常见问法不在末尾。请重建：{REBUILD_HINT}")
        lexical = LexicalIndex.load(folder / "bm25", get_tokenizer(settings.tokenizer), n_text)
        report_path = folder / "report.json"
        report = CorpusReport.model_validate_json(report_path.read_text(encoding="utf-8")) if report_path.exists() else None
    except IndexCorruptError:
        raise
    except Exception as exc:  # faiss raises RuntimeError, bm25s OSError/ValueError, json ValueError …
        raise IndexCorruptError(f"索引文件损坏或不完整：{type(exc).__name__}: {str(exc)[:120]}。请重建：{REBUILD_HINT}") from exc
    counts = (len(cases), len(guidelines), len(chunks), dense.ntotal, lexical.indexed_docs())
    expected = (manifest.n_cases, manifest.n_guidelines, manifest.n_chunks, manifest.n_chunks, n_text)
    if counts != expected:
        raise IndexCorruptError(f"索引文件与清单不一致（记录、向量或 BM25 文档数不符）。请重建：{REBUILD_HINT}")
    problem = (_dense_problem(dense, manifest.dim) or _chunk_problem(chunks, cases, guidelines)
               or _bm25_problem(lexical))
    if problem:
        raise IndexCorruptError(f"索引文件内容不一致（{problem}）。请重建：{REBUILD_HINT}")
    return LoadedIndex(manifest, cases, guidelines, chunks, dense, lexical, report)


def _check_compatible(manifest: Manifest, settings: Settings, encoder: Encoder) -> None:
    if manifest.format_version != FORMAT_VERSION:
        raise IndexMismatchError(
            f"索引格式版本为 {manifest.format_version}，当前程序需要 {FORMAT_VERSION}。请重建：{REBUILD_HINT}")
    if manifest.encoder != encoder.name or manifest.dim != encoder.dim:
        raise IndexMismatchError(
            f"索引由编码器 {manifest.encoder}（{manifest.dim} 维）构建，当前配置为 {encoder.name}（{encoder.dim} 维）。"
            f"请重建：{REBUILD_HINT}")
    if manifest.tokenizer != settings.tokenizer:
        raise IndexMismatchError(
            f"索引使用分词方式 {manifest.tokenizer}，当前配置为 {settings.tokenizer}。请重建：{REBUILD_HINT}")


def _check_files(folder: Path, manifest: Manifest) -> None:
    """Every served file exists with the size and SHA-256 the manifest records, and no other is there."""
    found = {p.relative_to(folder).as_posix(): p for p in served_files(folder)}
    if set(found) != set(manifest.files):
        missing = sorted(set(manifest.files) - set(found)) or sorted(set(found) - set(manifest.files))
        raise IndexCorruptError(f"索引文件缺失或多余（{', '.join(missing[:3])}）。请重建：{REBUILD_HINT}")
    for name, path in found.items():
        expected = manifest.files[name]
        if path.stat().st_size != expected.size or digest(path) != expected:
            raise IndexCorruptError(f"索引文件 {name} 已损坏（校验和不符）。请重建：{REBUILD_HINT}")


# --------------------------------------------------------------------------- structure
# The digests catch damage done after a build; these checks catch files that were already inconsistent
# when the manifest was written (or a manifest edited by hand), which would otherwise fail mid-search
# with an IndexError or quietly return other results.

_NORM_TOLERANCE = 1e-2
_BLOCK = 8192


def _dense_problem(dense, dim: int) -> str | None:
    """Dimension and vectors of the FAISS index: finite and L2-normalized (zero vectors allowed)."""
    if dense.d != dim:
        return f"dense.faiss 的向量维度为 {dense.d}，清单记录为 {dim}"
    for start in range(0, dense.ntotal, _BLOCK):
        try:
            block = dense.reconstruct_n(start, min(_BLOCK, dense.ntotal - start))
        except RuntimeError:  # an index type that keeps no vectors: nothing to check
            return None
        with np.errstate(all="ignore"):  # garbled floats may overflow: that is what is being caught
            norms = np.linalg.norm(block.astype(np.float64), axis=1)
        if not np.isfinite(norms).all() or ((np.abs(norms - 1) > _NORM_TOLERANCE) & (norms > 1e-6)).any():
            return "dense.faiss 中有无效或未归一化的向量"
    return None


def _chunk_problem(chunks: list[Chunk], cases: list[Case], guidelines: list[Guideline]) -> str | None:
    known = {r.id for r in [*cases, *guidelines]}
    unknown = sorted({c.record_id for c in chunks} - known)
    return f"chunks.jsonl 引用了不存在的记录 {unknown[0]}" if unknown else None


def _bm25_problem(lexical: LexicalIndex) -> str | None:
    """The BM25 sparse matrix (CSC arrays) and vocabulary agree with each other and the document count."""
    retriever = getattr(lexical, "_retriever", None)
    state = getattr(retriever, "scores", None)
    if not isinstance(state, dict) or not {"data", "indices", "indptr"} <= set(state):
        return None  # another bm25s layout: the digests still vouch for the files
    data, indices, indptr = (np.asarray(state[k]) for k in ("data", "indices", "indptr"))
    vocab = getattr(retriever, "vocab_dict", None) or {}
    n_docs, n_terms = lexical.indexed_docs(), len(vocab)
    if sorted(vocab.values()) != list(range(n_terms)):
        return "bm25 词表编号不连续或重复"
    if indptr.ndim != 1 or len(indptr) not in (n_terms, n_terms + 1) or (len(indptr) and indptr[0] != 0):
        return "bm25 indptr 与词表大小不符"
    if np.any(np.diff(indptr) < 0) or (len(indptr) and indptr[-1] != len(data)) or len(data) != len(indices):
        return "bm25 稀疏矩阵的数组长度不一致"
    if len(indices) and (indices.min() < 0 or indices.max() >= n_docs):
        return "bm25 文档编号超出范围"
    if not np.isfinite(data).all() or (len(data) and data.min() < 0):
        return "bm25 分数中有无效值"
    return None


def _read_records(path: Path) -> tuple[list[Case], list[Guideline]]:
    cases: list[Case] = []
    guidelines: list[Guideline] = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            kind = row.pop("type")
            (cases.append(Case(**row)) if kind == "case" else guidelines.append(Guideline(**row)))
        except (ValueError, KeyError, TypeError, ValidationError) as exc:
            raise IndexCorruptError(f"records.jsonl 第 {line_no} 行损坏。请重建：{REBUILD_HINT}") from exc
    return cases, guidelines


def _read_chunks(path: Path) -> list[Chunk]:
    chunks = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            chunks.append(Chunk(row["record_id"], row["kind"], row["field"], row["text"]))
        except (ValueError, KeyError) as exc:
            raise IndexCorruptError(f"chunks.jsonl 第 {line_no} 行损坏。请重建：{REBUILD_HINT}") from exc
    return chunks
