"""UI tests for `app.py` with Streamlit's AppTest: search flow, guards, guidance, feedback, escaping, pages."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "app.py"
TIMEOUT = 180  # the first run loads the encoder and the index

PRECEDENT_QUERY = "售楼时经纪人承诺电梯厅和大堂精装修标准与样板房一致，交付后标准降低，业主要求按样板房施工"
PRECEDENT_TITLE = "园区生活配套及相关设施设备等销售承诺未兑现引发群诉"
DERIVED_NOTE = "（原文未单列处理步骤，以下取自管理思考）"
NO_CLOSE_NOTE = "没有足够接近的先例，以下结果仅供参考"
TEXT_ELEMENTS = ("markdown", "caption", "info", "warning", "error", "success", "toast")

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def app_env(data_dir: Path, built_index) -> Path:
    """Real index, temporary feedback DB; returns the feedback DB path."""
    return data_dir / "feedback.sqlite3"


def new_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def search(at: AppTest, text: str) -> AppTest:
    at.text_area(key="query").input(text)
    at.button(key="search").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def cards(at: AppTest) -> list:
    """Bordered containers that hold a result card (they start with a `####` title)."""
    return [c for c in at.container if any(m.value.startswith("#### ") for m in c.markdown)]


def card_title(card) -> str:
    return next(m.value for m in card.markdown if m.value.startswith("#### "))


def card_industry(card) -> str:
    meta = next(c.value for c in card.caption if c.value.startswith("行业："))
    return meta.split("：", 1)[1].split("　")[0]


def all_text(at: AppTest) -> list[str]:
    return [el.value for kind in TEXT_ELEMENTS for el in at.get(kind)]


def go_to(at: AppTest, page: str) -> AppTest:
    at.sidebar.radio(key="page").set_value(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# ---------------------------------------------------------------- 咨询顾问


def test_search_shows_precedent_card_with_thinking_and_steps(app_env):
    at = search(new_app(), PRECEDENT_QUERY)
    found = [c for c in cards(at) if PRECEDENT_TITLE in card_title(c)]
    assert found, [card_title(c) for c in cards(at)]
    card = found[0]
    headings = [m.value for m in card.markdown]
    assert "**管理思考**" in headings and "**处理步骤**" in headings
    # The steps of this case come from its 管理思考 section; the card has to say so.
    assert DERIVED_NOTE in [c.value for c in card.caption]
    steps = headings[headings.index("**处理步骤**") + 1]
    assert steps.startswith("1. ") and "\n2. " in steps
    # Matched query terms are bolded in the card text, and sources are cited.
    assert any("**承诺**" in v or "**精装修**" in v for v in headings)
    assert any(c.value.startswith("来源：") and "txt" in c.value for c in card.caption)
    assert any(c.value.startswith("检索用时") for c in at.caption)
    assert not at.info or NO_CLOSE_NOTE not in [i.value for i in at.info]


def test_colloquial_query_shows_the_added_document_terms(app_env):
    at = search(new_app(), "业主说房子晚交了三个月，要求开发商赔钱")
    added = [c.value for c in at.caption if c.value.startswith("同时检索书面用语：")]
    assert added and "延期交房" in added[0]
    plain = search(new_app(), "群诉处理小组应该由哪些人组成")
    assert not [c.value for c in plain.caption if c.value.startswith("同时检索书面用语：") and "延期交房" in c.value]


def test_long_expansion_list_is_cut_with_the_total_named(app_env):
    at = search(new_app(), "买理财时合同里没提手续费，后来账单上莫名多扣了钱")
    added = [c.value for c in at.caption if c.value.startswith("同时检索书面用语：")]
    assert added and added[0].endswith(" 个")
    shown = added[0].removeprefix("同时检索书面用语：").rsplit(" 等 ", 1)
    assert len(shown[0].split("、")) == 8 and int(shown[1].removesuffix(" 个")) > 8


def test_example_button_fills_query_and_searches(app_env):
    at = new_app()
    at.button(key="example_0").click().run()
    assert at.text_area(key="query").value.startswith("售楼时经纪人承诺")
    assert cards(at)


def test_empty_query_shows_warning_and_no_cards(app_env):
    at = search(new_app(), "   \n  ")
    assert any("请输入投诉描述" in w.value for w in at.warning)
    assert cards(at) == []
    assert not any("管理思考" in v for v in all_text(at))


def test_binary_query_shows_error(app_env):
    at = search(new_app(), "\x00\x01\x02\x03" * 50)
    assert any("二进制" in e.value for e in at.error)
    assert cards(at) == []


def test_industry_filter_restricts_hits(app_env):
    query = "业主投诉物业维修不及时，服务态度差"
    at = search(new_app(), query)
    unfiltered = [card_industry(c) for c in cards(at)]
    assert any(i != "银行" for i in unfiltered), unfiltered  # the filter below has something to remove
    at.selectbox(key="industry").select("银行").run()
    filtered = [card_industry(c) for c in cards(at)]
    assert filtered and set(filtered) == {"银行"}, filtered


def test_kind_filter_shows_only_guidelines(app_env):
    at = new_app()
    at.radio(key="kind").set_value("规程")
    search(at, "投诉处理时限是多久")
    shown = cards(at)
    assert shown
    assert all("**规程内容**" in [m.value for m in c.markdown] for c in shown)
    assert not any("**管理思考**" in [m.value for m in c.markdown] for c in shown)


def test_guidance_panel_grades_group_complaint(app_env):
    at = search(new_app(), "30 多户业主拉横幅")
    values = [m.value for m in at.markdown]
    assert "##### 定级参考" in values and "##### 处理时限" in values
    grading = [v for v in values if v.startswith("- **") and "→" in v]
    assert any(v.endswith("→ 重大群诉") for v in grading), grading
    captions = [c.value for c in at.caption]
    assert any(c.startswith("依据：") and "拉横幅" in c for c in captions)
    assert any(c.startswith("出处：") and "txt" in c for c in captions)
    assert any("6小时内向总部报备" in v for v in values)


def test_feedback_click_writes_row(app_env):
    at = search(new_app(), PRECEDENT_QUERY)
    first = cards(at)[0]
    up = next(b for b in first.button if b.key.startswith("fb_up_"))
    case_id = up.key.removeprefix("fb_up_")
    before = _count_rows(app_env, case_id)
    up.click().run()
    assert not at.exception
    assert _count_rows(app_env, case_id) == before + 1
    with sqlite3.connect(app_env) as conn:
        query, rank, helpful = conn.execute(
            "SELECT query, rank, helpful FROM feedback WHERE case_id = ? ORDER BY id DESC LIMIT 1", (case_id,)
        ).fetchone()
    assert (rank, helpful) == (1, 1) and query.startswith("售楼时经纪人")
    assert any("已记录反馈" in t.value for t in at.toast)
    assert at.button(key=f"fb_up_{case_id}").disabled  # one vote per result


def _count_rows(db: Path, case_id: str) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM feedback WHERE case_id = ?", (case_id,)).fetchone()[0]


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script> 业主投诉物业",
    "**粗体** [链接](http://evil) 业主投诉 <img src=x onerror=alert(1)>",
])
def test_injection_in_query_is_shown_literally(app_env, payload):
    at = search(new_app(), payload)
    texts = all_text(at)
    shown = [v for v in texts if v.startswith("**当前查询**")]
    assert shown, "the query must be echoed (escaped) on the page"
    for value in texts:
        assert "<script" not in value and "<img" not in value
        assert "**粗体**" not in value and "[链接](http" not in value
    assert "&lt;" in shown[0] and ("&lt;script&gt;" in shown[0] or r"\*\*粗体\*\*" in shown[0])
    for kind in ("markdown", "caption"):
        assert not any(el.proto.allow_html for el in at.get(kind))
    assert not at.get("html")


def test_long_query_is_truncated_with_warning(app_env):
    at = search(new_app(), "业主投诉电梯故障困人" * 2_000)  # 20,000 characters
    assert any("查询过长" in w.value and "2000" in w.value for w in at.warning)
    assert cards(at)


def test_response_plan_is_copy_ready_and_downloadable(app_env):
    at = search(new_app(), "30 多户业主拉横幅")
    assert not [c for c in at.code if c.language == "markdown"]
    at.button(key="plan").click().run()
    plans = [c.value for c in at.code if c.language == "markdown"]
    assert plans and plans[0].startswith("# 投诉处理方案")
    assert "重大群诉" in plans[0]
    assert any(d.label.startswith("下载处理方案") for d in at.get("download_button"))


# ---------------------------------------------------------------- 培训情景


def test_training_page_preview_edit_and_downloads(app_env):
    at = go_to(new_app(), "培训情景")
    preview = [m.value for m in at.markdown if m.value.startswith("# 培训情景")]
    assert preview and "## 学员目标" in preview[0] and "## 评分" in preview[0]
    assert {"dl_md", "dl_json", "dl_docx"} <= {d.key for d in at.get("download_button")}

    opening = next(t for t in at.text_area if t.key.startswith("sc_opening_"))
    opening.input("你们的物业到底管不管事？我已经投诉三次了！")
    at.button(key="sc_apply").click().run()
    assert not at.exception
    assert any("修改已应用" in s.value for s in at.success)
    preview = [m.value for m in at.markdown if m.value.startswith("# 培训情景")][0]
    assert "你们的物业到底管不管事？我已经投诉三次了！" in preview

    opening = next(t for t in at.text_area if t.key.startswith("sc_opening_"))
    opening.input("   ")
    at.button(key="sc_apply").click().run()
    errors = [e.value for e in at.error]
    assert any("开场白" in e and "不能为空" in e for e in errors), errors
    # The invalid edit is not applied: the previous (valid) opening is still previewed.
    preview = [m.value for m in at.markdown if m.value.startswith("# 培训情景")][0]
    assert "你们的物业到底管不管事？我已经投诉三次了！" in preview


def test_training_options_change_the_card(app_env):
    at = go_to(new_app(), "培训情景")
    at.selectbox(key="sc_personality").select("暴跳如雷型")
    at.radio(key="sc_difficulty").set_value("困难").run()
    preview = [m.value for m in at.markdown if m.value.startswith("# 培训情景")][0]
    assert "**性格类型**:暴跳如雷型" in preview and "**难度**:困难" in preview


# ---------------------------------------------------------------- 案例库


def test_library_shows_records_corpus_report_and_feedback(app_env, built_index):
    manifest = json.loads((built_index.index_dir / "manifest.json").read_text(encoding="utf-8"))
    at = go_to(new_app(), "案例库")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["案例（去重后）"] == str(manifest["n_cases"])
    assert metrics["规程"] == str(manifest["n_guidelines"])
    assert int(metrics["合并的重复记录"]) > 0 and int(metrics["剔除的噪声段落"]) > 0
    tables = {tuple(d.value.columns): d.value for d in at.dataframe}
    records = tables[("编号", "类别", "标题", "行业", "类型", "处理步骤", "来源")]
    assert len(records) == manifest["n_cases"] + manifest["n_guidelines"]
    merged = tables[("标题", "类别", "来源数", "来源")]
    assert (merged["来源数"] >= 2).all()
    assert PRECEDENT_TITLE in set(merged["标题"])
    dropped = tables[("原因", "段落数", "样例")]
    assert len(dropped) > 0 and (dropped["段落数"] > 0).all()
    assert "反馈总数" in metrics

    at.text_input(key="lib_text").input("样板房").run()
    tables_after = {tuple(d.value.columns): d.value for d in at.dataframe}
    titles = tables_after[("编号", "类别", "标题", "行业", "类型", "处理步骤", "来源")]["标题"]
    assert 0 < len(titles) < len(records)
    assert cards(at)  # the selected record is shown as a card
    # with the staff-style questions it is found by
    chosen = at.selectbox(key="lib_pick").value
    chunks = [json.loads(line) for line in (built_index.index_dir / "chunks.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = [c["text"] for c in chunks if c["field"] == "questions" and c["record_id"] == chosen]
    assert expected and any(e.label.startswith(f"常见问法（{len(expected)} 条") for e in at.expander)
    assert any(m.value == "\n".join(f"- {q}" for q in expected) for m in at.markdown)


# ---------------------------------------------------------------- start-up paths (own caches)


@pytest.fixture
def fresh_caches(monkeypatch) -> Iterator[pytest.MonkeyPatch]:
    """Empty Streamlit caches so the app re-reads settings; restored (emptied again) afterwards."""
    st.cache_resource.clear()
    st.cache_data.clear()
    yield monkeypatch
    monkeypatch.undo()
    st.cache_resource.clear()
    st.cache_data.clear()


def test_corrupt_index_shows_error_with_rebuild_command(app_env, fresh_caches, tmp_path):
    bad = tmp_path / "index"
    bad.mkdir()
    (bad / "manifest.json").write_text("{not json", encoding="utf-8")
    fresh_caches.setenv("ADVISOR_INDEX_DIR", str(bad))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.error and "索引清单损坏" in at.error[0].value
    assert "python -m advisor build" in [c.value for c in at.code]
    assert len(at.text_area) == 0  # the app stopped before the search page


def test_missing_index_is_built_then_searchable(app_env, fresh_caches, tmp_path, project_root):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    smallest = min((project_root / "corpus").glob("*.txt"), key=lambda p: p.stat().st_size)
    shutil.copy(smallest, corpus / smallest.name)
    index = tmp_path / "index"
    fresh_caches.setenv("ADVISOR_CORPUS_DIR", str(corpus))
    fresh_caches.setenv("ADVISOR_INDEX_DIR", str(index))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.label for s in at.status] == ["索引已就绪"]
    assert (index / "manifest.json").exists()
    search(at, "投诉处理时限")
    assert cards(at)


def test_no_close_precedent_marks_results(app_env, fresh_caches):
    # A threshold above any cosine similarity makes every result "not close".
    fresh_caches.setenv("ADVISOR_NO_PRECEDENT_THRESHOLD", "2.0")
    at = search(new_app(), PRECEDENT_QUERY)
    assert NO_CLOSE_NOTE in [i.value for i in at.info]
    shown = cards(at)
    assert shown and all(card_title(c).endswith("（仅供参考）") for c in shown)
