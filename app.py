"""投诉处理顾问 — the Streamlit entry point: page set-up, access control and routing to one module per page."""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError
from streamlit.navigation.page import StreamlitPage

from advisor import Settings
from advisor.auth.users import can
from advisor.errors import SettingsError
from advisor.settings import describe_settings_error
from advisor.ui import auth, components, state

# (script, title, icon, permission, url path); the scripts live in advisor/ui/pages/.
PAGES = (
    ("advisor/ui/pages/search.py", "咨询顾问", ":material/support_agent:", "search", "search"),
    ("advisor/ui/pages/train.py", "培训情景", ":material/school:", "train", "train"),
    ("advisor/ui/pages/library.py", "案例库", ":material/menu_book:", "library", "library"),
)
# Widget values to keep while their page is not shown (Streamlit drops them otherwise).
KEPT_WIDGETS = ("query", "industry", "kind", "lib_industry", "lib_kind", "lib_text", "lib_pick", "tr_find", "tr_case",
                "tr_difficulty", "tr_personality", "tr_motive", "tr_seed", "pk_industry", "pk_count", "pk_difficulty",
                "pk_seed")
LOG = state.LOG


def load_settings() -> Settings:
    """The settings, or one Chinese error line for an invalid ADVISOR_… variable."""
    try:
        return state.settings()
    except (ValidationError, SettingsError) as exc:
        LOG.exception("invalid settings")
        message = describe_settings_error(exc) if isinstance(exc, ValidationError) else str(exc)
        st.error(message)
        st.stop()


def sidebar(role: str, name: str | None, built_at: str) -> None:
    """Who is logged in and, discreetly, when the index was built."""
    auth.sidebar_user(role, name)
    st.sidebar.caption(f"索引构建时间：{state.built_label(built_at)}")


def run(page: StreamlitPage) -> None:
    """Run the page; an unexpected error becomes one Chinese line (details in the server log)."""
    try:
        page.run()
    except Exception:  # st.stop / st.rerun are BaseExceptions and pass through
        LOG.exception("page %s failed", page.title)
        st.error("页面出错了，请刷新后重试；如仍有问题请联系管理员。")


def main() -> None:
    st.set_page_config(page_title="投诉处理顾问", page_icon=":material/support_agent:", layout="wide")
    components.reduce_motion()
    settings = load_settings()
    role, name = auth.require_role(settings)
    advisor = state.load_or_stop(settings, role)
    state.notice_reload(advisor)
    state.keep_widget_values(KEPT_WIDGETS)
    pages = [st.Page(path, title=title, icon=icon, url_path=url)
             for path, title, icon, permission, url in PAGES if can(role, permission)]
    page = st.navigation(pages)
    sidebar(role, name, advisor.built_at)
    run(page)


main()
