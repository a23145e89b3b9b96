"""Fault matrix: bad input and broken files, each case a small check that passes or fails with a message.

Usage: .venv/bin/python scripts/faults.py [-k TEXT] [-v]
    -k TEXT   only the cases whose category or name contains TEXT
    -v        print every case (by default only failures are listed, then the counts per category)

Everything runs in a temporary folder: the repo's index/ and corpus/ are only read (the CLI cases use a
copy of index/ rebuilt from corpus/ with the embedded encoder). Unit-level cases use the tests' hashing
encoder. Permission cases run a child process as user `nobody` when this script runs as root (root
ignores file modes), otherwise they are simulated. docs/reliability.md describes the categories.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from helpers import FakeEncoder, make_corpus  # noqa: E402

from advisor import Advisor, Settings  # noqa: E402
from advisor.errors import IndexCorruptError  # noqa: E402
from advisor.retrieval.index import build_index  # noqa: E402
from advisor.retrieval.store import digest, load_index, served_files  # noqa: E402

Result = tuple[bool, str]
REBUILD = "python -m advisor build"
FIXTURES = ("re_cases.txt", "bank_case.txt", "auto_case.txt", "telecom_case.txt", "guideline.txt")
HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Case:
    category: str
    name: str
    run: Callable[[], Result]


CASES: list[Case] = []


def case(category: str, name: str) -> Callable[[Callable[[], Result]], Callable[[], Result]]:
    def register(fn: Callable[[], Result]) -> Callable[[], Result]:
        CASES.append(Case(category, name, fn))
        return fn
    return register


# --------------------------------------------------------------------------- workspace

class Lab:
    """Temporary folders: small indexes built with the hashing encoder, and one real index for the CLI."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="advisor-faults-"))
        self.root.chmod(0o755)  # the `nobody` child processes must reach their folders
        self._n = 0
        self._real: Path | None = None

    def fresh(self, *names: str) -> Settings:
        self._n += 1
        base = self.root / f"s{self._n}"
        base.mkdir(mode=0o755)
        corpus = make_corpus(base, *(names or FIXTURES))
        return Settings(corpus_dir=corpus, index_dir=base / "index", data_dir=base / "data",
                        knowledge_dir=base / "knowledge")

    def built(self, *names: str) -> Settings:
        settings = self.fresh(*names)
        build_index(settings, FakeEncoder(), progress=False)
        return settings

    def real_index(self) -> Path:
        """An index of the repo's corpus built by the CLI (embedded encoder), reusing index/'s cache."""
        if self._real is None:
            target = self.root / "real" / "index"
            target.mkdir(parents=True)
            for name in ("manifest.json", "embeddings.npz"):
                if (ROOT / "index" / name).exists():
                    shutil.copy(ROOT / "index" / name, target / name)
            out = cli("build", "--quiet", env={"ADVISOR_INDEX_DIR": str(target)}, index=False, timeout=1800)
            if out.returncode != 0:
                raise RuntimeError(f"real index build failed: {out.stderr.decode(errors='replace')[-300:]}")
            self._real = target
        return self._real


LAB: Lab


