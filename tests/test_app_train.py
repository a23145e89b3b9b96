"""The trainer page: pick a precedent, options, the card, edits (errors in Chinese), exports, packs, practice."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP, TIMEOUT, markdowns, point_at
from test_app import downloads as downloads  # noqa: F401  (the fixture)

from advisor.training import Card

TRAIN_PAGE = "advisor/ui/pages/train.py"
GOOD_REPLY = "非常抱歉给您添麻烦了，这是我们的责任。我马上核实情况，今天下班前给您明确答复，并请负责人亲自跟您沟通。"

pytestmark = pytest.mark.integration


@pytest.fixture
def trainer(seed_settings, data_dir, monkeypatch) -> AppTest:
    point_at(monkeypatch, seed_settings, data_dir)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    at.switch_page(TRAIN_PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def tab(at: AppTest, name: str) -> AppTest:
    at.session_state["tr_tab"] = name
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def card_heading(at: AppTest) -> str:
    return next(v for v in markdowns(at) if v.startswith("### "))


def test_card_follows_the_chosen_case_and_options(trainer, seed_advisor, downloads):
    at = trainer
    at.text_input(key="tr_find").input("样板房").run()
    case_id = at.selectbox(key="tr_case").value
    assert case_id in {r.id for r in seed_advisor.records(kind="case", text="样板房")}
    at.selectbox(key="tr_difficulty").set_value("hard")
    at.selectbox(key="tr_personality").set_value("暴跳如雷型").run()
    card = Card.model_validate_json(downloads["tr_json"][1])
    assert (card.case_id, card.difficulty, card.persona.personality) == (case_id, "hard", "暴跳如雷型")
    assert any("难度：困难" in c.value for c in at.caption)
    values = markdowns(at)
    for heading in ("**背景**", "**开场白**", "**升级触发点**", "**学员目标**", "**评分标准**"):
        assert heading in values
    rubric = at.table[0].value
    assert list(rubric.columns) == ["评分项", "权重", "优", "良", "差"] and rubric["权重"].sum() == 100
    assert {"tr_md", "tr_json", "tr_docx"} <= set(downloads)
    assert downloads["tr_docx"][1][:2] == b"PK"  # a .docx is a zip file
    assert downloads["tr_md"][1].decode("utf-8").startswith("# 培训情景")


def test_edits_are_validated_in_chinese_and_applied(trainer, downloads):
    at = tab(trainer, "编辑")
    opening = next(t for t in at.text_area if t.key.startswith("ed_opening_"))
    opening.input("   ")
    at.button(key="tr_apply").click().run()
    assert [e.value for e in at.error] == ["修改未应用：开场白：不能为空"]
    next(t for t in at.text_area if t.key.startswith("ed_opening_")).input("你们的物业到底管不管事？我已经投诉三次了！")
    weight = next(n for n in at.number_input if n.key.startswith("ed_w_0_"))
    weight.set_value(weight.value + 5)
    at.button(key="tr_apply").click().run()
    assert [e.value for e in at.error] == ["修改未应用：评分权重合计必须为 100，当前为 105"]
    weight = next(n for n in at.number_input if n.key.startswith("ed_w_0_"))
    weight.set_value(weight.value - 5)
    at.button(key="tr_apply").click().run()
    assert not at.error
    tab(at, "情景卡")
    assert "> 你们的物业到底管不管事？我已经投诉三次了！" in markdowns(at)
    assert json.loads(downloads["tr_json"][1])["opening"] == "你们的物业到底管不管事？我已经投诉三次了！"
    tab(at, "编辑").button(key="tr_reset").click().run()
    tab(at, "情景卡")
    assert "> 你们的物业到底管不管事？我已经投诉三次了！" not in markdowns(at)


def test_practice_scores_each_reply_then_shows_the_precedent(trainer):
    at = tab(trainer, "练习")
    assert "**先例中的做法**" not in markdowns(at)  # not before the trainee has answered
    at.button(key="pr_submit").click().run()
    assert [w.value for w in at.warning] == ["请先写下你的回复。"]
    next(t for t in at.text_area if t.key.startswith("pr_reply_")).input(GOOD_REPLY)
    at.button(key="pr_submit").click().run()
    assert not at.exception
    score = at.metric[0]
    assert score.label == "第 1 轮得分" and score.value.endswith(" / 100")
    verdicts = next(v for v in markdowns(at) if v.startswith("- 达到：") or v.startswith("- 未达到："))
    assert "达到：" in verdicts and "——" in verdicts  # per criterion, with evidence
    assert "**先例中的做法**" in markdowns(at)
    customer = [v for v in markdowns(at) if v.startswith("**客户**：")]
    assert len(customer) == 2  # the opening, answered, and the first follow-up line now asked
    next(t for t in at.text_area if t.key.startswith("pr_reply_")).input("这不是我们的问题，你去投诉吧。")
    at.button(key="pr_submit").click().run()
    assert any("用了应避免的说法" in e.value for e in at.error)
    assert [m.label for m in at.metric] == ["第 1 轮得分", "第 2 轮得分"]
    assert int(at.metric[1].value.split()[0]) < int(at.metric[0].value.split()[0])


def test_pack_is_generated_and_exported(trainer, downloads):
    at = tab(trainer, "情景包")
    at.selectbox(key="pk_industry").set_value("房地产")
    at.number_input(key="pk_count").set_value(3)
    at.button(key="pk_build").click().run()
    assert not at.exception
    assert any(c.value.startswith("共 3 个情景") for c in at.caption)
    cards = json.loads(downloads["pk_json"][1])
    assert len(cards) == 3 and {c["industry"] for c in cards} == {"房地产"}
    assert downloads["pk_md"][1].decode("utf-8").startswith("# 培训情景包")
    assert downloads["pk_docx"][1][:2] == b"PK"


def test_cli_and_app_build_identical_cards(trainer, seed_settings, seed_advisor, downloads, capsys, monkeypatch):
    """The CLI and the app both call `Advisor.card`: for every seed case, the same card (JSON) from both."""
    from advisor.cli import main

    monkeypatch.setenv("ADVISOR_INDEX_DIR", str(seed_settings.index_dir))
    at = trainer
    at.text_input(key="tr_find").input("").run()
    at.selectbox(key="tr_difficulty").set_value("hard").run()
    case_ids = [c.id for c in seed_advisor.cases if c.record_type == "case"]
    assert len(at.selectbox(key="tr_case").options) == len(case_ids) >= 40
    for case_id in case_ids:
        at.selectbox(key="tr_case").set_value(case_id).run()
        app_card = json.loads(downloads["tr_json"][1])
        assert main(["scenario", "--case-id", case_id, "--difficulty", "hard", "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out) == app_card, case_id
