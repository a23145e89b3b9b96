"""Local users file (JSON, argon2id password hashes) with roles staff ⊂ trainer ⊂ admin."""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from advisor.errors import AdvisorError

FILE_VERSION = 1
FILE_MODE = 0o600
MAX_NAME_CHARS = 64
MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_CHARS = 1024  # argon2 takes any length; the cap only stops absurd inputs

ROLES: tuple[str, ...] = ("staff", "trainer", "admin")
PERMISSIONS: tuple[str, ...] = ("search", "library", "train", "admin")
_GRANTS: dict[str, frozenset[str]] = {
    "staff": frozenset({"search", "library"}),
    "trainer": frozenset({"search", "library", "train"}),
    "admin": frozenset(PERMISSIONS),
}

Role = Literal["staff", "trainer", "admin"]

# argon2id with the library's defaults (RFC 9106 low-memory profile: t=3, m=64 MiB, p=4).
_HASHER = PasswordHasher()


class UsersFileError(AdvisorError):
    """The users file cannot be read or does not have the expected format."""


class InvalidUserError(AdvisorError, ValueError):
    """A user name, role or password was rejected; the message (in Chinese) says why."""


class InvalidUserNameError(InvalidUserError):
    """The user name is empty, too long or contains whitespace or control characters."""


class InvalidRoleError(InvalidUserError):
    """The role is not one of `ROLES`."""


class WeakPasswordError(InvalidUserError):
    """The password is shorter than `MIN_PASSWORD_CHARS` (or absurdly long)."""


def normalize_name(name: str) -> str:
    """The stored form of a user name: NFKC, so full-width ａｄｍｉｎ and admin are the same user."""
    return unicodedata.normalize("NFKC", name)


def _name_problem(name: str) -> str | None:
    if not 1 <= len(name) <= MAX_NAME_CHARS:
        return f"用户名长度须为 1–{MAX_NAME_CHARS} 个字符（当前 {len(name)} 个）。"
    # Category C covers control, format (zero-width), surrogate and unassigned characters.
    if any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in name):
        return "用户名不能包含空白或控制字符。"
    return None


class User(BaseModel):
    """One account as stored in the users file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    role: Role
    password_hash: str = Field(min_length=1)

    @field_validator("name")
    @classmethod
    def _valid_name(cls, name: str) -> str:
        name = normalize_name(name)
        if problem := _name_problem(name):
            raise ValueError(problem)
        return name


class _UsersFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    users: list[User]


def can(role: str, permission: str) -> bool:
    """Whether a role may use a feature: staff → search, library; trainer → + train; admin → all.

    Args:
        role: One of `ROLES`; an unknown role may do nothing.
        permission: One of `PERMISSIONS`.

    Returns:
        True if the role has the permission.

    Raises:
        ValueError: `permission` is not one of `PERMISSIONS` (a typo must not silently deny or grant).
    """
    if permission not in PERMISSIONS:
        raise ValueError(f"未知权限：{permission!r}（可选：{', '.join(PERMISSIONS)}）")
    return permission in _GRANTS.get(role, frozenset())


def load_users(path: Path) -> dict[str, User]:
    """Read the users file.

    Args:
        path: The users JSON file.

    Returns:
        Users by name; an empty dict when the file does not exist.

    Raises:
        UsersFileError: The file is unreadable, not UTF-8 JSON, fails the schema or repeats a name.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise UsersFileError(f"无法读取用户文件 {path}：{exc.strerror or exc}") from exc
    try:
        data = _UsersFile.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "（根）"
        raise UsersFileError(f"用户文件 {path} 格式无效（{where}：{first['msg']}）") from exc
    users: dict[str, User] = {}
    for user in data.users:
        if user.name in users:
            raise UsersFileError(f"用户文件 {path} 中用户名重复：{user.name}")
        users[user.name] = user
    return users


def _write_users(path: Path, users: Mapping[str, User]) -> None:
    """Replace the file atomically so a crash leaves either the old or the new file, never half of one."""
    body = _UsersFile(version=FILE_VERSION, users=sorted(users.values(), key=lambda u: u.name))
    text = json.dumps(body.model_dump(), ensure_ascii=False, indent=2) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE)  # mkstemp already uses 0o600; say so explicitly for other platforms
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _password_bytes(password: str) -> bytes:
    # surrogatepass: a lone surrogate must not make hashing or verifying raise.
    return password.encode("utf-8", "surrogatepass")


def add_user(path: Path, name: str, role: str, password: str) -> User:
    """Create a user, or replace the role and password of an existing one.

    Not safe against two processes editing the same file at once (last writer wins); it is meant
    for an administrator's command line.

    Args:
        path: The users JSON file; created (with its folder) if missing.
        name: 1–64 characters, no whitespace or control characters (stored NFKC-normalised).
        role: One of `ROLES`.
        password: At least `MIN_PASSWORD_CHARS` characters.

    Returns:
        The stored user.

    Raises:
        InvalidUserNameError, InvalidRoleError, WeakPasswordError: Input rejected (``ValueError``).
        UsersFileError: The existing file is corrupt; it is left untouched.
    """
    name = normalize_name(name)
    if problem := _name_problem(name):
        raise InvalidUserNameError(problem)
    if role not in ROLES:
        raise InvalidRoleError(f"未知角色：{role!r}（可选：{', '.join(ROLES)}）")
    if len(password) < MIN_PASSWORD_CHARS:
        raise WeakPasswordError(f"密码至少需要 {MIN_PASSWORD_CHARS} 个字符。")
    if len(password) > MAX_PASSWORD_CHARS:
        raise WeakPasswordError(f"密码不能超过 {MAX_PASSWORD_CHARS} 个字符。")
    users = load_users(path)
    user = User(name=name, role=role, password_hash=_HASHER.hash(_password_bytes(password)))
    users[name] = user
    _write_users(path, users)
    return user


def remove_user(path: Path, name: str) -> bool:
    """Delete a user.

    Args:
        path: The users JSON file.
        name: The user name.

    Returns:
        True if the user existed and was removed; False otherwise (the file is not rewritten).

    Raises:
        UsersFileError: The file is corrupt.
    """
    users = load_users(path)
    if users.pop(normalize_name(name), None) is None:
        return False
    _write_users(path, users)
    return True


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _HASHER.hash(secrets.token_hex(16))


def _verify(password_hash: str, password: object) -> bool:
    if not isinstance(password, str):
        password = ""
    try:
        return _HASHER.verify(password_hash, _password_bytes(password))
    except (VerificationError, InvalidHashError):
        return False


def authenticate(users: Mapping[str, User], name: str, password: str) -> User | None:
    """Check a name and password.

    An unknown user costs the same argon2 verification as a known one, so response time does not
    reveal which names exist. Wrong input of any kind (wrong types included) yields None.

    Args:
        users: As returned by `load_users`.
        name: The user name as typed (NFKC-normalised before lookup).
        password: The password as typed.

    Returns:
        The user if the password matches, else None.
    """
    user = users.get(normalize_name(name)) if isinstance(name, str) else None
    if user is None:
        _verify(_dummy_hash(), password)
        return None
    return user if _verify(user.password_hash, password) else None
