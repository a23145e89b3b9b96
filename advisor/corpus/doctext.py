"""A cleaned text that remembers, for every character, its offset in the source file."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

Fragment = tuple[int, int]


@dataclass(frozen=True)
class DocText:
    """Simplified text + original-script text of equal length + per-character file offsets.

    Cleaning drops and joins pieces of a file; a DocText keeps the mapping so any slice of
    the clean text can be cited as `(start, end)` in the file it came from.
    """

    file: str
    text: str
    orig: str
    pos: tuple[int, ...]

    @classmethod
    def from_fragments(cls, file: str, simple: str, original: str, paragraphs: list[list[Fragment]]) -> DocText:
        """Join paragraphs (lists of file fragments) with newlines."""
        text_parts: list[str] = []
        orig_parts: list[str] = []
        pos: list[int] = []
        for i, frags in enumerate(paragraphs):
            if i:
                text_parts.append("\n")
                orig_parts.append("\n")
                pos.append(pos[-1] + 1 if pos else 0)
            for start, end in frags:
                text_parts.append(simple[start:end])
                orig_parts.append(original[start:end])
                pos.extend(range(start, end))
        return cls(file, "".join(text_parts), "".join(orig_parts), tuple(pos))

    def __len__(self) -> int:
        return len(self.text)

    def locate(self, start: int, end: int) -> Fragment:
        """File offsets `(start, end)` of the clean slice `[start, end)`."""
        if not self.pos or end <= start:
            return (0, 0)
        start = max(0, min(start, len(self.pos) - 1))
        end = max(start + 1, min(end, len(self.pos)))
        return (self.pos[start], self.pos[end - 1] + 1)

    def index_at(self, offset: int) -> int:
        """Index of the first character whose file offset is `offset` or later (0 when there is none).

        Offsets ascend in a cleaned text, so this is a binary search (a linear scan per case made
        segmenting a large file quadratic); the scan is kept for a text whose offsets do not ascend.
        """
        if self._ascending:
            i = bisect_left(self.pos, offset)
            return i if i < len(self.pos) else 0
        return next((i for i, pos in enumerate(self.pos) if pos >= offset), 0)

    @cached_property
    def _ascending(self) -> bool:
        return all(a <= b for a, b in pairwise(self.pos))
