"""The company's rulebook (knowledge/rules.json): grading and deadline standards, each rule quoting its source."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from advisor.corpus.read import UnreadableFile, read_document
from advisor.errors import AdvisorError
from advisor.models import Citation

FactName = Literal["households", "people", "amount", "unresolved_days"]
FlagName = Literal[
    "media", "litigation", "protest", "collective", "injury", "contract_breach", "return_or_huge_claim"
]
# Tokens allowed in a deadline's `applies_to` besides the standard's own grade labels.
GENERAL = "general"
ANY_GRADE = "any_grade"


# --------------------------------------------------------------------------- rules file schema


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Spec):
    """One test on the query facts: a numeric range on `fact`, or any of `flags` present."""

    fact: FactName | None = None
    flags: tuple[FlagName, ...] = ()
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Condition:
        bounds = (self.gt, self.gte, self.lt, self.lte)
        if (self.fact is None) == (not self.flags):
            raise ValueError("a condition needs exactly one of `fact` or `flags`")
        if self.fact is not None and all(b is None for b in bounds):
            raise ValueError(f"condition on {self.fact!r} has no bound")
        if self.flags and any(b is not None for b in bounds):
            raise ValueError("a flags condition takes no bounds")
        return self


class GradeRule(_Spec):
    """One grade of a standard; it applies when every condition of any group in `any_of` holds."""

    label: str
    detail: str
    any_of: tuple[tuple[Condition, ...], ...]
    note: str = ""
    source_file: str
    quote: str


class DeadlineRule(_Spec):
    """One time limit; `applies_to` holds grade labels, `general` and/or `any_grade`."""

    label: str
    detail: str
    applies_to: tuple[str, ...]
    source_file: str
    quote: str


class StandardRule(_Spec):
    """One source standard: its grades (least to most severe) and its deadlines."""

    name: str
    industry: str = "通用"
    # The deploying company's own rulebook: shown first when several standards of an industry apply.
    own: bool = False
    grades: tuple[GradeRule, ...] = ()
    deadlines: tuple[DeadlineRule, ...] = ()

    @model_validator(mode="after")
    def _known_targets(self) -> StandardRule:
        labels = {g.label for g in self.grades}
        for d in self.deadlines:
            unknown = set(d.applies_to) - labels - {GENERAL, ANY_GRADE}
            if unknown or not d.applies_to:
                raise ValueError(
                    f"{self.name}: deadline {d.label!r} applies to unknown grades {sorted(unknown)}"
                )
        return self


class RulesFile(_Spec):
    """The whole `rules.json`."""

    version: int
    description: str = ""
    standards: tuple[StandardRule, ...] = Field(min_length=1)


# --------------------------------------------------------------------------- resolved rule book


@dataclass(frozen=True)
class ResolvedGrade:
    """A grade whose quote was found in the corpus."""

    rule: GradeRule
    citation: Citation


@dataclass(frozen=True)
class ResolvedDeadline:
    """A deadline whose quote was found in the corpus."""

    rule: DeadlineRule
    citation: Citation


@dataclass(frozen=True)
class Standard:
    """One source standard with its resolved grades (least to most severe) and deadlines."""

    name: str
    industry: str
    grades: tuple[ResolvedGrade, ...]
    deadlines: tuple[ResolvedDeadline, ...]
    own: bool = False


@dataclass(frozen=True)
class RuleBook:
    """Standards whose citations all resolved, plus one warning per rule that was left out."""

    standards: tuple[Standard, ...]
    warnings: tuple[str, ...] = ()


def resolve_citation(
    corpus_text_by_file: Mapping[str, str], source_file: str, quote: str, title: str = ""
) -> Citation | None:
    """Find where `quote` occurs in a corpus file, ignoring differences in whitespace.

    Args:
        corpus_text_by_file: Decoded text of each corpus file, keyed by file name.
        source_file: The file name the quote was copied from.
        quote: The passage, in the file's own script.
        title: Title for the citation (the standard's name).

    Returns:
        A citation with character offsets into the decoded text (first occurrence), or None
        when the file is unknown or the quote does not occur in it.
    """
    text = corpus_text_by_file.get(source_file)
    chars = [c for c in quote if not c.isspace()]
    if text is None or not chars:
        return None
    # Scraped text breaks lines mid-sentence, so any run of whitespace may sit between two characters.
    pattern = r"\s*".join(re.escape(c) for c in chars)
    match = re.search(pattern, text)
    if match is None:
        return None
    return Citation(title=title, file=source_file, start=match.start(), end=match.end())


def load_rules(corpus_dir: Path, rules_path: Path | None = None) -> RuleBook:
    """Read the rules file and resolve every citation against the corpus.

    Rules whose file is missing or whose quote cannot be found are left out and reported in
    `RuleBook.warnings`, so a changed corpus degrades the guidance instead of breaking search.

    Args:
        corpus_dir: Folder holding the corpus files named by the rules.
        rules_path: Rules file; defaults to the one shipped in `advisor/data/rules.json`.

    Returns:
        The resolved rule book.

    Raises:
        AdvisorError: The rules file itself is missing or invalid.
    """
    if rules_path is None:
        return RuleBook(())
    path = rules_path
    try:
        spec = RulesFile.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError) as exc:
        raise AdvisorError(f"规则文件无法读取或格式错误: {path} ({exc})") from exc

    warnings: list[str] = []
    texts = _read_sources(corpus_dir, spec, warnings)
    standards = []
    for std in spec.standards:
        grades = []
        for g in std.grades:
            cite = _cite(texts, std.name, g.label, g.source_file, g.quote, warnings)
            if cite is not None:
                grades.append(ResolvedGrade(g, cite))
        deadlines = []
        for d in std.deadlines:
            cite = _cite(texts, std.name, d.label, d.source_file, d.quote, warnings)
            if cite is not None:
                deadlines.append(ResolvedDeadline(d, cite))
        if grades or deadlines:
            standards.append(Standard(std.name, std.industry, tuple(grades), tuple(deadlines), std.own))
    return RuleBook(tuple(standards), tuple(warnings))


def _read_sources(corpus_dir: Path, spec: RulesFile, warnings: list[str]) -> dict[str, str]:
    names = {r.source_file for s in spec.standards for r in (*s.grades, *s.deadlines)}
    texts = {}
    for name in sorted(names):
        try:
            # The corpus reader's decoding (BOM, encodings, line ends) keeps offsets aligned with SourceSpan.
            texts[name] = read_document(corpus_dir / name, name).text
        except (OSError, UnreadableFile) as exc:
            warnings.append(f"规则引用的语料文件无法读取，相关规则已排除: {name} ({exc})")
    return texts


def _cite(
    texts: Mapping[str, str], standard: str, label: str, source_file: str, quote: str, warnings: list[str]
) -> Citation | None:
    cite = resolve_citation(texts, source_file, quote, title=standard)
    if cite is None and source_file in texts:
        warnings.append(f"《{standard}》“{label}”的引文未在 {source_file} 中找到，已排除")
    return cite


