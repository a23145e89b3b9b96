"""Access control: without users the app serves this machine only; with users, a login form and roles."""

# Single sign-on: Streamlit's built-in OIDC login (`st.login()` / `st.user`, configured in secrets.toml)
# can replace this form; map the identity provider's groups to the roles below.

from __future__ import annotations

import streamlit as st

from advisor import Settings
from advisor.auth.users import User, UsersFileError, authenticate, load_users
from advisor.text.markdown import escape_md

LOCAL_ADDRESSES = frozenset({"127.0.0.1", "localhost", "::1"})
# Without users only someone at this machine can open the app, and they administer it.
LOCAL_ROLE = "admin"
ROLE_LABELS = {"staff": "客服人员", "trainer": "培训师", "admin": "管理员"}
USER_KEY = "auth_user"


def configured_users(settings: Settings) -> dict[str, User]:
    """The users of the users file (none when the file is not configured or absent)."""
    if settings.users_file is None:
        return {}
    try:
        return load_users(settings.users_file)
    except UsersFileError as exc:
        st.error(f"用户文件无法读取：{escape_md(exc)}")
        st.stop()


def require_role(settings: Settings) -> tuple[str, str | None]:
    """The role (and user name) of this session; shows the login form or the local-only error and stops."""
    users = configured_users(settings)
    if not users:
        local_only()
        return LOCAL_ROLE, None
    name = st.session_state.get(USER_KEY)
    if name in users:  # re-read each run: a user removed from the file is logged out
        return users[name].role, name
    login_form(users)
    st.stop()


def local_only() -> None:
    """Stop unless the server listens on this machine only."""
    # Unset means every interface (e.g. `streamlit run` from a folder without this project's config.toml).
    address = str(st.get_option("server.address") or "").strip("[]")
    if address not in LOCAL_ADDRESSES:
        st.error("未配置用户时只能在本机访问（请以 --server.address 127.0.0.1 启动）。"
                 "如需供他人访问，请先添加用户：python -m advisor users add 用户名 --role admin")
        st.stop()


def login_form(users: dict[str, User]) -> None:
    """The login form; a wrong name or password gives one error line."""
    left, _ = st.columns([2, 3])
    with left:
        st.markdown("### 投诉处理顾问 · 登录")
        with st.form("login_form"):
            st.text_input("用户名", key="username")
            st.text_input("密码", type="password", key="password")
            submitted = st.form_submit_button("登录", key="login", type="primary")
        if not submitted:
            return
        user = authenticate(users, st.session_state.get("username", ""), st.session_state.get("password", ""))
        if user is None:
            st.error("用户名或密码错误。")
            return
    st.session_state[USER_KEY] = user.name
    st.rerun()


def logout() -> None:
    """Forget everything this session holds (callback of the 退出登录 button)."""
    for key in list(st.session_state):
        del st.session_state[key]


def sidebar_user(role: str, name: str | None) -> None:
    """Who is logged in, with the 退出登录 button (nothing without users)."""
    if name is None:
        return
    st.sidebar.caption(f"当前用户：{escape_md(name)}（{ROLE_LABELS.get(role, '未知角色')}）")
    st.sidebar.button("退出登录", key="logout", on_click=logout)
