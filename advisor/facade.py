"""The Advisor: the one facade the CLI and the app share (search, records, guidance, plans, cards, votes).

The index is loaded once; when a rebuild replaces it (its manifest changes), the next request loads
the new one and swaps it in whole, so no request ever sees a mix of old and new.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

from advisor.errors import InvalidQueryError, RecordNotFoundError
from advisor.feedback.store import FeedbackStats, feedback_db, feedback_stats, record_feedback
from advisor.guidance.advice import bigram_rarity, build_advice
from advisor.guidance.apply import guidance_for
from advisor.guidance.documents import avoid_phrases
from advisor.guidance.rulebook import RuleBook, load_rules
from advisor.models import Advice, Case, GuidanceItem, Guideline, Hit, SearchResult
from advisor.retrieval.confidence import confidence
from advisor.retrieval.encoders import Encoder, load_encoder
from advisor.retrieval.engine import Ranking, SearchEngine
from advisor.retrieval.expansion import load_thesaurus
from advisor.retrieval.fusion import Fused
from advisor.retrieval.query import check_query, matched_terms, no_close_precedent
from advisor.retrieval.store import LoadedIndex, load_index, manifest_stamp
from advisor.settings import Settings
from advisor.text.industry import compatible, industry_guess, top_industries
from advisor.text.normalize import to_simplified
from advisor.text.terms import GENERAL
from advisor.training import (
    Card,
    CardOptions,
    PersonaLibrary,
    PracticeResult,
    build_card,
    load_personas,
    pack_cards,
    score_reply,
    select_pack,
)


class Advisor:
    """Answers complaint descriptions from one index. Build with `Advisor.load(Settings())`."""

    def __init__(self, settings: Settings, encoder: Encoder, index: LoadedIndex) -> None:
        self.settings = settings
        self.encoder = encoder
        self._lock = threading.Lock()
        self._thesaurus = load_thesaurus(settings.synonyms_file)
        self._rulebook: RuleBook | None = None
        self._personas: PersonaLibrary | None = None
        self._engine = SearchEngine(settings, encoder, index, self._thesaurus)
        self._stamp = manifest_stamp(settings.index_dir)
        self._avoid = avoid_phrases(index.guidelines)
        self._rarity = bigram_rarity([r.text for r in self._engine.records.values()])

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
            avoid, rarity = avoid_phrases(index.guidelines), bigram_rarity([r.text for r in engine.records.values()])
            self._engine, self._avoid, self._rarity, self._stamp = engine, avoid, rarity, stamp
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
            InvalidQueryError: the text is binary data, or `top_k` / `kind` is out of range.
        """
        if top_k is not None and not 1 <= top_k <= 50:
            raise InvalidQueryError(f"结果条数应在 1–50 之间，收到 {top_k}")
        if kind not in (None, "case", "guideline"):
            raise InvalidQueryError(f"记录类型应为 case 或 guideline，收到 {kind}")
        self.reload_if_changed()
        engine = self._engine  # one engine for the whole request, even if a reload swaps it meanwhile
        query, warnings = check_query(text, self.settings.max_query_chars)
        started = time.perf_counter()
        top_k = top_k or self.settings.top_k
        simple = to_simplified(query)
        ranking = engine.rank(simple, industry, kind)
        hits = [self._hit(engine, f, rank, simple, ranking.expanded, ranking.industry)
                for rank, f in enumerate(ranking.fused[:top_k])]
        best_dense = max((f.dense for f in ranking.fused[:top_k]), default=0.0)
        best_question = max((f.question for f in ranking.fused), default=0.0)
        no_close = not hits or no_close_precedent(best_dense, simple, bool(ranking.expanded), self.settings,
                                                  best_question)
        industry_read = read_industry(simple, industry, ranking.industry, hits)
        guidance = guidance_for(simple, self.rulebook(), industry_read)
        advice = None if no_close else self._advice(engine, simple, hits, guidance, industry_read, ranking)
        if advice is not None and advice.folded:
            guidance = [*guidance, *advice.folded]  # other documents' time limits, folded beside other standards
        took = (time.perf_counter() - started) * 1000
        return SearchResult(query=query, no_close_precedent=no_close, took_ms=round(took, 2), guidance=guidance,
                            hits=hits, expanded_terms=ranking.expanded, warnings=warnings, industry=industry_read,
                            advice=advice or Advice(), index_built_at=engine.index.manifest.built_at)

    def _advice(self, engine: SearchEngine, simple: str, hits: list[Hit], guidance: list, industry: str | None,
                ranking: Ranking):
        rules = [g for g in engine.index.guidelines
                 if g.record_type == "rules" and industry is not None and g.industry == industry]
        avoid = [p for ind, phrases in self._avoid.items() if compatible(ind, industry) for p in phrases]
        procedure_rank = engine.rank(simple, industry=None, kind="guideline", earlier=ranking)
        procedures = [self._hit(engine, f, i, simple, procedure_rank.expanded)
                      for i, f in enumerate(procedure_rank.fused[:30])
                      if engine.records[f.record_id].kind in ("procedure", "principle")]
        # When the complaint's own industry has no time limit written down (or is unknown): the nearest general
        # rules. (Not a related industry's: a courier's limits are no restaurant's, though both deliver.)
        nearby = [engine.records[f.record_id] for f in procedure_rank.fused[:30]]
        fallback = [g for g in nearby if g.record_type == "rules" and g.industry == GENERAL]
        # A grade is read from documents only for an industry the curated rulebook does not grade.
        graded = any(s.grades and s.industry == industry for s in self.rulebook().standards)
        return build_advice(simple, hits, guidance, industry, rules, avoid, self._rarity, procedures, fallback,
                            grade_documents=not graded)

    # -- trainer cards -------------------------------------------------------------------------------

    def personas(self) -> PersonaLibrary:
        """The persona typology (the knowledge folder's, else the built-in one)."""
        if self._personas is None:
            self._personas = load_personas(self.settings.personas_file)
        return self._personas

    def case(self, case_id: str) -> Case:
        """The case with this id (a guideline id is refused with a clear message)."""
        record = self.get(case_id)
        if not isinstance(record, Case):
            raise RecordNotFoundError(f"{case_id} 是规程，不是案例")
        return record

    def case_rules(self, case: Case) -> list[GuidanceItem]:
        """The grading and deadlines that apply to a precedent (its own industry's rules, or general ones)."""
        return guidance_for(case.title + "\n" + case.facts[:300], self.rulebook(), case.industry)

    def principles(self) -> list[Guideline]:
        """Principle guidelines (倾听, 换位思考 …) whose advice joins the communication criterion."""
        return [g for g in self.guidelines if g.kind == "principle"][:6]

    def card(self, case_id: str, options: CardOptions | None = None) -> Card:
        """The role-play card for one precedent (the CLI and the app build it here, identically)."""
        case = self.case(case_id)
        return build_card(case, options or CardOptions(), rules=self.case_rules(case), principles=self.principles(),
                          personas=self.personas())

    def pack(self, industry: str | None = None, count: int = 10, difficulty: str | None = None,
             seed: int = 0) -> list[Card]:
        """A training pack: distinct precedents balanced across industries, complaint types and difficulty."""
        cases = select_pack([c for c in self.cases if c.record_type == "case"], industry=industry, count=count,
                            seed=seed)
        return pack_cards(cases, personas=self.personas(), seed=seed, difficulty=difficulty,
                          rules_for=self.case_rules, principles=self.principles())

    def practice(self, case_id: str, reply: str, options: CardOptions | None = None,
                 card: Card | None = None) -> PracticeResult:
        """Score a trainee's reply against the rubric of a card: the given one (a trainer's edited card),
        else the card of the precedent `case_id`."""
        return score_reply(card or self.card(case_id, options), reply, self.encoder)

    # -- feedback ------------------------------------------------------------------------------------

    def vote(self, query: str, record_id: str, rank: int, helpful: bool) -> int:
        """Store a 有帮助 / 没帮助 vote (personal data masked). Raises FeedbackUnavailableError when the
        data folder cannot be written."""
        return record_feedback(feedback_db(self.settings), query, record_id, rank, helpful)

    def feedback_stats(self) -> FeedbackStats:
        """Votes so far, by record."""
        return feedback_stats(feedback_db(self.settings))

    def _hit(self, engine: SearchEngine, fused: Fused, rank: int, simple: str, expanded: list[str],
             query_industry: str | None = None) -> Hit:
        """A ranked record as a hit. A record of an industry the complaint's own words rule out (a telecom
        case for an online shop's presale delay) is shown as 低 however close its text."""
        record = engine.records[fused.record_id]
        base = record.model_dump()
        if isinstance(record, Case):
            extra = {"kind": "case", "guideline_kind": ""}
        else:
            extra = {"kind": "guideline", "guideline_kind": base.pop("kind"), "complaint_type": ""}
        base.pop("format", None)
        level = confidence(fused.dense, fused.question, rank)
        if query_industry and not compatible(record.industry, query_industry):
            level = "低"
        return Hit(**base, **extra, score=round(fused.score, 4), confidence=level,
                   matched_terms=matched_terms(simple, record.title + record.text, extra=expanded))


