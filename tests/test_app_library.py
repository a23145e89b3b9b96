"""The library page: browsing, similar questions, feedback statistics, escaped CSV downloads, and the index
built and rebuilt from the page while the app keeps serving (live reload in the same process)."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP, TIMEOUT, card_titles, markdowns, point_at, result_of, search
from test_app import downloads as downloads  # noqa: F401  (the fixture)

LIBRARY_PAGE = "advisor/ui/pages/library.py"
SEARCH_PAGE = "advisor/ui/pages/search.py"
SEED_FILES = ("000_750d983955acc44f.txt", "003_77753ff0ff9fe2ec.txt")
HOTEL_TITLE = "客房空调深夜停机，客人要求退还房费"
HOTEL_QUERY = "酒店空调半夜坏了，前台电话打不通，客人要求退房费"
# A new document dropped into the corpus; written for this test, in a layout the seeds do not use.
HOTEL_DOC = f"""酒店客户投诉处理案例汇编

案例一：{HOTEL_TITLE}
【事件经过】
七月的一个晚上，一位客人入住某酒店标准间。凌晨一点客房空调突然停止制冷，客人连续拨打前台电话无人接听，只好开窗过夜。第二天早上客人在大堂要求退还全部房费，并投诉夜班值班经理失职。
【案例点评】
1. 夜班前台必须保证电话随时有人接听，离岗时应转接到值班经理手机。
2. 客房设备故障应立即安排工程人员维修，无法及时修复的应主动为客人调换房间。
3. 处理投诉时先向客人真诚致歉，再根据影响程度给予房费减免。
【处理结果】
值班经理当面致歉，为客人免除当晚房费，并赠送一次早餐券，客人表示接受。
"""


def library(at: AppTest, tab: str | None = None) -> AppTest:
    at.switch_page(LIBRARY_PAGE)
    if tab:
        at.session_state["lib_tab"] = tab
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.integration
def test_browse_filters_records_and_shows_similar_questions(seed_settings, seed_advisor, data_dir, monkeypatch):
    point_at(monkeypatch, seed_settings, data_dir)
    at = library(AppTest.from_file(str(APP), default_timeout=TIMEOUT).run(), "浏览")
    every = next(d.value for d in at.dataframe if "标题" in d.value.columns)
    assert len(every) == len(seed_advisor.records())
    at.text_input(key="lib_text").input("样板房").run()
    table = next(d.value for d in at.dataframe if "标题" in d.value.columns)
    assert 0 < len(table) < len(every) and len(table) == len(seed_advisor.records(text="样板房"))
    at.text_input(key="lib_text").input("")
    at.radio(key="lib_kind").set_value("规程").run()
    kinds = set(next(d.value for d in at.dataframe if "类别" in d.value.columns)["类别"])
    assert kinds == {"规程"}
    # A record with many staff-style questions: the list is folded, with its count.
    at.radio(key="lib_kind").set_value("全部").run()
    many = next(r for r in seed_advisor.records() if len(seed_advisor.similar_questions(r.id)) > 8)
    at.selectbox(key="lib_pick").set_value(many.id).run()
    questions = seed_advisor.similar_questions(many.id)
    assert any(e.label == f"常见问法（{len(questions)} 条）" for e in at.expander)
    assert any(v.startswith("- ") and questions[0] in v for v in markdowns(at))
    few = next(r for r in seed_advisor.records() if 0 < len(seed_advisor.similar_questions(r.id)) <= 8)
    at.selectbox(key="lib_pick").set_value(few.id).run()
    assert "**常见问法**" in markdowns(at) and not any(e.label.startswith("常见问法") for e in at.expander)


@pytest.mark.integration
def test_feedback_statistics_and_csv_downloads_escape_formulas(seed_settings, tmp_path, monkeypatch, downloads):
    from advisor import Advisor

    point_at(monkeypatch, seed_settings, tmp_path / "data")
    evil = "=HYPERLINK(\"http://evil.example\",\"点我\")"
    original = Advisor.records
    monkeypatch.setattr(Advisor, "records", lambda self, *a, **k: [
        r.model_copy(update={"title": evil}) if i == 0 else r for i, r in enumerate(original(self, *a, **k))])
    at = search(AppTest.from_file(str(APP), default_timeout=TIMEOUT).run(), "业主投诉物业维修不及时")
    next(f for f in at.feedback if f.key.startswith("vote_1_")).set_value(1).run()
    library(at, "浏览")
    name, data = downloads["lib_csv"]
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert name.endswith(".csv") and rows[0][:3] == ["编号", "类别", "标题"]
    assert rows[1][2] == "'" + evil  # shown as text by a spreadsheet, never evaluated
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    library(at, "反馈统计")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["反馈总数"] == "1" and metrics["有帮助"] == "1"
    assert downloads["feedback_csv"][1].decode("utf-8-sig").splitlines()[0] == "编号,标题,有帮助,没帮助,合计,有帮助比例"


@pytest.mark.integration
def test_index_built_from_the_page_then_rebuilt_and_served_without_restart(tmp_path, monkeypatch, project_root):
    corpus, knowledge, index = tmp_path / "corpus", tmp_path / "knowledge", tmp_path / "index"
    corpus.mkdir()
    knowledge.mkdir()  # an empty knowledge folder: the product works without curated data
    for name in SEED_FILES:
        shutil.copy(project_root / "corpus" / name, corpus / name)
    monkeypatch.setenv("ADVISOR_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("ADVISOR_INDEX_DIR", str(index))
    monkeypatch.setenv("ADVISOR_KNOWLEDGE_DIR", str(knowledge))
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ADVISOR_USERS_FILE", "")

    # No index yet: a clear message with the commands, and (local admin) a button that builds it.
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert at.error and at.error[0].value.startswith("还没有案例索引")
    assert any("python -m advisor build" in c.value for c in at.code) and not at.text_area
    at.button(key="build_index").click().run()
    assert not at.exception and (index / "manifest.json").exists()
    search(at, HOTEL_QUERY)
    assert not any(HOTEL_TITLE in t for t in card_titles(at))
    built_before = json.loads((index / "manifest.json").read_text(encoding="utf-8"))["built_at"]

    # A new document and a rebuild from the admin tab; the running app swaps the index in.
    (corpus / "酒店案例.txt").write_text(HOTEL_DOC, encoding="utf-8")
    library(at, "重建索引")
    at.button(key="rebuild").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("索引已重建" in s.value for s in at.success)
    assert any(c.value.startswith("索引已写入") for c in at.code)
    assert any("案例库已更新" in t.value for t in at.toast)
    assert json.loads((index / "manifest.json").read_text(encoding="utf-8"))["built_at"] != built_before
    at.switch_page(SEARCH_PAGE).run()
    search(at, HOTEL_QUERY)
    assert HOTEL_TITLE in card_titles(at)[0]
    assert result_of(at).hits[0].industry == "酒店"
