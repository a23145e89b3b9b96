"""Typed records read from and written to disk and returned by the public API."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

GuidelineKind = Literal["grading", "deadline", "procedure", "principle", "script"]
RecordKind = Literal["case", "guideline"]
# What a record is, beyond case / guideline: ranking prefers "case" (one incident) and "rules".
RecordType = Literal["case", "case_list", "essay", "rules", "script", "article"]
# Where a case's handling steps come from: its own handling section, its thinking (numbered
# imperatives), or the actions its story tells (extracted); "" when it has none.
StepsOrigin = Literal["", "section", "thinking", "story"]


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
    record_type: RecordType = "case"
    format: str = "narrative"
    context: str = ""
    facts: str = ""
    management_thinking: list[str] = Field(default_factory=list)
    handling_steps: list[str] = Field(default_factory=list)
    steps_origin: StepsOrigin = ""
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
    record_type: RecordType = "rules"
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
    industry: str = "通用"
    # The standard shown first: the company's own rulebook, else the best match; others are folded.
    primary: bool = True


class Hit(_Record):
    """One result: a whole case or guideline with its score and the query terms it matched."""

    kind: RecordKind
    id: str
    title: str
    score: float
    industry: str = "通用"
    complaint_type: str = ""
    guideline_kind: str = ""
    record_type: RecordType = "case"
    sources: list[SourceSpan] = Field(default_factory=list)
    context: str = ""
    facts: str = ""
    management_thinking: list[str] = Field(default_factory=list)
    handling_steps: list[str] = Field(default_factory=list)
    steps_origin: StepsOrigin = ""
    improvements: list[str] = Field(default_factory=list)
    outcome: str = ""
    text: str = ""
    original_text: str = ""
    matched_terms: list[str] = Field(default_factory=list)
    # 高 / 中 / 低 from the calibrated similarity of the best matching passage (see retrieval/confidence).
    confidence: Literal["高", "中", "低"] = "低"


class AdviceStep(_Record):
    """One recommended step, in the words of the documents it cites (record ids)."""

    text: str
    sources: list[str] = Field(default_factory=list)
    origin: Literal["precedent", "rule"] = "precedent"


class CitedRecord(_Record):
    """A guideline the action plan cites that is not among the hits (its text is part of the result)."""

    id: str
    title: str
    text: str
    sources: list[SourceSpan] = Field(default_factory=list)


class Advice(_Record):
    """The action plan at the top of the staff page: steps, the grade and deadlines that apply, what not to say."""

    steps: list[AdviceStep] = Field(default_factory=list)
    grade: GuidanceItem | None = None
    deadlines: list[GuidanceItem] = Field(default_factory=list)
    avoid: list[str] = Field(default_factory=list)
    # How the matching precedents were settled (their remedy, in their words): what is usual, and who paid.
    resolutions: list[AdviceStep] = Field(default_factory=list)
    # Escalation cues the complaint shows in its own words (集体投诉, 媒体或舆情 …), shown when no grade applies.
    signals: list[str] = Field(default_factory=list)
    cited: list[CitedRecord] = Field(default_factory=list)
    # Other documents' time limits, folded: the facade moves them into the result's guidance (primary=False).
    folded: list[GuidanceItem] = Field(default_factory=list, exclude=True)


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
    # The industry the complaint was read as (from its words, or the filter); None when unclear.
    industry: str | None = None
    advice: Advice = Field(default_factory=Advice)
    index_built_at: str = ""


class FileDigest(_Record):
    """Size and SHA-256 of one index file."""

    size: int
    sha256: str


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
    # Size and SHA-256 of every index file, checked on load (IndexCorruptError on any difference).
    files: dict[str, FileDigest] = Field(default_factory=dict)
