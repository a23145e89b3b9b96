"""Command line: build, search, eval, report, scenario, pack (`python -m advisor --help`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from advisor.errors import AdvisorError
from advisor.settings import Settings


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if getattr(args, "corpus", None):
        overrides["corpus_dir"] = Path(args.corpus)
    if getattr(args, "index_dir", None):
        overrides["index_dir"] = Path(args.index_dir)
    return Settings(**overrides)


def cmd_build(args: argparse.Namespace) -> int:
    from advisor.retrieval.encoders import load_encoder
    from advisor.retrieval.index import build_index

    settings = _settings(args)
    stats = build_index(settings, load_encoder(settings), progress=not args.quiet)
    print(f"索引已写入 {settings.index_dir}：案例 {stats.n_cases}，规程 {stats.n_guidelines}，文本块 {stats.n_chunks}"
          f"（其中常见问法 {stats.n_questions}；新编码 {stats.embedded}，复用缓存 {stats.reused}），"
          f"用时 {stats.seconds:.1f} 秒")
    for warning in stats.question_warnings:
        print(f"注意：{warning}", file=sys.stderr)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from advisor.facade import Advisor

    advisor = Advisor.load(_settings(args))
    if args.stdin:
        for line in sys.stdin:
            line = line.rstrip("\n")
            try:
                result = advisor.search(line, top_k=args.top_k, industry=args.industry, kind=args.kind)
                print(result.model_dump_json(), flush=True)
            except AdvisorError as exc:  # keep one output line per input line
                print(json.dumps({"query": line, "error": str(exc)}, ensure_ascii=False), flush=True)
        return 0
    if not args.query:
        raise SystemExit("错误：请提供查询文本，或使用 --stdin")
    result = advisor.search(args.query, top_k=args.top_k, industry=args.industry, kind=args.kind)
    if args.json:
        print(result.model_dump_json(indent=2))
        return 0
    if result.no_close_precedent:
        print("没有足够接近的先例，以下仅供参考：")
    for rank, hit in enumerate(result.hits, 1):
        print(f"{rank}. [{'案例' if hit.kind == 'case' else '规程'}·{hit.industry}] {hit.title}  ({hit.score:.3f})")
        for step in hit.handling_steps[:5]:
            print(f"     - {step[:60]}")
    print(f"用时 {result.took_ms:.1f} ms")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from advisor.evaluation.queries import evaluate, format_eval, load_queries
    from advisor.facade import Advisor

    advisor = Advisor.load(_settings(args))
    report = evaluate(advisor, load_queries(Path(args.queries)), top_k=args.top_k)
    print(report.model_dump_json(indent=2) if args.json else format_eval(report))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from advisor.corpus.pipeline import build_corpus, format_report
    from advisor.guidance.rules import load_rules

    corpus_dir = _settings(args).corpus_dir
    corpus = build_corpus(corpus_dir)
    print(format_report(corpus.report))
    rules = load_rules(corpus_dir, _settings(args).rules_file)
    print(f"\n定级与时限规则：{sum(len(s.grades) + len(s.deadlines) for s in rules.standards)} 条可用，"
          f"{len(rules.warnings)} 条告警")
    for warning in rules.warnings:
        print(f"  ! {warning}")
    if args.json:
        Path(args.json).write_text(corpus.report.model_dump_json(indent=2), encoding="utf-8")
        print(f"\nJSON 报告已写入 {args.json}")
    return 0


def cmd_questions(args: argparse.Namespace) -> int:
    from advisor.feedback.store import default_db_path, helpful_queries
    from advisor.retrieval.questions import load_questions, suggest_questions
    from advisor.facade import Advisor

    settings = _settings(args)
    advisor = Advisor.load(settings)
    helpful = helpful_queries(default_db_path(settings), args.min_votes)
    lines = suggest_questions([*advisor.cases, *advisor.guidelines], load_questions(settings.questions_file), helpful)
    for line in lines:
        print(line.model_dump_json())
    print(f"{len(lines)} 条建议（来自 {len(helpful)} 个被标为“有帮助”的查询）。审阅后追加到 "
          f"{settings.questions_file}，再运行 python -m advisor build。", file=sys.stderr)
    return 0


_DIFFICULTY = {"easy": "easy", "medium": "medium", "hard": "hard", "容易": "easy", "中等": "medium", "困难": "hard"}


def _scenario_inputs(advisor, case):
    """Guidance and principle guidelines that a scenario card cites."""
    guidance = advisor.search(case.title + "\n" + case.facts[:300], top_k=1).guidance
    principles = [g for g in advisor.guidelines if g.kind == "principle"][:6]
    return guidance, principles


def cmd_scenario(args: argparse.Namespace) -> int:
    from advisor.training.export import scenario_to_docx, scenario_to_json, scenario_to_markdown
    from advisor.models import Case
    from advisor.training.scenario import ScenarioOptions, build_scenario
    from advisor.facade import Advisor

    advisor = Advisor.load(_settings(args))
    if args.case_id:
        case = advisor.get(args.case_id)
    else:
        hits = [h for h in advisor.search(args.query, top_k=10, kind="case").hits]
        if not hits:
            raise SystemExit("错误：没有找到可用的案例")
        case = advisor.get(hits[0].id)
    if not isinstance(case, Case):
        raise SystemExit(f"错误：{case.id} 是规程，不是案例")
    options = ScenarioOptions(difficulty=_DIFFICULTY[args.difficulty], personality=args.persona or None,
                              motive=args.motive or None, seed=args.seed)
    guidance, principles = _scenario_inputs(advisor, case)
    scenario = build_scenario(case, options, guidance=guidance, principles=principles)
    if args.format == "docx":
        if not args.output:
            raise SystemExit("错误：--format docx 需要 --output 文件名")
        Path(args.output).write_bytes(scenario_to_docx(scenario))
        print(f"已写入 {args.output}")
        return 0
    text = scenario_to_markdown(scenario) if args.format == "md" else scenario_to_json(scenario)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"已写入 {args.output}")
    else:
        print(text)
    return 0


def cmd_pack(args: argparse.Namespace) -> int:
    from advisor.training.export import pack_to_docx, pack_to_markdown, select_pack_cases
    from advisor.training.scenario import ScenarioOptions, build_scenario
    from advisor.facade import Advisor

    advisor = Advisor.load(_settings(args))
    cases = select_pack_cases(advisor.cases, industry=args.industry, count=args.count)
    if not cases:
        raise SystemExit("错误：没有符合条件的案例")
    scenarios = []
    for i, case in enumerate(cases):
        guidance, principles = _scenario_inputs(advisor, case)
        options = ScenarioOptions(difficulty=_DIFFICULTY[args.difficulty], seed=args.seed + i)
        scenarios.append(build_scenario(case, options, guidance=guidance, principles=principles))
    if args.format == "docx":
        Path(args.output).write_bytes(pack_to_docx(scenarios))
    else:
        Path(args.output).write_text(pack_to_markdown(scenarios), encoding="utf-8")
    print(f"培训包已写入 {args.output}：{len(scenarios)} 个情景")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m advisor", description="投诉处理顾问")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--corpus", help="语料目录（默认 corpus/）")
        p.add_argument("--index-dir", help="索引目录（默认 index/）")

    p = sub.add_parser("build", help="构建或增量重建索引")
    common(p)
    p.add_argument("--quiet", action="store_true", help="不显示进度条")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("search", help="检索先例")
    common(p)
    p.add_argument("query", nargs="?")
    p.add_argument("--stdin", action="store_true", help="每行一个查询，输出 JSONL")
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--industry")
    p.add_argument("--kind", choices=["case", "guideline"])
    p.add_argument("--json", action="store_true")
    p.add_argument("--jsonl", action="store_true", help="与 --stdin 一起使用（默认即为 JSONL）")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("eval", help="在标注查询集上评测")
    common(p)
    p.add_argument("--queries", required=True)
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("report", help="语料解析报告")
    common(p)
    p.add_argument("--json", metavar="FILE")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("questions", help="从“有帮助”反馈中提取常见问法建议（JSONL，供审阅）")
    common(p)
    p.add_argument("--min-votes", type=int, default=1, help="有帮助票数减没帮助票数至少为此值")
    p.set_defaults(func=cmd_questions)

    p = sub.add_parser("scenario", help="由先例生成角色扮演情景卡")
    common(p)
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--query", help="用投诉描述检索最接近的案例")
    source.add_argument("--case-id", help="案例编号（如 c-1a2b3c…）")
    p.add_argument("--difficulty", choices=sorted(_DIFFICULTY), default="medium")
    p.add_argument("--persona", choices=["理性型", "忧郁型", "情绪型", "暴跳如雷型"])
    p.add_argument("--motive", choices=["求尊重", "求发泄", "求补偿", "求解决"])
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--format", choices=["md", "json", "docx"], default="md")
    p.add_argument("--output")
    p.set_defaults(func=cmd_scenario)

    p = sub.add_parser("pack", help="生成培训包（多个不同先例）")
    common(p)
    p.add_argument("--industry")
    p.add_argument("--count", type=int, default=5)
    p.add_argument("--difficulty", choices=sorted(_DIFFICULTY), default="medium")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--format", choices=["md", "docx"], default="md")
    p.add_argument("--output", required=True)
    p.set_defaults(func=cmd_pack)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except AdvisorError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
