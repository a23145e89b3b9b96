"""The segmentation check itself: a labelled case is alone when one record of its own document holds it alone."""

from __future__ import annotations

from advisor.evaluation.segmentation import SegLabel, check
from advisor.models import Case, SourceSpan


def record(text: str, *files: str, steps: list[str] | None = None) -> Case:
    return Case(id=f"c{abs(hash(text)) % 1000}", title=text[:8], text=text, facts=text, handling_steps=steps or [],
                sources=[SourceSpan(file=f, start=0, end=len(text)) for f in files])


A = SegLabel(id="a", file="dev/a.txt", facts="额外收取50元空驶费", steps="公司已对司机处罚")
B = SegLabel(id="b", file="dev/a.txt", facts="押金迟迟不退")


def test_the_same_phrase_in_another_documents_record_does_not_count():
    records = [record("司机要额外收取50元空驶费。", "dev/a.txt", steps=["公司已对司机处罚"]),
               record("押金迟迟不退。", "dev/a.txt"),
               record("导游向每位游客额外收取50元空驶费。", "dev/other.txt")]
    report = check(records, [A, B])
    assert report.alone == 2 and report.steps_filled == 1


def test_two_cases_of_one_document_in_one_record_are_merged():
    records = [record("司机要额外收取50元空驶费。另一位乘客反映押金迟迟不退。", "dev/a.txt")]
    report = check(records, [A, B])
    assert report.alone == 0
    assert {o.note for o in report.outcomes} == {"merged with b", "merged with a"}


def test_a_case_cut_in_two_records_of_its_document_is_not_alone():
    records = [record("司机要额外收取50元空驶费。", "dev/a.txt"), record("司机要额外收取50元空驶费。", "dev/a.txt", "dev/b.txt")]
    outcome = check(records, [A]).outcomes[0]
    assert outcome.alone is False and outcome.note == "in 2 cases, 0 guidelines"
