"""Training packs: balanced across industries, complaint types and difficulty; distinct; meaningful titles."""

from __future__ import annotations

from collections import Counter

from test_training_fixtures import auto_case, bank_case, estate_case, personas, property_case, telecom_case

from advisor.models import Case
from advisor.training import pack_cards, select_pack, suggest_difficulty
from advisor.training.titles import card_title, title_is_meaningful


def _variant(base: Case, n: int, **update) -> Case:
    return base.model_copy(update={"id": f"{base.id}-{n}", "title": f"{base.title}（{n}号店）", **update})


def _skewed_library() -> list[Case]:
    """Eight dealer cases and one case each of four other industries, as in a lopsided compilation."""
    dealers = [_variant(auto_case(), n, complaint_type=("维修服务", "收费争议")[n % 2]) for n in range(8)]
    return [*dealers, property_case(), bank_case(), estate_case(), telecom_case()]


def test_pack_is_balanced_across_industries() -> None:
    chosen = select_pack(_skewed_library(), count=6)
    industries = Counter(c.industry for c in chosen)
    assert len(chosen) == 6 and len(industries) == 5
    assert industries["汽车"] <= 2


def test_pack_prefers_unused_complaint_types_within_an_industry() -> None:
    chosen = select_pack(_skewed_library(), industry="汽车", count=2)
    assert {c.complaint_type for c in chosen} == {"维修服务", "收费争议"}


def test_pack_balances_difficulty() -> None:
    chosen = select_pack(_skewed_library(), count=5)
    levels = Counter(suggest_difficulty(c) for c in chosen)
    assert len(levels) >= 2


def test_pack_skips_repeats_and_is_deterministic() -> None:
    cases = [auto_case(), auto_case(), auto_case().model_copy(update={"id": "dup", "title": "一、" + auto_case().title}),
             property_case()]
    chosen = select_pack(cases, count=10)
    assert [c.id for c in chosen].count("t-auto-airbag") == 1 and "dup" not in [c.id for c in chosen]
    assert select_pack(cases, count=10) == chosen
    assert select_pack(cases, count=0) == [] and select_pack(cases, industry="保险") == []


def test_seed_changes_the_choice_among_equals() -> None:
    library = _skewed_library()
    picks = {tuple(c.id for c in select_pack(library, industry="汽车", count=3, seed=s)) for s in range(8)}
    assert len(picks) > 1


def test_pack_cards_use_suggested_or_fixed_difficulty() -> None:
    cases = [estate_case(), telecom_case()]
    cards = pack_cards(cases, personas=personas(), seed=3)
    assert [c.difficulty for c in cards] == [suggest_difficulty(c) for c in cases]
    assert [c.seed for c in cards] == [3, 4]
    assert {c.difficulty for c in pack_cards(cases, personas=personas(), difficulty="hard")} == {"hard"}


def test_suggested_difficulty_follows_the_stakes() -> None:
    assert suggest_difficulty(estate_case()) == "hard" or suggest_difficulty(property_case()) == "hard"
    easy = Case(id="e", title="买到过期牛奶", facts="顾客在超市买到一瓶过期牛奶，要求退款。")
    assert suggest_difficulty(easy) == "easy"


def test_titles_name_the_issue() -> None:
    assert title_is_meaningful("延期办证、延期交付引起的群诉")
    for poor in ("客户投诉某次", "经典客户投诉处理案例", "投诉案例分析范文", "案例一", "我们小区规定"):
        assert not title_is_meaningful(poor), poor
    generic = telecom_case().model_copy(update={"title": "经典客户投诉处理案例"})
    title = card_title(generic)
    assert "案例" not in title and ("信息费" in title or "留言" in title)
