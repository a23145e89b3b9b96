"""Golden trainer cards: two fixture cases rendered in full, compared with the files in tests/golden/.

The cards are built from the short fixture cases (not the corpus), so only a change to the card
builder or renderers changes them. Review the diff, then regenerate deliberately with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_training_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

from test_training_fixtures import auto_case, estate_case, personas, rules

from advisor.training import CardOptions, build_card, card_to_json, card_to_markdown

GOLDEN = Path(__file__).parent / "golden"


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing {path}: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == path.read_text(encoding="utf-8")


def test_golden_dealer_card_markdown() -> None:
    card = build_card(auto_case(), CardOptions(difficulty="hard", seed=3), rules=rules(), personas=personas())
    _golden("card_dealer_airbag_hard_seed3.md", card_to_markdown(card))


def test_golden_developer_group_card_json() -> None:
    card = build_card(estate_case(), CardOptions(difficulty="easy", seed=7), rules=rules(), personas=personas())
    _golden("card_developer_delay_easy_seed7.json", card_to_json(card) + "\n")
