"""Fault cases (index): damaged index files, caught by the digests or by the structural checks."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from helpers import FakeEncoder

from advisor import Advisor, Settings
from advisor.errors import IndexCorruptError
from advisor.retrieval.index import build_index
from advisor.retrieval.store import digest, load_index, served_files

from .common import CASES, LAB, REBUILD, Case, Result, case, raises

# --------------------------------------------------------------------------- index: damaged index files

_INDEX: Settings | None = None


def _pristine() -> Settings:
    """One small built index, restored from a backup before every damage case."""
    global _INDEX
    if _INDEX is None:
        _INDEX = LAB.built()
        shutil.copytree(_INDEX.index_dir, _INDEX.index_dir.parent / "backup")
    shutil.rmtree(_INDEX.index_dir)
    shutil.copytree(_INDEX.index_dir.parent / "backup", _INDEX.index_dir)
    return _INDEX


def restamp(folder: Path) -> None:
    """Record the current files in the manifest, as if the damage had happened before it was written."""
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["files"] = {p.relative_to(folder).as_posix(): digest(p).model_dump() for p in served_files(folder)}
    path.write_text(json.dumps(manifest), encoding="utf-8")


def _damage_case(damage: Callable[[Path], None], stamp: bool = False, error: type = IndexCorruptError) -> Result:
    """Damage the index; loading and searching must raise `error` naming the rebuild command, and the
    rebuild must restore a working index."""
    settings = _pristine()
    damage(settings.index_dir)
    if stamp:
        restamp(settings.index_dir)
    ok, message = raises(lambda: Advisor.load(settings, FakeEncoder()).search("维修站更换安全气囊"), error, REBUILD)
    build_index(settings, FakeEncoder(), progress=False)
    rebuilt = bool(Advisor.load(settings, FakeEncoder()).search("维修站更换安全气囊").hits)
    return ok and rebuilt, message + ("" if rebuilt else " | rebuild did not restore the index")


def _garble(rel: str, part: float = 0.25) -> Callable[[Path], None]:
    """XOR a slice of the file (same size) starting at `part` of its length."""
    def damage(folder: Path) -> None:
        path = folder / rel
        data = bytearray(path.read_bytes())
        start = int(len(data) * part)
        for i in range(start, min(len(data), start + max(1, len(data) // 4))):
            data[i] ^= 0x5A
        path.write_bytes(bytes(data))
    return damage


def _truncate(rel: str) -> Callable[[Path], None]:
    return lambda folder: (folder / rel).write_bytes((folder / rel).read_bytes()[: (folder / rel).stat().st_size // 2])


def _npy(rel: str, change: Callable) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        import numpy as np

        array = np.load(folder / rel).copy()
        np.save(folder / rel, change(array))
    return damage


def _json_edit(rel: str, change: Callable[[object], object]) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        path = folder / rel
        path.write_text(json.dumps(change(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")
    return damage


def _out_of_range(array):
    array[len(array) // 4: len(array) // 2] = 10**6
    return array


def _nan(array):
    array[len(array) // 4: len(array) // 2] = float("nan")
    return array


def _renumber(vocab: dict) -> dict:
    return {k: (v if i > 40 else 10**6 + i) for i, (k, v) in enumerate(vocab.items())}


def _unknown_record(folder: Path) -> None:
    path = folder / "chunks.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[0])
    row["record_id"] = "c-000000000000"
    path.write_text("\n".join([json.dumps(row, ensure_ascii=False), *lines[1:]]) + "\n", encoding="utf-8")


def _other_dim(folder: Path) -> None:
    import faiss
    import numpy as np

    old = faiss.read_index(str(folder / "dense.faiss"))
    new = faiss.IndexFlatIP(old.d // 2)
    new.add(np.eye(old.ntotal, old.d // 2, dtype=np.float32))
    faiss.write_index(new, str(folder / "dense.faiss"))


BM25 = "bm25/{}.csc.index.npy"
DAMAGE = [
    ("garbled quarter of dense.faiss", _garble("dense.faiss"), False),
    ("garbled bm25 data array", _garble(BM25.format("data"), 0.5), False),
    ("garbled bm25 indices array", _garble(BM25.format("indices"), 0.5), False),
    ("garbled bm25 indptr array", _garble(BM25.format("indptr"), 0.5), False),
    ("garbled bm25 vocabulary", _garble("bm25/vocab.index.json"), False),
    ("damaged bm25 params (truncated JSON)", _truncate("bm25/params.index.json"), False),
    ("truncated records.jsonl", _truncate("records.jsonl"), False),
    ("garbled chunks.jsonl", _garble("chunks.jsonl"), False),
    ("garbled report.json", _garble("report.json"), False),
    ("missing bm25 file", lambda f: (f / BM25.format("indptr")).unlink(), False),
    ("stray file in bm25/", lambda f: (f / "bm25" / "stray.npy").write_bytes(b"x"), False),
    ("manifest replaced by garbage", lambda f: (f / "manifest.json").write_bytes(b"\x00{garbage"), False),
    # The same damage with a manifest that vouches for it (damage before the stamp, or a hand edit).
    ("stamped: bm25 indices out of range", _npy(BM25.format("indices"), _out_of_range), True),
    ("stamped: bm25 data NaN", _npy(BM25.format("data"), _nan), True),
    ("stamped: bm25 indptr truncated", _npy(BM25.format("indptr"), lambda a: a[: len(a) // 2]), True),
    ("stamped: bm25 vocabulary ids renumbered", _json_edit("bm25/vocab.index.json", _renumber), True),
    ("stamped: bm25 document count changed", _json_edit("bm25/params.index.json", lambda p: {**p, "num_docs": 3}),
     True),
    ("stamped: dense.faiss of another dimension", _other_dim, True),
    ("stamped: garbled dense vectors", _garble("dense.faiss", 0.5), True),
    ("stamped: chunk of an unknown record", _unknown_record, True),
    ("stamped: truncated bm25 data file", _truncate(BM25.format("data")), True),
]
for _label, _damage, _stamp in DAMAGE:
    CASES.append(Case("index", _label, lambda d=_damage, s=_stamp: _damage_case(d, s)))


@case("index", "missing manifest: IndexMissingError naming the rebuild")
def _index_missing() -> Result:
    from advisor.errors import IndexMissingError

    return _damage_case(lambda f: (f / "manifest.json").unlink(), error=IndexMissingError)


@case("index", "old format version: IndexMismatchError")
def _index_version() -> Result:
    from advisor.errors import IndexMismatchError

    return _damage_case(_json_edit("manifest.json", lambda m: {**m, "format_version": 0}), error=IndexMismatchError)


@case("index", "index path is a file: IndexMissingError")
def _index_is_file() -> Result:
    from advisor.errors import IndexMissingError

    path = LAB.root / "index-file"
    path.write_text("not a folder")
    settings = LAB.fresh().model_copy(update={"index_dir": path})
    return raises(lambda: load_index(settings, FakeEncoder()), IndexMissingError, REBUILD)
