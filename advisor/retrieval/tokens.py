"""Chinese tokenizers for BM25: character bigrams, jieba words, or both."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from advisor.text.normalize import to_simplified
from advisor.text.words import jieba

Tokenizer = Callable[[str], list[str]]

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9]+(?:\.[0-9]+)?")
# Function words that carry no topic in bigram or word form.
_STOP = frozenset("的 了 和 是 在 也 就 都 而 及 与 或 一 个 这 那 有 为 对 等 将 被 把 之 其 并 中 上 下 不 要 会".split())


def _prepare(text: str) -> str:
    return unicodedata.normalize("NFKC", to_simplified(text)).lower()


def bigram_tokens(text: str) -> list[str]:
    """Overlapping character bigrams of every CJK run (single characters for one-character runs)."""
    out: list[str] = []
    for run in _CJK_RUN.findall(_prepare(text)):
        if not ("\u4e00" <= run[0] <= "\u9fff"):
            out.append(run)
        elif len(run) == 1:
            if run not in _STOP:
                out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def jieba_tokens(text: str) -> list[str]:
    """jieba search-mode words (single stop characters dropped)."""
    words = jieba().lcut_for_search(_prepare(text))
    return [w for w in words if w.strip() and _CJK_RUN.fullmatch(w) and w not in _STOP]


def both_tokens(text: str) -> list[str]:
    """jieba words plus character bigrams."""
    return jieba_tokens(text) + bigram_tokens(text)


TOKENIZERS: dict[str, Tokenizer] = {"bigram": bigram_tokens, "jieba": jieba_tokens, "both": both_tokens}


def get_tokenizer(name: str) -> Tokenizer:
    """Look up a tokenizer by its settings name."""
    try:
        return TOKENIZERS[name]
    except KeyError:
        raise ValueError(f"unknown tokenizer {name!r}; choose one of {sorted(TOKENIZERS)}") from None
