"""The Advisor: the one facade the CLI and the app share (search, records, guidance, plans, cards, votes).

The index is loaded once; when a rebuild replaces it (its manifest changes), the next request loads
the new one and swaps it in whole, so no request ever sees a mix of old and new.
"""

from __future__ import annotations

import threading
import time

from advisor.errors import RecordNotFoundError
from advisor.guidance.advice import avoid_phrases, build_advice
from advisor.guidance.apply import guidance_for
from advisor.guidance.rulebook import RuleBook, load_rules
from advisor.models import Case, Guideline, Hit, SearchResult
from advisor.retrieval.confidence import confidence
from advisor.retrieval.encoders import Encoder, load_encoder
from advisor.retrieval.engine import SearchEngine
from advisor.retrieval.expansion import load_thesaurus
from advisor.retrieval.fusion import Fused
from advisor.retrieval.index import LoadedIndex, load_index, manifest_stamp
from advisor.retrieval.query import check_query, matched_terms, no_close_precedent
from advisor.settings import Settings
from advisor.text.industry import compatible
from advisor.text.normalize import to_simplified
from advisor.text.terms import GENERAL


class Advisor:
    """Answers complaint descriptions from one index. Build with `Advisor.load(Settings())`."""

    def __init__(self, settings: Settings, encoder: Encoder, index: LoadedIndex) -> None:
        self.settings = settings
        self.encoder = encoder
        self._lock = threading.Lock()
        self._thesaurus = load_thesaurus(settings.synonyms_file)
        self._rulebook: RuleBook | None = None
        self._engine = SearchEngine(settings, encoder, index, self._thesaurus)
        self._stamp = manifest_stamp(settings.index_dir)
        self._avoid = avoid_phrases(index.guidelines)

    @classmethod
    def load(cls, settings: Settings | None = None, encoder: Encoder | None = None) -> Advisor:
        """Load the encoder and the index named by `settings` (raises the named index errors)."""
        settings = settings or Settings()
        encoder = encoder or load_encoder(settings)
        advisor = cls(settings, encoder, load_index(settings, encoder))
        # The first search pays for lazy set-up (jieba's dictionary, the encoder's buffers, the rulebook):
        # pay it here, so `took_ms` is the search time after load.
        advisor.search("业主投诉")
        return advisor

    # -- the index ----------------------------------------------------------------------------------

    @property
    def index(self) -> LoadedIndex:
        return self._engine.index

    @property
    def cases(self) -> list[Case]:
        return self._engine.index.cases

    @property
    def guidelines(self) -> list[Guideline]:
        return self._engine.index.guidelines

    @property
    def built_at(self) -> str:
        """When the index being served was built (ISO time, UTC)."""
        return self._engine.index.manifest.built_at

    def reload_if_changed(self) -> bool:
        """Load the index again when a rebuild replaced it; True when it did.

        The new index is loaded completely before it replaces the old one in a single assignment.
        """
        stamp = manifest_stamp(self.settings.index_dir)
        if stamp == self._stamp:
            return False
        with self._lock:
            if stamp == self._stamp:
                return False
            index = load_index(self.settings, self.encoder)
            engine = SearchEngine(self.settings, self.encoder, index, self._thesaurus)
            self._avoid = avoid_phrases(index.guidelines)
            self._engine, self._stamp = engine, stamp
            return True

    def get(self, record_id: str) -> Case | Guideline:
        """The case or guideline with this id."""
        try:
            return self._engine.records[record_id]
        except KeyError:
            raise RecordNotFoundError(f"没有编号为 {record_id} 的案例或规程") from None

    def records(self, industry: str | None = None, kind: str | None = None, text: str = "") -> list[Case | Guideline]:
        """Records for the library browser: filtered by industry, kind and words in the title or text."""
        engine = self._engine
        needle = to_simplified(text.strip())
        return [r for rid, r in engine.records.items()
                if engine.allowed(rid, industry, kind) and (not needle or needle in r.title or needle in r.text)]

    def industries(self) -> list[str]:
        """Industries of the library, most records first."""
        counts: dict[str, int] = {}
        for r in self._engine.records.values():
            counts[r.industry] = counts.get(r.industry, 0) + 1
        return sorted(counts, key=lambda k: -counts[k])

    def similar_questions(self, record_id: str) -> list[str]:
        """The staff-style questions (常见问法) indexed for a record."""
        return self._engine.similar_questions(record_id)

    def rulebook(self) -> RuleBook:
        """The company's rulebook with citations resolved against the corpus (loaded once)."""
        if self._rulebook is None:
            self._rulebook = load_rules(self.settings.corpus_dir, self.settings.rules_file)
        return self._rulebook

    # -- search -------------------------------------------------------------------------------------

    def search(self, text: str, top_k: int | None = None, industry: str | None = None,
               kind: str | None = None) -> SearchResult:
        """Rank whole cases and guidelines for a complaint and build the action plan.

        Args:
            text: the complaint in the user's words (simplified or traditional Chinese).
            top_k: number of hits (default `settings.top_k`).
            industry: keep only records of this industry (also the industry of the guidance).
            kind: "case" or "guideline" to keep only one kind.

        Raises:
            EmptyQueryError: nothing to search for.
            InvalidQueryError: the text is binary data.
        """
        self.reload_if_changed()
        engine = self._engine  # one engine for the whole request, even if a reload swaps it meanwhile
        query, warnings = check_query(text, self.settings.max_query_chars)
        started = time.perf_counter()
        top_k = top_k or self.settings.top_k
        simple = to_simplified(query)
        ranking = engine.rank(simple, industry, kind)
        hits = [self._hit(engine, f, rank, simple, ranking.expanded) for rank, f in enumerate(ranking.fused[:top_k])]
        best_dense = max((f.dense for f in ranking.fused[:top_k]), default=0.0)
        best_question = max((f.question for f in ranking.fused), default=0.0)
        no_close = not hits or no_close_precedent(best_dense, simple, bool(ranking.expanded), self.settings,
                                                  best_question)
        guidance = guidance_for(simple, self.rulebook(), ranking.industry)
        rules = [g for g in engine.index.guidelines
                 if g.record_type == "rules" and ranking.industry is not None and g.industry == ranking.industry]
        avoid = [p for ind, phrases in self._avoid.items() if compatible(ind, ranking.industry) or ind == GENERAL
                 for p in phrases]
        advice = build_advice(simple, [] if no_close else hits, guidance, ranking.industry, rules, avoid)
        took = (time.perf_counter() - started) * 1000
        return SearchResult(query=query, no_close_precedent=no_close, took_ms=round(took, 2), guidance=guidance,
                            hits=hits, expanded_terms=ranking.expanded, warnings=warnings, industry=ranking.industry,
                            advice=advice, index_built_at=engine.index.manifest.built_at)

    def _hit(self, engine: SearchEngine, fused: Fused, rank: int, simple: str, expanded: list[str]) -> Hit:
        record = engine.records[fused.record_id]
        base = record.model_dump()
        if isinstance(record, Case):
            extra = {"kind": "case", "guideline_kind": ""}
        else:
            extra = {"kind": "guideline", "guideline_kind": base.pop("kind"), "complaint_type": ""}
        base.pop("format", None)
        return Hit(**base, **extra, score=round(fused.score, 4),
                   confidence=confidence(fused.dense, fused.question, rank),
                   matched_terms=matched_terms(simple, record.title + record.text, extra=expanded))

