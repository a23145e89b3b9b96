"""Command line: build, search, eval, report, scenario, pack (`python -m advisor --help`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import AdvisorError
from .settings import Settings


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if getattr(args, "corpus", None):
        overrides["corpus_dir"] = Path(args.corpus)
    if getattr(args, "index_dir", None):
        overrides["index_dir"] = Path(args.index_dir)
    return Settings(**overrides)


def cmd_build(args: argparse.Namespace) -> int:
    from .encoders import load_encoder
    from .index import build_index

    settings = _settings(args)
    stats = build_index(settings, load_encoder(settings), progress=not args.quiet)
    print(f"索引已写入 {settings.index_dir}：案例 {stats.n_cases}，规程 {stats.n_guidelines}，文本块 {stats.n_chunks}"
          f"（新编码 {stats.embedded}，复用缓存 {stats.reused}），用时 {stats.seconds:.1f} 秒")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from .search import Advisor

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
    from .evaluate import evaluate, format_eval, load_queries
    from .search import Advisor

    advisor = Advisor.load(_settings(args))
    report = evaluate(advisor, load_queries(Path(args.queries)), top_k=args.top_k)
    print(report.model_dump_json(indent=2) if args.json else format_eval(report))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .corpus import build_corpus, format_report

    corpus = build_corpus(_settings(args).corpus_dir)
    print(format_report(corpus.report))
    if args.json:
        Path(args.json).write_text(corpus.report.model_dump_json(indent=2), encoding="utf-8")
        print(f"\nJSON 报告已写入 {args.json}")
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