def cli(*args: str, env: dict[str, str] | None = None, stdin: bytes | None = None, index: bool = True,
        timeout: float = 300, user: str | None = None) -> subprocess.CompletedProcess:
    """`python -m advisor …` in a child process, with ADVISOR_* taken only from `env`."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("ADVISOR_", "PYTHONIOENCODING"))}
    full["ADVISOR_DATA_DIR"] = str(LAB.root / "cli-data")
    if index:
        full["ADVISOR_INDEX_DIR"] = str(LAB.real_index())
    full.update(env or {})
    return subprocess.run([*as_user(user), sys.executable, "-m", "advisor", *args], input=stdin,
                          capture_output=True, cwd=ROOT, env=full, timeout=timeout)


def as_user(user: str | None) -> list[str]:
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if user == "nobody" else []


def can_drop_root() -> bool:
    return os.geteuid() == 0 and shutil.which("setpriv") is not None


def one_line(out: subprocess.CompletedProcess, *must: str, chinese: bool = True) -> Result:
    """Exit code 2, exactly one line on stderr, no traceback, containing `must` (and Chinese)."""
    err = out.stderr.decode("utf-8", "replace").strip()
    ok = (out.returncode == 2 and len(err.splitlines()) == 1 and "Traceback" not in err
          and all(m in err for m in must) and (not chinese or bool(HAN.search(err))))
    return ok, f"rc={out.returncode} stderr={err[:160]!r}"


def raises(fn: Callable[[], object], error: type[BaseException], *must: str) -> Result:
    """`fn` raises `error` whose message contains `must`; anything else is a failure."""
    try:
        fn()
    except error as exc:
        text = str(exc)
        return all(m in text for m in must), f"{type(exc).__name__}: {text[:140]}"
    except Exception as exc:  # the point of the matrix: an unexpected type is a finding
        return False, f"unexpected {type(exc).__name__}: {str(exc)[:140]}"
    return False, f"no {error.__name__} raised"


# --------------------------------------------------------------------------- pii: masking rules

PII_MASK = [
    ("mobile", "业主电话13812345678", "业主电话138****5678"),
    ("mobile spaced", "手机 138 1234 5678", "手机 138 **** 5678"),
    ("mobile dashed +86", "请拨+86 138-1234-5678", "请拨+86 138-****-5678"),
    ("mobile 0086", "联系0086 13912345678", "联系0086 139****5678"),
    ("mobile dotted", "手机138.1234.5678", "手机138.****.5678"),
    ("mobile full width", "＋８６　１８６－１２３４－５６７８", "＋８６　１８６－****－５６７８"),
    ("landline", "座机0755-12345678", "座机0755-****5678"),
    ("landline (010)", "座机(010)87654321转123", "座机(010)****4321转123"),
    ("landline +86 no trunk 0", "电话+86 10 8765 4321", "电话+86 10 **** 4321"),
    ("landline labelled", "办公室电话：8765-4321", "办公室电话：****-4321"),
    ("id 18", "身份证110101199003071234", "身份证110101********1234"),
    ("id 18 X spaced", "身份证 110101 19900307 123X", "身份证 110101 ******** 123X"),
    ("id 18 groups of 4", "证件1101 0119 9003 0712 3X", "证件1101 01** **** **12 3X"),
    ("id 18 full width", "身份证１１０１０１１９９００３０７１２３Ｘ", "身份证１１０１０１********１２３Ｘ"),
    ("id 15", "老身份证110101900307123", "老身份证110101******123"),
    ("bank card", "退款到卡号6222021234567890", "退款到卡号6222********7890"),
    ("bank card spaced", "卡号6222 0212 3456 7890", "卡号6222 **** **** 7890"),
    ("email @", "邮箱zhang.san@example.com", "邮箱z********@example.com"),
    ("email ＠", "发到zhangsan＠qq.com", "发到z*******＠qq.com"),
    ("email spaced @", "邮箱 li_si @ 163.com", "邮箱 l**** @ 163.com"),
    ("plate", "车牌京A12345停在消防通道", "车牌京A****5停在消防通道"),
    ("plate new energy", "粤B·D12345被剐蹭", "粤B·*****5被剐蹭"),
    ("door chain", "住在3栋2单元1502室", "住在*栋*单元****室"),
    ("estate hyphens", "幸福小区5-2-301业主", "幸福小区*-*-***业主"),
    ("lives-at hyphens", "住在12-3-402", "住在**-*-***"),
    ("road number", "幸福路88号门口", "幸福路**号门口"),
    ("unit then door", "3单元402号", "*单元***号"),
    ("qq", "QQ号123456789", "QQ号*******89"),
    ("wechat", "加微信 zhangsan_88", "加微信 z*******_**"),
]
PII_KEEP = ["整改期限3个月", "要求赔偿5000元", "共有35户受影响", "2025年3月14日停水", "2025-03-14 10:30 停电",
            "24小时内回复", "已拨打12315投诉", "客服热线400-820-8820", "这是第3次投诉", "房屋面积100平米",
            "住在12楼，电梯坏了", "3-5天内答复", "涉及金额2.5万元", "住3-5天"]


def _pii_case(text: str, expected: str) -> Callable[[], Result]:
    def run() -> Result:
        from advisor.text.pii import mask_pii

        got = mask_pii(text)
        ok = got == expected and mask_pii(got) == got and len(got) == len(text)
        return ok, f"{text!r} -> {got!r}"
    return run


for _name, _text, _expected in PII_MASK:
    CASES.append(Case("pii", f"mask {_name}", _pii_case(_text, _expected)))
for _text in PII_KEEP:
    CASES.append(Case("pii", f"keep {_text}", _pii_case(_text, _text)))


# --------------------------------------------------------------------------- csv: formula injection

CSV_CELLS = [("=1+2", "'=1+2"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"),
             ("@SUM(1)", "'@SUM(1)"), ("＝1+2", "'＝1+2"), ("\t=1", "' =1"), ("\r=1", "'\n=1"),
             ("  =HYPERLINK(\"http://x\")", "'  =HYPERLINK(\"http://x\")"), ("-5", "-5"), ("赔偿5000元", "赔偿5000元")]


def _csv_case(value: str, expected: str) -> Callable[[], Result]:
    def run() -> Result:
        import csv
        import io

        from advisor.text.csvsafe import to_csv_bytes

        data = to_csv_bytes([{"cell": value}])
        got = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))[1][0]
        return got == expected and data.startswith(b"\xef\xbb\xbf"), f"{value!r} -> {got!r}"
    return run


for _value, _expected in CSV_CELLS:
    CASES.append(Case("csv", f"cell {_value!r}", _csv_case(_value, _expected)))


@case("csv", "header cells are escaped too")
def _csv_header() -> Result:
    from advisor.text.csvsafe import to_csv_bytes

    head = to_csv_bytes([{"=evil": 1}]).decode("utf-8-sig").splitlines()[0]
    return head == "'=evil", head


@case("csv", "the app's table export goes through csvsafe, grid export off")
def _csv_app() -> Result:
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    components = (ROOT / "advisor" / "ui" / "components.py").read_text(encoding="utf-8")
    ok = "disableDataExport = true" in config and "to_csv_bytes(" in components
    return ok, "disableDataExport and to_csv_bytes in ui/components.py"


# --------------------------------------------------------------------------- export: where text leaves the app

PHONE, ID18, CARD = "13812345678", "110101199003071234", "6222021234567890"
PII_STORY = (f"银行客户投诉问题处理典型案例9\n客户信息泄露投诉\n【事件经过】2024年3月5日客户王女士（手机{PHONE}，身份证{ID18}）"
             f"到支行办理业务，要求把5000元退款打到卡号{CARD}，柜员办理超时引发投诉。\n"
             "【案例点评】柜员应耐心解释办理时限。\n【经验启示】一是要耐心安抚客户情绪。\n二是要及时向上级报告。\n")
RAW = (PHONE, ID18, CARD)


@contextlib.contextmanager
def _pii_advisor() -> Iterator[Advisor]:
    settings = LAB.fresh("bank_case.txt", "guideline.txt")
    (settings.corpus_dir / "pii_case.txt").write_text(PII_STORY, encoding="utf-8")
    build_index(settings, FakeEncoder(), progress=False)
    yield Advisor.load(settings, FakeEncoder())


def _leaks(text: str) -> list[str]:
    return [raw for raw in RAW if raw in text]


@case("export", "feedback DB stores the masked query")
def _export_feedback() -> Result:
    import sqlite3

    from advisor.feedback.store import record_feedback

    db = LAB.root / "fb-mask" / "feedback.sqlite3"
    record_feedback(db, f"客户{PHONE}身份证{ID18}卡{CARD}投诉", "c-1", 1, True)
    stored = sqlite3.connect(db).execute("SELECT query FROM feedback").fetchone()[0]
    return not _leaks(stored), stored


@case("export", "action plan (Markdown and text) masks the query and escapes Markdown/HTML")
def _export_plan() -> Result:
    from advisor.guidance.plan import plan_markdown, plan_text

    with _pii_advisor() as advisor:
        result = advisor.search(f"<script>alert(1)</script> **客户** [点我](javascript:x) 手机{PHONE} 投诉柜员超时")
    md, text = plan_markdown(result), plan_text(result)
    ok = not _leaks(md + text) and "<script>" not in md and "](javascript:" not in md
    return ok, md.splitlines()[2][:120]


def _card_export(fmt: str) -> Result:
    from advisor.training import card_to_docx, card_to_json, card_to_markdown

    with _pii_advisor() as advisor:
        case_id = next(c.id for c in advisor.cases if PHONE in c.text)
        card = advisor.card(case_id)
    if fmt == "docx":
        import io
        import zipfile

        data = zipfile.ZipFile(io.BytesIO(card_to_docx(card))).read("word/document.xml").decode("utf-8")
    else:
        data = card_to_markdown(card) if fmt == "md" else card_to_json(card)
    leaks = _leaks(data)
    return not leaks, f"unmasked in the {fmt} card: {leaks}" if leaks else f"{fmt} card masked"


for _fmt in ("md", "json", "docx"):
    CASES.append(Case("export", f"trainer card ({_fmt}) masks personal data from the case text",
                      lambda fmt=_fmt: _card_export(fmt)))


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


# --------------------------------------------------------------------------- cli: bad input, bad settings, strict stdio

QUERY = "业主投诉物业维修不及时"


@case("cli", "empty query: exit 2, one line")
def _cli_empty() -> Result:
    return one_line(cli("search", ""), "查询")


@case("cli", "whitespace-only query: exit 2, one line")
def _cli_blank() -> Result:
    return one_line(cli("search", " \t\u3000 ", "--json"), "查询")


BAD_SETTINGS = [("ADVISOR_DENSE_WEIGHT", "abc"), ("ADVISOR_FUSION", "bogus"), ("ADVISOR_TOP_K", "0"),
                ("ADVISOR_TOKENIZER", "words"), ("ADVISOR_MAX_QUERY_CHARS", "1e9x"), ("ADVISOR_DENSE_WEIGHT", "nan")]


def _cli_setting(name: str, value: str) -> Result:
    out = cli("search", QUERY, env={name: value})
    ok, message = one_line(out, name)
    return ok and b"Input should" not in out.stderr, message


for _name, _value in BAD_SETTINGS:
    CASES.append(Case("cli", f"bad setting {_name}={_value}: one Chinese line, exit 2",
                      lambda n=_name, v=_value: _cli_setting(n, v)))


def _cli_top_k(value: str) -> Result:
    out = cli("search", QUERY, "--top-k", value)
    err = out.stderr.decode("utf-8", "replace")
    return out.returncode == 2 and "Traceback" not in err and "--top-k" in err, err.strip().splitlines()[-1][:120]


for _k in ("-1", "0", "51", "abc"):
    CASES.append(Case("cli", f"--top-k {_k} rejected", lambda k=_k: _cli_top_k(k)))


def _jsonl(out: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]


STDIN = (b"\xef\xbb\xbf" + QUERY.encode() + b"\n\xff\xfe\xc3(\xe6\x8a\n\n" + "物业费太贵\x00".encode() + b"\r\n"
         + bytes(b for b in range(1, 32) if b != 10) * 20 + b"\n")


def _cli_stdin(env: dict[str, str]) -> Result:
    out = cli("search", "--stdin", "--jsonl", "--top-k", "2", stdin=STDIN, env=env)
    try:
        rows = _jsonl(out)
    except ValueError as exc:
        return False, f"invalid JSON line: {exc}"
    shape = ["hits" in r for r in rows] == [True, False, False, True, False]
    ok = (out.returncode == 0 and shape and "UTF-8" in rows[1].get("error", "") and rows[0]["query"] == QUERY
          and "二进制" in rows[4].get("error", ""))
    return ok, f"rc={out.returncode} lines={len(rows)} errors={[r.get('error', '')[:30] for r in rows]}"


CASES.append(Case("cli", "invalid UTF-8 on --stdin: valid JSONL, error line, batch continues",
                  lambda: _cli_stdin({})))
CASES.append(Case("cli", "--stdin with PYTHONIOENCODING=ascii:strict", lambda: _cli_stdin(
    {"PYTHONIOENCODING": "ascii:strict"})))


@case("cli", "text output with PYTHONIOENCODING=ascii:strict: no crash")
def _cli_ascii_text() -> Result:
    out = cli("search", QUERY, "--top-k", "1", env={"PYTHONIOENCODING": "ascii:strict"})
    err = out.stderr.decode("utf-8", "replace")
    return out.returncode == 0 and "Traceback" not in err and b"\\u" in out.stdout, f"rc={out.returncode} {err[-120:]!r}"


@case("cli", "error with PYTHONIOENCODING=ascii:strict: exit 2, one line")
def _cli_ascii_error() -> Result:
    return one_line(cli("search", "", env={"PYTHONIOENCODING": "ascii:strict"}), chinese=False)


@case("cli", "20,000-character query: truncated with a warning")
def _cli_long() -> Result:
    out = cli("search", "业主投诉维修不及时" * 2300, "--json", "--top-k", "1")
    data = json.loads(out.stdout) if out.returncode == 0 else {}
    ok = len(data.get("query", "")) == 2000 and any("截取" in w for w in data.get("warnings", []))
    return ok, f"rc={out.returncode} warnings={data.get('warnings')}"


@case("cli", "binary query: exit 2, one line")
def _cli_binary() -> Result:
    return one_line(cli("search", "".join(chr(i) for i in range(1, 32)) * 20 + "投诉"), "二进制")


@case("cli", "HTML/Markdown injection in the query: searched as text")
def _cli_injection() -> Result:
    query = "<script>alert(1)</script> **业主** [点我](javascript:alert(1)) 投诉漏水 | --- |"
    out = cli("search", query, "--json", "--top-k", "2")
    data = json.loads(out.stdout) if out.returncode == 0 else {}
    return out.returncode == 0 and len(data.get("hits", [])) == 2, f"rc={out.returncode} query={data.get('query')!r}"


@case("cli", "undecodable bytes in argv: no crash")
def _cli_argv_bytes() -> Result:
    out = cli("search", os.fsdecode(b"\xff\xfe") + QUERY, "--json", "--top-k", "1")
    err = out.stderr.decode("utf-8", "replace")
    return out.returncode in (0, 2) and "Traceback" not in err, f"rc={out.returncode} {err[-100:]!r}"


@case("cli", "output pipe closed early (| head): no traceback")
def _cli_broken_pipe() -> Result:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")}
    env.update(ADVISOR_INDEX_DIR=str(LAB.real_index()), ADVISOR_DATA_DIR=str(LAB.root / "cli-data"))
    queries = (QUERY + "\n") * 40
    script = f"{sys.executable} -m advisor search --stdin | head -c 100 > /dev/null"
    out = subprocess.run(["bash", "-c", script], input=queries.encode(), capture_output=True, cwd=ROOT, env=env,
                         timeout=300)
    err = out.stderr.decode("utf-8", "replace")
    return "Traceback" not in err and "Error" not in err, f"stderr={err[-160:]!r}"


@case("cli", "missing index: exit 2, names the rebuild command")
def _cli_no_index() -> Result:
    return one_line(cli("search", QUERY, env={"ADVISOR_INDEX_DIR": str(LAB.root / "no-index")}), REBUILD)


@case("cli", "corrupt index: exit 2, names the rebuild command")
def _cli_corrupt_index() -> Result:
    copy = LAB.root / "cli-corrupt" / "index"
    shutil.copytree(LAB.real_index(), copy)
    _garble("dense.faiss")(copy)
    return one_line(cli("search", QUERY, env={"ADVISOR_INDEX_DIR": str(copy)}), REBUILD)


@case("cli", "eval with a missing query file: exit 2, one line")
def _cli_eval_missing() -> Result:
    return one_line(cli("eval", "--queries", str(LAB.root / "none.jsonl")), "none.jsonl")


@case("cli", "eval with a query file that is not UTF-8 JSONL: exit 2, one line")
def _cli_eval_garbage() -> Result:
    path = LAB.root / "garbage.jsonl"
    path.write_bytes(b"\xff\xfe{not json\n")
    return one_line(cli("eval", "--queries", str(path)), "garbage.jsonl")


@case("cli", "scenario --output into a missing folder: exit 2, one line")
def _cli_output_missing() -> Result:
    return one_line(cli("scenario", "--query", QUERY, "--output", str(LAB.root / "no" / "card.md")), "card.md")


@case("cli", "users add with a read-only data folder (real, as nobody): exit 2, one line")
def _cli_users_read_only() -> Result:
    folder = LAB.root / "ro-users"
    folder.mkdir(mode=0o555)
    if not can_drop_root():
        return True, "skipped: needs root to run a child as nobody"
    return one_line(cli("users", "add", "alice", "--role", "staff", stdin=b"password123\n",
                        env={"ADVISOR_DATA_DIR": str(folder)}, index=False, user="nobody"), "ro-users")


@case("cli", "build into a folder that cannot be written: exit 2, one line")
def _cli_build_unwritable() -> Result:
    blocker = LAB.root / "cli-blocker"
    blocker.write_text("file")
    return one_line(cli("build", "--quiet", env={"ADVISOR_INDEX_DIR": str(blocker / "index")}, index=False),
                    "索引无法写入")


# --------------------------------------------------------------------------- feedback: concurrency, unwritable and damaged databases

def _rows(db: Path) -> int:
    import sqlite3

    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0]


@case("feedback", "16 threads x 25 votes all stored")
def _fb_threads() -> Result:
    import threading

    from advisor.feedback.store import record_feedback

    db = LAB.root / "fb-threads" / "feedback.sqlite3"
    errors: list[BaseException] = []
    start = threading.Barrier(16)

    def vote(n: int) -> None:
        try:
            start.wait()
            for i in range(25):
                record_feedback(db, f"查询{n}-{i}", f"c-{n % 3}", i + 1, i % 2 == 0)
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=vote, args=(n,)) for n in range(16)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return not errors and _rows(db) == 400, f"rows={_rows(db)} errors={errors[:1]}"


VOTER = """
import sys
sys.path.insert(0, {root!r})
from advisor.feedback.store import record_feedback
for i in range(25):
    record_feedback(sys.argv[1], f"进程{{sys.argv[2]}}-{{i}} 13812345678", "c-1", 1, True)
