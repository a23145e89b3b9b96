"""Admin commands: users of the app (add, remove, list); passwords are read from stdin, never from argv."""

from __future__ import annotations

import argparse
import getpass
import sys

from advisor.cli.library import settings_from
from advisor.errors import AdvisorError


def add_parsers(sub) -> None:
    p = sub.add_parser("users", help="管理网页版用户（密码从标准输入读取）")
    users = p.add_subparsers(dest="action", required=True)
    a = users.add_parser("add", help="添加或更新用户")
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=["staff", "trainer", "admin"])
    a.set_defaults(func=cmd_add)
    r = users.add_parser("remove", help="删除用户")
    r.add_argument("name")
    r.set_defaults(func=cmd_remove)
    ls = users.add_parser("list", help="列出用户")
    ls.set_defaults(func=cmd_list)


def _path(args: argparse.Namespace):
    settings = settings_from(args)
    return settings.users_file or settings.data_dir / "users.json"


def _password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("密码：")
        if getpass.getpass("再输入一次：") != first:
            raise AdvisorError("两次输入的密码不一致")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def cmd_add(args: argparse.Namespace) -> int:
    from advisor.auth.users import add_user

    path = _path(args)
    user = add_user(path, args.name, args.role, _password())
    print(f"已保存用户 {user.name}（{user.role}）到 {path}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from advisor.auth.users import remove_user

    path = _path(args)
    if not remove_user(path, args.name):
        raise AdvisorError(f"没有用户 {args.name}")
    print(f"已删除用户 {args.name}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from advisor.auth.users import load_users

    for user in load_users(_path(args)).values():
        print(f"{user.name}\t{user.role}")
    return 0
