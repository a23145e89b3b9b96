"""Retrieval evaluation: Recall@1/3/5 and MRR@5 over a JSONL query set."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from advisor.models import Hit
from advisor.text.normalize import match_form


class EvalQuery(BaseModel):
    """One labelled query: answered when a hit contains any phrase of `any_of`."""

    model_config = ConfigDict(extra="ignore")
    id: str
    kind: str = "case"
    query: str
    any_of: list[str]


class QueryOutcome(BaseModel):
    id: str
    query: str
    rank: int | None
    top_titles: list[str]
    no_close_precedent: bool


class EvalReport(BaseModel):
    """Figures printed by `python -m advisor eval`."""

    n: int
    recall_at_1: float
    recall_at_3: float
    recall_at_5: float
    mrr_at_5: float
    flagged_no_precedent: int
    failures: list[QueryOutcome] = Field(default_factory=list)
    outcomes: list[QueryOutcome] = Field(default_factory=list)


def load_queries(path: Path) -> list[EvalQuery]:
    """Read a JSONL query file (blank lines ignored)."""
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [EvalQuery.model_validate(json.loads(line)) for line in rows]


def answered_rank(hits: list[Hit], any_of: list[str]) -> int | None:
    """1-based rank of the first hit whose title or text contains a phrase, or None."""
    phrases = [match_form(p) for p in any_of]
    for rank, hit in enumerate(hits, 1):
        haystack = match_form(hit.title + "\n" + hit.text)
        if any(p and p in haystack for p in phrases):
            return rank
    return None


def score(outcomes: list[QueryOutcome], k: int = 5) -> EvalReport:
    """Aggregate per-query ranks into the report."""
    n = max(1, len(outcomes))
    ranks = [o.rank for o in outcomes]

    def recall(cut: int) -> float:
        return round(sum(1 for r in ranks if r is not None and r <= cut) / n, 4)

    mrr = round(sum(1 / r for r in ranks if r is not None and r <= k) / n, 4)
    return EvalReport(
        n=len(outcomes), recall_at_1=recall(1), recall_at_3=recall(3), recall_at_5=recall(5), mrr_at_5=mrr,
        flagged_no_precedent=sum(o.no_close_precedent for o in outcomes),
        failures=[o for o in outcomes if o.rank is None or o.rank > 1], outcomes=outcomes,
    )


def evaluate(advisor, queries: list[EvalQuery], top_k: int = 5) -> EvalReport:
    """Run every query through `advisor.search` and score the ranks."""
    outcomes = []
    for q in queries:
        result = advisor.search(q.query, top_k=top_k)
        outcomes.append(QueryOutcome(id=q.id, query=q.query, rank=answered_rank(result.hits, q.any_of),
                                     top_titles=[h.title for h in result.hits[:3]],
                                     no_close_precedent=result.no_close_precedent))
    return score(outcomes, top_k)


def format_eval(report: EvalReport) -> str:
    """Human-readable summary; the last lines are the headline figures."""
    lines = []
    for f in report.failures:
        where = f"rank {f.rank}" if f.rank else "not in top 5"
        lines.append(f"  miss {f.id} ({where}): {f.query} → {' | '.join(t[:24] for t in f.top_titles)}")
    lines += [
        f"queries: {report.n}  flagged no_close_precedent: {report.flagged_no_precedent}",
        f"Recall@1: {report.recall_at_1:.3f}",
        f"Recall@3: {report.recall_at_3:.3f}",
        f"Recall@5: {report.recall_at_5:.3f}",
        f"MRR@5: {report.mrr_at_5:.3f}",
    ]
    return "\n".join(lines)
