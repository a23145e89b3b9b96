"""Hardening against bad input and faults (the matrix of scripts/faults.py, docs/reliability.md).

Only what the other test files do not cover: settings messages, CLI stdio and file arguments, corpus
entries that are not plain files, index files that are inconsistent although their digests match,
index folders that cannot be written, damaged feedback databases, and the newer PII rules.
Permission cases run a child process as `nobody` when the tests run as root (root ignores file
modes); without root they are skipped or simulated.
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
from helpers import FakeEncoder, make_corpus

from advisor import Advisor, Settings
from advisor.cli import main
from advisor.corpus.read import read_corpus
from advisor.errors import FeedbackUnavailableError, IndexCorruptError, IndexWriteError, SettingsError
from advisor.feedback.store import feedback_stats, helpful_queries, record_feedback
from advisor.retrieval.index import build_index
from advisor.retrieval.store import digest, load_index, served_files
from advisor.settings import load_settings
from advisor.text.pii import mask_pii

ROOT = Path(__file__).resolve().parent.parent
REBUILD = "python -m advisor build"
AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _others_can_enter(*paths: Path) -> bool:
    """Whether a user other than the owner can reach these paths (a `mktemp -d` checkout is 0700)."""
    return all(os.stat(d).st_mode & 0o001 for p in paths for d in [p, *p.parents])


# The child runs as `nobody`: it needs root to drop to, and a checkout and interpreter it can reach.
needs_root = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None or not _others_can_enter(ROOT, Path(sys.executable).parent),
    reason="file modes are only enforced for a non-root child process that can reach the checkout")


@pytest.fixture
def built(tmp_path: Path) -> Settings:
    corpus = make_corpus(tmp_path, "re_cases.txt", "bank_case.txt", "auto_case.txt", "guideline.txt")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data",
                        knowledge_dir=tmp_path / "knowledge")
    build_index(settings, FakeEncoder(), progress=False)
    return settings


# --------------------------------------------------------------------------- settings


@pytest.mark.parametrize(("name", "value", "reason"), [
    ("ADVISOR_DENSE_WEIGHT", "abc", "应为数字"),
    ("ADVISOR_FUSION", "bogus", "应为以下之一：weighted、rrf"),
    ("ADVISOR_TOP_K", "0", "不能小于 1"),
    ("ADVISOR_TOKENIZER", "words", "bigram、jieba、both"),
])
def test_bad_setting_is_one_chinese_line(monkeypatch, name, value, reason):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert name in message and value in message and reason in message
    assert "\n" not in message and "Input should" not in message


# --------------------------------------------------------------------------- CLI, in process


class _Stdio:
    """A strict ASCII text stream over bytes, like PYTHONIOENCODING=ascii:strict."""

    def __init__(self, data: bytes = b"") -> None:
        self.raw = io.BytesIO(data)
        self.text = io.TextIOWrapper(self.raw, encoding="ascii", errors="strict", write_through=True)

    def value(self) -> bytes:
        self.text.flush()
        return self.raw.getvalue()


@pytest.fixture
def stdio(monkeypatch):
    def install(stdin: bytes = b"") -> tuple[_Stdio, _Stdio]:
        out, err = _Stdio(), _Stdio()
        monkeypatch.setattr(sys, "stdin", _Stdio(stdin).text)
        monkeypatch.setattr(sys, "stdout", out.text)
        monkeypatch.setattr(sys, "stderr", err.text)
        return out, err
    return install


@pytest.fixture
def fake_cli(built, monkeypatch):
    """The CLI over the small index with the hashing encoder (no model)."""
    advisor = Advisor.load(built, FakeEncoder())
    monkeypatch.setattr("advisor.cli.library._advisor", lambda args: advisor)
    return advisor


def test_bad_setting_exits_2_with_one_line(monkeypatch, stdio):
    monkeypatch.setenv("ADVISOR_FUSION", "bogus")
    _, err = stdio()
    assert main(["search", "漏水"]) == 2
    lines = err.value().decode("ascii").splitlines()
    assert len(lines) == 1 and "ADVISOR_FUSION" in lines[0] and "\\u" in lines[0]  # escaped, not a crash


def test_stdin_invalid_utf8_gives_valid_jsonl_on_strict_ascii_stdout(fake_cli, stdio):
    lines = ["业主投诉维修不及时".encode(), b"\xff\xfe\xc3(", b"", "保险收益低".encode()]
    out, _ = stdio(b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n")
    assert main(["search", "--stdin", "--top-k", "2"]) == 0
    rows = [json.loads(line) for line in out.value().decode("utf-8").splitlines()]
    assert ["hits" in r for r in rows] == [True, False, False, True]
    assert rows[1]["line"] == 2 and "UTF-8" in rows[1]["error"]
    assert rows[0]["query"] == "业主投诉维修不及时"  # the BOM is not part of the query


def test_text_output_survives_a_strict_ascii_terminal(fake_cli, stdio):
    out, _ = stdio()
    assert main(["search", "维修站更换安全气囊", "--top-k", "1"]) == 0
    assert b"\\u" in out.value()


def test_closed_pipe_ends_quietly(fake_cli, stdio, monkeypatch):
    out, _ = stdio(b"\xe6\xbc\x8f\xe6\xb0\xb4\n" * 3)

    def closed(_data: bytes) -> int:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    monkeypatch.setattr(out.raw, "write", closed)
    assert main(["search", "--stdin"]) == 0


@pytest.mark.parametrize("content", [None, b"\xff\xfe{not json\n", b'{"id": 1}\n'])
def test_bad_query_file_is_one_line(tmp_path, stdio, content):
    path = tmp_path / "queries.jsonl"
    if content is not None:
        path.write_bytes(content)
    _, err = stdio()
    assert main(["eval", "--queries", str(path)]) == 2
    assert len(err.value().splitlines()) == 1 and b"queries.jsonl" in err.value()


def test_output_into_a_missing_folder_is_one_line(fake_cli, tmp_path, stdio):
    _, err = stdio()
    assert main(["scenario", "--query", "维修站更换安全气囊", "--output", str(tmp_path / "no" / "c.md")]) == 2
    assert len(err.value().splitlines()) == 1 and b"c.md" in err.value()


def test_bad_setting_in_a_real_process_with_strict_stdio(clean_env):
    env = {**clean_env, "ADVISOR_DENSE_WEIGHT": "abc", "PYTHONIOENCODING": "ascii:strict"}
    out = subprocess.run([sys.executable, "-m", "advisor", "search", "漏水"], capture_output=True, env=env,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 2 and len(out.stderr.splitlines()) == 1 and b"Traceback" not in out.stderr


@pytest.mark.integration
def test_stdin_batch_with_the_real_encoder(seed_settings, clean_env):
    env = {**clean_env, "ADVISOR_INDEX_DIR": str(seed_settings.index_dir), "PYTHONIOENCODING": "ascii:strict",
           "ADVISOR_DATA_DIR": str(seed_settings.data_dir)}
    stdin = "客户投诉4S店报错零件价格\n".encode() + b"\xff\xfe\n" + "业主投诉物业".encode() * 3000 + b"\n"
    out = subprocess.run([sys.executable, "-m", "advisor", "search", "--stdin", "--top-k", "1"], input=stdin,
                         capture_output=True, env=env, cwd=ROOT, timeout=300)
    rows = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
    assert out.returncode == 0 and ["error" in r for r in rows] == [False, True, False]
    assert any("截取" in w for w in rows[2]["warnings"])


# --------------------------------------------------------------------------- corpus entries


def test_undecodable_file_name_and_odd_entries_are_reported(tmp_path):
    folder = make_corpus(tmp_path, "bank_case.txt")
    shutil.copy(folder / "bank_case.txt", folder / os.fsdecode(b"\xff-case.txt"))
    os.symlink(tmp_path / "nowhere.txt", folder / "dangling.txt")
    os.mkfifo(folder / "pipe.txt")  # reading it would block the build
    (folder / "folder.txt").mkdir()
    docs, problems = read_corpus(folder)
    assert "\ufffd-case.txt" in {d.file for d in docs}
    json.dumps([d.file for d in docs]).encode("utf-8")  # writable into the report
    reasons = {p.file: p.reason for p in problems}
    assert set(reasons) == {"dangling.txt", "pipe.txt"} and "不存在" in reasons["dangling.txt"]


@pytest.fixture
def open_tmp():
    """A temporary folder `nobody` can reach (pytest's own tmp_path sits in a root-only folder)."""
    path = Path(tempfile.mkdtemp(prefix="advisor-hardening-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@needs_root
def test_unreadable_file_and_folder_for_real(open_tmp):
    folder = make_corpus(open_tmp, "bank_case.txt")
    folder.chmod(0o755)
    (folder / "secret.txt").write_text("客户投诉案例", encoding="utf-8")
    (folder / "secret.txt").chmod(0)
    (folder / "locked").mkdir(mode=0)
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; " \
           f"from advisor.corpus.read import read_corpus; print(read_corpus(Path({str(folder)!r}))[1])"
    out = subprocess.run([*AS_NOBODY, sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "secret.txt" in out.stdout and "无法读取文件" in out.stdout, out.stderr
    assert "locked/" in out.stdout and "无法读取文件夹" in out.stdout


@needs_root
def test_unreachable_corpus_folder_is_a_corpus_error(open_tmp):
    folder = make_corpus(open_tmp, "bank_case.txt")
    folder.chmod(0)
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; " \
           f"from advisor.corpus.pipeline import build_corpus; build_corpus(Path({str(folder)!r}))"
    out = subprocess.run([*AS_NOBODY, sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "CorpusError" in out.stderr and "无法读取语料目录" in out.stderr


# --------------------------------------------------------------------------- index files


def _restamp(folder: Path) -> None:
    """Digests that vouch for the damage: the checks behind them must still catch it."""
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["files"] = {p.relative_to(folder).as_posix(): digest(p).model_dump() for p in served_files(folder)}
    path.write_text(json.dumps(manifest), encoding="utf-8")


def _edit_npy(name: str, change):
    def damage(folder: Path) -> None:
        path = folder / "bm25" / f"{name}.csc.index.npy"
        np.save(path, change(np.load(path).copy()))
    return damage


def _set(array, value):
    array[len(array) // 4: len(array) // 2] = value
    return array


def _renumber_vocab(folder: Path) -> None:
    path = folder / "bm25" / "vocab.index.json"
    vocab = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({k: v + 10**6 if i < 20 else v for i, (k, v) in enumerate(vocab.items())}))


def _unknown_record(folder: Path) -> None:
    path = folder / "chunks.jsonl"
    first, *rest = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([json.dumps({**json.loads(first), "record_id": "c-000000000000"}), *rest]) + "\n")


def _half_dimension(folder: Path) -> None:
    import faiss

    old = faiss.read_index(str(folder / "dense.faiss"))
    new = faiss.IndexFlatIP(old.d // 2)
    new.add(np.eye(old.ntotal, old.d // 2, dtype=np.float32))
    faiss.write_index(new, str(folder / "dense.faiss"))


def _scale_vectors(folder: Path) -> None:
    import faiss

    old = faiss.read_index(str(folder / "dense.faiss"))
    new = faiss.IndexFlatIP(old.d)
    new.add(old.reconstruct_n(0, old.ntotal) * 3)
    faiss.write_index(new, str(folder / "dense.faiss"))


@pytest.mark.parametrize(("damage", "found"), [
    (_edit_npy("indices", lambda a: _set(a, 10**6)), "文档编号超出范围"),
    (_edit_npy("data", lambda a: _set(a, np.nan)), "无效值"),
    (_edit_npy("indptr", lambda a: a[: len(a) // 2]), "indptr"),
    (_renumber_vocab, "词表"),
    (_unknown_record, "不存在的记录"),
    (_half_dimension, "维度"),
    (_scale_vectors, "未归一化"),
], ids=["indices", "nan", "indptr", "vocab", "chunk-record", "dimension", "norms"])
def test_inconsistent_files_with_matching_digests_are_refused(built, damage, found):
    damage(built.index_dir)
    _restamp(built.index_dir)
    with pytest.raises(IndexCorruptError, match=REBUILD) as caught:
        Advisor.load(built, FakeEncoder()).search("维修站更换安全气囊")
    assert found in str(caught.value)
    build_index(built, FakeEncoder(), progress=False)
    assert Advisor.load(built, FakeEncoder()).search("维修站更换安全气囊").hits


def test_index_folder_that_cannot_be_created(built, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(IndexWriteError, match="索引无法写入"):
        build_index(built.model_copy(update={"index_dir": blocker / "index"}), FakeEncoder(), progress=False)


def test_disk_full_while_writing_keeps_the_old_index(built, monkeypatch):
    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("advisor.retrieval.index.save_dense", full)
    with pytest.raises(IndexWriteError, match="No space left"):
        build_index(built, FakeEncoder(), progress=False)
    assert load_index(built, FakeEncoder()).manifest.n_cases > 0
    assert not list(built.index_dir.parent.glob(".index.tmp-*"))


def test_failed_swap_puts_the_old_index_back(built, monkeypatch):
    real_rename = os.rename

    def rename(src, dst):
        if ".tmp-" in str(src):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_rename(src, dst)

    monkeypatch.setattr("advisor.retrieval.index.os.rename", rename)
    with pytest.raises(IndexWriteError):
        build_index(built, FakeEncoder(), progress=False)
    assert load_index(built, FakeEncoder()).manifest.n_cases > 0


# --------------------------------------------------------------------------- feedback


def test_damaged_database_is_a_named_error_everywhere(tmp_path):
    db = tmp_path / "feedback.sqlite3"
    db.write_bytes(b"not a database" * 300)
    for call in (lambda: record_feedback(db, "q", "c", 1, True), lambda: feedback_stats(db),
                 lambda: helpful_queries(db)):
        with pytest.raises(FeedbackUnavailableError, match="已损坏"):
            call()


def test_undecodable_query_is_stored(tmp_path):
    db = tmp_path / "feedback.sqlite3"
    record_feedback(db, "业主\udcff投诉13812345678", "c", 1, True)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT query FROM feedback").fetchone()[0] == "业主?投诉138****5678"


def test_concurrent_processes_all_land(tmp_path):
    db = tmp_path / "feedback.sqlite3"
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from advisor.feedback.store import record_feedback\n"
            "for i in range(20): record_feedback(sys.argv[1], f'p{sys.argv[2]}-{i}', 'c', 1, True)")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(db), str(n)]) for n in range(4)]
    assert [p.wait(timeout=120) for p in procs] == [0] * 4
    assert feedback_stats(db).total == 80


@needs_root
def test_read_only_data_folder_for_real(open_tmp):
    folder = open_tmp / "data"
    folder.mkdir(mode=0o555)
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from advisor.feedback.store import record_feedback\n"
            f"record_feedback({str(folder / 'feedback.sqlite3')!r}, 'q', 'c', 1, True)")
    out = subprocess.run([*AS_NOBODY, sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "FeedbackUnavailableError" in out.stderr and "不可写" in out.stderr


# --------------------------------------------------------------------------- PII rules beyond tests/test_pii.py


@pytest.mark.parametrize(("text", "masked"), [
    ("手机138.1234.5678", "手机138.****.5678"),
    ("电话+86 10 8765 4321", "电话+86 10 **** 4321"),
    ("+86-755-1234-5678", "+86-755-****-5678"),
    ("证件1101 0119 9003 0712 3X", "证件1101 01** **** **12 3X"),
    ("邮箱 li_si @ 163.com", "邮箱 l**** @ 163.com"),
    ("住在12-3-402", "住在**-*-***"),
    ("地址：5-2-301", "地址：*-*-***"),
    ("3单元402号", "*单元***号"),
    ("QQ号123456789", "QQ号*******89"),
    ("加微信 zhangsan_88", "加微信 z*******_**"),
    ("vx: abc123456", "vx: a********"),
])
def test_newer_pii_rules(text, masked):
    assert mask_pii(text) == masked
    assert mask_pii(masked) == masked


@pytest.mark.parametrize("text", ["VXLAN12345", "住3-5天", "入住2-3天", "微信支付5000元", "QQ群12345678",
                                  "3月12号", "版本1.3.12345678", "@张三 你好"])
def test_newer_pii_rules_keep_ordinary_text(text):
    assert mask_pii(text) == text
