"""UI tests of the staff page (`咨询顾问`) with Streamlit's AppTest over the seed index: plan first, filters,
bad input, escaping, feedback (also with a read-only data folder), errors inside pages, serving defaults."""

from __future__ import annotations

import os
import re
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from advisor.models import SearchResult
from advisor.text.markdown import escape_md
from advisor.ui.components import QUERY_END, REDUCED_MOTION_CSS

APP = Path(__file__).resolve().parent.parent / "app.py"
TIMEOUT = 180  # the first run of a process loads the encoder and the index
PLAN = "#### 处理方案"
ELEVATOR = "小区电梯一个月坏了三次，昨天有老人被困二十分钟，业主要求物业赔偿"
TEXT_KINDS = ("markdown", "caption", "info", "warning", "error", "success", "toast")


# ---------------------------------------------------------------- helpers shared with test_app_*.py


def point_at(mp: pytest.MonkeyPatch, settings, data_dir: Path, users_file: Path | None = None) -> None:
    """Make the app's `Settings()` read the given index, corpus, knowledge and data folders."""
    mp.setenv("ADVISOR_INDEX_DIR", str(settings.index_dir))
    mp.setenv("ADVISOR_CORPUS_DIR", str(settings.corpus_dir))
    mp.setenv("ADVISOR_KNOWLEDGE_DIR", str(settings.knowledge_dir))
    mp.setenv("ADVISOR_DATA_DIR", str(data_dir))
    mp.setenv("ADVISOR_USERS_FILE", str(users_file) if users_file else "")


def new_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def search(at: AppTest, text: str) -> AppTest:
    at.text_area(key="query").input(text)
    at.button(key="search").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def result_of(at: AppTest) -> SearchResult:
    """The SearchResult the page rendered (kept in session state between reruns)."""
    outcome = at.session_state["outcome"][1]
    assert isinstance(outcome, SearchResult), outcome
    return outcome


