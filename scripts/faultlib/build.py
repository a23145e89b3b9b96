"""Fault cases (build): bad corpus files, damaged cache, killed builds."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from helpers import FakeEncoder

from advisor import Advisor, Settings
from advisor.retrieval.index import build_index
from advisor.retrieval.store import load_index

from .common import CASES, LAB, ROOT, Case, Result, can_drop_root, case, cli, one_line, raises

# --------------------------------------------------------------------------- build: bad corpus files, damaged cache, killed builds

def _build_with(extra: dict[str, bytes], expect: str, name: str, **overrides: object) -> Result:
    """Add files to a small corpus, build, and check the file is listed as skipped with `expect`,
    the build still indexes the good files, and the next build works."""
    settings = LAB.fresh().model_copy(update=overrides)
    for rel, data in extra.items():
        (settings.corpus_dir / rel).write_bytes(data)
    stats = build_index(settings, FakeEncoder(), progress=False)
    skipped = {s["file"]: s["reason"] for s in load_index(settings, FakeEncoder()).report.skipped}
    again = build_index(settings, FakeEncoder(), progress=False)
    ok = (expect in skipped.get(name, "") and stats.n_cases > 0 and again.embedded == 0
          and any(name in w for w in stats.warnings))
    return ok, f"{name}: {skipped.get(name, 'not reported')}"


BAD_FILES = [
    ("undecodable bytes", {"bad.txt": bytes(range(128, 256)) * 40}, "bad.txt", "无法"),
    ("binary file", {"blob.txt": b"\x00\x01\x02PK\x03\x04" * 200}, "blob.txt", "二进制"),
    ("empty file", {"empty.txt": b""}, "empty.txt", "空文件"),
    ("whitespace-only file", {"blank.md": b" \n\t\r\n"}, "blank.md", "空文件"),
    ("unsupported type", {"notes.pdf": b"%PDF-1.4"}, "notes.pdf", "不支持"),
    ("corrupt .docx", {"broken.docx": b"PK\x03\x04 not a zip"}, "broken.docx", ".docx"),
]
for _label, _files, _name, _expect in BAD_FILES:
    CASES.append(Case("build", _label, lambda f=_files, n=_name, e=_expect: _build_with(f, e, n)))


@case("build", "file over max_file_mb is skipped with a report line")
def _build_big() -> Result:
    return _build_with({"big.txt": "投诉".encode() * 400_000}, "文件过大", "big.txt", max_file_mb=1.0)


@case("build", "file without read permission (real chmod 000, child process as nobody)")
def _build_unreadable() -> Result:
    settings = LAB.fresh()
    secret = settings.corpus_dir / "secret.txt"
    secret.write_text("客户投诉案例", encoding="utf-8")
    secret.chmod(0)
    if not can_drop_root():
        return _simulated_unreadable(settings)
    for path in (settings.corpus_dir.parent, settings.corpus_dir):
        path.chmod(0o777)  # `nobody` writes the index beside the corpus
    out = cli("build", "--quiet", env={"ADVISOR_CORPUS_DIR": str(settings.corpus_dir),
                                      "ADVISOR_INDEX_DIR": str(settings.index_dir),
                                      "ADVISOR_KNOWLEDGE_DIR": str(settings.knowledge_dir)},
              index=False, user="nobody")
    err = out.stderr.decode("utf-8", "replace")
    ok = out.returncode == 0 and "secret.txt" in err and "无法读取" in err
    return ok, f"rc={out.returncode} {err.strip().splitlines()[-1][:140] if err.strip() else ''}"


@case("build", "sub-folder that cannot be listed (real, as nobody) is reported")
def _build_locked_folder() -> Result:
    if not can_drop_root():
        return True, "skipped: needs root to run a child as nobody"
    settings = LAB.fresh()
    (settings.corpus_dir / "locked").mkdir(mode=0)
    for path in (settings.corpus_dir.parent, settings.corpus_dir):
        path.chmod(0o777)
    out = cli("report", "--corpus", str(settings.corpus_dir), index=False, user="nobody",
              env={"ADVISOR_KNOWLEDGE_DIR": str(settings.knowledge_dir)})
    text = out.stdout.decode("utf-8", "replace")
    line = next((x for x in text.splitlines() if "locked/" in x), "")
    return out.returncode == 0 and "无法读取文件夹" in line, f"rc={out.returncode} {line.strip()[:120]}"


@case("build", "corpus folder without access (real, as nobody): exit 2, one line")
def _build_locked_corpus() -> Result:
    if not can_drop_root():
        return True, "skipped: needs root to run a child as nobody"
    settings = LAB.fresh()
    settings.corpus_dir.chmod(0)
    settings.corpus_dir.parent.chmod(0o777)  # the index may be written, only the corpus is closed
    return one_line(cli("build", "--quiet", "--corpus", str(settings.corpus_dir), index=False, user="nobody",
                        env={"ADVISOR_INDEX_DIR": str(settings.index_dir)}), "无法读取语料目录")


def _simulated_unreadable(settings: Settings) -> Result:
    original = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    Path.read_bytes = deny
    try:
        stats = build_index(settings, FakeEncoder(), progress=False)
    finally:
        Path.read_bytes = original
    return any("secret.txt" in w and "无法读取" in w for w in stats.warnings), "simulated (not root)"


@case("build", "file name that is not valid UTF-8")
def _build_bad_name() -> Result:
    settings = LAB.fresh()
    story = (ROOT / "tests" / "data" / "bank_case.txt").read_bytes() + "\n补充。".encode()
    (settings.corpus_dir / os.fsdecode(b"\xff\xfe-case.txt")).write_bytes(story)
    stats = build_index(settings, FakeEncoder(), progress=False)
    files = [r.file for r in load_index(settings, FakeEncoder()).report.files if "\ufffd" in r.file]
    return bool(files) and stats.n_cases > 0, f"reported as {files}"


@case("build", "dangling symlink and a folder named like a document")
def _build_links() -> Result:
    settings = LAB.fresh()
    os.symlink(settings.corpus_dir / "nowhere.txt", settings.corpus_dir / "dangling.txt")
    (settings.corpus_dir / "folder.txt").mkdir()
    stats = build_index(settings, FakeEncoder(), progress=False)
    ok = any("dangling.txt" in w for w in stats.warnings) and not any("folder.txt" in w for w in stats.warnings)
    return ok and stats.n_cases > 0, "; ".join(stats.warnings)


def _cache_case(damage: Callable[[Path], None]) -> Result:
    settings = LAB.built()
    damage(settings.index_dir / "embeddings.npz")
    stats = build_index(settings, FakeEncoder(), progress=False)
    again = build_index(settings, FakeEncoder(), progress=False)
    ok = any("嵌入缓存" in w for w in stats.warnings) and stats.embedded > 0 and again.embedded == 0
    return ok, f"warnings={list(stats.warnings)} next build embedded={again.embedded}"


def _as_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


CACHE_DAMAGE = [
    ("truncated embeddings cache", lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 3])),
    ("garbage embeddings cache", lambda p: p.write_bytes(os.urandom(4096))),
    ("embeddings cache replaced by a folder", _as_folder),
]
for _label, _damage in CACHE_DAMAGE:
    CASES.append(Case("build", _label, lambda d=_damage: _cache_case(d)))


@case("build", "leftover temp/old folders and a stale lock of killed builds")
def _build_leftovers() -> Result:
    settings = LAB.built()
    parent, name = settings.index_dir.parent, settings.index_dir.name
    for leftover in (f".{name}.tmp-99999", f".{name}.old-99998"):
        (parent / leftover / "bm25").mkdir(parents=True)
    (parent / f".{name}.lock").write_text("stale")
    build_index(settings, FakeEncoder(), progress=False)
    left = [p.name for p in parent.glob(f".{name}.*-*")]
    return not left, f"left behind: {left}"


KILLER = """
import json, sys, time
sys.path[:0] = {paths!r}
from helpers import FakeEncoder
from advisor import Settings
import advisor.retrieval.index as ix
def stall(*args, **kwargs):
    print("writing", flush=True)
    time.sleep(120)
