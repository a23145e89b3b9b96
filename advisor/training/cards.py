"""Build a trainer card from one precedent, and apply a trainer's edits to it."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from advisor.models import Case, GuidanceItem, Guideline
from advisor.text.pii import mask_pii
from advisor.text.terms import GENERAL, INDUSTRY_TERMS
from advisor.training.models import Background, Card, CardOptions, Reference
from advisor.training.objectives import KIND_CUES, plan
from advisor.training.personas import PersonaLibrary, make_persona, pick_persona
from advisor.training.rubric import build_rubric
from advisor.training.slots import extract_slots
from advisor.training.text import dedupe, sentences, tidy
from advisor.training.titles import card_title
from advisor.training.triggers import avoid_phrases, build_triggers
from advisor.training.voice import build_opening

_MAX_EMPATHY_LINES = 2


def build_card(
    case: Case,
    options: CardOptions,
    *,
    rules: Sequence[GuidanceItem] = (),
    principles: Sequence[Guideline] = (),
    personas: PersonaLibrary,
) -> Card:
    """Build a role-play card from one precedent.

    Pure and deterministic: the same case, options and arguments give the same card. Every random
    draw comes from one `random.Random(seed)` in a fixed order that does not depend on the
    difficulty, so changing only the difficulty keeps the persona and wording and changes the
    intensity and the active triggers.

    Args:
        case: The precedent.
        options: Difficulty, optional fixed personality/motive, seed.
        rules: Grading and deadline rules found for the case; rules of another industry's standard
            are left out.
        principles: Principle guidelines; their empathy advice joins the communication criterion.
        personas: The persona typology (`load_personas`).

    Returns:
        The validated card, all text in simplified Chinese.

    Raises:
        KeyError: A chosen personality or motive is not in `personas`.
    """
    rng = random.Random(options.seed)
    case_text = " ".join([case.title, case.facts, case.context, *case.management_thinking, *case.handling_steps])
    drawn = pick_persona(personas, case_text, rng)
    picks = (rng.randrange(1_000), rng.randrange(1_000))
    personality, motive = options.personality or drawn[0], options.motive or drawn[1]
    persona = make_persona(personas, personality, motive, options.difficulty)

    slots = extract_slots(case)
    applicable = applicable_rules(case, rules)
    steps = plan(case, slots, applicable)
    avoid = avoid_phrases(personas, personality, motive)
    rubric = build_rubric(steps.objectives, persona, avoid, _empathy_lines(principles),
                          personas.motives[motive].good_lines)
    return mask_card(Card(
        case_id=case.id,
        title=card_title(case),
        case_title=tidy(case.title),
        industry=case.industry,
        complaint_type=case.complaint_type,
        difficulty=options.difficulty,
        seed=options.seed,
        background=_background(case),
        persona=persona,
        opening=build_opening(slots, personas, personality, motive, options.difficulty, picks),
        triggers=build_triggers(case, slots, personas, personality, motive, options.difficulty, rng),
        objectives=steps.objectives,
        rubric=rubric,
        management_points=steps.management_points,
        deadlines=_guidance_lines(applicable, "deadline"),
        grading=_guidance_lines(applicable, "grading"),
        avoid_phrases=avoid,
        reference=_reference(case, steps.handling, steps.analysis),
    ))


def applicable_rules(case: Case, rules: Sequence[GuidanceItem]) -> list[GuidanceItem]:
    """Rules of this case's industry, or of no industry.

    A property-management deadline is no rule for a car dealer. A rule counts as industry-specific
    when it is tagged with an industry, or when its standard's title uses an industry's vocabulary
    (`advisor.text.terms.INDUSTRY_TERMS`).
    """
    own = set(INDUSTRY_TERMS.get(case.industry, ())) | {case.industry}
    out = []
    for rule in rules:
        tagged = getattr(rule, "industry", GENERAL)
        if tagged != GENERAL:
            if tagged == case.industry:
                out.append(rule)
            continue
        named = {ind for ind, terms in INDUSTRY_TERMS.items() if ind in rule.standard or any(t in rule.standard for t in terms)}
        if not named or case.industry in named or any(t in rule.standard for t in own):
            out.append(rule)
    return out


def _guidance_lines(rules: Sequence[GuidanceItem], category: str) -> list[str]:
    return dedupe(
        f"{r.label}：{tidy(r.detail)}（依据：{tidy(r.standard)}；出处：{r.citation.file}）"
        for r in rules if r.category == category
    )


def _empathy_lines(principles: Sequence[Guideline]) -> list[str]:
    """Short listening/empathy sentences from the company's principle passages."""
    listen = dict(KIND_CUES)["listen"]
    found = [s for g in principles for s in sentences(g.text) if 8 <= len(s) <= 40 and listen.search(s)]
    return dedupe(found)[:_MAX_EMPATHY_LINES]


def _background(case: Case) -> Background:
    files = dedupe(s.file for s in case.sources)
    spans = "；".join(f"{s.file}（字符 {s.start}–{s.end}）" for s in case.sources)
    return Background(facts=tidy(case.facts or case.text), context=tidy(case.context),
                      source=f"来源：{spans}" if spans else "来源：未记录", files=files)


def _reference(case: Case, handling: list[str], analysis: list[str]) -> Reference:
    origin = getattr(case, "steps_origin", "")
    if not handling:
        note = "先例未记录具体处理过程；请以学员目标为参考做法。"
    elif origin in ("story", "thinking"):
        note = "处理做法由案例叙述或管理思考整理得出，非原文编号的处理步骤。"
    else:
        note = ""
    return Reference(handling=handling, outcome=tidy(case.outcome), analysis=analysis, note=note)


def _deep_merge(base: dict[str, Any], edits: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in edits.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def apply_edits(card: Card, edits: dict[str, Any]) -> Card:
    """Apply a trainer's edits and re-validate the whole card.

    Nested objects merge key by key (``{"persona": {"intensity": 4}}``); lists are replaced whole.

    Args:
        card: The card being edited (left unchanged).
        edits: Field values to change, shaped like `Card.model_dump()`.

    Returns:
        A new, validated card.

    Raises:
        pydantic.ValidationError: An edited value is invalid (unknown field, wrong type, empty
            opening, rubric weights not adding up to 100, equal 优/良/差 descriptors, …).
    """
    return mask_card(Card.model_validate(_deep_merge(card.model_dump(), edits)))


def mask_card(card: Card) -> Card:
    """The card with personal data masked in every text (a card is exported: md, json, docx)."""
    def walk(value):
        if isinstance(value, str):
            return mask_pii(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    return Card.model_validate(walk(card.model_dump()))
