"""Run the corpus pipeline: read → clean → normalize → segment → dedup, with a report."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from advisor.corpus.clean import clean_document
from advisor.corpus.dedup import merge_duplicates, record_id
from advisor.corpus.read import read_corpus
from advisor.corpus.segment import segment_document
from advisor.errors import CorpusError
from advisor.models import Case, Guideline

_SAMPLES_PER_REASON = 3


class FileReport(BaseModel):
    """What happened to one corpus file."""

    model_config = ConfigDict(extra="forbid")
    file: str
    encoding: str
    chars: int
    cases: int
    guidelines: int
    dropped: dict[str, int] = Field(default_factory=dict)


class MergeReport(BaseModel):
    """A record that was found in several places."""

    model_config = ConfigDict(extra="forbid")
    id: str
    kind: str
    title: str
    sources: list[str]


class CorpusReport(BaseModel):
    """The knowledge owner's view of a build: parsed, merged, dropped, and parsing gaps."""

    model_config = ConfigDict(extra="forbid")
    corpus_dir: str
    files: list[FileReport] = Field(default_factory=list)
    skipped: list[dict[str, str]] = Field(default_factory=list)
    n_cases: int = 0
    n_guidelines: int = 0
    cases_by_industry: dict[str, int] = Field(default_factory=dict)
    cases_by_format: dict[str, int] = Field(default_factory=dict)
    guidelines_by_kind: dict[str, int] = Field(default_factory=dict)
    merged: list[MergeReport] = Field(default_factory=list)
    dropped_counts: dict[str, int] = Field(default_factory=dict)
    dropped_samples: dict[str, list[str]] = Field(default_factory=dict)
    missing_thinking: list[str] = Field(default_factory=list)
    missing_steps: list[str] = Field(default_factory=list)
    derived_steps: list[str] = Field(default_factory=list)
    unfiled: int = 0


@dataclass(frozen=True)
class Corpus:
    """The structured library built from a corpus folder."""

    cases: list[Case]
    guidelines: list[Guideline]
    report: CorpusReport
    corpus_hash: str


def build_corpus(corpus_dir: Path) -> Corpus:
    """Read and structure every document in `corpus_dir`.

    Raises:
        CorpusError: the folder does not exist or holds no readable document.
    """
    if not corpus_dir.is_dir():
        raise CorpusError(f"语料目录不存在：{corpus_dir}")
    docs, problems = read_corpus(corpus_dir)
    report = CorpusReport(corpus_dir=str(corpus_dir), skipped=[{"file": p.file, "reason": p.reason} for p in problems])
    if not docs:
        raise CorpusError(f"语料目录中没有可读取的文档：{corpus_dir}（跳过 {len(problems)} 个文件）")
    cases: list[Case] = []
    guidelines: list[Guideline] = []
    dropped = Counter()
    samples: dict[str, list[str]] = {}
    for doc in docs:
        cleaned = clean_document(doc)
        segments = segment_document(cleaned.doc_text())
        per_file = Counter(d.reason for d in cleaned.dropped)
        for d in cleaned.dropped:
            if len(samples.setdefault(d.reason, [])) < _SAMPLES_PER_REASON and d.text not in samples[d.reason]:
                samples[d.reason].append(d.text)
        dropped.update(per_file)
        report.unfiled += len(segments.unfiled)
        report.files.append(FileReport(file=doc.file, encoding=doc.encoding, chars=len(doc.text),
                                       cases=len(segments.cases), guidelines=len(segments.guidelines),
                                       dropped=dict(per_file)))
        cases.extend(c.model_copy(update={"id": record_id("c", c.text)}) for c in segments.cases)
        guidelines.extend(g.model_copy(update={"id": record_id("g", g.text)}) for g in segments.guidelines)
    cases, case_groups = merge_duplicates(cases)
    guidelines, guide_groups = merge_duplicates(guidelines)
    _fill_report(report, cases, guidelines, case_groups, guide_groups, dropped, samples)
    digest = hashlib.sha1("".join(sorted(d.file + d.sha1 for d in docs)).encode()).hexdigest()
    return Corpus(cases, guidelines, report, digest)


def _fill_report(report, cases, guidelines, case_groups, guide_groups, dropped, samples) -> None:
    report.n_cases = len(cases)
    report.n_guidelines = len(guidelines)
    report.cases_by_industry = dict(Counter(c.industry for c in cases).most_common())
    report.cases_by_format = dict(Counter(c.format for c in cases).most_common())
    report.guidelines_by_kind = dict(Counter(g.kind for g in guidelines).most_common())
    by_text = {c.text: c for c in cases} | {g.text: g for g in guidelines}
    for kind, groups in (("case", case_groups), ("guideline", guide_groups)):
        for group in groups:
            kept = next((by_text[m.text] for m in group if m.text in by_text), None)
            if kept is None:
                continue
            report.merged.append(MergeReport(id=kept.id, kind=kind, title=kept.title,
                                             sources=[f"{s.file}:{s.start}-{s.end}" for s in kept.sources]))
    report.dropped_counts = dict(dropped.most_common())
    report.dropped_samples = samples
    report.missing_thinking = [f"{c.id} {c.title}" for c in cases if not c.management_thinking]
    report.missing_steps = [f"{c.id} {c.title}" for c in cases if not c.handling_steps]
    report.derived_steps = [f"{c.id} {c.title}" for c in cases if c.steps_origin in ("thinking", "story")]


def format_report(report: CorpusReport) -> str:
    """The report as plain text for the terminal."""
    lines = [f"语料目录：{report.corpus_dir}", "", "文件："]
    for f in report.files:
        drops = "，".join(f"{k}{v}" for k, v in f.dropped.items()) or "无"
        lines.append(f"  {f.file}  [{f.encoding}, {f.chars} 字]  案例 {f.cases}  规程 {f.guidelines}  剔除：{drops}")
    for s in report.skipped:
        lines.append(f"  跳过 {s['file']}：{s['reason']}")
    lines += [
        "",
        f"案例 {report.n_cases} 条（去重后），规程 {report.n_guidelines} 条",
        "按行业：" + "，".join(f"{k} {v}" for k, v in report.cases_by_industry.items()),
        "按格式：" + "，".join(f"{k} {v}" for k, v in report.cases_by_format.items()),
        "规程类型：" + "，".join(f"{k} {v}" for k, v in report.guidelines_by_kind.items()),
        "",
        f"合并的重复记录：{len(report.merged)} 条",
    ]
    for m in report.merged:
        lines.append(f"  [{m.kind}] {m.title}  ← {len(m.sources)} 处：{'; '.join(m.sources)}")
    lines += ["", "剔除的噪声：" + "，".join(f"{k} {v}" for k, v in report.dropped_counts.items())]
    for reason, texts in report.dropped_samples.items():
        for t in texts:
            lines.append(f"  [{reason}] {t}")
    lines += ["", f"缺少管理思考的案例：{len(report.missing_thinking)}"]
    lines += [f"  {x}" for x in report.missing_thinking]
    lines += [f"缺少处理步骤的案例：{len(report.missing_steps)}"]
    lines += [f"  {x}" for x in report.missing_steps]
    lines += [f"处理步骤取自管理思考/经验启示的案例：{len(report.derived_steps)}"]
    lines += [f"未归档段落：{report.unfiled}"]
    return "\n".join(lines)
