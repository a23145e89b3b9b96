"""Training packs: distinct, balanced precedents (industry × complaint type × difficulty) and their cards."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

from advisor.models import Case, GuidanceItem, Guideline
from advisor.training.cards import build_card
from advisor.training.models import Card, CardOptions, Difficulty
from advisor.training.objectives import narrated_handling
from advisor.training.personas import PersonaLibrary
from advisor.training.slots import extract_slots
from advisor.training.titles import card_title, title_is_meaningful

# What makes a complaint hard to handle: many people, the press, the police, courts, injury …
_GRAVE = re.compile(r"群诉|集体投诉|群体|多户|媒体|曝光|报警|警察|派出所|诉讼|起诉|法院|受伤|摔倒|死亡|打人|谩骂|拍桌")
# … or, taken together, money, persistence and outside bodies.
_HARD = re.compile(r"多次|反复|一直|上级|监管|消委会|消协|赔偿|\d{4,}元|万元|投诉到")
_EASY = re.compile(r"退款|退货|更换|换货|道歉|致歉|解释|免费")
_TITLE_ENUM = re.compile(r"^\s*(?:案例\s*)?[(（]?[0-9一二三四五六七八九十]{1,3}[)）]?\s*[、.:.：]?\s*")


def suggest_difficulty(case: Case) -> Difficulty:
    """How hard a case is to role-play, from its facts.

    Args:
        case: The precedent.

    Returns:
        "hard" when the stakes are collective, public, legal or physical (or money and persistence
        together), "easy" for a short case with a simple remedy, else "medium".
    """
    text = f"{case.title}{case.facts}{case.outcome}"
    if _GRAVE.search(text) or len(set(_HARD.findall(text))) >= 2:
        return "hard"
    hard = len(set(_HARD.findall(text)))
    if hard == 0 and _EASY.search(text) and len(case.facts) < 200:
        return "easy"
    return "medium"


def _quality(case: Case) -> int:
    """How good a card the case makes: a told story, the precedent's own handling, a meaningful title."""
    slots = extract_slots(case)
    handled = bool(case.handling_steps or narrated_handling(case))
    return 2 * bool(slots.story) + 2 * handled + bool(title_is_meaningful(case.title))


def _title_key(title: str) -> str:
    key = re.sub(r"[\W_]+", "", _TITLE_ENUM.sub("", title)).lower()
    return key or re.sub(r"[\W_]+", "", title).lower()


def _near_identical(a: str, b: str) -> bool:
    """Same title up to numbering/punctuation, or ≥ 90 % similar with the same digits ("汇编 3" ≠ "汇编 4")."""
    return a == b or (re.findall(r"\d+", a) == re.findall(r"\d+", b) and SequenceMatcher(None, a, b).ratio() >= 0.9)


def select_pack(cases: Sequence[Case], *, industry: str | None = None, count: int = 10, seed: int = 0) -> list[Case]:
    """Choose distinct precedents for a pack, balanced across industries, complaint types and difficulty.

    Cases are taken in rounds over the industries (in a seeded order); in each industry the next
    case is the one whose complaint type and difficulty are least represented so far, better cards
    first (a told story, the precedent's own handling, a meaningful title). Repeats (same id or
    near-identical titles) are skipped.

    Args:
        cases: Candidate precedents.
        industry: Keep only this industry; None keeps all.
        count: How many to return at most.
        seed: Varies the order among equally good choices.

    Returns:
        Up to `count` cases.
    """
    rng = random.Random(seed)
    # Role play needs a precedent: essays and one-line mini-cases of a list only when nothing else is left.
    wanted = [c for c in cases if industry is None or c.industry == industry]
    precedents = [c for c in wanted if c.record_type == "case"]
    pool = _distinct(precedents if len(precedents) >= count else wanted)
    quality = {c.id: _quality(c) for c in pool}
    level = {c.id: suggest_difficulty(c) for c in pool}
    shuffled = sorted(pool, key=lambda c: (-quality[c.id], rng.random()))
    by_industry: dict[str, list[Case]] = {}
    for case in shuffled:
        by_industry.setdefault(case.industry, []).append(case)
    order = sorted(by_industry, key=lambda k: (-max(quality[c.id] for c in by_industry[k]), rng.random()))
    chosen: list[Case] = []
    types: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    while len(chosen) < count and any(by_industry.values()):
        for name in order:
            if len(chosen) >= count or not by_industry[name]:
                continue
            best = min(by_industry[name], key=lambda c: (types[c.complaint_type], levels[level[c.id]], -quality[c.id]))
            by_industry[name].remove(best)
            chosen.append(best)
            types[best.complaint_type] += 1
            levels[level[best.id]] += 1
    return chosen


def _distinct(cases: Sequence[Case]) -> list[Case]:
    out: list[Case] = []
    keys: list[str] = []
    for case in cases:
        key = _title_key(card_title(case))
        if any(c.id == case.id for c in out) or any(_near_identical(key, k) for k in keys):
            continue
        out.append(case)
        keys.append(key)
    return out


def pack_cards(
    cases: Sequence[Case],
    *,
    personas: PersonaLibrary,
    seed: int = 0,
    difficulty: Difficulty | None = None,
    rules_for: Callable[[Case], Sequence[GuidanceItem]] | None = None,
    principles: Sequence[Guideline] = (),
) -> list[Card]:
    """Cards for a pack, one per case, each with its own seed and (unless fixed) suggested difficulty.

    Args:
        cases: The pack's cases (e.g. from `select_pack`).
        personas: The persona typology.
        seed: The first card's seed; card i uses seed + i.
        difficulty: One difficulty for every card; None uses `suggest_difficulty` per case.
        rules_for: The grading and deadline rules for a case (the facade's lookup); None for none.
        principles: Principle guidelines for the communication criterion.

    Returns:
        The cards, in order.
    """
    cards = []
    for i, case in enumerate(cases):
        options = CardOptions(difficulty=difficulty or suggest_difficulty(case), seed=seed + i)
        rules = rules_for(case) if rules_for else ()
        cards.append(build_card(case, options, rules=rules, principles=principles, personas=personas))
    return cards
