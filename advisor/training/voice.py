"""The customer's opening line: persona lead-in, then what happened to me, since when, what I want."""

from __future__ import annotations

import re

from advisor.training.person import CUSTOMER_NOUNS, customer_voice, rewrite
from advisor.training.personas import PersonaLibrary
from advisor.training.slots import CaseSlots
from advisor.training.text import finish, is_complete, without_unpaired

# Third-person case wording that must never reach the customer's mouth.
THIRD_PERSON = re.compile(
    rf"项目公司|我行|我公司|本公司|我司|(?:该|某|此|这位|那位|一位|一名|另一位)(?:{CUSTOMER_NOUNS})|"
    rf"(?:{CUSTOMER_NOUNS})(?:反映|认为|表示|称|声称|要求|投诉|来电|拒绝|发现|购买|办理)"
)
# "近日" is when a story was reported, not how long the customer has waited.
_NOT_SINCE = re.compile(r"^(?:近日|近期|日前|今天)$")


def build_opening(
    slots: CaseSlots, lib: PersonaLibrary, personality: str, motive: str, difficulty: str, picks: tuple[int, int]
) -> str:
    """The customer's first words, in their own voice, built from the case's facts.

    Args:
        slots: What the facts say about this customer (story, demand, since when, group).
        lib: The persona typology (lead-ins per difficulty, demands, preamble).
        personality: The drawn or chosen personality.
        motive: The drawn or chosen motive.
        difficulty: easy / medium / hard (selects the lead-in's intensity).
        picks: Seeded indexes into the lead-in and demand lists.

    Returns:
        Complete first-person sentences in simplified Chinese.
    """
    p, m = lib.personalities[personality], lib.motives[motive]
    leads = p.lead_ins.get(difficulty) or [""]
    lead = leads[picks[0] % len(leads)]
    story = _story_sentences(slots)
    parts = [lead]
    # A customer who shouts skips the flattery a compensation-seeker normally opens with.
    if m.preamble and p.base_level < 3 and story:
        parts.append(m.preamble)
    parts.extend(story)
    if slots.since and not _NOT_SINCE.match(slots.since):
        parts.append(f"这事从{slots.since}到现在，还没个说法。")
    if slots.group:
        parts.append("不光是我，好多人都是这个情况。")
    parts.append(_demand_sentence(slots, m.demands, picks[1]))
    return "".join(x for x in parts if x)


def _story_sentences(slots: CaseSlots) -> list[str]:
    """The story told as "I", one finished sentence each; the issue alone when the facts tell no story."""
    who = customer_voice(slots.handler, slots.narrator_is_customer)
    told = [rewrite(s, who) for s in slots.story]
    told = [finish(s) for s in told if s and not THIRD_PERSON.search(s)]
    told = [s for s in told if is_complete(s)]
    if told:
        return told
    issue = rewrite(slots.grievance, customer_voice(slots.handler))
    if not issue or THIRD_PERSON.search(issue):
        return ["我遇到的问题，到现在都没人给我解决。"]
    return [finish(f"我要说的是{without_unpaired(issue)}这件事")]


def _demand_sentence(slots: CaseSlots, demands: list[str], pick: int) -> str:
    """What I want: the case's own demand when the facts state one, else the motive's typical demand."""
    if slots.demand:
        wanted = rewrite(slots.demand, customer_voice(slots.handler, slots.narrator_is_customer))
        sentence = finish(f"我的要求很简单：{wanted}")
        if not THIRD_PERSON.search(sentence) and is_complete(sentence):
            return sentence
    return demands[pick % len(demands)] if demands else "你们得给我一个说法。"
