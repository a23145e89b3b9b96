"""Merge near-duplicate records (same text with or without punctuation, in either script)."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import TypeVar

from advisor.models import Case, Guideline

R = TypeVar("R", Case, Guideline)

_NON_WORD = re.compile(r"[\W_]+")
_SHINGLE = 4
_SKETCH = 12
CONTAINMENT = 0.8
_MIN_SHINGLES = 30
COVERAGE_SLACK = 0.02


def dedup_key(text: str) -> str:
    """Content with punctuation, whitespace and width differences removed (text is already simplified)."""
    return _NON_WORD.sub("", unicodedata.normalize("NFKC", text))


def record_id(prefix: str, text: str) -> str:
    """Stable id: a hash of the record's normalized content."""
    return f"{prefix}-{hashlib.sha1(dedup_key(text).encode()).hexdigest()[:12]}"


def _shingles(key: str) -> set[int]:
    return {zlib.crc32(key[i : i + _SHINGLE].encode()) for i in range(max(1, len(key) - _SHINGLE + 1))}


def merge_duplicates(records: list[R]) -> tuple[list[R], list[list[R]]]:
    """Group near-duplicates and keep one record per group, with every group member's sources.

    Candidates share one of the few smallest shingle hashes (a bottom-k sketch); a pair merges when
    most of the smaller record's 4-character shingles occur in the larger one. The pairs are found
    by prefix filtering (`_candidate_pairs`), so the cost grows with the corpus, not with its square.

    Returns:
        The merged records and the groups that had more than one member.
    """
    shingles = [_shingles(dedup_key(r.text)) for r in records]
    sketches = [set(sorted(sh)[:_SKETCH]) for sh in shingles]
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in _candidate_pairs(shingles):
        # A pair already in one group changes nothing: skip its comparison (copies of a page).
        if find(a) == find(b) or sketches[a].isdisjoint(sketches[b]):
            continue
        small, large = sorted((shingles[a], shingles[b]), key=len)
        if len(small & large) / len(small) >= CONTAINMENT:
            parent[find(a)] = find(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        groups[find(i)].append(i)
    merged: list[R] = []
    multi: list[list[R]] = []
    for idx in sorted(groups.values(), key=min):
        members = [records[i] for i in idx]
        merged.append(_merge(members))
        if len(members) > 1:
            multi.append(members)
    return merged, multi


def _min_common(n: int) -> int:
    """The fewest shared shingles with which a record of `n` shingles counts as contained."""
    k = max(0, math.ceil(CONTAINMENT * n) - 1)
    while k / n < CONTAINMENT:
        k += 1
    return k


def _candidate_pairs(shingles: list[set[int]]) -> Iterator[tuple[int, int]]:
    """Pairs (a, b), `a` the smaller set (or at equal size the earlier one), that may merge: every pair
    whose smaller set has at least `_MIN_SHINGLES` shingles, `CONTAINMENT` of them in the other set,
    is among them.

    Prefix filtering: order shingles from rare to common; a set of n shingles that shares
    `_min_common(n)` of them with another must share one of its first n - _min_common(n) + 1 (its
    rarest ones). Only sets holding one of those are candidates, instead of every pair that shares
    a sketch hash (a common shingle with a small hash put most of a large corpus into one bucket).
    """
    sizes = [len(sh) for sh in shingles]
    eligible = [i for i, n in enumerate(sizes) if n >= _MIN_SHINGLES]  # smaller sets never merge
    freq: Counter[int] = Counter()
    for i in eligible:
        freq.update(shingles[i])
    prefixes: dict[int, list[int]] = {}
    for i in eligible:
        n = sizes[i]
        # Rarest first, ties by hash (two stable sorts keep the key functions in C).
        prefixes[i] = sorted(sorted(shingles[i]), key=freq.__getitem__)[: n - _min_common(n) + 1]
    wanted = set().union(*prefixes.values())
    postings: dict[int, list[int]] = defaultdict(list)
    for j in eligible:
        for h in shingles[j] & wanted:
            postings[h].append(j)
    for a in eligible:
        n = sizes[a]
        others = {j for h in prefixes[a] for j in postings[h] if sizes[j] > n or (sizes[j] == n and j > a)}
        for b in sorted(others):
            yield a, b


def _quality(record: Case | Guideline) -> float:
    text = record.text
    punct = sum(1 for ch in text if unicodedata.category(ch).startswith("P")) / max(1, len(text))
    fields = 0
    if isinstance(record, Case):
        fields = sum(bool(x) for x in (record.facts, record.management_thinking, record.handling_steps,
                                       record.improvements, record.outcome))
    is_original_simplified = record.original_text == record.text
    return fields * 1000 + min(punct, 0.15) * 2000 + is_original_simplified * 50 + len(text) / 100


def _most_complete(members: list[R]) -> list[R]:
    """The members that say (nearly) everything the group says: a near-duplicate may carry a
    clause the others lack (one handbook's principles list has 首问责任, its copy does not)."""
    sets = [_shingles(dedup_key(m.text)) for m in members]
    union = set().union(*sets)
    coverage = [len(s) / max(1, len(union)) for s in sets]
    top = max(coverage)
    return [m for m, c in zip(members, coverage, strict=True) if c >= top - COVERAGE_SLACK]


def _merge(members: list[R]) -> R:
    best = max(_most_complete(members), key=_quality)
    sources = sorted({(s.file, s.start, s.end): s for m in members for s in m.sources}.values(),
                     key=lambda s: (s.file, s.start))
    prefix = "c" if isinstance(best, Case) else "g"
    return best.model_copy(update={"sources": sources, "id": record_id(prefix, best.text)})
