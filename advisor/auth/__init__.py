"""Local user accounts: a JSON users file with argon2id hashes, roles and permissions."""

from __future__ import annotations

from advisor.auth.users import (
    PERMISSIONS,
    ROLES,
    InvalidRoleError,
    InvalidUserError,
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

__all__ = [
    "PERMISSIONS",
    "ROLES",
    "InvalidRoleError",
    "InvalidUserError",
    "InvalidUserNameError",
    "User",
    "UsersFileError",
    "WeakPasswordError",
    "add_user",
    "authenticate",
    "can",
    "load_users",
    "remove_user",
]
