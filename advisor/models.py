"""Typed records read from and written to disk and returned by the public API."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

GuidelineKind = Literal["grading", "deadline", "procedure", "principle", "script"]
RecordKind = Literal["case", "guideline"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceSpan(_Record):
    """Where a record was read from: a corpus file and character offsets into its decoded text."""

    file: str
    start: int
    end: int


class Case(_Record):
    """One complaint precedent.

    `text` is the clean simplified-Chinese text used for matching and indexing;
    `original_text` is the same passage in the script of its primary source, for display.
    """

    id: str
    title: str
    industry: str = "通用"
    complaint_type: str = "其他"
    format: str = "narrative"
    context: str = ""
    facts: str = ""
    management_thinking: list[str] = Field(default_factory=list)
    handling_steps: list[str] = Field(default_factory=list)
    steps_derived: bool = False
    improvements: list[str] = Field(default_factory=list)
    outcome: str = ""
    sources: list[SourceSpan] = Field(default_factory=list)
    text: str = ""
    original_text: str = ""


class Guideline(_Record):
    """A procedure, policy or rule passage (grading, deadlines, escalation, principles, scripts)."""

    id: str
    title: str
    kind: GuidelineKind = "procedure"
    industry: str = "通用"
    text: str = ""
    original_text: str = ""
    sources: list[SourceSpan] = Field(default_factory=list)


class Citation(_Record):
    """A pointer to the passage a rule or deadline was taken from."""

    title: str
    file: str
    start: int
    end: int


class GuidanceItem(_Record):
    """One applicable grading or deadline rule, with its source standard and citation."""

    category: Literal["grading", "deadline"]
    standard: str
    label: str
    detail: str
    matched: list[str] = Field(default_factory=list)
    citation: Citation


class Hit(_Record):
    """One result: a whole case or guideline with its score and the query terms it matched."""

    kind: RecordKind
    id: str
    title: str
    score: float
    industry: str = "通用"
    complaint_type: str = ""
    guideline_kind: str = ""
    sources: list[SourceSpan] = Field(default_factory=list)
    context: str = ""
    facts: str = ""
    management_thinking: list[str] = Field(default_factory=list)
    handling_steps: list[str] = Field(default_factory=list)
    steps_derived: bool = False
    improvements: list[str] = Field(default_factory=list)
    outcome: str = ""
    text: str = ""
    original_text: str = ""
    matched_terms: list[str] = Field(default_factory=list)


class SearchResult(_Record):
    """What `Advisor.search` returns and `python -m advisor search --json` prints."""

    query: str
    no_close_precedent: bool
    took_ms: float
    guidance: list[GuidanceItem] = Field(default_factory=list)
    hits: list[Hit] = Field(default_factory=list)
    # Document terms the thesaurus added to the query (BM25 only), shown to the user.
    expanded_terms: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class Manifest(_Record):
    """`index/manifest.json`: what an index folder holds and what built it."""

    format_version: int
    encoder: str
    dim: int
    tokenizer: str
    n_cases: int
    n_guidelines: int
    n_chunks: int
    corpus_hash: str
    code_hash: str
    dense_kind: str
    built_at: str
