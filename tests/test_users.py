"""Tests for the local users file: hashing, roles, validation, atomic 0o600 writes, corrupt files."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from argon2 import PasswordHasher, Type, extract_parameters

from advisor.auth import users as users_mod
from advisor.auth.users import (
    PERMISSIONS,
    ROLES,
    InvalidRoleError,
    InvalidUserNameError,
    User,
    UsersFileError,
    WeakPasswordError,
    add_user,
    authenticate,
    can,
    load_users,
    remove_user,
)
from advisor.errors import AdvisorError

PASSWORD = "正确的密码-2025"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "conf" / "users.json"


def test_missing_file_is_empty(path: Path) -> None:
    assert load_users(path) == {}


def test_add_load_authenticate(path: Path) -> None:
    user = add_user(path, "张三", "staff", PASSWORD)
    users = load_users(path)
    assert users == {"张三": user}
    assert authenticate(users, "张三", PASSWORD) == user
    # Reference check: an independent argon2 hasher accepts the stored hash, and it is argon2id.
    assert PasswordHasher().verify(user.password_hash, PASSWORD)
    assert extract_parameters(user.password_hash).type is Type.ID


def test_file_format(path: Path) -> None:
    add_user(path, "wang", "trainer", PASSWORD)
    add_user(path, "li", "admin", PASSWORD)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["version"] == 1
    assert [u["name"] for u in data["users"]] == ["li", "wang"]
    assert set(data["users"][0]) == {"name", "role", "password_hash"}
    assert PASSWORD not in text


def test_wrong_password_and_unknown_user(path: Path) -> None:
    add_user(path, "张三", "staff", PASSWORD)
    users = load_users(path)
    assert authenticate(users, "张三", PASSWORD + "x") is None
    assert authenticate(users, "张三", "") is None
    assert authenticate(users, "李四", PASSWORD) is None


def test_unknown_user_still_costs_a_verification(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    calls: list[str] = []
    real = users_mod._HASHER

    class Spy:
        def verify(self, password_hash: str, password: bytes) -> bool:
            calls.append(password_hash)
            return real.verify(password_hash, password)

    monkeypatch.setattr(users_mod, "_HASHER", Spy())
    assert authenticate({}, "nobody", PASSWORD) is None
    assert len(calls) == 1 and calls[0].startswith("$argon2id$")


@pytest.mark.parametrize(
    ("name", "password"),
    [(None, PASSWORD), ("张三", None), (123, 456), ("张三", "\ud800坏"), ("\ud800", PASSWORD), ("", "")],
)
def test_authenticate_never_raises(path: Path, name: object, password: object) -> None:
    add_user(path, "张三", "staff", PASSWORD)
    assert authenticate(load_users(path), name, password) is None  # type: ignore[arg-type]


def test_corrupt_hash_does_not_raise() -> None:
    users = {"a": User(name="a", role="staff", password_hash="not-a-hash")}
    assert authenticate(users, "a", PASSWORD) is None


def test_replace_user(path: Path) -> None:
    add_user(path, "张三", "staff", PASSWORD)
    add_user(path, "张三", "admin", "新的密码12345")
    users = load_users(path)
    assert len(users) == 1 and users["张三"].role == "admin"
    assert authenticate(users, "张三", PASSWORD) is None
    assert authenticate(users, "张三", "新的密码12345") is not None


def test_remove_user(path: Path) -> None:
    add_user(path, "张三", "staff", PASSWORD)
    add_user(path, "李四", "staff", PASSWORD)
    assert remove_user(path, "张三") is True
    assert set(load_users(path)) == {"李四"}
    assert remove_user(path, "张三") is False
    assert remove_user(path.parent / "absent.json", "李四") is False
    assert not (path.parent / "absent.json").exists()


def test_full_width_name_is_the_same_user(path: Path) -> None:
    add_user(path, "ａｄｍｉｎ", "admin", PASSWORD)
    users = load_users(path)
    assert set(users) == {"admin"}
    assert authenticate(users, "ａｄｍｉｎ", PASSWORD) is not None


@pytest.mark.parametrize("role", ["root", "Admin", "", "管理员"])
def test_bad_role(path: Path, role: str) -> None:
    with pytest.raises(InvalidRoleError, match="未知角色"):
        add_user(path, "张三", role, PASSWORD)
    assert not path.exists()


@pytest.mark.parametrize("password", ["", "1234567", "短密码"])
def test_short_password(path: Path, password: str) -> None:
    with pytest.raises(WeakPasswordError, match="至少需要 8 个字符"):
        add_user(path, "张三", "staff", password)


def test_eight_characters_is_enough(path: Path) -> None:
    assert add_user(path, "张三", "staff", "八个字符的密码！").role == "staff"


@pytest.mark.parametrize("name", ["", "a" * 65, "张 三", "张\t三", "张三\n", "zero\u200bwidth", "bell\x07", "\u3000"])
def test_bad_names(path: Path, name: str) -> None:
    with pytest.raises(InvalidUserNameError) as info:
        add_user(path, name, "staff", PASSWORD)
    assert isinstance(info.value, ValueError) and isinstance(info.value, AdvisorError)
    assert "用户名" in str(info.value)


def test_longest_name(path: Path) -> None:
    assert add_user(path, "名" * 64, "staff", PASSWORD).name == "名" * 64


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00",
        b"[]",
        b'{"version": 2, "users": []}',
        b'{"version": 1}',
        b'{"version": 1, "users": [{"name": "a", "role": "root", "password_hash": "h"}]}',
        b'{"version": 1, "users": [{"name": "a", "role": "staff", "password_hash": "h", "extra": 1}]}',
        b'{"version": 1, "users": [{"name": "a b", "role": "staff", "password_hash": "h"}]}',
        b'{"version": 1, "users": [{"name": "a", "role": "staff", "password_hash": "h"},'
        b' {"name": "a", "role": "admin", "password_hash": "h"}]}',
    ],
)
def test_corrupt_file(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(UsersFileError, match=str(path)):
        load_users(path)
    with pytest.raises(UsersFileError):
        add_user(path, "张三", "staff", PASSWORD)
    assert path.read_bytes() == content  # a corrupt file is never overwritten


def test_unreadable_path_is_a_users_file_error(tmp_path: Path) -> None:
    with pytest.raises(UsersFileError, match=str(tmp_path)):
        load_users(tmp_path)  # a directory


def test_file_mode_is_0600_and_no_temp_left(path: Path) -> None:
    add_user(path, "张三", "staff", PASSWORD)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)
    add_user(path, "李四", "staff", PASSWORD)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(path.parent) == ["users.json"]


def test_failed_write_keeps_old_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    add_user(path, "张三", "staff", PASSWORD)
    before = path.read_bytes()

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(users_mod.os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        add_user(path, "李四", "staff", PASSWORD)
    assert path.read_bytes() == before
    assert os.listdir(path.parent) == ["users.json"]


def test_roles_and_permissions() -> None:
    assert ROLES == ("staff", "trainer", "admin")
    granted = {role: {p for p in PERMISSIONS if can(role, p)} for role in ROLES}
    assert granted == {
        "staff": {"search", "library"},
        "trainer": {"search", "library", "train"},
        "admin": {"search", "library", "train", "admin"},
    }
    assert granted["staff"] <= granted["trainer"] <= granted["admin"]
    assert not any(can("guest", p) for p in PERMISSIONS)
    with pytest.raises(ValueError, match="未知权限"):
        can("admin", "delete")


def test_user_model_forbids_extra_fields() -> None:
    with pytest.raises(ValueError):
        User(name="a", role="staff", password_hash="h", extra=1)  # type: ignore[call-arg]
