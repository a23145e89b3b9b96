"""Library commands: build, search, eval, segcheck, report, questions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from advisor.errors import AdvisorError, EmptyQueryError
from advisor.settings import Settings, load_settings


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings from the environment, with --corpus / --index-dir on top."""
    overrides = {}
    if getattr(args, "corpus", None):
        overrides["corpus_dir"] = Path(args.corpus)
    if getattr(args, "index_dir", None):
        overrides["index_dir"] = Path(args.index_dir)
    return load_settings(**overrides)


def _advisor(args: argparse.Namespace):
    from advisor.facade import Advisor

    return Advisor.load(settings_from(args))


def cmd_build(args: argparse.Namespace) -> int:
    from advisor.retrieval.encoders import load_encoder
    from advisor.retrieval.index import build_index

    settings = settings_from(args)
    stats = build_index(settings, load_encoder(settings, for_build=True), progress=not args.quiet)
    print(f"索引已写入 {settings.index_dir}：案例 {stats.n_cases}，规程 {stats.n_guidelines}，文本块 {stats.n_chunks}"
          f"（其中常见问法 {stats.n_questions}；新编码 {stats.embedded}，复用缓存 {stats.reused}），"
          f"用时 {stats.seconds:.1f} 秒")
    for warning in stats.warnings:
        print(f"注意：{warning}", file=sys.stderr)
    return 0


def _write_line(obj: dict) -> None:
    """One JSON line, always valid UTF-8 whatever the terminal's encoding."""
    sys.stdout.buffer.write(json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n")
    sys.stdout.buffer.flush()


def cmd_search(args: argparse.Namespace) -> int:
    if not args.stdin and not (args.query or "").strip():
        raise EmptyQueryError("请提供查询文本，或使用 --stdin")
    advisor = _advisor(args)
    if args.stdin:
        for line_no, raw in enumerate(sys.stdin.buffer, 1):
            _write_line(_search_line(advisor, args, line_no, raw))
        return 0
    result = advisor.search(args.query, top_k=args.top_k, industry=args.industry, kind=args.kind)
    if args.json:
        sys.stdout.buffer.write(result.model_dump_json(indent=2).encode("utf-8") + b"\n")
        return 0
    print(format_result(result))
    return 0


def _search_line(advisor, args: argparse.Namespace, line_no: int, raw: bytes) -> dict:
    """The JSON object for one input line of `--stdin`: a result, or an error that keeps the batch going."""
    raw = raw.rstrip(b"\r\n")
    if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM written by Windows editors
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        shown = raw.decode("utf-8", errors="replace")
        return {"line": line_no, "query": shown,
                "error": f"第 {line_no} 行不是有效的 UTF-8 文本（第 {exc.start + 1} 个字节起），已跳过；请将文件另存为 UTF-8"}
    try:
        return advisor.search(line, top_k=args.top_k, industry=args.industry, kind=args.kind).model_dump()
    except AdvisorError as exc:  # keep one output line per input line
        return {"line": line_no, "query": line, "error": str(exc)}
def format_result(result) -> str:
    """The result for the terminal: the plan first, then the precedents."""
    lines = []
    if result.no_close_precedent:
        lines.append("没有足够接近的先例，以下仅供参考。")
    advice = result.advice
    if advice.steps:
        lines.append("建议处理步骤：")
        lines += [f"  {n}. {s.text}" for n, s in enumerate(advice.steps, 1)]
    if advice.resolutions:
        lines.append("类似先例的处理结果：")
        lines += [f"  - {r.text}" for r in advice.resolutions]
    if advice.grade:
        lines.append(f"定级：{advice.grade.label}（{advice.grade.standard}）")
    lines += [f"时限：{d.label}（{d.standard}）" for d in advice.deadlines]
    if advice.avoid:
        lines.append("避免说：" + "、".join(advice.avoid))
    lines.append("先例：")
    if not result.hits:
        lines.append("  （没有符合条件的先例；如使用了 --industry 或 --kind，请检查其取值）")
    for rank, hit in enumerate(result.hits, 1):
        kind = "案例" if hit.kind == "case" else "规程"
        lines.append(f"  {rank}. [{kind}·{hit.industry}·{hit.confidence}] {hit.title}")
    lines.append(f"用时 {result.took_ms:.1f} ms")
    return "\n".join(lines)


def cmd_eval(args: argparse.Namespace) -> int:
    from advisor.evaluation.queries import evaluate, format_eval, load_queries

    queries = _read_input(load_queries, Path(args.queries), "查询集文件")
    report = evaluate(_advisor(args), queries, top_k=args.top_k)
    print(report.model_dump_json(indent=2) if args.json else format_eval(report))
    return 0


def _read_input(loader, path: Path, what: str):
    """A JSONL input file read by `loader`; a malformed or non-UTF-8 file is one clear error."""
    try:
        return loader(path)
    except ValueError as exc:  # JSON, UTF-8 and pydantic validation errors are all ValueErrors
        detail = str(exc).splitlines()[0][:100]
        raise AdvisorError(f"{what} {path} 格式无效（应为 UTF-8 编码的 JSONL）：{type(exc).__name__}: {detail}") from None


def cmd_segcheck(args: argparse.Namespace) -> int:
    from advisor.corpus.pipeline import build_corpus
    from advisor.evaluation.segmentation import check, format_report, load_labels

    labels = _read_input(load_labels, Path(args.labels), "分段标注文件")
    corpus = build_corpus(settings_from(args).corpus_dir)
    report = check([*corpus.cases, *corpus.guidelines], labels)
    print(report.model_dump_json(indent=2) if args.json else format_report(report))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from advisor.corpus.pipeline import build_corpus
    from advisor.corpus.report import format_report
    from advisor.guidance.rulebook import load_rules

    settings = settings_from(args)
    corpus = build_corpus(settings.corpus_dir, max_file_mb=settings.max_file_mb)
    print(format_report(corpus.report))
    rules = load_rules(settings.corpus_dir, settings.rules_file)
    print(f"\n定级与时限规则：{sum(len(s.grades) + len(s.deadlines) for s in rules.standards)} 条可用，"
          f"{len(rules.warnings)} 条告警")
    for warning in rules.warnings:
        print(f"  ! {warning}")
    if args.json:
        Path(args.json).write_text(corpus.report.model_dump_json(indent=2), encoding="utf-8")
        print(f"\nJSON 报告已写入 {args.json}")
    return 0


def cmd_questions(args: argparse.Namespace) -> int:
    from advisor.feedback.store import feedback_db, helpful_queries
    from advisor.retrieval.questions import load_questions, suggest_questions

    settings = settings_from(args)
    advisor = _advisor(args)
    helpful = helpful_queries(feedback_db(settings), args.min_votes)
    lines = suggest_questions([*advisor.cases, *advisor.guidelines], load_questions(settings.questions_file), helpful)
    for line in lines:
        print(line.model_dump_json())
    target = settings.questions_file or settings.knowledge_dir / "questions.jsonl"
    print(f"{len(lines)} 条建议（来自 {len(helpful)} 个被标为“有帮助”的查询）。审阅后追加到 {target}，"
          f"再运行 python -m advisor build。", file=sys.stderr)
    return 0
