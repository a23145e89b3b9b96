"""Read corpus files (.txt .md .docx) with encoding detection; report what cannot be read."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx")
# Encodings found in Chinese business documents; detection is restricted to these so that
# short GBK/Big5 files are not mistaken for some Western code page.
CANDIDATE_ENCODINGS = ["utf_8", "gb18030", "big5", "utf_16"]


@dataclass(frozen=True)
class RawDocument:
    """A decoded corpus file. `file` is the path relative to the corpus folder."""

    file: str
    text: str
    encoding: str
    sha1: str


@dataclass(frozen=True)
class ReadProblem:
    """A file that was skipped, and why (shown in the corpus report)."""

    file: str
    reason: str


class UnreadableFile(Exception):
    """Raised by `read_document` for a file that must be skipped."""


def read_corpus(corpus_dir: Path, max_bytes: int | None = None) -> tuple[list[RawDocument], list[ReadProblem]]:
    """Read every file below `corpus_dir`; a file that cannot be read is skipped, never fatal.

    Args:
        corpus_dir: folder holding the documents (searched recursively, hidden files ignored).
        max_bytes: files larger than this are skipped (None: no limit).

    Returns:
        The decoded documents (sorted by name) and the files that were skipped with a reason.
    """
    docs: list[RawDocument] = []
    paths, problems = _list_files(corpus_dir)
    for path in paths:
        rel = display_name(path.relative_to(corpus_dir).as_posix())
        try:
            docs.append(_read_file(path, rel, max_bytes))
        except UnreadableFile as exc:
            problems.append(ReadProblem(rel, str(exc)))
        except OSError as exc:  # no read permission, a file removed meanwhile, a device error …
            problems.append(ReadProblem(rel, f"无法读取文件（{type(exc).__name__}: {exc.strerror or exc}）"))
    return docs, problems


def _list_files(corpus_dir: Path) -> tuple[list[Path], list[ReadProblem]]:
    """Every entry below `corpus_dir` that is not a folder (hidden ones and symlinked folders left out),
    sorted, and the sub-folders that could not be listed (reported instead of silently missing)."""
    problems: list[ReadProblem] = []

    def unlistable(exc: OSError) -> None:
        where = Path(exc.filename or corpus_dir)
        rel = display_name(where.relative_to(corpus_dir).as_posix()) if where != corpus_dir else "."
        problems.append(ReadProblem(f"{rel}/", f"无法读取文件夹（{type(exc).__name__}: {exc.strerror or exc}）"))

    paths: list[Path] = []
    for folder, subfolders, files in os.walk(corpus_dir, onerror=unlistable):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        paths += [Path(folder) / name for name in files if not name.startswith(".")]
    return sorted(paths), problems


def display_name(name: str) -> str:
    """A file name that can be written as UTF-8: bytes the file system could not decode become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read_file(path: Path, rel: str, max_bytes: int | None) -> RawDocument:
    """One corpus entry that is not a folder: a regular file within the size limit, decoded."""
    if not path.is_file():
        reason = "链接指向的文件不存在" if path.is_symlink() else "不是普通文件（管道、设备等）"
        raise UnreadableFile(reason)
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise UnreadableFile(f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {max_bytes / 1024 / 1024:.0f} MB，"
                             f"设置项 ADVISOR_MAX_FILE_MB）")
    return read_document(path, rel)


def read_document(path: Path, name: str | None = None) -> RawDocument:
    """Decode one file.

    Raises:
        UnreadableFile: unsupported type, empty, binary or undecodable content.
    """
    name = name or path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFile(f"不支持的文件类型 {suffix or '(无扩展名)'}（支持 .txt .md .docx）")
    data = path.read_bytes()
    if not data.strip():
        raise UnreadableFile("空文件")
    if suffix == ".docx":
        text, encoding = _read_docx(path), "docx"
    else:
        text, encoding = decode_bytes(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableFile("没有文本内容")
    return RawDocument(name, text, encoding, hashlib.sha1(data).hexdigest())


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8, GB18030/GBK or Big5 (detected), refusing binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if _looks_binary(data):
        raise UnreadableFile("二进制文件，无法作为文本读取")
    try:
        return data.decode("utf-8"), "utf_8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None:
        # Mixed scripts (a table flattened with Cyrillic "Р" separators) look chaotic to the detector at its
        # default tolerance: take the least chaotic decoding; the garbled-text check below still refuses a wrong one.
        best = from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS, threshold=1.0).best()
    if best is None:
        raise UnreadableFile("无法识别文件编码（支持 UTF-8 / GB18030 / GBK / Big5）")
    text = str(best)
    if _garbled(text):
        raise UnreadableFile(f"按 {best.encoding} 解码后内容不可读")
    return text, best.encoding


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample and not (sample.startswith(b"\xff\xfe") or sample.startswith(b"\xfe\xff")):
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) * 0.05


def _garbled(text: str) -> bool:
    sample = text[:4000]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    return bad > max(3, len(sample) * 0.02)


def _read_docx(path: Path) -> str:
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - python-docx is in requirements
        raise UnreadableFile("读取 .docx 需要 python-docx：pip install python-docx") from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types for bad zips
        raise UnreadableFile(f"无法打开 .docx：{type(exc).__name__}") from exc
    lines: list[str] = []
    for item in document.iter_inner_content():  # paragraphs and tables, in the order of the page
        if isinstance(item, docx.table.Table):
            lines.extend(_docx_rows(item))
        else:
            lines.append(_docx_line(item))
    return "\n".join(lines)


def _docx_rows(table) -> list[str]:
    """A Word table as lines of cells joined by " | " (a merged cell once), which the layout reader knows."""
    rows = []
    for row in table.rows:
        cells = list({id(cell._tc): cell for cell in row.cells}.values())
        texts = [" ".join(cell.text.split()) for cell in cells]
        if any(texts):
            rows.append(" | ".join(texts) + " |")
    return rows


_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def _docx_line(paragraph) -> str:
    """A paragraph's text; Word heading styles become Markdown `#` marks, which the layout reader knows."""
    text = paragraph.text
    name = (getattr(paragraph.style, "name", "") or "").strip()
    if name.lower() == "title" or name == "标题":
        return f"# {text}" if text.strip() else text
    m = _HEADING_STYLE.match(name)
    return f"{'#' * int(m.group(1))} {text}" if m and text.strip() else text
