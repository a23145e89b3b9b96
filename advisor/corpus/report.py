"""The corpus report: per file what was parsed (cases, fields filled), merged and dropped, and warnings."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, ConfigDict, Field

from advisor.models import Case, Guideline

SAMPLES_PER_REASON = 3


class FileReport(BaseModel):
    """What happened to one corpus file."""

    model_config = ConfigDict(extra="forbid")
    file: str
    encoding: str
    chars: int
    cases: int
    guidelines: int
    with_thinking: int = 0
    with_steps: int = 0
    headings: int = 0
    labels: int = 0
    dropped: dict[str, int] = Field(default_factory=dict)
    garbled: int = 0  # pronunciation glosses whose characters were lost in a bad re-encoding
    warnings: list[str] = Field(default_factory=list)


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
    records_by_type: dict[str, int] = Field(default_factory=dict)
    guidelines_by_kind: dict[str, int] = Field(default_factory=dict)
    merged: list[MergeReport] = Field(default_factory=list)
    dropped_counts: dict[str, int] = Field(default_factory=dict)
    dropped_samples: dict[str, list[str]] = Field(default_factory=dict)
    missing_thinking: list[str] = Field(default_factory=list)
    missing_steps: list[str] = Field(default_factory=list)
    derived_steps: list[str] = Field(default_factory=list)
    unfiled: int = 0


def file_warnings(report: FileReport) -> list[str]:
    """What a knowledge owner should look at in one file."""
    out = []
    if report.headings == 0 and report.labels == 0:
        out.append("未识别出任何标题或段落标签：全文按叙述/规程整体处理，请检查文件格式")
    if report.cases == 0 and report.guidelines == 0:
        out.append("没有解析出任何案例或规程")
    if report.cases and not report.with_steps:
        out.append("案例均未找到处理步骤")
    if report.garbled:
        out.append(f"{report.garbled} 处文字疑似乱码（注音处的汉字已丢失，如“燃?xì)”）：文件的编码已损坏，请从原文重新导出")
    return out


def fill_totals(report: CorpusReport, cases: list[Case], guidelines: list[Guideline], groups: dict[str, list],
                dropped: Counter, samples: dict[str, list[str]]) -> None:
    """Library-wide figures after deduplication."""
    report.n_cases = len(cases)
    report.n_guidelines = len(guidelines)
    report.cases_by_industry = dict(Counter(c.industry for c in cases).most_common())
    report.cases_by_format = dict(Counter(c.format for c in cases).most_common())
    report.records_by_type = dict(Counter(r.record_type for r in [*cases, *guidelines]).most_common())
    report.guidelines_by_kind = dict(Counter(g.kind for g in guidelines).most_common())
    by_text = {c.text: c for c in cases} | {g.text: g for g in guidelines}
    for kind, kind_groups in groups.items():
        for group in kind_groups:
            kept = next((by_text[m.text] for m in group if m.text in by_text), None)
            if kept is not None:
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
        lines.append(f"  {f.file}  [{f.encoding}, {f.chars} 字]  案例 {f.cases}（有管理思考 {f.with_thinking}，"
                     f"有处理步骤 {f.with_steps}）  规程 {f.guidelines}  标题 {f.headings}  标签 {f.labels}  剔除：{drops}")
        lines += [f"    ! {w}" for w in f.warnings]
    for s in report.skipped:
        lines.append(f"  跳过 {s['file']}：{s['reason']}")
    lines += [
        "",
        f"案例 {report.n_cases} 条（去重后），规程 {report.n_guidelines} 条",
        "按行业：" + "，".join(f"{k} {v}" for k, v in report.cases_by_industry.items()),
        "按格式：" + "，".join(f"{k} {v}" for k, v in report.cases_by_format.items()),
        "记录类型：" + "，".join(f"{k} {v}" for k, v in report.records_by_type.items()),
        "规程类型：" + "，".join(f"{k} {v}" for k, v in report.guidelines_by_kind.items()),
        "",
        f"合并的重复记录：{len(report.merged)} 条",
    ]
    for m in report.merged:
        lines.append(f"  [{m.kind}] {m.title}  ← {len(m.sources)} 处：{'; '.join(m.sources)}")
    lines += ["", "剔除的噪声：" + "，".join(f"{k} {v}" for k, v in report.dropped_counts.items())]
    for reason, texts in report.dropped_samples.items():
        lines += [f"  [{reason}] {t}" for t in texts]
    lines += ["", f"缺少管理思考的案例：{len(report.missing_thinking)}"]
    lines += [f"  {x}" for x in report.missing_thinking]
    lines += [f"缺少处理步骤的案例：{len(report.missing_steps)}"]
    lines += [f"  {x}" for x in report.missing_steps]
    lines += [f"处理步骤取自管理思考或案情叙述的案例：{len(report.derived_steps)}"]
    lines += [f"未归档段落：{report.unfiled}"]
    return "\n".join(lines)
