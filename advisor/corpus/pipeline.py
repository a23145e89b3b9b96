"""Run the corpus pipeline: read → clean → normalize → segment → dedup, with a report."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from advisor.corpus.clean import clean_document
from advisor.corpus.dedup import merge_duplicates, record_id
from advisor.corpus.read import read_corpus
from advisor.corpus.report import SAMPLES_PER_REASON, CorpusReport, FileReport, file_warnings, fill_totals
from advisor.corpus.segment import segment_document
from advisor.errors import CorpusError
from advisor.models import Case, Guideline
from advisor.text.normalize import lost_glosses


@dataclass(frozen=True)
class Corpus:
    """The structured library built from a corpus folder."""

    cases: list[Case]
    guidelines: list[Guideline]
    report: CorpusReport
    corpus_hash: str


def _check_folder(corpus_dir: Path) -> None:
    """The corpus folder exists and can be listed.

    Raises:
        CorpusError: it is missing, not a folder, or not accessible (permissions).
    """
    try:
        with os.scandir(corpus_dir):
            return
    except FileNotFoundError:
        raise CorpusError(f"语料目录不存在：{corpus_dir}") from None
    except NotADirectoryError:
        raise CorpusError(f"语料路径不是文件夹：{corpus_dir}") from None
    except OSError as exc:
        raise CorpusError(f"无法读取语料目录 {corpus_dir}（{type(exc).__name__}: {exc.strerror or exc}）") from None


def build_corpus(corpus_dir: Path, max_file_mb: float = 20.0) -> Corpus:
    """Read and structure every document in `corpus_dir`.

    A file that cannot be read (permissions, encoding, binary, over `max_file_mb`) is skipped and
    listed in the report; it never stops the build.

    Raises:
        CorpusError: the folder does not exist or holds no readable document.
    """
    _check_folder(corpus_dir)
    docs, problems = read_corpus(corpus_dir, max_bytes=int(max_file_mb * 1024 * 1024))
    report = CorpusReport(corpus_dir=str(corpus_dir), skipped=[{"file": p.file, "reason": p.reason} for p in problems])
    if not docs:
        raise CorpusError(f"语料目录中没有可读取的文档：{corpus_dir}（跳过 {len(problems)} 个文件）")
    cases: list[Case] = []
    guidelines: list[Guideline] = []
    dropped: Counter = Counter()
    samples: dict[str, list[str]] = {}
    for doc in docs:
        cleaned = clean_document(doc)
        segments = segment_document(cleaned.doc_text())
        per_file = Counter(d.reason for d in cleaned.dropped)
        for d in cleaned.dropped:
            if len(samples.setdefault(d.reason, [])) < SAMPLES_PER_REASON and d.text not in samples[d.reason]:
                samples[d.reason].append(d.text)
        dropped.update(per_file)
        report.unfiled += len(segments.unfiled)
        file_report = FileReport(
            file=doc.file, encoding=doc.encoding, chars=len(doc.text), cases=len(segments.cases),
            guidelines=len(segments.guidelines), with_thinking=sum(bool(c.management_thinking) for c in segments.cases),
            with_steps=sum(bool(c.handling_steps) for c in segments.cases), headings=segments.headings,
            labels=segments.labels, dropped=dict(per_file), garbled=lost_glosses(doc.text))
        file_report.warnings = file_warnings(file_report)
        report.files.append(file_report)
        cases.extend(c.model_copy(update={"id": record_id("c", c.text)}) for c in segments.cases)
        guidelines.extend(g.model_copy(update={"id": record_id("g", g.text)}) for g in segments.guidelines)
    cases, case_groups = merge_duplicates(cases)
    guidelines, guide_groups = merge_duplicates(guidelines)
    fill_totals(report, cases, guidelines, {"case": case_groups, "guideline": guide_groups}, dropped, samples)
    digest = hashlib.sha1("".join(sorted(d.file + d.sha1 for d in docs)).encode()).hexdigest()
    return Corpus(cases, guidelines, report, digest)
