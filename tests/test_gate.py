"""The external quality gate's checks (scripts/eval_external.py --check): floors, knowledge, industries."""

from __future__ import annotations

import json
from types import SimpleNamespace

from test_external import SEGMENTATION_FLOORS

from advisor.evaluation.external import EXTERNAL, SPLITS
from advisor.evaluation.gate import (
    Floors,
    RetrievalFloor,
    industry_violations,
    knowledge_breaches,
    load_floors,
    retrieval_breaches,
)
from advisor.evaluation.queries import QueryOutcome, score


def _report(ranks: list[int | None]):
    return score([QueryOutcome(id=f"q{i}", query="q", rank=r, top_titles=[], no_close_precedent=False)
                  for i, r in enumerate(ranks)])


def test_every_split_has_its_floors():
    floors = load_floors(EXTERNAL / "floors.json")
    assert set(floors.retrieval) == set(SPLITS) == set(SEGMENTATION_FLOORS)


def test_a_figure_under_its_floor_is_a_breach_and_one_on_it_is_not():
    report = _report([1, 1, 2, None])  # Recall@1 0.5, Recall@5 0.75, MRR@5 0.625
    assert retrieval_breaches("s", report, RetrievalFloor(recall_at_1=0.5, recall_at_5=0.75, mrr_at_5=0.625)) == []
    lines = retrieval_breaches("s", report, RetrievalFloor(recall_at_1=0.51, recall_at_5=0.7, mrr_at_5=0.63))
    assert [line.split()[1] for line in lines] == ["Recall@1", "MRR@5"]


def test_a_split_may_fall_one_query_under_its_floor_and_no_more():
    report = _report([1] * 9 + [2])  # Recall@1 0.9: one query under a floor of 1.0
    floor = RetrievalFloor(recall_at_1=1.0, recall_at_5=1.0, mrr_at_5=0.95)
    assert retrieval_breaches("s", report, floor, noise_queries=1) == []
    assert [line.split()[1] for line in retrieval_breaches("s", report, floor)] == ["Recall@1"]
    two_off = _report([1] * 8 + [2, 2])  # two queries under
    assert [line.split()[1] for line in retrieval_breaches("s", two_off, floor, noise_queries=1)] == ["Recall@1"]


def test_the_pooled_floors_are_there_and_under_the_reported_figures():
    floors = load_floors(EXTERNAL / "floors.json")
    assert floors.noise_queries == 1 and set(floors.pooled) == {"development", "held-out"}
    assert floors.pooled["development"].recall_at_1 > floors.pooled["held-out"].recall_at_1 > 0.5


def test_knowledge_may_lose_two_first_places_and_no_more():
    floors = Floors(retrieval={}, knowledge_queries=2, knowledge_mrr_slack=0.05)
    without = _report([1] * 20)
    assert knowledge_breaches("s", _report([2, 2] + [1] * 18), without, floors) == []
    assert "loses 3 first places" in knowledge_breaches("s", _report([2, 2, 2] + [1] * 17), without, floors)[0]
    assert knowledge_breaches("s", _report([1] * 20), _report([2] * 20), floors) == []  # a lift is welcome


class _Result:
    """What `industry_violations` reads of a search result: the advice's grade and deadlines, the guidance."""

    def __init__(self, industries):
        self.advice = SimpleNamespace(grade=None, deadlines=[SimpleNamespace(industry=i) for i in industries])
        self.guidance = []


class _Advisor:
    def __init__(self, shown):
        self.shown = shown

    def search(self, query):
        return _Result(self.shown.get(query, []))


def test_industry_violations_name_the_query_and_the_wrong_industry(tmp_path):
    path = tmp_path / "staff.jsonl"
    rows = [{"id": "a", "query": "电梯坏了", "industry": "物业"}, {"id": "b", "query": "停电没通知", "industry": "供电"},
            {"id": "c", "query": "房子漏水", "industry": "房地产/物业"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    advisor = _Advisor({"电梯坏了": ["物业"], "停电没通知": ["电力", "银行"], "房子漏水": ["物业"]})
    assert industry_violations(advisor, path) == [("b", "供电", ["银行"])]
