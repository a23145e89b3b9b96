"""Field-aware chunks: a case's facts, thinking and steps are embedded separately, then rolled up.

Similar questions (常见问法) become one chunk each, after all text chunks (field "questions"):
they are embedded but not indexed by BM25, and give search its third signal.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from advisor.models import Case, Guideline

MAX_CHUNK_CHARS = 360
# Guidelines mix many topics per section; smaller windows keep each rule findable.
GUIDELINE_CHUNK_CHARS = 180
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])")


@dataclass(frozen=True)
class Chunk:
    """One embedded / BM25-indexed passage of a record."""

    record_id: str
    kind: str
    field: str
    text: str

    @property
    def content_hash(self) -> str:
        """Key of the embedding cache."""
        return hashlib.sha1(self.text.encode()).hexdigest()


def _windows(text: str, limit: int = MAX_CHUNK_CHARS) -> list[str]:
    """Split at sentence ends into pieces of at most `limit` characters."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    out: list[str] = []
    current = ""
    for sentence in (s for s in _SENTENCE_END.split(text) if s.strip()):
        while len(sentence) > limit:
            head, sentence = sentence[:limit], sentence[limit:]
            if current:
                out.append(current)
                current = ""
            out.append(head)
        if len(current) + len(sentence) > limit and current:
            out.append(current)
            current = ""
        current += sentence
    if current.strip():
        out.append(current)
    return [w.strip() for w in out if w.strip()]


def case_chunks(case: Case) -> list[Chunk]:
    """Summary (title, context, facts), management thinking, and handling steps/improvements/outcome."""
    fields = {
        "facts": "\n".join(x for x in (case.context, case.facts) if x),
        "thinking": "\n".join(case.management_thinking),
        "steps": "\n".join([*case.handling_steps, *case.improvements, case.outcome]).strip(),
    }
    if not any(fields.values()):
        fields["facts"] = case.text
    chunks = []
    for name, body in fields.items():
        for piece in _windows(body):
            chunks.append(Chunk(case.id, "case", name, f"{case.title}\n{piece}"))
    return chunks or [Chunk(case.id, "case", "facts", case.title)]


def guideline_chunks(guideline: Guideline) -> list[Chunk]:
    """A guideline's text in windows, each headed by its section heading.

    The document's own title ("X制度·3.2 投诉分级" → "3.2 投诉分级") is left out: repeated in every
    section of the document, it made all of them match the same words and diluted each small
    window (measured in the README, "Retrieval and figures").
    """
    heading = guideline.title.split("·", 1)[-1]
    pieces = _windows(guideline.text, GUIDELINE_CHUNK_CHARS) or [guideline.title]
    return [Chunk(guideline.id, "guideline", "text", f"{heading}\n{p}") for p in pieces]


QUESTIONS_FIELD = "questions"


def question_chunks(record_id: str, kind: str, questions: list[str]) -> list[Chunk]:
    """One chunk per similar question, text as written (matched query-to-question)."""
    return [Chunk(record_id, kind, QUESTIONS_FIELD, q) for q in questions]


def chunk_records(cases: list[Case], guidelines: list[Guideline],
                  questions: Mapping[str, list[str]] | None = None) -> list[Chunk]:
    """All chunks of a library: cases, then guidelines, then the similar questions of each record."""
    chunks: list[Chunk] = []
    for case in cases:
        chunks.extend(case_chunks(case))
    for guideline in guidelines:
        chunks.extend(guideline_chunks(guideline))
    questions = questions or {}
    for record, kind in [*((c, "case") for c in cases), *((g, "guideline") for g in guidelines)]:
        chunks.extend(question_chunks(record.id, kind, questions.get(record.id, [])))
    return chunks


def text_chunk_count(chunks: list[Chunk]) -> int:
    """How many chunks precede the question chunks (the ones BM25 indexes)."""
    return next((i for i, c in enumerate(chunks) if c.field == QUESTIONS_FIELD), len(chunks))
