"""The index folder: build (incremental, atomic), save and load with a manifest check.

Layout: manifest.json, records.jsonl, chunks.jsonl, dense.faiss, embeddings.npz (cache keyed by
chunk content hash), bm25/ (bm25s state), report.json (corpus report).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from pydantic import ValidationError

from advisor.corpus.pipeline import Corpus, CorpusReport, build_corpus
from advisor.errors import REBUILD_HINT, IndexCorruptError, IndexMismatchError, IndexMissingError
from advisor.models import Case, Guideline, Manifest
from advisor.retrieval.chunk import QUESTIONS_FIELD, Chunk, chunk_records, text_chunk_count
from advisor.retrieval.dense import build_dense, dense_kind, load_dense, save_dense
from advisor.retrieval.encoders import Encoder
from advisor.retrieval.lexical import LexicalIndex
from advisor.retrieval.questions import attach_questions, load_questions
from advisor.retrieval.tokens import get_tokenizer
from advisor.settings import Settings

FORMAT_VERSION = 1
_BATCH = 32


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
    question_warnings: tuple[str, ...] = ()


def code_hash() -> str:
    """Hash of the package source, recorded in the manifest."""
    digest = hashlib.sha1()
    for path in sorted(Path(__file__).resolve().parents[1].rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def build_index(settings: Settings, encoder: Encoder, corpus: Corpus | None = None,
                progress: bool = True) -> BuildStats:
    """Build the index for `settings.corpus_dir` into `settings.index_dir`, atomically.

    Embeddings of chunks whose text did not change are reused from the previous index.
    """
    started = time.perf_counter()
    corpus = corpus or build_corpus(settings.corpus_dir)
    attached = attach_questions([*corpus.cases, *corpus.guidelines], load_questions(settings.questions_file))
    chunks = chunk_records(corpus.cases, corpus.guidelines, attached.by_record)
    cache = _load_cache(settings.index_dir, encoder)
    vectors, embedded = _embed(chunks, encoder, cache, progress)
    target = settings.index_dir
    tmp = target.parent / f".{target.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        _write(tmp, settings, encoder, corpus, chunks, vectors)
        _swap(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return BuildStats(len(corpus.cases), len(corpus.guidelines), len(chunks), embedded,
                      len(chunks) - embedded, time.perf_counter() - started,
                      sum(map(len, attached.by_record.values())), tuple(attached.warnings))


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


def _load_cache(index_dir: Path, encoder: Encoder) -> dict[str, np.ndarray]:
    path = index_dir / "embeddings.npz"
    manifest_path = index_dir / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("encoder") != encoder.name or manifest.get("dim") != encoder.dim:
            return {}
        data = np.load(path, allow_pickle=False)
        return dict(zip(data["hashes"].tolist(), data["vectors"], strict=True))
    except (OSError, ValueError, KeyError, json.JSONDecodeError):
        return {}  # no usable cache: a cold build


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
    dense = build_dense(vectors, settings.hnsw_threshold) if len(vectors) else build_dense(
        np.zeros((0, encoder.dim), np.float32), settings.hnsw_threshold)
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
    os.rename(tmp, target)
    shutil.rmtree(old, ignore_errors=True)


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
    """Load `settings.index_dir`, refusing one built by another encoder, tokenizer or format."""
    folder = settings.index_dir
    manifest = read_manifest(folder)
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
    if (len(cases), len(guidelines), len(chunks), dense.ntotal) != (
        manifest.n_cases, manifest.n_guidelines, manifest.n_chunks, manifest.n_chunks
    ):
        raise IndexCorruptError(f"索引文件与清单不一致（记录或向量数量不符）。请重建：{REBUILD_HINT}")
    return LoadedIndex(manifest, cases, guidelines, chunks, dense, lexical, report)


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
