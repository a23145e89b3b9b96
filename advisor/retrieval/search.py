"""The Advisor: load the index and encoder once, then answer complaint descriptions."""

from __future__ import annotations

import re
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from advisor.retrieval.chunk import text_chunk_count
from advisor.corpus.clean import has_complaint_vocabulary
from advisor.retrieval.dense import search_dense
from advisor.retrieval.encoders import Encoder, load_encoder
from advisor.errors import EmptyQueryError, InvalidQueryError, RecordNotFoundError
from advisor.retrieval.expansion import load_thesaurus
from advisor.retrieval.fusion import Fused, roll_up, rrf_fusion, weighted_fusion
from advisor.retrieval.index import LoadedIndex, load_index
from advisor.models import Case, Guideline, Hit, SearchResult
from advisor.text.normalize import clean_query, to_simplified
from advisor.settings import Settings
from advisor.retrieval.tokens import jieba_tokens


class Advisor:
    """Search the case library. Build with `Advisor.load(Settings())`."""

    def __init__(self, settings: Settings, encoder: Encoder, index: LoadedIndex) -> None:
        self.settings = settings
        self.encoder = encoder
        self.index = index
        self._records: dict[str, Case | Guideline] = {r.id: r for r in [*index.cases, *index.guidelines]}
        self._chunk_record = [c.record_id for c in index.chunks]
        self._n_text = text_chunk_count(index.chunks)
        self._rulebook = None
        self.thesaurus = load_thesaurus(settings.synonyms_file)
        self._reranker = None
        if settings.reranker.strip():
            from advisor.retrieval.rerank import CrossEncoderReranker

            self._reranker = CrossEncoderReranker(settings.reranker.strip())

    @classmethod
    def load(cls, settings: Settings | None = None, encoder: Encoder | None = None) -> Advisor:
        """Load the encoder and the index named by `settings` (raises the named index errors)."""
        settings = settings or Settings()
        encoder = encoder or load_encoder(settings)
        advisor = cls(settings, encoder, load_index(settings, encoder))
        # The first search pays for lazy set-up (jieba's dictionary ~0.7 s, the encoder's buffers, the
        # rulebook): pay it here, so `took_ms` is the search time after load.
        advisor.search("业主投诉")
        return advisor

    @property
    def cases(self) -> list[Case]:
        return self.index.cases

    @property
    def guidelines(self) -> list[Guideline]:
        return self.index.guidelines

    def similar_questions(self, record_id: str) -> list[str]:
        """The staff-style questions (常见问法) indexed for a record, in file order."""
        return [c.text for c in self.index.chunks[self._n_text :] if c.record_id == record_id]

    def get(self, record_id: str) -> Case | Guideline:
        """The case or guideline with this id."""
        try:
            return self._records[record_id]
        except KeyError:
            raise RecordNotFoundError(f"没有编号为 {record_id} 的案例或规程") from None

    def search(self, text: str, top_k: int | None = None, industry: str | None = None,
               kind: str | None = None) -> SearchResult:
        """Rank whole cases and guidelines for a complaint description.

        Args:
            text: the complaint in the user's words (simplified or traditional Chinese).
            top_k: number of hits (default `settings.top_k`).
            industry: keep only records of this industry.
            kind: "case" or "guideline" to keep only one kind.

        Raises:
            EmptyQueryError: nothing to search for.
            InvalidQueryError: the text is binary data.
        """
        query, warnings = self._check_query(text)
        started = time.perf_counter()
        top_k = top_k or self.settings.top_k
        simple = to_simplified(query)
        expanded = self.thesaurus.expand(simple)
        fused = self._rank(simple, industry, kind, expanded)
        if self._reranker is not None:
            fused = self._rerank(simple, fused)
        hits = [self._hit(f, simple, expanded) for f in fused[:top_k]]
        best_dense = max((f.dense for f in fused[:top_k]), default=0.0)
        best_question = max((f.question for f in fused), default=0.0)
        no_close = not hits or no_close_precedent(best_dense, simple, bool(expanded), self.settings, best_question)
        guidance = self._guidance(simple)
        took = (time.perf_counter() - started) * 1000
        return SearchResult(query=query, no_close_precedent=no_close, took_ms=round(took, 2),
                            guidance=guidance, hits=hits, expanded_terms=expanded, warnings=warnings)

    # -- internals ---------------------------------------------------------------------------

    def _check_query(self, text: str) -> tuple[str, list[str]]:
        if text is None or not str(text).strip():
            raise EmptyQueryError("请输入投诉描述（查询为空）。")
        raw = str(text)
        sample = raw[:4000]
        odd = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cs", "Co")
                                                         and ch not in "\n\r\t"))
        if odd > max(8, len(sample) * 0.1):
            raise InvalidQueryError("查询内容像是二进制数据，无法检索。请粘贴文字描述。")
        query, warnings = clean_query(raw, self.settings.max_query_chars)
        if not re.search(r"\w", query):
            raise EmptyQueryError("请输入投诉描述（查询中没有文字）。")
        return query, warnings

    def _rerank(self, simple: str, fused: list[Fused]) -> list[Fused]:
        from advisor.retrieval.rerank import rerank

        head, tail = fused[: self.settings.rerank_depth], fused[self.settings.rerank_depth :]
        passages = [self._records[f.record_id].title + "\n" + self._records[f.record_id].text for f in head]
        order = rerank([f.record_id for f in head], self._reranker.scores(simple, passages))
        by_id = {f.record_id: f for f in head}
        return [by_id[i] for i in order] + tail

    def _allowed(self, record_id: str, industry: str | None, kind: str | None) -> bool:
        record = self._records[record_id]
        if kind and (("case" if isinstance(record, Case) else "guideline") != kind):
            return False
        return not industry or record.industry == industry

    def _rank(self, simple: str, industry: str | None, kind: str | None,
              expanded: list[str] | None = None) -> list[Fused]:
        depth = max(self.settings.candidate_depth, (self.settings.top_k or 5) * 4)
        qv = self.encoder.encode_queries([simple])[0]
        n_all = len(self._chunk_record)
        dense = self._dense_signal(qv, depth * 3, (0, self._n_text))
        questions = self._dense_signal(qv, depth * 3, (self._n_text, n_all)) if n_all > self._n_text else {}
        lex_scores = self.index.lexical.scores(simple, expanded or (), self.settings.expansion_weight)
        top = np.argsort(-lex_scores)[: depth * 3]
        lexical = roll_up((self._chunk_record[i], float(lex_scores[i])) for i in top if lex_scores[i] > 0)
        signals = [self._top(x, depth, industry, kind) for x in (dense, lexical, questions)]
        s = self.settings
        if s.fusion == "rrf":
            return rrf_fusion(*signals, s.rrf_k, s.dense_weight, s.lexical_weight, s.questions_weight)
        return weighted_fusion(*signals, s.dense_weight, s.lexical_weight, s.questions_weight)

    def _dense_signal(self, qv: np.ndarray, k: int, id_range: tuple[int, int]) -> dict[str, float]:
        """Best cosine per record among the chunks in `id_range` (text chunks, or similar questions)."""
        scores, ids = search_dense(self.index.dense, qv, k, id_range)
        return roll_up((self._chunk_record[i], float(s)) for s, i in zip(scores, ids, strict=True))

    def _top(self, scores: dict[str, float], depth: int, industry: str | None, kind: str | None) -> dict[str, float]:
        """The `depth` best records of one signal, after the industry / kind filters."""
        if industry or kind:
            scores = {k: v for k, v in scores.items() if self._allowed(k, industry, kind)}
        return dict(sorted(scores.items(), key=lambda kv: -kv[1])[:depth])

    def _hit(self, fused: Fused, simple_query: str, expanded: list[str] | None = None) -> Hit:
        record = self._records[fused.record_id]
        base = record.model_dump()
        if isinstance(record, Case):
            extra = {"kind": "case", "guideline_kind": ""}
        else:
            extra = {"kind": "guideline", "guideline_kind": base.pop("kind"), "complaint_type": ""}
        base.pop("format", None)
        return Hit(**base, **extra, score=round(fused.score, 4),
                   matched_terms=matched_terms(simple_query, record.title + record.text, extra=expanded or ()))

    def _guidance(self, simple_query: str) -> list:
        try:
            from advisor.guidance import rules as guidance
        except ImportError:  # pragma: no cover - the guidance module ships with the package
            return []
        if self._rulebook is None:
            self._rulebook = guidance.load_rules(self.settings.corpus_dir, self.settings.rules_file)
        return guidance.apply_rules(guidance.extract_facts(simple_query), self._rulebook)