"""


@case("feedback", "6 processes x 25 votes all stored")
def _fb_processes() -> Result:
    db = LAB.root / "fb-procs" / "feedback.sqlite3"
    code = VOTER.format(root=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", code, str(db), str(n)], stderr=subprocess.PIPE)
             for n in range(6)]
    errors = [p.communicate(timeout=300)[1].decode(errors="replace")[-200:] for p in procs]
    failed = [e for p, e in zip(procs, errors, strict=True) if p.returncode != 0]
    return not failed and _rows(db) == 150, f"rows={_rows(db)} failed={failed[:1]}"


NOBODY_VOTE = """
import sys
sys.path.insert(0, {root!r})
from advisor.errors import FeedbackUnavailableError
from advisor.feedback.store import record_feedback
try:
    record_feedback(sys.argv[1], "q", "c-1", 1, True)
except FeedbackUnavailableError as exc:
    print(exc)
    sys.exit(2)
"""


@case("feedback", "read-only data folder (real, child process as nobody): one clear message")
def _fb_read_only() -> Result:
    from advisor.errors import FeedbackUnavailableError
    from advisor.feedback.store import record_feedback

    folder = LAB.root / "fb-ro"
    folder.mkdir(mode=0o555)
    if not can_drop_root():  # simulated: a file where the folder should be
        blocker = LAB.root / "fb-blocker"
        blocker.write_text("x")
        return raises(lambda: record_feedback(blocker / "f.sqlite3", "q", "c", 1, True), FeedbackUnavailableError,
                      "不可写")
    out = subprocess.run([*as_user("nobody"), sys.executable, "-c", NOBODY_VOTE.format(root=str(ROOT)),
                          str(folder / "feedback.sqlite3")], capture_output=True, timeout=120)
    text = (out.stdout + out.stderr).decode("utf-8", "replace").strip()
    ok = out.returncode == 2 and "不可写" in text and "Traceback" not in text and len(text.splitlines()) == 1
    return ok, f"rc={out.returncode} {text[:140]!r}"


@case("feedback", "read-only existing database file (nobody, root-owned file)")
def _fb_read_only_db() -> Result:
    from advisor.feedback.store import feedback_stats, record_feedback

    folder = LAB.root / "fb-rodb"
    record_feedback(folder / "feedback.sqlite3", "q", "c-1", 1, True)
    folder.chmod(0o755)
    (folder / "feedback.sqlite3").chmod(0o644)
    if not can_drop_root():
        return True, "skipped: needs root to run a child as nobody"
    out = subprocess.run([*as_user("nobody"), sys.executable, "-c", NOBODY_VOTE.format(root=str(ROOT)),
                          str(folder / "feedback.sqlite3")], capture_output=True, timeout=120)
    text = (out.stdout + out.stderr).decode("utf-8", "replace").strip()
    ok = out.returncode == 2 and "Traceback" not in text and feedback_stats(folder / "feedback.sqlite3").total == 1
    return ok, f"rc={out.returncode} {text[:140]!r}"


@case("feedback", "damaged database file: named error for votes and statistics")
def _fb_damaged() -> Result:
    from advisor.errors import FeedbackUnavailableError
    from advisor.feedback.store import feedback_stats, helpful_queries, record_feedback

    db = LAB.root / "fb-bad" / "feedback.sqlite3"
    db.parent.mkdir()
    db.write_bytes(b"not a database" * 500)
    checks = [raises(lambda: record_feedback(db, "q", "c", 1, True), FeedbackUnavailableError, "已损坏"),
              raises(lambda: feedback_stats(db), FeedbackUnavailableError, "已损坏"),
              raises(lambda: helpful_queries(db), FeedbackUnavailableError, "已损坏")]
    return all(ok for ok, _ in checks), " | ".join(m for _, m in checks)


@case("feedback", "query with undecodable bytes (lone surrogates) is stored")
def _fb_surrogates() -> Result:
    from advisor.feedback.store import record_feedback

    db = LAB.root / "fb-surrogate" / "feedback.sqlite3"
    record_feedback(db, "业主\udcff投诉\x00漏水", "c-1", 1, True)
    return _rows(db) == 1, "stored"


@case("feedback", "CLI `questions` on a damaged database: exit 2, one line")
def _fb_cli_questions() -> Result:
    folder = LAB.root / "fb-cli-bad"
    folder.mkdir()
    (folder / "feedback.sqlite3").write_bytes(b"garbage" * 100)
    return one_line(cli("questions", env={"ADVISOR_DATA_DIR": str(folder)}), "已损坏")


# --------------------------------------------------------------------------- runner

def run_case(item: Case) -> Result:
    started = time.perf_counter()
    try:
        ok, message = item.run()
    except Exception as exc:  # a crash is a failure of the case, reported like any other
        ok, message = False, f"crashed: {type(exc).__name__}: {str(exc)[:200]}"
    return ok, f"{message} ({time.perf_counter() - started:.1f}s)"


def main() -> int:
    global LAB
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="only cases whose category or name contains this text")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    LAB = Lab()
    counts: dict[str, Counter] = {}
    try:
        for item in CASES:
            if args.k and args.k not in f"{item.category} {item.name}":
                continue
            ok, message = run_case(item)
            counts.setdefault(item.category, Counter())["passed" if ok else "failed"] += 1
            if args.verbose or not ok:
                print(f"{'PASS' if ok else 'FAIL'}  [{item.category}] {item.name}: {message}", flush=True)
    finally:
        shutil.rmtree(LAB.root, ignore_errors=True)
    print(f"\n{'category':<10} {'cases':>5} {'passed':>6} {'failed':>6}")
    for category, c in counts.items():
        print(f"{category:<10} {c.total():>5} {c['passed']:>6} {c['failed']:>6}")
    total = sum(counts.values(), Counter())
    print(f"{'total':<10} {total.total():>5} {total['passed']:>6} {total['failed']:>6}")
    return 1 if total["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
