"""Merge near-duplicate records (same text with or without punctuation, in either script)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections import defaultdict
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

    Candidates share one of the few smallest shingle hashes (a bottom-k sketch), so the cost
    grows with the corpus, not with its square; a pair merges when most of the smaller
    record's 4-character shingles occur in the larger one.

    Returns:
        The merged records and the groups that had more than one member.
    """
    shingles = [_shingles(dedup_key(r.text)) for r in records]
    buckets: dict[int, list[int]] = defaultdict(list)
    for i, sh in enumerate(shingles):
        for h in sorted(sh)[:_SKETCH]:
            buckets[h].append(i)
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                pair = (a, b) if a < b else (b, a)
                if pair in checked:
                    continue
                checked.add(pair)
                small, large = sorted((shingles[a], shingles[b]), key=len)
                if len(small) >= _MIN_SHINGLES and len(small & large) / len(small) >= CONTAINMENT:
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
