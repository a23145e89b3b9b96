"""Build the index folder: incremental (embedding cache keyed by chunk content), atomic, one build at a time.

Layout: manifest.json (with the size and SHA-256 of every served file), records.jsonl, chunks.jsonl,
dense.faiss, bm25/ (bm25s state), report.json (corpus report), embeddings.npz (the cache).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from advisor.corpus.pipeline import Corpus, build_corpus
from advisor.errors import BuildLockedError, IndexWriteError
from advisor.models import Case, Manifest
from advisor.retrieval.chunk import Chunk, chunk_records, text_chunk_count
from advisor.retrieval.dense import build_dense, dense_kind, save_dense
from advisor.retrieval.encoders import Encoder
from advisor.retrieval.lexical import LexicalIndex
from advisor.retrieval.questions import attach_questions, load_questions
from advisor.retrieval.store import FORMAT_VERSION, digest, served_files
from advisor.retrieval.tokens import get_tokenizer
from advisor.settings import Settings

_BATCH = 64


@dataclass(frozen=True)
class BuildStats:
    """What a build did (printed by the CLI, used by the benchmark)."""

    n_cases: int
    n_guidelines: int
    n_chunks: int
    embedded: int
    reused: int
    seconds: float
    n_questions: int = 0
    warnings: tuple[str, ...] = ()


def code_hash() -> str:
    """Hash of the package source, recorded in the manifest."""
    h = hashlib.sha1()
    for path in sorted(Path(__file__).resolve().parents[1].rglob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def build_index(settings: Settings, encoder: Encoder, corpus: Corpus | None = None,
                progress: bool = True) -> BuildStats:
    """Build the index for `settings.corpus_dir` into `settings.index_dir`, atomically.

    Embeddings of chunks whose text did not change are reused from the previous index. A second
    build of the same index while one runs is refused (`BuildLockedError`); folders left by a
    killed build are removed; a damaged embedding cache is discarded with a warning.
    """
    started = time.perf_counter()
    target = settings.index_dir
    with _build_lock(target):
        _remove_leftovers(target)
        corpus = corpus or build_corpus(settings.corpus_dir, max_file_mb=settings.max_file_mb)
        attached = attach_questions([*corpus.cases, *corpus.guidelines], load_questions(settings.questions_file))
        chunks = chunk_records(corpus.cases, corpus.guidelines, attached.by_record)
        warnings = [*attached.warnings, *(f"已跳过 {s['file']}：{s['reason']}" for s in corpus.report.skipped)]
        cache = _load_cache(target, encoder, warnings)
        vectors, embedded = _embed(chunks, encoder, cache, progress)
        tmp = target.parent / f".{target.name}.tmp-{os.getpid()}"
        try:
            with _writing(target):
                shutil.rmtree(tmp, ignore_errors=True)
                tmp.mkdir(parents=True)
                _write(tmp, settings, encoder, corpus, chunks, vectors)
                _swap(tmp, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return BuildStats(len(corpus.cases), len(corpus.guidelines), len(chunks), embedded, len(chunks) - embedded,
                      time.perf_counter() - started, sum(map(len, attached.by_record.values())), tuple(warnings))


@contextmanager
def _writing(target: Path) -> Iterator[None]:
    """A file-system error while locking, writing or swapping becomes one clear `IndexWriteError`;
    the previous index (if any) is left as it was."""
    try:
        yield
    except OSError as exc:
        raise IndexWriteError(f"索引无法写入 {target}（{type(exc).__name__}: {exc.strerror or exc}），"
                              f"原有索引保持不变。请检查该目录的权限和磁盘空间") from exc


@contextmanager
def _build_lock(target: Path) -> Iterator[None]:
    """An exclusive lock beside the index folder, released when the build ends (or its process dies)."""
    lock_path = target.parent / f".{target.name}.lock"
    with _writing(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        fh = lock_path.open("w")
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLockedError(f"另一个构建正在写入 {target}，请等它结束后再试") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _remove_leftovers(target: Path) -> None:
    """Temporary and old folders of builds that were killed (safe: this build holds the lock)."""
    for pattern in (f".{target.name}.tmp-*", f".{target.name}.old-*"):
        for path in target.parent.glob(pattern):
            shutil.rmtree(path, ignore_errors=True)


def _embed(chunks: list[Chunk], encoder: Encoder, cache: dict[str, np.ndarray],
           progress: bool) -> tuple[np.ndarray, int]:
    from tqdm import tqdm

    missing = [c for c in chunks if c.content_hash not in cache]
    unique = list({c.content_hash: c for c in missing}.values())
    bar = tqdm(total=len(unique), desc="编码文本块", unit="块", disable=not progress or not unique, file=sys.stderr)
    for i in range(0, len(unique), _BATCH):
        batch = unique[i : i + _BATCH]
        vecs = encoder.encode_documents([c.text for c in batch])
        for chunk, vec in zip(batch, vecs, strict=True):
            cache[chunk.content_hash] = vec
        bar.update(len(batch))
    bar.close()
    matrix = np.vstack([cache[c.content_hash] for c in chunks]) if chunks else np.zeros((0, encoder.dim), np.float32)
    return matrix.astype(np.float32), len(unique)


def seed_embedding_cache(source_dir: Path, index_dir: Path) -> None:
    """Copy another index's embedding cache (with the manifest naming its encoder) into `index_dir`, so that a
    build there embeds only the chunks the other index lacks; nothing is copied that is not there."""
    index_dir.mkdir(parents=True, exist_ok=True)
    for name in ("manifest.json", "embeddings.npz"):
        if (source_dir / name).exists():
            shutil.copy(source_dir / name, index_dir / name)


def _load_cache(index_dir: Path, encoder: Encoder, warnings: list[str]) -> dict[str, np.ndarray]:
    """The previous embeddings by chunk hash; an unreadable cache is discarded (a cold build), never fatal."""
    path = index_dir / "embeddings.npz"
    try:
        manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if manifest.get("encoder") != encoder.name or manifest.get("dim") != encoder.dim or not path.exists():
        return {}
    try:
        with np.load(path, allow_pickle=False) as data:
            hashes, vectors = data["hashes"].tolist(), data["vectors"]
            if vectors.ndim != 2 or vectors.shape[1] != encoder.dim or len(hashes) != len(vectors):
                raise ValueError("shape")
            return dict(zip(hashes, vectors, strict=True))
    except Exception as exc:  # a truncated zip raises BadZipFile, a damaged array ValueError/EOFError …
        warnings.append(f"嵌入缓存 {path.name} 已损坏（{type(exc).__name__}），已丢弃并重新编码")
        return {}


def _write(folder: Path, settings: Settings, encoder: Encoder, corpus: Corpus, chunks: list[Chunk],
           vectors: np.ndarray) -> None:
    with (folder / "records.jsonl").open("w", encoding="utf-8") as fh:
        for record in [*corpus.cases, *corpus.guidelines]:
            row = {"type": "case" if isinstance(record, Case) else "guideline", **record.model_dump()}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with (folder / "chunks.jsonl").open("w", encoding="utf-8") as fh:
        for c in chunks:
            fh.write(json.dumps({"record_id": c.record_id, "kind": c.kind, "field": c.field, "text": c.text},
                                ensure_ascii=False) + "\n")
    matrix = vectors if len(vectors) else np.zeros((0, encoder.dim), np.float32)
    dense = build_dense(matrix, settings.hnsw_threshold)
    save_dense(dense, folder / "dense.faiss")
    np.savez(folder / "embeddings.npz", hashes=np.array([c.content_hash for c in chunks]), vectors=vectors)
    texts = [c.text for c in chunks[: text_chunk_count(chunks)]]
    LexicalIndex.build(texts, get_tokenizer(settings.tokenizer)).save(folder / "bm25")
    (folder / "report.json").write_text(corpus.report.model_dump_json(indent=1), encoding="utf-8")
    manifest = Manifest(
        format_version=FORMAT_VERSION, encoder=encoder.name, dim=encoder.dim, tokenizer=settings.tokenizer,
        n_cases=len(corpus.cases), n_guidelines=len(corpus.guidelines), n_chunks=len(chunks),
        corpus_hash=corpus.corpus_hash, code_hash=code_hash(), dense_kind=dense_kind(dense),
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        files={p.relative_to(folder).as_posix(): digest(p) for p in served_files(folder)},
    )
    # The manifest is written last: a folder without one is never a complete index.
    (folder / "manifest.json").write_text(manifest.model_dump_json(indent=1), encoding="utf-8")


def _swap(tmp: Path, target: Path) -> None:
    """Replace `target` by `tmp` with two renames, so readers see the old or the new index, never half."""
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        keep = [p for p in target.iterdir() if p.name == ".gitkeep"]
        os.rename(target, old)
        for p in keep:
            shutil.copy2(old / p.name, tmp / p.name)
    try:
        os.rename(tmp, target)
    except OSError:
        if old.exists() and not target.exists():
            os.rename(old, target)  # put the previous index back before reporting the failure
        raise
    shutil.rmtree(old, ignore_errors=True)
