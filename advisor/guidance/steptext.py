"""A plan step's text: a document's sentence clipped to a step, and the character bigrams steps are compared by."""

from __future__ import annotations

import re
from functools import lru_cache

from advisor.guidance.clauses import ENUM, STORY_PERSON

MAX_STEP_CHARS = 90
# A sentence with a date or a 某某 goes on with the story ("2015年1月19日,患者刘某的家属来到…").
DATED = re.compile(r"\d{4}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日|某某")
_SPACED = re.compile(r"(?<=[\u4e00-\u9fff\d]) (?=[\u4e00-\u9fff\d])")


@lru_cache(maxsize=16384)
def clip(step: str) -> str:
    """A step without its numbering, cut at a clause boundary (the words stay the document's). Cached: the same
    sentences of the same rules are clipped in search after search."""
    text = ENUM.sub("", " ".join(step.split()).lstrip("#> ")).strip(" ;；,，")
    text = _SPACED.sub("", text)  # a PDF's spaces inside a sentence ("诚 恳", "在 5 个工作日 内")
    text = "".join(_until_story(_split(text)))
    if len(text) <= MAX_STEP_CHARS:
        return text
    cut = max(text.rfind(p, 0, MAX_STEP_CHARS) for p in "。；;")
    if cut < 20:
        cut = max(text.rfind(p, 0, MAX_STEP_CHARS) for p in "，,")
    return text[: cut + 1].rstrip("，,") if cut >= 20 else text[:MAX_STEP_CHARS]


# A sentence that is one of a sequence of instructions: "首先,…。然后,…。同时,…。最后,…".
_SEQUENCE = re.compile(r"^\s*(?:首先|其次|然后|接着|随后|同时|此外|另外|最后|再次|第[一二三四五六七八九十]|[一二三四五六七八九十]是)[，,、]?")


def sentences(step: str) -> list[str]:
    """A precedent's step written as a sequence of instructions ("首先,向客人道歉并表示理解。然后,…。同时,对相关员工
    进行培训…"), cut into its sentences, each judged as a step of its own (a step and a debrief are told together);
    any other step whole (its later sentences go on with the story it tells)."""
    parts = _split(step)
    return _until_story(parts) if sum(bool(_SEQUENCE.match(x)) for x in parts) >= 2 else [step]


def _split(text: str) -> list[str]:
    return [x for x in re.split(r"(?<=[。！？!?])", text) if x.strip()]


def _until_story(parts: list[str]) -> list[str]:
    """The sentences before the story goes on ("…拟定调解方案。2015年1月19日,患者刘某的家属来到…": the second is no
    part of the step)."""
    story = next((i for i, x in enumerate(parts[1:], 1) if STORY_PERSON.search(x) or DATED.search(x)), None)
    return parts[:story] if story is not None else parts


def bigrams(text: str) -> set[str]:
    """The character bigrams of `text`, punctuation and spaces removed."""
    text = re.sub(r"[\W_]", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """How much two sets of bigrams overlap (0–1): near-duplicate steps score high."""
    return len(a & b) / max(len(a | b), 1)


def contained(a: set[str], b: set[str]) -> float:
    """How much of the smaller set of bigrams the other holds (0–1): a step repeated inside a longer one
    ("项目公司应及时拟定处理方案…" within "问题一旦出现,项目公司应及时拟定处理方案…另一方面,…") scores 1."""
    return len(a & b) / max(min(len(a), len(b)), 1)