# A regulator's hotline named in the complaint tells the sector: 12315 takes shops', restaurants' and services'
# complaints, not banks' (12378) or utilities' (12398).
_HOTLINE_SECTORS = {"12315": frozenset({"银行", "保险", "电力", "供水", "燃气", "电信"}),
                    "12378": frozenset({"零售", "电商", "餐饮", "酒店", "快递", "汽车", "电信", "房地产", "物业"})}


def _other_sector(simple: str, industry: str) -> bool:
    """The complaint names a hotline that does not take complaints of `industry`."""
    return any(number in simple and industry in excluded for number, excluded in _HOTLINE_SECTORS.items())


def read_industry(simple: str, chosen: str | None, ranked: str | None, hits: Sequence[Hit]) -> str | None:
    """The industry whose rules apply. The filter decides; else the query's words, unless one word alone
    (违约金, 预售 …) points there while the best precedent, though ranked against that guess, is of an
    industry that does not fit ("家长要退课,机构说要扣30%违约金"). Without industry words the precedents
    decide only when they agree: a single bank case leading "退款15天了还没到账" must not put bank deadlines
    on a shop's complaint."""
    if chosen:
        return chosen
    lead = next((h.industry for h in hits[:1] if h.kind == "case" and h.confidence != "低" and h.industry != GENERAL),
                None)
    if (ranked and industry_guess(simple)[1] <= 1 and lead and not compatible(lead, ranked)
            and hits[0].confidence == "高"):
        return lead  # (a lead read as 中 does not outweigh the query's own word: 收银 says 零售)
    if ranked:
        return ranked
    named = top_industries(simple)
    if named:
        # a tie of the query's words: the precedents may break it (the lead, or two of the first three: a bank
        # case about a 网点 does not outvote two courier cases for "我们网点…快递一直不动"), not add a third industry;
        # precedents read as 低 match too loosely to break it
        cases = [h.industry for h in hits if h.kind == "case" and h.confidence != "低"][:3]
        backed = [k for k in named if cases.count(k) >= 2]
        if lead in named and (cases.count(lead) >= 2 or not backed):
            return lead
        return backed[0] if len(backed) == 1 else None
    return lead if lead and _precedents_agree(lead, hits) and not _other_sector(simple, lead) else None


def _precedents_agree(lead: str, hits: Sequence[Hit], among: int = 3) -> bool:
    """At least two of the first `among` case hits are of the lead's industry or a related one (a hit read as 低
    matches too loosely to vouch for the complaint's industry)."""
    cases = [h for h in hits if h.kind == "case"][:among]
    return sum(h.industry != GENERAL and h.confidence != "低" and compatible(h.industry, lead) for h in cases) >= 2
