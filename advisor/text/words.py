"""Chinese word segmentation (jieba), loaded once and shared by the corpus and retrieval stages."""

from __future__ import annotations

from functools import lru_cache

from advisor.text.normalize import LOST_GLOSS


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


def is_garbled(text: str) -> bool:
    """True when three or more of the text's Chinese characters, and at least 15 % of them, are rare ones, or a
    pronunciation gloss stands where its characters were lost."""
    if LOST_GLOSS.search(text):
        return True
    freq = jieba().dt.FREQ
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    rare = sum(1 for c in chars if freq.get(c, 0) < _RARE_CHAR_FREQ)
    return rare >= 3 and rare >= _GARBLED_SHARE * len(chars)
