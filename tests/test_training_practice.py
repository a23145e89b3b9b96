"""Practice mode with the fake encoder: follow-up lines, scoring good vs partly right vs brush-off replies."""

from __future__ import annotations

import json

import pytest
from helpers import FakeEncoder
from test_training_fixtures import ALL_CASES, BRUSH_OFF, auto_case, personas, rules

from advisor.training import CardOptions, PracticeResult, build_card, follow_up_lines, score_reply
from advisor.training.practice import avoid_hits, does, reply_units

LIB = personas()
ENCODER = FakeEncoder()


def _card(case, **options):
    return build_card(case, CardOptions(**options), rules=rules(), personas=LIB)


@pytest.mark.parametrize("make", [m for m in ALL_CASES if m().handling_steps])
def test_precedent_handling_beats_brush_off_by_30(make) -> None:
    card = _card(make(), seed=2)
    good = score_reply(card, "。".join(make().handling_steps), ENCODER)
    bad = score_reply(card, BRUSH_OFF, ENCODER)
    assert good.score - bad.score >= 30, (good, bad)
    assert good.precedent_handling == card.reference.handling


def test_good_beats_partly_right_beats_brush_off() -> None:
    card = _card(auto_case(), seed=1)
    good = score_reply(card, "就维修技术及质量问题向您致歉。减免本次维修费用。采取补救措施解决车辆故障问题，必要时上门服务。"
                             "对维修当事人内部教育处理。", ENCODER)
    partly = score_reply(card, "就维修技术及质量问题向您致歉。", ENCODER)
    bad = score_reply(card, BRUSH_OFF, ENCODER)
    assert good.score > partly.score > bad.score
    met = {c.name for c in partly.criteria if c.met}
    assert any(name.startswith("致歉认责") for name in met)
    assert not any(name.startswith("解决方案") for name in met)


def test_brush_off_is_caught_and_penalised() -> None:
    card = _card(auto_case())
    result = score_reply(card, BRUSH_OFF, ENCODER)
    assert set(result.avoid_hits) >= {"不归我管", "你自己去找"}
    assert result.score == 0
    conduct = next(c for c in result.criteria if c.name.startswith("不推诿"))
    assert not conduct.met and "不归我管" in conduct.evidence


def test_avoid_phrases_match_across_spacing_and_script() -> None:
    card = _card(auto_case())
    assert "这是规定" in avoid_hits(card, "这 是 规 定，没得商量")
    assert "不归我管" in avoid_hits(card, "這不歸我管")


def test_negated_action_is_not_the_action() -> None:
    assert does("remedy", "这次的维修费用我们给您减免")
    assert not does("remedy", "维修费用我们不会减免")
    assert not does("remedy", "抢修费是一定要交的")


def test_scoring_is_deterministic_and_empty_reply_scores_zero() -> None:
    card = _card(auto_case())
    reply = "非常抱歉，减免本次维修费用。"
    assert score_reply(card, reply, ENCODER) == score_reply(card, reply, ENCODER)
    empty = score_reply(card, "   ", ENCODER)
    assert empty.score == 0 and not any(c.met for c in empty.criteria)


def test_result_json_has_the_cli_shape() -> None:
    result = score_reply(_card(auto_case()), "非常抱歉。", ENCODER)
    data = json.loads(result.model_dump_json())
    assert set(data) >= {"score", "criteria", "avoid_hits", "precedent_handling"}
    assert set(data["criteria"][0]) == {"name", "met", "evidence"}
    assert 0 <= data["score"] <= 100
    assert PracticeResult.model_validate(data) == result


def test_follow_up_lines_come_from_active_triggers() -> None:
    card = _card(auto_case(), difficulty="hard")
    lines = follow_up_lines(card)
    assert 1 <= len(lines) <= 3 and len(set(lines)) == len(lines)
    active = {t.customer_line for t in card.triggers if t.active}
    assert set(lines) <= active
    easy = _card(auto_case(), difficulty="easy")
    assert set(follow_up_lines(easy)) <= {t.customer_line for t in easy.triggers if t.active}


def test_reply_units_are_clauses_and_adjacent_pairs() -> None:
    units = reply_units("非常抱歉，是我们的错。我们马上上门。")
    assert "非常抱歉" in units and "非常抱歉，是我们的错" in units and "我们马上上门" in units


def test_echoing_the_complaint_is_not_handling_it() -> None:
    card = _card(auto_case(), seed=1)
    echo = score_reply(card, f"您说的{card.title}，我知道了。", ENCODER)
    assert echo.score == 0
    assert not any(c.met for c in echo.criteria if not c.name.startswith("不推诿"))
