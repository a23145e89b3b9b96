"""Query expansion: staff say 房子晚交了, documents say 延期交房.

A reviewed thesaurus (`advisor/data/synonyms.json`, or the file named by `ADVISOR_SYNONYMS_FILE`)
maps colloquial cues (regular expressions over the simplified query) to the written terms the
case library uses. The added terms feed BM25 only, at a reduced weight, so a wrong cue can nudge
the ranking but not take it over; the dense encoder always sees the staff member's own words.
"""

from __future__ import annotations

import json
import re
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from advisor.errors import ThesaurusError
from advisor.text.industry import compatible
from advisor.text.normalize import to_simplified


class SynonymGroup(BaseModel):
    """One concept: colloquial cues and the document terms they stand for."""

    model_config = ConfigDict(extra="forbid")
    name: str
    cues: list[str] = Field(min_length=1)
    terms: list[str] = Field(min_length=1)
    # The industry whose documents use these terms ("夸大房产的优势" is a developer's word): the group then
    # expands only queries of that industry or a related one, or of none read.
    industry: str | None = None

    @field_validator("cues")
    @classmethod
    def _valid_patterns(cls, cues: list[str]) -> list[str]:
        for cue in cues:
            try:
                re.compile(cue)
            except re.error as exc:
                raise ValueError(f"正则表达式无效 {cue!r}：{exc}") from None
            if re.fullmatch(cue, ""):
                raise ValueError(f"说法 {cue!r} 能匹配空字符串，会命中所有查询")
        return cues

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{c})" for c in self.cues))


class Thesaurus(BaseModel):
    """The whole synonyms file."""

    model_config = ConfigDict(extra="ignore")
    version: int = 1
    groups: list[SynonymGroup] = Field(default_factory=list)

    def expand(self, query: str, industry: str | None = None) -> list[str]:
        """Document terms for the cues found in `query`, in file order, without repeats.

        Terms the query already contains are left out: they are matched anyway. A group of one industry
        expands only a query read as that industry or a related one: 被骗 at a bank, or where no industry shows
        (大爷拿现金来要汇六万多…像是被骗了), is no 虚假宣传 of a flat.
        """
        simple = to_simplified(query).lower()
        added: list[str] = []
        for group in self.groups:
            if group.industry and not (industry and compatible(group.industry, industry)):
                continue
            if group.pattern.search(simple):
                added.extend(t for t in group.terms if t.lower() not in simple and t not in added)
        return added


def load_thesaurus(path: Path | None) -> Thesaurus:
    """Read a synonyms file; `None` or an empty path means no expansion.

    Raises:
        ThesaurusError: the file is missing, not JSON, or has an invalid group (the message
            names the file and the group).
    """
    if path is None or not str(path).strip():
        return Thesaurus()
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ThesaurusError(f"找不到同义词表 {path}（设置项 ADVISOR_SYNONYMS_FILE）") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ThesaurusError(f"同义词表 {path} 无法读取：{exc}") from None
    try:
        return Thesaurus.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ThesaurusError(f"同义词表 {path} 第 {where} 项有误：{first['msg']}") from None
