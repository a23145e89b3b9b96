"""投诉处理顾问 — complaint-handling advisor: public API."""

from __future__ import annotations

from .errors import (
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
from .models import Case, GuidanceItem, Guideline, Hit, SearchResult, SourceSpan
from .search import Advisor
from .settings import Settings

__all__ = [
    "Advisor", "Settings", "Case", "Guideline", "Hit", "SearchResult", "SourceSpan", "GuidanceItem",
    "AdvisorError", "CorpusError", "EmptyQueryError", "EncoderLoadError", "IndexCorruptError",
    "IndexMismatchError", "IndexMissingError", "InvalidQueryError", "MissingDependencyError",
    "RecordNotFoundError",
]
