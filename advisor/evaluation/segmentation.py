"""Check segmentation against hand labels: is every real case alone in its own record, with its fields?

A label names, for one case of a labelled document, a phrase of what happened and (when the document
has such sections) a phrase of its thinking, steps and outcome; for a rules document, phrases of its
rules. The check reads the corpus, segments it, and reports per label.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from advisor.models import Case, Guideline
from advisor.text.normalize import match_form


class SegLabel(BaseModel):
    """One labelled case (or rules document) of the external corpus."""

    model_config = ConfigDict(extra="ignore")
    id: str
    file: str
    type: str = "case"
    industry: str = ""
    title: str | None = None
    facts: str | None = None
    thinking: str | None = None
    steps: str | None = None
    outcome: str | None = None
    phrases: list[str] = Field(default_factory=list)


class LabelOutcome(BaseModel):
    """What the check found for one label."""

    id: str
    file: str
    alone: bool | None = None
    thinking: bool | None = None
    steps: bool | None = None
    outcome: bool | None = None
    title: bool | None = None
    guideline: bool | None = None
    record_title: str = ""
    note: str = ""


class SegReport(BaseModel):
    """Segmentation figures over a labelled corpus."""

    cases: int
    alone: int
    thinking_total: int
    thinking_filled: int
    steps_total: int
    steps_filled: int
    titles_total: int
    titles_own: int
    guideline_phrases: int
    guideline_found: int
    outcomes: list[LabelOutcome]

    @property
    def alone_share(self) -> float:
        return self.alone / max(self.cases, 1)


def load_labels(path: Path) -> list[SegLabel]:
    """Read a labels file (JSONL)."""
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [SegLabel.model_validate(json.loads(x)) for x in lines]


def _has(phrase: str | None, text: str) -> bool:
    return bool(phrase) and match_form(phrase) in match_form(text)


def _title_key(title: str) -> str:
    title = re.sub(r"^\s*(?:第\s*[一二三四五六七八九十\d]+\s*[篇章则][:：]?|案例\s*[一二三四五六七八九十\d]+\s*[:：、]?|"
                   r"[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)", "", title)
    return re.sub(r"[\W_]", "", match_form(title))


def _own_title(record_title: str, label_title: str) -> bool:
    a, b = _title_key(record_title), _title_key(label_title)
    return bool(a and b) and (a in b or b in a)


def check(records: list[Case | Guideline], labels: list[SegLabel]) -> SegReport:
    """Compare segmented records with the labels (phrases compared in match form)."""
    cases = [r for r in records if isinstance(r, Case)]
    guides = [r for r in records if isinstance(r, Guideline)]
    case_labels = [lab for lab in labels if lab.type == "case" and lab.facts]
    outcomes = [_check_case(lab, cases, guides, case_labels) for lab in case_labels]
    outcomes += [_check_rules(lab, cases, guides) for lab in labels if lab.type != "case"]
    c = [o for o in outcomes if o.alone is not None]
    th = [o.thinking for o in c if o.thinking is not None]
    st = [o.steps for o in c if o.steps is not None]
    ti = [o.title for o in c if o.title is not None]
    g = [o.guideline for o in outcomes if o.guideline is not None]
    return SegReport(cases=len(c), alone=sum(bool(o.alone) for o in c), thinking_total=len(th),
                     thinking_filled=sum(th), steps_total=len(st), steps_filled=sum(st), titles_total=len(ti),
                     titles_own=sum(ti), guideline_phrases=len(g), guideline_found=sum(g), outcomes=outcomes)


def _of_file(record: Case | Guideline, file: str) -> bool:
    """The record was cut from `file` (alone or, merged as a duplicate, with other files)."""
    return any(s.file == file for s in record.sources)


def _check_case(lab: SegLabel, cases: list[Case], guides: list[Guideline], all_labels: list[SegLabel]) -> LabelOutcome:
    # Only the label's own document's records count: the same phrase in another document's record (the story
    # syndicated elsewhere, a short phrase such as 額外收取50元) says nothing of how this document was cut.
    holders = [c for c in cases if _of_file(c, lab.file) and _has(lab.facts, c.text)]
    out = LabelOutcome(id=lab.id, file=lab.file, alone=False)
    if len(holders) != 1:
        in_guides = sum(_of_file(g, lab.file) and _has(lab.facts, g.text) for g in guides)
        out.note = f"in {len(holders)} cases, {in_guides} guidelines"
        return out
    case = holders[0]
    others = [o.id for o in all_labels if o.id != lab.id and o.file == lab.file and _has(o.facts, case.text)]
    out.alone = not others
    out.note = f"merged with {','.join(others)}" if others else ""
    out.record_title = case.title
    if lab.thinking:
        out.thinking = _has(lab.thinking, "\n".join(case.management_thinking))
    if lab.steps:
        out.steps = _has(lab.steps, "\n".join(case.handling_steps))
    if lab.outcome:
        out.outcome = _has(lab.outcome, case.outcome + "\n" + "\n".join(case.handling_steps))
    if lab.title:
        out.title = _own_title(case.title, lab.title)
    return out


def _check_rules(lab: SegLabel, cases: list[Case], guides: list[Guideline]) -> LabelOutcome:
    found = [any(_has(p, g.text) for g in guides) for p in lab.phrases]
    return LabelOutcome(id=lab.id, file=lab.file, guideline=all(found) if found else None,
                        note="" if all(found) else f"{found.count(False)} of {len(found)} phrases not in a guideline")


def format_report(report: SegReport) -> str:
    """The figures and the failing labels, for the terminal."""
    lines = []
    for o in report.outcomes:
        bad = [k for k in ("alone", "thinking", "steps", "title", "guideline") if getattr(o, k) is False]
        if bad:
            lines.append(f"  {o.id} {o.file}: {'/'.join(bad)} {o.note} [{o.record_title[:24]}]")
    lines += [
        f"cases alone in their own record: {report.alone}/{report.cases} ({report.alone_share:.1%})",
        f"thinking filled: {report.thinking_filled}/{report.thinking_total}",
        f"steps filled: {report.steps_filled}/{report.steps_total}",
        f"own titles: {report.titles_own}/{report.titles_total}",
        f"rules phrases in guidelines: {report.guideline_found}/{report.guideline_phrases}",
    ]
    return "\n".join(lines)
