"""The search engine: dense + BM25 + similar questions over a loaded index, fused and rolled up to records."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from advisor.models import Case, Guideline
from advisor.retrieval.chunk import text_chunk_count
from advisor.retrieval.dense import search_dense
from advisor.retrieval.encoders import Encoder, query_head
from advisor.retrieval.expansion import Thesaurus
from advisor.retrieval.fusion import Fused, Weights, roll_up, rrf_fusion, weighted_fusion
from advisor.retrieval.query import asks_about_rules, asks_how
from advisor.retrieval.store import LoadedIndex
from advisor.settings import Settings
from advisor.text.industry import compatible, industry_guess
from advisor.text.terms import GENERAL

# Records that must not outrank a matching precedent or rule.
SECONDARY_TYPES = frozenset({"essay", "script", "case_list", "article"})


# A precedent that "matches" reads about as close to the query as the essay or article it displaces: its best
# dense cosine is at most this much lower (a lexical echo or a curated question alone does not make it match).
_DENSE_TOLERANCE = 0.01
# Records that are no precedent at all: a customer's essay, a collection of sales or service scripts. A case or rule
# of the complaint's own industry displaces them however the two read.
_NO_PRECEDENT = frozenset({"essay", "script"})
# How many of the query's words must name its industry before a related industry's records drop.
_SURE_INDUSTRY = 2


@dataclass(frozen=True)
class Signals:
    """What one query scores on each retrieval signal, before any filter: computed once per query and industry
    reading, so a second ranking of the same query (the plan's procedures) reuses them."""

    industry: str | None  # the industry the query was read as (or the filter's)
    strength: float  # how many of the query's words name that industry (0 for a filter)
    expanded: list[str]
    vector: np.ndarray
    dense: dict[str, float]
    lexical: dict[str, float]
    questions: dict[str, float]


@dataclass(frozen=True)
class Ranking:
    """The fused ranking of one query, with what the query was read as."""

    fused: list[Fused]
    expanded: list[str]
    industry: str | None
    rule_intent: bool
    signals: Signals | None = None  # for a second ranking of the same query


class SearchEngine:
    """Ranks the records of one loaded index; immutable once built, so it can be swapped atomically."""

    def __init__(self, settings: Settings, encoder: Encoder, index: LoadedIndex, thesaurus: Thesaurus) -> None:
        self.settings = settings
        self.encoder = encoder
        self.index = index
        self.thesaurus = thesaurus
        self.records: dict[str, Case | Guideline] = {r.id: r for r in [*index.cases, *index.guidelines]}
        self._chunk_record = [c.record_id for c in index.chunks]
        self.n_text = text_chunk_count(index.chunks)
        self._secondary = frozenset(r.id for r in self.records.values() if r.record_type in SECONDARY_TYPES)
        # A mini-case of a list is still the closest precedent when nothing better matches: it only gives
        # way to a matching case (`_precedents_first`), it loses no score.
        self._penalised = frozenset(r for r in self._secondary if self.records[r].record_type != "case_list")
        self._rules = frozenset(r.id for r in index.guidelines if r.record_type == "rules")
        self._cases = frozenset(r.id for r in index.cases if r.record_type == "case")
        self._answers = self._cases | self._rules  # what an essay or a script must not outrank
        self.reranker = None
        if settings.reranker.strip():
            from advisor.retrieval.rerank import CrossEncoderReranker

            self.reranker = CrossEncoderReranker(settings.reranker.strip())

    def rank(self, simple: str, industry: str | None = None, kind: str | None = None,
             earlier: Ranking | None = None) -> Ranking:
        """Records for a (simplified) query, best first, after the industry / kind filters; `earlier` is a
        ranking of the same query, whose signals are reused when it read the query's industry the same way."""
        s = self.settings
        # (how many of its words name the industry: a filter restricts instead, so it counts none)
        query_industry, strength = (industry, 0.0) if industry else industry_guess(simple)
        raw = earlier.signals if earlier is not None else None
        if raw is None or (raw.industry, raw.strength) != (query_industry, strength):
            raw = self._signals(simple, query_industry, strength, raw.vector if raw is not None else None)
        signals = [self._top(x, s.candidate_depth, industry, kind) for x in (raw.dense, raw.lexical, raw.questions)]
        weights = Weights(s.dense_weight, s.lexical_weight, s.questions_weight, s.question_lift_z, s.secondary_penalty)
        rule_intent, question = asks_about_rules(simple), asks_how(simple)
        # Essays, scripts and articles step back for the story of a complaint, not for a question they answer.
        secondary = frozenset() if rule_intent or question else self._penalised
        # A curated question lifts its record only for a query of a compatible industry: 投诉怎么分类 asked
        # about a hotel must not lift a property developer's grading section.
        unliftable = frozenset(k for k in signals[2] if not compatible(self.records[k].industry, query_industry))
        if s.fusion == "rrf":
            fused = rrf_fusion(*signals, weights, secondary, s.rrf_k, unliftable)
        else:
            fused = weighted_fusion(*signals, weights, secondary, unliftable)
        ranked = self._priors(fused, query_industry, rule_intent, question, strength)
        if self.reranker is not None:
            ranked = self._rerank(simple, ranked)
        return Ranking(ranked, raw.expanded, query_industry, rule_intent, raw)

    def _signals(self, simple: str, query_industry: str | None, strength: float,
                 vector: np.ndarray | None) -> Signals:
        """The query's best records on each signal (dense text chunks, BM25, similar questions), unfiltered."""
        s = self.settings
        expanded = self.thesaurus.expand(simple, query_industry)
        depth = s.candidate_depth * 3
        if vector is None:
            vector = self.encoder.encode_queries([query_head(self.encoder, simple, s.dense_query_tokens)])[0]
        n_all = len(self._chunk_record)
        dense = self._dense_signal(vector, depth, (0, self.n_text))
        questions = self._dense_signal(vector, depth, (self.n_text, n_all)) if n_all > self.n_text else {}
        lex_scores = self.index.lexical.scores(simple, expanded, s.expansion_weight)
        top = np.argsort(-lex_scores)[:depth]
        lexical = roll_up((self._chunk_record[i], float(lex_scores[i])) for i in top if lex_scores[i] > 0)
        return Signals(query_industry, strength, expanded, vector, dense, lexical, questions)

    def _rerank(self, simple: str, fused: list[Fused]) -> list[Fused]:
        """The optional second stage: a CrossEncoder re-scores the head of the ranking."""
        from advisor.retrieval.rerank import rerank

        depth = self.settings.rerank_depth
        head, tail = fused[:depth], fused[depth:]
        passages = [self.records[f.record_id].title + "\n" + self.records[f.record_id].text for f in head]
        order = rerank([f.record_id for f in head], self.reranker.scores(simple, passages))
        by_id = {f.record_id: f for f in head}
        return [by_id[i] for i in order] + tail

    def _priors(self, fused: list[Fused], query_industry: str | None, rule_intent: bool,
                question: bool = False, strength: float = 0.0) -> list[Fused]:
        """What the query itself says: its industry (another industry's records drop, a related one's a little
        when `strength`, the number of the query's words naming its industry, is two or more) and whether it asks
        about the rules (the company's rules rise) or tells of an incident (precedents rise). A question
        about conduct (…能让他去找别人吗) keeps the guidance that answers it in place."""
        s = self.settings
        adjusted = []
        for f in fused:
            score = f.score
            record_industry = self.records[f.record_id].industry
            if not compatible(record_industry, query_industry):
                score -= s.industry_penalty
            elif strength >= _SURE_INDUSTRY and record_industry not in (GENERAL, query_industry):
                score -= s.related_industry_penalty
            if rule_intent and f.record_id in self._rules:
                score += s.rules_bonus
                if query_industry and record_industry == query_industry:
                    score += s.rules_industry_bonus
            elif not rule_intent and f.record_id in self._cases:
                score += s.case_bonus
            adjusted.append(Fused(f.record_id, score, f.dense, f.lexical, f.question))
        ranked = sorted(adjusted, key=lambda f: (-f.score, f.record_id))
        return ranked if rule_intent or question else self._precedents_first(ranked, query_industry)

    def _precedents_first(self, ranked: list[Fused], query_industry: str | None) -> list[Fused]:
        """An essay, a script collection, a list of mini-cases or an article never outranks the precedent
        or company rule that matches best: it moves just below the best case or rule of the top ranks that
        scores within `precedent_margin` of it (an essay's match takes the essay's place)."""
        head = ranked[: self.settings.candidate_depth // 4]
        margin = self.settings.precedent_margin
        last = {}
        for i, f in enumerate(head):
            if f.record_id in self._secondary:
                # A mini-case of a list is nearer to a precedent than an essay, a script or an article is.
                essay = f.record_id in self._penalised
                gap = margin if essay else margin / 2
                # An essay or a script gives way to a mini-case of a list too; a mini-case only to a full case.
                answers = self._answers | (self._secondary - self._penalised) if essay else self._answers
                matches = [j for j, g in enumerate(head) if j > i and g.record_id in answers
                           and g.score >= f.score - gap and self._reads_as_close(g, f, query_industry)
                           and compatible(self.records[g.record_id].industry, query_industry)]
                if matches:
                    last[f.record_id] = matches[0]
        if not last:
            return ranked
        # An essay makes way for its match, which takes its place; any other secondary record moves just below
        # its match (the records between keep their order, above it).
        lift: dict[str, Fused] = {}  # essay id → the match placed before it
        lifted: set[str] = set()
        for f in head:
            j = last.get(f.record_id)
            if j is not None and self.records[f.record_id].record_type == "essay" and head[j].record_id not in lifted:
                lift[f.record_id] = head[j]
                lifted.add(head[j].record_id)
        after: dict[int, list[Fused]] = {}  # position of a match → the records moved just below it
        for f in head:
            j = last.get(f.record_id)
            if j is not None and f.record_id not in lift and f.record_id not in lifted:
                after.setdefault(j, []).append(f)
        moved = {f.record_id for group in after.values() for f in group}
        order: list[Fused] = []
        for j, f in enumerate(head):
            if f.record_id not in moved and f.record_id not in lifted:
                order.extend([lift[f.record_id], f] if f.record_id in lift else [f])
            order.extend(after.get(j, ()))
        return order + ranked[len(head) :]

    def _reads_as_close(self, candidate: Fused, secondary: Fused, query_industry: str | None) -> bool:
        """Whether a case or rule reads about as close to the query as the secondary record it would displace
        (its best passage's cosine at most `_DENSE_TOLERANCE` lower). An essay (a customer's first-person account,
        a model composition) or a script collection is no precedent at all: a case or rule of the complaint's own
        industry displaces it however the two read."""
        if (self.records[secondary.record_id].record_type in _NO_PRECEDENT and query_industry is not None
                and self.records[candidate.record_id].industry == query_industry):
            return True
        return candidate.dense >= secondary.dense - _DENSE_TOLERANCE

    def _dense_signal(self, qv: np.ndarray, k: int, id_range: tuple[int, int]) -> dict[str, float]:
        """Best cosine per record among the chunks in `id_range` (text chunks, or similar questions)."""
        scores, ids = search_dense(self.index.dense, qv, k, id_range)
        return roll_up((self._chunk_record[i], float(s)) for s, i in zip(scores, ids, strict=True))

    def _top(self, scores: dict[str, float], depth: int, industry: str | None, kind: str | None) -> dict[str, float]:
        """The `depth` best records of one signal, after the industry / kind filters."""
        if industry or kind:
            scores = {k: v for k, v in scores.items() if self.allowed(k, industry, kind)}
        return dict(sorted(scores.items(), key=lambda kv: -kv[1])[:depth])

    def allowed(self, record_id: str, industry: str | None, kind: str | None) -> bool:
        """Whether a record passes the industry / kind filters (the library browser uses it too)."""
        record = self.records[record_id]
        if kind and (("case" if isinstance(record, Case) else "guideline") != kind):
            return False
        return not industry or record.industry == industry

    def similar_questions(self, record_id: str) -> list[str]:
        """The staff-style questions (常见问法) indexed for a record, in file order."""
        return [c.text for c in self.index.chunks[self.n_text :] if c.record_id == record_id]
