"""Access control in the app: login form, wrong password, pages by role, logout, localhost-only without users."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest
from test_app import APP, TIMEOUT, markdowns, point_at, search

PASSWORDS = {"lisi": ("staff", "staff-pass-1"), "wangwu": ("trainer", "trainer-pass-1"),
             "zhang": ("admin", "admin-pass-1")}
TRAIN_PAGE = "advisor/ui/pages/train.py"
LIBRARY_PAGE = "advisor/ui/pages/library.py"

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def users_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from advisor.auth.users import add_user

    path = tmp_path_factory.mktemp("users") / "users.json"
    for name, (role, password) in PASSWORDS.items():
        add_user(path, name, role, password)
    return path


@pytest.fixture
def with_users(seed_settings, data_dir: Path, users_file: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    point_at(monkeypatch, seed_settings, data_dir, users_file)
    return users_file


def login(name: str, password: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_input(key="username").input(name)
    at.text_input(key="password").input(password)
    at.button(key="login").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def has_query_box(at: AppTest) -> bool:
    return any(t.key == "query" for t in at.text_area)


def test_login_form_comes_first_and_hides_the_search(with_users):
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not has_query_box(at) and not any(b.key == "search" for b in at.button)
    assert [t.key for t in at.text_input] == ["username", "password"]
    assert at.text_input(key="password").proto.type == at.text_input(key="password").proto.PASSWORD


@pytest.mark.parametrize("name, password", [("lisi", "wrong-password"), ("nobody", "staff-pass-1"), ("lisi", "")])
def test_wrong_login_shows_one_error_line_and_no_search(with_users, name, password):
    at = login(name, password)
    assert [e.value for e in at.error] == ["用户名或密码错误。"]
    assert not has_query_box(at) and not any(b.key == "search" for b in at.button)


def test_staff_searches_and_browses_but_cannot_open_training(with_users):
    at = login("lisi", PASSWORDS["lisi"][1])
    assert not at.error and has_query_box(at)
    search(at, "客户在银行网点排队两个小时，柜员态度冷淡")
    assert any(v.startswith("#### 处理方案") for v in markdowns(at))
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(TRAIN_PAGE)  # not registered for staff at all
    at.switch_page(LIBRARY_PAGE).run()
    assert not at.exception and at.selectbox(key="lib_pick")
    assert not at.tabs  # no 语料报告 / 反馈统计 / 重建索引 for staff
    assert not any(m.label == "案例（去重后）" for m in at.metric)


def test_trainer_opens_training_but_not_the_admin_views(with_users):
    at = login("wangwu", PASSWORDS["wangwu"][1])
    at.switch_page(TRAIN_PAGE).run()
    assert not at.exception and not at.error
    assert any(v.startswith("### ") for v in markdowns(at))  # the card
    at.switch_page(LIBRARY_PAGE).run()
    assert not at.tabs


def test_admin_sees_the_corpus_report_and_can_log_out(with_users, seed_settings):
    at = login("zhang", PASSWORDS["zhang"][1])
    at.switch_page(LIBRARY_PAGE).run()
    assert [t.label for t in at.tabs] == ["浏览", "语料报告", "反馈统计", "重建索引"]
    at.session_state["lib_tab"] = "语料报告"
    at.run()
    manifest = json.loads((seed_settings.index_dir / "manifest.json").read_text(encoding="utf-8"))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["案例（去重后）"] == str(manifest["n_cases"]) and metrics["规程"] == str(manifest["n_guidelines"])
    files = next(d.value for d in at.dataframe if "有管理思考" in d.value.columns)
    assert sorted(files["文件"]) == sorted(p.name for p in seed_settings.corpus_dir.iterdir() if p.is_file())
    assert (files["案例"] >= files["有处理步骤"]).all() and files["案例"].sum() > 0
    at.button(key="logout").click().run()
    assert not has_query_box(at) and [t.key for t in at.text_input] == ["username", "password"]


@pytest.fixture(params=["0.0.0.0", "192.168.1.20", None])  # None: Streamlit listens on every interface
def public_address(request) -> Iterator[None]:
    before = config.get_option("server.address")
    config.set_option("server.address", request.param)
    yield
    config.set_option("server.address", before)


@pytest.mark.parametrize("address", ["127.0.0.1", "localhost", "::1", "[::1]"])
def test_without_users_this_machine_is_served(seed_settings, data_dir, monkeypatch, address):
    point_at(monkeypatch, seed_settings, data_dir)
    before = config.get_option("server.address")
    config.set_option("server.address", address)
    try:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    finally:
        config.set_option("server.address", before)
    assert not at.error and has_query_box(at)


def test_without_users_a_public_address_is_refused(seed_settings, data_dir, monkeypatch, public_address):
    point_at(monkeypatch, seed_settings, data_dir)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert len(at.error) == 1 and at.error[0].value.startswith("未配置用户时只能在本机访问")
    assert "python -m advisor users add" in at.error[0].value
    assert not has_query_box(at)


def test_with_users_a_public_address_shows_the_login(with_users, public_address):
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.error and [t.key for t in at.text_input] == ["username", "password"]
