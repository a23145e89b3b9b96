"""投诉处理顾问 — complaint-handling advisor: public API."""

from __future__ import annotations

from advisor.errors import (
    AdvisorError,
    CorpusError,
    EmptyQueryError,
    EncoderLoadError,
    IndexCorruptError,
    IndexMismatchError,
    IndexMissingError,
    InvalidQueryError,
    MissingDependencyError,
    RecordNotFoundError,
)
from advisor.facade import Advisor
from advisor.models import Case, GuidanceItem, Guideline, Hit, SearchResult, SourceSpan
from advisor.settings import Settings
from advisor.text.pii import mask_pii

__all__ = [
    "Advisor", "Settings", "Case", "Guideline", "Hit", "SearchResult", "SourceSpan", "GuidanceItem",
    "AdvisorError", "CorpusError", "EmptyQueryError", "EncoderLoadError", "IndexCorruptError",
    "IndexMismatchError", "IndexMissingError", "InvalidQueryError", "MissingDependencyError",
    "RecordNotFoundError", "mask_pii",
]
