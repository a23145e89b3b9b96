"""Similar questions (常见问法): how staff ask for a record, matched query-to-question.

A knowledge base keeps, next to each case or guideline section, the ways staff actually ask for
it ("业主说房子晚交了三个月要赔钱" for a 延期交付 case). The encoder matches a staff query with
such a question much better than with the document's formal wording, so these questions are
embedded as extra chunks and give a third retrieval signal (dense only, see `search.py`).

The file (`advisor/data/questions.jsonl`, or `ADVISOR_QUESTIONS_FILE`) has one JSON object a line:
`{"record": "title, for people reading the file", "anchor": "a phrase of the record's text",
"questions": ["…", …]}`. Record ids are content hashes that change when a document is edited,
so a line is attached to the one record whose text contains its anchor.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from advisor.errors import QuestionsError
from advisor.models import Case, Guideline
from advisor.text.normalize import to_simplified

_MIN_ANCHOR = 4


class QuestionSet(BaseModel):
    """The questions for one record, found by an anchor phrase of its text."""

    model_config = ConfigDict(extra="forbid")
    record: str = ""
    anchor: str
    questions: list[str] = Field(min_length=1)

    @field_validator("anchor")
    @classmethod
    def _anchor_long_enough(cls, anchor: str) -> str:
        if len(_squeeze(anchor)) < _MIN_ANCHOR:
            raise ValueError(f"锚点 {anchor!r} 太短（至少 {_MIN_ANCHOR} 个字），会匹配到多条记录")
        return anchor

    @field_validator("questions")
    @classmethod
    def _no_blank_questions(cls, questions: list[str]) -> list[str]:
        cleaned = [q.strip() for q in questions]
        if not all(cleaned):
            raise ValueError("问法不能为空")
        return cleaned


@dataclass(frozen=True)
class Attached:
    """Questions per record id, the anchor each record was found by, and the lines that could not
    be attached (as messages)."""

    by_record: dict[str, list[str]]
    warnings: list[str]
    anchors: dict[str, str] = field(default_factory=dict)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", to_simplified(text))


def load_questions(path: Path | None) -> list[QuestionSet]:
    """Read a questions file; `None` or an empty path means no questions.

    Raises:
        QuestionsError: the file is missing or a line is not valid (the message names the line).
    """
    if path is None or not str(path).strip():
        return []
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise QuestionsError(f"找不到常见问法文件 {path}（设置项 ADVISOR_QUESTIONS_FILE）") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionsError(f"常见问法文件 {path} 无法读取：{exc}") from None
    sets: list[QuestionSet] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            sets.append(QuestionSet.model_validate(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise QuestionsError(f"常见问法文件 {path} 第 {number} 行不是有效的 JSON：{exc.msg}") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise QuestionsError(f"常见问法文件 {path} 第 {number} 行 {where} 有误：{first['msg']}") from None
    return sets


def attach_questions(records: Sequence[Case | Guideline], sets: Sequence[QuestionSet]) -> Attached:
    """Give each question set to the one record whose title or text contains its anchor.

    An anchor found in no record (the passage was edited or removed) or in several records (it is
    not distinctive) is reported and its questions are left out.
    """
    texts = [(r.id, _squeeze(r.title + r.text)) for r in records]
    by_record: dict[str, list[str]] = {}
    warnings: list[str] = []
    anchors: dict[str, str] = {}
    for qs in sets:
        anchor = _squeeze(qs.anchor)
        owners = [rid for rid, text in texts if anchor in text]
        label = f"「{qs.record or qs.anchor}」"
        if not owners:
            warnings.append(f"常见问法 {label} 的锚点“{qs.anchor}”在语料中找不到，已跳过")
        elif len(owners) > 1:
            warnings.append(f"常见问法 {label} 的锚点“{qs.anchor}”出现在 {len(owners)} 条记录中，已跳过")
        else:
            by_record.setdefault(owners[0], []).extend(q for q in qs.questions if q not in by_record.get(owners[0], []))
            anchors.setdefault(owners[0], qs.anchor)
    return Attached(by_record, warnings, anchors)


_ANCHOR_LEN = 12


def pick_anchor(record: Case | Guideline, other_texts: Sequence[str]) -> str | None:
    """A phrase of the record's text that none of `other_texts` (squeezed) contains."""
    text = _squeeze(record.text)
    for start in range(0, len(text) - _ANCHOR_LEN + 1, 4):
        candidate = text[start : start + _ANCHOR_LEN]
        if not any(candidate in other for other in other_texts):
            return candidate
    return None


def suggest_questions(records: Sequence[Case | Guideline], sets: Sequence[QuestionSet],
                      helpful: Sequence[tuple[str, str, int]]) -> list[QuestionSet]:
    """Lines to add to the questions file from staff queries voted 有帮助 (for review, not applied).

    A record that already has a line keeps its anchor; queries it already lists are left out.
    """
    by_id = {r.id: r for r in records}
    attached = attach_questions(records, sets)
    new: dict[str, list[str]] = {}
    for query, record_id, _ in helpful:
        query = query.strip()
        if record_id not in by_id or not query or query in attached.by_record.get(record_id, []):
            continue
        if query not in new.setdefault(record_id, []):
            new[record_id].append(query)
    squeezed = {r.id: _squeeze(r.title + r.text) for r in records}
    out: list[QuestionSet] = []
    for record_id, queries in new.items():
        others = [text for rid, text in squeezed.items() if rid != record_id]
        anchor = attached.anchors.get(record_id) or pick_anchor(by_id[record_id], others)
        if anchor:
            out.append(QuestionSet(record=by_id[record_id].title, anchor=anchor, questions=queries))
    return out
