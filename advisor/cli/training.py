"""Trainer commands: scenario (one card), pack (several), practice (score a reply)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from advisor.cli import library
from advisor.errors import AdvisorError


def add_parsers(sub, common, difficulties: dict[str, str]) -> None:
    p = sub.add_parser("scenario", help="由先例生成角色扮演情景卡")
    common(p)
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--query", help="用投诉描述检索最接近的案例")
    source.add_argument("--case-id", help="案例编号（如 c-1a2b3c…）")
    _card_options(p, difficulties)
    p.add_argument("--format", choices=["md", "json", "docx"], default="md")
    p.add_argument("--output")
    p.set_defaults(func=cmd_scenario, difficulties=difficulties)

    p = sub.add_parser("pack", help="生成培训包（多个不同先例，行业、类型、难度均衡）")
    common(p)
    p.add_argument("--industry")
    p.add_argument("--count", type=int, default=5)
    p.add_argument("--difficulty", choices=sorted(difficulties))
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--format", choices=["md", "json", "docx"], default="md")
    p.add_argument("--output", required=True)
    p.set_defaults(func=cmd_pack, difficulties=difficulties)

    p = sub.add_parser("practice", help="练习：按评分标准给学员的回复打分")
    common(p)
    p.add_argument("--case-id", required=True)
    p.add_argument("--reply", required=True, help="学员对开场白的回复")
    _card_options(p, difficulties)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_practice, difficulties=difficulties)


def _card_options(p: argparse.ArgumentParser, difficulties: dict[str, str]) -> None:
    p.add_argument("--difficulty", choices=sorted(difficulties), default="medium")
    p.add_argument("--persona", help="性格类型，如 暴跳如雷型")
    p.add_argument("--motive", help="投诉心态，如 求补偿")
    p.add_argument("--seed", type=int, default=0)


def _options(args: argparse.Namespace):
    from advisor.training import CardOptions

    return CardOptions(difficulty=args.difficulties[args.difficulty], personality=args.persona or None,
                       motive=args.motive or None, seed=args.seed)


def _emit(data: str | bytes, output: str | None, binary: bool = False) -> None:
    if output:
        path = Path(output)
        path.write_bytes(data) if binary else path.write_text(data, encoding="utf-8")
        print(f"已写入 {output}")
    elif binary:
        raise AdvisorError("--format docx 需要 --output 文件名")
    else:
        sys.stdout.buffer.write(data.encode("utf-8") + b"\n")


def cmd_scenario(args: argparse.Namespace) -> int:
    from advisor.training import card_to_docx, card_to_json, card_to_markdown

    advisor = library._advisor(args)
    case_id = args.case_id
    if not case_id:
        hits = advisor.search(args.query, top_k=10, kind="case").hits
        if not hits:
            raise AdvisorError("没有找到可用的案例")
        case_id = hits[0].id
    card = advisor.card(case_id, _options(args))
    if args.format == "docx":
        _emit(card_to_docx(card), args.output, binary=True)
    else:
        _emit(card_to_markdown(card) if args.format == "md" else card_to_json(card), args.output)
    return 0


def cmd_pack(args: argparse.Namespace) -> int:
    from advisor.training import pack_to_docx, pack_to_json, pack_to_markdown

    advisor = library._advisor(args)
    difficulty = args.difficulties[args.difficulty] if args.difficulty else None
    cards = advisor.pack(industry=args.industry, count=args.count, difficulty=difficulty, seed=args.seed)
    if not cards:
        raise AdvisorError("没有符合条件的案例")
    if args.format == "docx":
        Path(args.output).write_bytes(pack_to_docx(cards))
    else:
        text = pack_to_markdown(cards) if args.format == "md" else pack_to_json(cards)
        Path(args.output).write_text(text, encoding="utf-8")
    print(f"培训包已写入 {args.output}：{len(cards)} 个情景")
    return 0


def cmd_practice(args: argparse.Namespace) -> int:
    from advisor.training import practice_to_markdown

    if not args.reply.strip():
        raise AdvisorError("请提供学员的回复（--reply）")
    advisor = library._advisor(args)
    result = advisor.practice(args.case_id, args.reply, _options(args))
    if args.json:
        sys.stdout.buffer.write(json.dumps(result.model_dump(), ensure_ascii=False).encode("utf-8") + b"\n")
    else:
        print(practice_to_markdown(result))
    return 0
