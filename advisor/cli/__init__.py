"""Command line (`python -m advisor --help`): a thin shell over the `Advisor` facade and the build."""

from __future__ import annotations

import argparse
import os
import sys

from pydantic import ValidationError

from advisor.cli import admin, library, training
from advisor.errors import AdvisorError
from advisor.settings import invalid_reason

DIFFICULTIES = {"easy": "easy", "medium": "medium", "hard": "hard", "容易": "easy", "中等": "medium", "困难": "hard"}


def _top_k(value: str) -> int:
    """`--top-k`: an integer from 1 to 50."""
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是整数：{value}") from None
    if not 1 <= k <= 50:
        raise argparse.ArgumentTypeError("取值范围 1–50")
    return k


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", help="语料目录（默认 corpus/）")
    p.add_argument("--index-dir", help="索引目录（默认 index/）")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m advisor", description="投诉处理顾问")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="构建或增量重建索引")
    _common(p)
    p.add_argument("--quiet", action="store_true", help="不显示进度条")
    p.set_defaults(func=library.cmd_build)

    p = sub.add_parser("search", help="检索先例并给出处理建议")
    _common(p)
    p.add_argument("query", nargs="?")
    p.add_argument("--stdin", action="store_true", help="每行一个查询，输出 JSONL（每个输入行一行）")
    p.add_argument("--top-k", type=_top_k, default=None)
    p.add_argument("--industry")
    p.add_argument("--kind", choices=["case", "guideline"])
    p.add_argument("--json", action="store_true")
    p.add_argument("--jsonl", action="store_true", help="与 --stdin 一起使用（默认即为 JSONL）")
    p.set_defaults(func=library.cmd_search)

    p = sub.add_parser("eval", help="在标注查询集上评测检索")
    _common(p)
    p.add_argument("--queries", required=True)
    p.add_argument("--top-k", type=_top_k, default=5)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=library.cmd_eval)

    p = sub.add_parser("segcheck", help="按分段标注检查案例切分")
    _common(p)
    p.add_argument("--labels", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=library.cmd_segcheck)

    p = sub.add_parser("report", help="语料解析报告（逐个文件）")
    _common(p)
    p.add_argument("--json", metavar="FILE")
    p.set_defaults(func=library.cmd_report)

    p = sub.add_parser("questions", help="从“有帮助”反馈中提取常见问法建议（JSONL，供审阅）")
    _common(p)
    p.add_argument("--min-votes", type=int, default=1, help="有帮助票数减没帮助票数至少为此值")
    p.set_defaults(func=library.cmd_questions)

    training.add_parsers(sub, _common, DIFFICULTIES)
    admin.add_parsers(sub)
    return parser


def _tolerant_stdio() -> None:
    """Text that the terminal's encoding cannot show is escaped (\\uXXXX) instead of crashing the command
    (e.g. PYTHONIOENCODING=ascii:strict); JSON output is written as UTF-8 bytes regardless."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    """Run one command; bad input and bad settings exit with code 2 and one line on stderr."""
    _tolerant_stdio()
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except AdvisorError as exc:
        return _fail(str(exc))
    except ValidationError as exc:  # an option checked by a model (settings raise SettingsError instead)
        first = exc.errors()[0]
        return _fail(f"参数 {'.'.join(map(str, first['loc']))} 无效：{invalid_reason(first)}")
    except BrokenPipeError:  # `python -m advisor search … | head`: the reader left, nothing to report
        _silence_stdout()
        return 0
    except OSError as exc:  # a file named on the command line cannot be read or written
        where = f" {exc.filename}" if exc.filename else ""
        return _fail(f"无法读写文件{where}：{exc.strerror or exc}")
    except KeyboardInterrupt:
        return 130


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
