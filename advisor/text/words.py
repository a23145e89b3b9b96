"""Chinese word segmentation (jieba), loaded once and shared by the corpus and retrieval stages."""

from __future__ import annotations

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