ix.LexicalIndex.build = stall
ix.build_index(Settings(**json.loads(sys.argv[1])), FakeEncoder(), progress=False)
"""


@case("build", "build killed (SIGKILL) while writing: old index serves, next build cleans up")
def _build_killed() -> Result:
    settings = LAB.built()
    before = (settings.index_dir / "manifest.json").read_text(encoding="utf-8")
    args = json.dumps({k: str(v) for k, v in settings.model_dump(include={"corpus_dir", "index_dir",
                                                                           "data_dir", "knowledge_dir"}).items()})
    code = KILLER.format(paths=[str(ROOT), str(ROOT / "tests")])
    child = subprocess.Popen([sys.executable, "-c", code, args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        started = child.stdout.readline() == b"writing\n"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    leftovers = list(settings.index_dir.parent.glob(f".{settings.index_dir.name}.tmp-*"))
    serving = (settings.index_dir / "manifest.json").read_text(encoding="utf-8") == before
    Advisor.load(settings, FakeEncoder()).search("保险收益")
    build_index(settings, FakeEncoder(), progress=False)
    cleaned = not list(settings.index_dir.parent.glob(f".{settings.index_dir.name}.tmp-*"))
    ok = started and bool(leftovers) and serving and cleaned
    return ok, f"killed mid-write={started} leftovers={len(leftovers)} old served={serving} cleaned={cleaned}"


@case("build", "index folder cannot be written (parent is a file): IndexWriteError")
def _build_unwritable() -> Result:
    from advisor.errors import IndexWriteError

    settings = LAB.fresh()
    blocker = settings.index_dir.parent / "blocker"
    blocker.write_text("a file where a folder should be")
    target = settings.model_copy(update={"index_dir": blocker / "index"})
    return raises(lambda: build_index(target, FakeEncoder(), progress=False), IndexWriteError, "索引无法写入")


@case("build", "disk full while writing: IndexWriteError and the old index still loads")
def _build_disk_full() -> Result:
    import errno

    import advisor.retrieval.index as ix
    from advisor.errors import IndexWriteError

    settings = LAB.built()
    original = ix.save_dense

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    ix.save_dense = full
    try:
        ok, message = raises(lambda: build_index(settings, FakeEncoder(), progress=False), IndexWriteError,
                             "No space left")
    finally:
        ix.save_dense = original
    return ok and load_index(settings, FakeEncoder()).manifest.n_cases > 0, message


@case("build", "corpus of unreadable files only: CorpusError, one message")
def _build_nothing_readable() -> Result:
    from advisor.errors import CorpusError

    settings = LAB.fresh("empty.txt", "binary.txt")
    return raises(lambda: build_index(settings, FakeEncoder(), progress=False), CorpusError, "没有可读取的文档")


@case("build", "missing corpus folder: CorpusError")
def _build_no_corpus() -> Result:
    from advisor.errors import CorpusError

    settings = LAB.fresh().model_copy(update={"corpus_dir": LAB.root / "no-such-corpus"})
    return raises(lambda: build_index(settings, FakeEncoder(), progress=False), CorpusError, "不存在")
