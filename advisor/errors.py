"""Named errors; the CLI and the app translate them into one clear message."""

from __future__ import annotations


class AdvisorError(Exception):
    """Base class for every error the advisor raises on purpose."""


class EmptyQueryError(AdvisorError):
    """The query is empty or only whitespace/control characters."""


class InvalidQueryError(AdvisorError):
    """The query cannot be searched (e.g. it is binary data)."""


class CorpusError(AdvisorError):
    """The corpus folder is missing or holds no readable document."""


class IndexMissingError(AdvisorError):
    """No index folder (or no manifest) where one was expected."""


class IndexMismatchError(AdvisorError):
    """The index was built with another encoder, tokenizer or format version."""


class IndexCorruptError(AdvisorError):
    """An index file is unreadable or inconsistent with the manifest."""


class EncoderLoadError(AdvisorError):
    """The configured encoder (or reranker) model cannot be loaded."""


class MissingDependencyError(AdvisorError):
    """An optional package is not installed; the message says how to install it."""


class ThesaurusError(AdvisorError):
    """The synonyms file (query expansion) is missing or invalid."""


class QuestionsError(AdvisorError):
    """The similar-questions file (常见问法) is missing or has an invalid line."""


class FeedbackUnavailableError(AdvisorError):
    """The feedback database cannot be written (read-only or full data folder)."""


class SettingsError(AdvisorError):
    """A setting (ADVISOR_… environment variable or option) has an invalid value."""


class IndexWriteError(AdvisorError):
    """The index folder cannot be written (read-only folder, full disk); the old index keeps serving."""


class BuildLockedError(AdvisorError):
    """Another build of the same index is running."""


class RecordNotFoundError(AdvisorError):
    """No case or guideline has the requested id."""


REBUILD_HINT = "python -m advisor build  (或 make index)"
