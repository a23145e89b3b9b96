"""Trainer cards from precedents: build, edit, pack, render (Markdown / JSON / Word) and practise."""

from __future__ import annotations

from advisor.training.cards import apply_edits, build_card
from advisor.training.models import (
    DIFFICULTIES,
    DIFFICULTY_LABELS,
    Card,
    CardOptions,
    CriterionResult,
    Difficulty,
    Objective,
    PracticeResult,
    RubricCriterion,
    Trigger,
)
from advisor.training.packs import pack_cards, select_pack, suggest_difficulty
from advisor.training.personas import PersonaLibrary, load_personas
from advisor.training.practice import follow_up_lines, score_reply
from advisor.training.render_docx import card_to_docx, card_to_json, pack_to_docx, pack_to_json
from advisor.training.render_md import card_to_markdown, pack_to_markdown, practice_to_markdown

__all__ = [
    "Card", "CardOptions", "CriterionResult", "DIFFICULTIES", "DIFFICULTY_LABELS", "Difficulty", "Objective",
    "PersonaLibrary", "PracticeResult", "RubricCriterion", "Trigger", "apply_edits", "build_card", "card_to_docx",
    "card_to_json", "card_to_markdown", "follow_up_lines", "load_personas", "pack_cards",
    "pack_to_docx", "pack_to_json", "pack_to_markdown", "practice_to_markdown", "score_reply", "select_pack",
    "suggest_difficulty",
]