def markdowns(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def plan_block(at: AppTest) -> str:
    """The Markdown block the plan opens with (its heading, then the numbered steps)."""
    return next((v for v in markdowns(at) if v.startswith(PLAN)), "")


def card_titles(at: AppTest) -> list[str]:
    return [v for v in markdowns(at) if v.startswith("##### ")]


def card_industries(at: AppTest) -> list[str]:
    return [m.group(1) for v in markdowns(at) for m in re.finditer(r":blue-badge\[([^\]]*)\]", v)]


def all_text(at: AppTest) -> list[str]:
    return [el.value for kind in TEXT_KINDS for el in at.get(kind)]


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[str, bytes]]:
    """What every `st.download_button` of a run offered, by key: (file name, bytes)."""
    offered: dict[str, tuple[str, bytes]] = {}
    original = st.download_button

    def spy(label, data, file_name=None, *args, **kwargs):
        offered[kwargs.get("key")] = (file_name, data if isinstance(data, bytes) else str(data).encode("utf-8"))
        return original(label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    return offered


@pytest.fixture
def app_env(seed_settings, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app over the seed index, no users (localhost mode), the session's temporary data folder."""
    point_at(monkeypatch, seed_settings, data_dir)
    return data_dir


# ---------------------------------------------------------------- the answer comes first

@pytest.mark.integration
def test_plan_comes_first_with_numbered_steps_citing_document_titles(app_env, downloads):
    at = search(new_app(), ELEVATOR)
    values = markdowns(at)
    plan = plan_block(at)
    assert plan and card_titles(at), values[:5]
    assert values.index(plan) < values.index(card_titles(at)[0])  # the plan precedes every precedent card
    result = result_of(at)
    assert result.advice.steps, "a precedent query must give at least one step"
    assert plan.startswith(f"{PLAN}\n\n1. "), plan[:80]
    titles = {h.id: h.title for h in result.hits} | {c.id: c.title for c in result.advice.cited}
    for n, step in enumerate(result.advice.steps, 1):
        assert f"{n}. {escape_md(step.text)}" in plan
        for rid in step.sources:
            doc = escape_md(titles[rid].partition("·")[0].strip())
            assert f"《{doc}》" in plan, (rid, titles[rid])
    assert plan.count("来源：") == len(result.advice.steps)
    assert ".txt" not in plan  # documents are cited by title, never by file name
    # The same plan as copyable text and as a Markdown download.
    code = [c.value for c in at.code]
    assert any(c.startswith("投诉概要：") and "建议步骤：" in c for c in code), code
    name, data = downloads["plan_md"]
    assert name == "处理方案.md" and data.decode("utf-8").startswith("# 投诉处理方案")
    assert any("**定级**\n\n" in v and "**处理时限**\n\n" in v for v in values)


@pytest.mark.integration
def test_plan_shows_how_matching_precedents_were_settled_with_their_titles(app_env):
    at = search(new_app(), "汽车在保修期内出了故障,经销商附加条件不给修")
    result = result_of(at)
    assert result.advice.resolutions, "a warranty repair precedent that ends in the dealer's remedy"
    values = markdowns(at)
    shown = next(v for v in values if v.startswith("**类似先例的处理结果**\n\n- "))
    shown = shown.split("\n\n**定级**", 1)[0]
    titles = {h.id: h.title for h in result.hits}
    for item in result.advice.resolutions:
        assert escape_md(item.text) in shown
        assert all(rid in titles for rid in item.sources)  # every settlement cites a precedent on the page
        assert f"《{escape_md(titles[item.sources[0]].partition('·')[0].strip())}》" in shown
        case_text = next(h.text for h in result.hits if h.id == item.sources[0])
        assert item.text in case_text  # the document's own words


@pytest.mark.integration
def test_without_a_grade_the_page_names_the_escalation_the_complaint_shows(app_env):
    at = search(new_app(), "十几个客户一起来网点闹，说理财亏了要找记者曝光")
    result = result_of(at)
    assert result.advice.grade is None and not [g for g in result.guidance if g.primary and g.category == "grading"]
    graded = next(v for v in markdowns(at) if "**定级**" in v).split("**定级**", 1)[1].split("**处理时限**")[0]
    assert ":gray[未匹配到定级标准。投诉中的升级情形：媒体或舆情、集体投诉" in graded, graded


@pytest.mark.integration
def test_precedent_card_shows_confidence_badge_reasons_and_detail_popovers(app_env):
    at = search(new_app(), ELEVATOR)
    badges = [v for v in markdowns(at) if "-badge[相似度：" in v]
    assert len(badges) == len(result_of(at).hits)
    # (the title, then the badges on a line of their own: one element per card)
    assert all(re.match(r"##### \d\\\. [^\n]+\n\n:\w+-badge\[相似度：[高中低]\] :blue-badge\[", b) for b in badges), badges
    assert not any(re.search(r"\d\.\d{3}", v) for v in all_text(at)), "no raw scores on the page"
    reasons = [v.split(":gray[", 1)[1] for v in markdowns(at) if ":gray[匹配原因：" in v]
    assert len(reasons) == len(result_of(at).hits) and all("判断行业：物业" in r for r in reasons)
    # (in popovers: their content is drawn only when opened, each card's full text cost every browser a render)
    details = [p for p in at.get("popover") if p.proto.popover.label.startswith("详情")]
    assert len(details) == sum(h.kind == "case" for h in result_of(at).hits)
    texts = [m.value for e in details for m in e.markdown]
    assert any("**管理思考**" in t for t in texts) and all("**来源**\n\n- 文档：《" in t for t in texts)
    assert all("第 " in t and " 字" in t for t in texts)  # offsets only inside the details


@pytest.mark.integration
def test_industry_filter_changes_the_hits(app_env):
    at = search(new_app(), "业主投诉物业维修不及时，服务态度差")
    before, titles = card_industries(at), card_titles(at)
    assert any(i != "银行" for i in before), before
    at.selectbox(key="industry").select("银行").run()
    after = card_industries(at)
    assert after and set(after) == {"银行"}, after
    assert card_titles(at) != titles


@pytest.mark.integration
def test_off_topic_query_says_no_close_precedent(app_env):
    at = search(new_app(), "今天天气怎么样")
    assert result_of(at).no_close_precedent
    assert any("没有足够接近的先例" in i.value for i in at.info)
    assert "#### 相似先例" not in markdowns(at)  # the nearest records are folded, marked 仅供参考
    assert any("仅供参考" in e.label for e in at.expander)


@pytest.mark.integration
@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_query_gives_a_chinese_warning_and_no_traceback(app_env, text):
    at = search(new_app(), text)
    assert [w.value for w in at.warning] == ["请输入投诉描述（查询为空）。"]
    assert not plan_block(at) and not at.exception


@pytest.mark.integration
def test_html_and_markdown_in_the_query_show_literally(app_env):
    payload = "<script>alert(1)</script> **粗体** [链接](http://evil) 业主投诉物业"
    at = search(new_app(), payload)
    echoed = [c.value.split(QUERY_END)[0] for c in at.caption if c.value.startswith("当前查询：")]
    assert echoed == [f"当前查询：{escape_md(payload)}"]
    assert "&lt;script&gt;" in echoed[0] and r"\*\*粗体\*\*" in echoed[0] and r"\[链接\]" in echoed[0]
    for value in all_text(at):
        assert "<script" not in value and "**粗体**" not in value and "[链接](http" not in value
    assert not any(el.proto.allow_html for kind in ("markdown", "caption") for el in at.get(kind))
    assert [h.proto.body for h in at.get("html")] == [REDUCED_MOTION_CSS]  # the only HTML: a constant style sheet
    assert any(payload in c.value for c in at.code)  # the copyable plan text keeps it, literally


@pytest.mark.integration
def test_example_fills_the_query_and_searches_and_can_be_chosen_again(app_env):
    at = new_app()
    at.pills(key="example").set_value("银行·多收手续费").run()
    assert "手续费" in at.text_area(key="query").value
    assert plan_block(at) and result_of(at).query == at.text_area(key="query").value
    assert at.pills(key="example").value is None  # cleared, so the same example can be chosen again
    at.text_area(key="query").input("业主投诉物业").run()
    at.pills(key="example").set_value("银行·多收手续费").run()
    assert "手续费" in at.text_area(key="query").value and "手续费" in result_of(at).query


# ---------------------------------------------------------------- feedback

@pytest.mark.integration
def test_vote_is_stored_once_and_the_buttons_lock(app_env):
    from advisor.feedback.store import feedback_stats

    at = search(new_app(), ELEVATOR)
    thumbs = next(f for f in at.feedback if f.key.startswith("vote_1_"))
    key, record_id = thumbs.key, thumbs.key.split("_", 3)[3]
    before = feedback_stats(app_env / "feedback.sqlite3").total
    thumbs.set_value(1).run()  # 1: thumbs up, 有帮助
    after = feedback_stats(app_env / "feedback.sqlite3")
    assert after.total == before + 1
    assert any(c.case_id == record_id and c.helpful for c in after.cases)
    shown = at.feedback(key=key).proto
    assert shown.disabled and shown.default == 1  # locked, the chosen thumb shown
    assert any("已记录反馈" in t.value for t in at.toast)


@pytest.fixture
def read_only_data(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    folder.mkdir()
    if os.geteuid() == 0:
        # root ignores permission bits: a folder where the database file should be makes the write fail too.
        (folder / "feedback.sqlite3").mkdir()
    folder.chmod(0o500)
    yield folder
    folder.chmod(0o700)


@pytest.mark.integration
def test_read_only_data_folder_disables_voting_and_search_keeps_working(seed_settings, read_only_data, monkeypatch):
    point_at(monkeypatch, seed_settings, read_only_data)
    at = search(new_app(), ELEVATOR)
    assert plan_block(at)
    next(f for f in at.feedback if f.key.startswith("vote_1_")).set_value(1).run()
    assert not at.exception
    assert any("反馈功能暂不可用" in w.value for w in at.warning)
    votes = [f for f in at.feedback if f.key.startswith("vote_")]
    assert votes and all(f.proto.disabled for f in votes)
    search(at, "客户在银行网点排队太久，柜员态度冷淡")  # everything else keeps working
    assert plan_block(at) and result_of(at).hits


# ---------------------------------------------------------------- robustness and serving defaults

@pytest.mark.integration
def test_an_error_inside_a_page_is_one_chinese_line(app_env, monkeypatch):
    from advisor import Advisor

    def broken(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(Advisor, "industries", broken)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert [e.value for e in at.error] == ["页面出错了，请刷新后重试；如仍有问题请联系管理员。"]
    assert "boom" not in " ".join(all_text(at))


def test_corrupt_index_stops_with_the_rebuild_command(data_dir, tmp_path, monkeypatch):
    bad = tmp_path / "index"
    bad.mkdir()
    (bad / "manifest.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("ADVISOR_INDEX_DIR", str(bad))
    monkeypatch.setenv("ADVISOR_USERS_FILE", "")
    st.cache_resource.clear()
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.error and at.error[0].value.startswith("案例索引无法加载")
    assert any("python -m advisor build" in c.value and "make rebuild" in c.value for c in at.code)
    assert not at.text_area  # stopped before any page


def test_search_slots_bound_concurrent_searches(monkeypatch):
    from advisor import Settings
    from advisor.ui import state

    monkeypatch.setattr(state, "SLOT_WAIT_S", 0.2)
    settings = Settings(max_concurrent_searches=3)
    held, release = threading.Barrier(4), threading.Event()

    def hold():
        with state.search_slot(settings):
            held.wait()
            release.wait()

    threads = [threading.Thread(target=hold) for _ in range(3)]
    for t in threads:
        t.start()
    held.wait()  # three searches are running
    with pytest.raises(state.BusyError), state.search_slot(settings):
        pass
    release.set()
    for t in threads:
        t.join()
    with state.search_slot(settings):  # free again
        pass


@pytest.mark.integration
def test_the_loaded_index_is_kept_out_of_the_collector_after_each_run(app_env):
    # Streamlit collects garbage fully after every run; the loaded index must not be scanned each time.
    import gc

    from advisor.ui import state

    state._load.clear()
    gc.unfreeze()
    try:
        at = search(new_app(), ELEVATOR)
        assert result_of(at).hits
        assert gc.get_freeze_count() > 10_000, gc.get_freeze_count()
        advisor = state.current()
        assert gc.is_tracked(advisor._engine.records) and advisor._engine.records  # (a tracked container …)
        frozen = {id(o) for o in gc.get_objects(generation=2)}
        assert id(advisor._engine.records) not in frozen  # … that a full collection no longer scans
    finally:
        gc.unfreeze()


def test_freezing_again_frees_what_was_dropped_since_the_last_freeze():
    import gc
    import weakref

    from advisor.ui import state

    class Node:
        pass

    try:
        old = Node()
        old.self = old  # a cycle, as an index replaced by a rebuild may hold
        gone = weakref.ref(old)
        state.freeze_heap()
        del old
        gc.collect()
        assert gone() is not None  # frozen: the collection after a page run leaves it alone
        state.freeze_heap()  # after a reload
        assert gone() is None
    finally:
        gc.unfreeze()


def test_serving_defaults_in_streamlit_config():
    config = tomllib.loads((APP.parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"] == {"showErrorDetails": "none", "toolbarMode": "minimal", "disableDataExport": True}
    assert config["server"] == {"address": "127.0.0.1", "headless": True, "fileWatcherType": "none"}
    assert config["browser"] == {"gatherUsageStats": False}


@pytest.mark.integration
def test_every_label_is_chinese(app_env):
    at = search(new_app(), ELEVATOR)
    labels = [w.label for kind in ("button", "text_area", "selectbox", "radio", "download_button")
              for w in at.get(kind)] + [e.label for e in at.expander]
    assert labels
    allowed = {"Markdown", "JSON", "Word", "CSV", "UTC"}  # file formats keep their names
    for label in labels:
        assert re.search(r"[\u4e00-\u9fff]", label), label
        assert not set(re.findall(r"[A-Za-z]{2,}", label)) - allowed, label
