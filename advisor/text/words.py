"""Chinese word segmentation (jieba), loaded once and shared by the corpus and retrieval stages."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def jieba():
    """The initialised jieba module (its dictionary loads once, quietly)."""
    import logging

    import jieba as _jieba

    _jieba.setLogLevel(logging.WARNING)
    _jieba.initialize()
    return _jieba


def jieba_words(text: str) -> list[str]:
    """jieba's accurate-mode words of `text`, in order, covering it exactly."""
    return jieba().lcut(text)


def dictionary_words(text: str) -> list[str]:
    """Like `jieba_words`, but only dictionary words: no HMM guesses that glue names to verbs (开卡秦)."""
    return jieba().lcut(text, HMM=False)


# A character this rare in jieba's dictionary is seldom in a sentence; a run of them is mojibake (GBK read as
# another code page: "爸劣诶钕壬趺礇]有发送"), which no step or title should show.
_RARE_CHAR_FREQ = 300
_GARBLED_SHARE = 0.15


# A pronunciation gloss whose characters were lost in a bad re-encoding (燃?xì)庠O(shè)备, 日?qǐng)?bào)): what follows is
# mojibake of the same text.
_LOST_GLOSS = re.compile(r"\?[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\s*\)")


def lost_glosses(text: str) -> int:
    """How many pronunciation glosses in `text` stand where their characters were lost (燃?xì)庠O(shè)备)."""
    return len(_LOST_GLOSS.findall(text))


def is_garbled(text: str) -> bool:
    """True when three or more of the text's Chinese characters, and at least 15 % of them, are rare ones, or a
    pronunciation gloss stands where its characters were lost."""
    if _LOST_GLOSS.search(text):
        return True
    freq = jieba().dt.FREQ
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    rare = sum(1 for c in chars if freq.get(c, 0) < _RARE_CHAR_FREQ)
    return rare >= 3 and rare >= _GARBLED_SHARE * len(chars)