def no_close_precedent(best_dense: float, simple_query: str, cue_fired: bool, settings: Settings,
                       best_question: float = 0.0) -> bool:
    """True when even the best hit is weak: its dense cosine is below the floor; or, when the query
    has no complaint vocabulary (`clean.COMPLAINT_TERMS`), below a higher bar: a middle one when a
    colloquial cue of the thesaurus fired (staff wording such as 趴窝, 烫手), the highest when nothing
    marks it as a complaint.
    A query without complaint vocabulary that is close to a staff question of some record
    (`best_question`, the best similar-question cosine) is in the domain too: terse notes such as
    家里上网老掉线 时好时坏 name no complaint word.
    """
    if best_dense < settings.no_precedent_threshold:
        return True
    if has_complaint_vocabulary(simple_query) or best_question >= settings.no_precedent_question_threshold:
        return False
    bar = settings.no_precedent_cue_threshold if cue_fired else settings.no_precedent_domain_threshold
    return best_dense < bar


def matched_terms(simple_query: str, text: str, limit: int = 12, extra: Iterable[str] = ()) -> list[str]:
    """Query words (two characters or more) and `extra` terms (the thesaurus expansion) that occur
    in `text`, longest first."""
    words = sorted({w for w in [*jieba_tokens(simple_query), *extra] if len(w) >= 2}, key=len, reverse=True)
    found: list[str] = []
    for w in words:
        if w in text and not any(w in f for f in found):
            found.append(w)
    return found[:limit]


def group_by_kind(hits: list[Hit]) -> dict[str, list[Hit]]:
    """Hits split into cases and guidelines (display helper)."""
    groups: dict[str, list[Hit]] = defaultdict(list)
    for h in hits:
        groups[h.kind].append(h)
    return dict(groups)
