"""The action plan: 3–7 steps merged from the matching precedents and rules, the grade, the deadlines, what not to say.

Extractive only: every step is a passage of the documents it cites. A step comes only from a hit that
matches the complaint: a case of a compatible industry, ranked close to the best hit, with
confidence 高 or 中.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from advisor.guidance.facts import QueryFacts, extract_facts
from advisor.models import Advice, AdviceStep, Citation, CitedRecord, GuidanceItem, Guideline, Hit
from advisor.text.actions import is_management
from advisor.text.industry import compatible
from advisor.text.items import split_items
from advisor.text.terms import GENERAL, INDUSTRY_TERMS, label_scores

MIN_STEPS, MAX_STEPS = 3, 7
MAX_STEP_CHARS = 90
_MIN_STEP_CHARS = 8
# A precedent contributes steps when it scores within this many standard deviations of the best hit.
SCORE_MARGIN = 2.0
_MAX_PER_SOURCE = 4
_SAME = 0.5  # bigram Jaccard at which two steps say the same thing
_RARE = 2  # a bigram found in at most this many records is a detail of one incident
_GENERIC = frozenset(
    "业主 客户 顾客 客人 用户 消费者 投诉 要求 赔偿 补偿 问题 处理 服务 公司 员工 工作人员 情况 原因 解决 反映 表示 认为 没有 时候".split()
)
_ENUM = re.compile(r"^\s*(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）、.．:：]|[一二三四五六七八九十]是|[①-⑳⑴-⒇]"
                   r"|[A-Ha-h][、.．)）]|[-•·])\s*")
# A rule clause is a step when it tells staff what to do, from its first words on.
_IMPERATIVE = re.compile(
    r"^(?:应|应当|须|必须|要|需|及时|立即|第一时间|主动|认真|耐心|做好|确保|安抚|向客户|对客户|对于|首先|先|再|然后|由|"
    r"接到|受理|核实|记录|回访|跟进|上报|登记|通知|联系|解释|道歉|致歉|倾听|了解|调查|提出|给予|告知|尊重|理解|保持|尽快)"
)
_ANALYSIS = re.compile(r"^(?:关于|分析|本案例|该案例|综上)|动机|表象|隐含需求")
# What the complainant must do (投诉人应提供身份证明) is a condition, not a step for staff.
_CUSTOMER_DUTY = re.compile(
    r"(?:^|[:：\s.、，,])(?:投诉人|申诉人|消费者|客户|顾客|旅客|乘客|用户|业主|委托人)[^，,。]{0,8}(?:应|须|必须|需要|需)"
    r"|(?:应|须)(?:符合|具备)的?条件"
)
# Sections written for complainants (旅客须知, 投诉应符合的条件, 投诉渠道) tell staff nothing to do.
_FOR_COMPLAINANTS = re.compile(r"投诉.{0,4}条件|须知|受理范围|不予受理|投诉渠道|如何投诉|投诉方式|投诉指南")
# A step whose subject is the customer (张先生持续关注物流信息) tells what the customer did, not staff.
_CUSTOMER_SUBJECT = re.compile(
    r"^(?:[\u4e00-\u9fff](?:先生|女士|小姐)|(?:该|这位|一位|某)?(?:客户(?!经理|服务|部)|顾客|业主|消费者|用户|车主|旅客|乘客|患者))"
)
# A sentence of another customer's story (张先生…收到了包裹) is no step.
_STORY_PERSON = re.compile(r"[\u4e00-\u9fff](?:先生|女士|小姐|阿姨|大爷)|(?:该|这位|一位|某)(?:客户|顾客|业主|用户|消费者)")
_NOT_A_STEP = re.compile(r"[“”\"]|本案|原告|被告|法院|判决|第[一二三四五六七八九十百\d]+条|^(?:派出所|公安|警察|民警|法官|消协|消费者协会|仲裁|监管|政府|街道|居委会|作为)"
                         # what someone told the reporter ("…客户服务总监郭先生表示,初步确定…") is no action
                         r"|^[^，,。]{0,24}(?:表示|称|说|介绍|告诉记者|坦言|透露)[,，:：]")
_TIME_LIMIT = re.compile(r"\d+\s*(?:个)?(?:小时|工作日|日|天|分钟)(?:内|之内)|不超过\s*\d+\s*(?:个)?(?:小时|工作日|日|天)")
# Steps for a situation the complaint must show: a group complaint's procedure is no plan for one owner.
_GROUP_RULE = re.compile(r"群诉|群体|集体")
_SITUATIONAL: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"媒体|媒介|记者|采访|舆情|新闻"), "media"),
    (re.compile(r"过激|自我防范|人身安全|打砸|冲突|报警|公安"), "protest"),
    (re.compile(r"起诉|诉讼|律师|仲裁|法院"), "litigation"),
    (re.compile(r"群诉|集体|群体|联名|代表"), "collective"),
)
# "合同问题:延期交房、延期办证…应严格按照合同…": a topic label, then what to do.
_TOPIC = re.compile(r"^[^，,。：:]{2,12}[:：]")
_MODAL = re.compile(r"(?:^|[，,])[^，,。]{0,16}?(?:应当|应该|必须|务必|应|须)")
_AVOID_CUE = re.compile(r"(?:禁止使用|禁止说|不要说|不能说|忌说|忌用|严禁说|避免说|禁用语)[^“\"]{0,12}[“\"]([^”\"]{2,120})[”\"]")


@dataclass
class _Candidate:
    text: str
    sources: list[str]
    origin: str
    weight: float
    keys: set[str] = field(default_factory=set)


def build_advice(query: str, hits: Sequence[Hit], guidance: Sequence[GuidanceItem], industry: str | None,
                 rules: Sequence[Guideline] = (), avoid_phrases: Sequence[str] = (),
                 rarity: Mapping[str, int] | None = None, procedures: Sequence[Hit] = ()) -> Advice:
    """The plan for a complaint.

    Args:
        query: the complaint as staff wrote it (simplified).
        hits: the ranked hits of the search.
        guidance: grading and deadline items from the rulebook (already filtered by industry).
        industry: the complaint's industry, or None.
        rules: guideline records of the company's rules for the complaint's industry (deadlines are
            read from them when the rulebook has none).
        avoid_phrases: phrases the company's guidelines forbid, for the complaint's industry.
        rarity: in how many records each character bigram occurs (`bigram_rarity`); a step of a
            precedent that is not a close match must not carry its incident's own details.
        procedures: the best procedure / principle rules for the complaint (a guideline-only search),
            used when the hits give fewer than three steps.
    """
    facts = extract_facts(query)
    candidates = _precedent_steps(query, hits, industry, rarity or {}) + _rule_steps(query, hits, industry, facts)
    steps = _merge(candidates, _bigrams(query))
    if len(steps) < MIN_STEPS and procedures:
        # Too few from the hits: the company's procedure for complaints of this kind fills in, up to three.
        extra = _merge(_rule_steps(query, procedures, industry, facts, limit=MAX_STEPS), _bigrams(query))
        steps += [e for e in extra if all(_jaccard(_bigrams(e.text), _bigrams(x.text)) < _SAME for x in steps)]
        steps = steps[: max(MIN_STEPS, len(candidates))]
    grade = next((g for g in guidance if g.category == "grading" and g.primary), None)
    deadlines = [d for d in guidance if d.category == "deadline" and d.primary]
    cited: list[CitedRecord] = []
    if not deadlines:
        deadlines, cited = _document_deadlines(query, rules)
    hit_ids = {h.id for h in hits}
    for step in steps:
        for rid in step.sources:
            if rid not in hit_ids and rid not in {c.id for c in cited}:
                record = next((r for r in procedures if r.id == rid), None)
                if record is not None:
                    cited.append(CitedRecord(id=record.id, title=record.title, text=record.text, sources=record.sources))
    return Advice(steps=steps, grade=grade, deadlines=deadlines[:4], avoid=list(avoid_phrases)[:12], cited=cited)


def matching_cases(hits: Sequence[Hit], industry: str | None) -> list[Hit]:
    """The case hits that match the complaint closely enough to take their steps: confidence 高, or 中
    within `SCORE_MARGIN` of the best hit; of the complaint's industry (or a related one)."""
    if not hits:
        return []
    top = hits[0].score
    # A related industry (电力 for a 供水 complaint) lends its steps only through a very close match.
    return [h for i, h in enumerate(hits) if h.kind == "case" and h.record_type == "case"
            and (_same_industry(h.industry, industry) or (h.confidence == "高" and compatible(h.industry, industry)))
            and (h.confidence == "高" or (h.confidence == "中" and h.score >= top - SCORE_MARGIN)
                 or (i < 3 and h.confidence != "低" and _specific_terms(h.matched_terms)))]


def _same_industry(record_industry: str, industry: str | None) -> bool:
    return industry is None or record_industry in (GENERAL, industry)


def _specific_terms(terms: Sequence[str]) -> list[str]:
    """Matched terms that name the problem, not just the setting (业主, 投诉, 赔偿 name no problem)."""
    return [t for t in terms if len(t) >= 2 and t not in _GENERIC and not any(g in t for g in ("客户", "投诉"))]


def _precedent_steps(query: str, hits: Sequence[Hit], industry: str | None,
                     rarity: Mapping[str, int]) -> list[_Candidate]:
    out = []
    query_keys = _bigrams(query)
    for rank, hit in enumerate(matching_cases(hits, industry), 1):
        incident = _bigrams(hit.facts or hit.text)
        # Below the best precedent, a step must be about this complaint (a word of it), not only of its kind.
        about_query = rank == 1 or hit.confidence == "高"
        for step in hit.handling_steps[:_MAX_PER_SOURCE]:
            text = _clip(step)
            # Prevention ("营造过程中定期自检自查", "集团…严格把控") is for the debrief, not for this complaint.
            if not text or _NOT_A_STEP.search(text) or _ANALYSIS.search(text) or is_management(text):
                continue
            if (hit.steps_origin == "story" and _STORY_PERSON.search(text)) or _CUSTOMER_SUBJECT.match(text):
                continue
            # "对鼓风机损坏…作出解释" belongs to the blower incident, not to a brake complaint.
            own = {b for b in _bigrams(text) & incident - query_keys if rarity.get(b, 0) <= _RARE}
            if (len(own) >= 2 and hit.confidence != "高") or not (about_query or _specific(_bigrams(text) & query_keys)):
                continue
            out.append(_Candidate(text, [hit.id], "precedent", 1.0 / rank))
    return out


def bigram_rarity(texts: Sequence[str]) -> dict[str, int]:
    """In how many of `texts` each character bigram occurs (for `build_advice`)."""
    counts: dict[str, int] = {}
    for text in texts:
        for b in _bigrams(text):
            counts[b] = counts.get(b, 0) + 1
    return counts


def _rule_steps(query: str, hits: Sequence[Hit], industry: str | None, facts: QueryFacts,
                limit: int = _MAX_PER_SOURCE) -> list[_Candidate]:
    """Instructions among the procedure and principle rules of the hits, the ones about this complaint first."""
    out = []
    keys = _bigrams(query)
    # Principles (倾听, 致歉, 不推诿) hold in any industry; a procedure only in its own.
    guides = [h for h in hits if h.kind == "guideline" and h.record_type == "rules"
              and (not _GROUP_RULE.search(h.title) or facts.collective or _is_group(facts))
              and not _FOR_COMPLAINANTS.search(h.title)]
    for rank, hit in enumerate(guides, 1):
        for s, item_topic in _pieces(hit.text):
            text, topic = _instruction(_clip(s))
            topic = topic or item_topic
            # Another industry's procedure does not instruct this complaint's staff (奉上茶水 at a front desk);
            # its principles (首问负责, 不推诿, 耐心倾听) hold anywhere when they name no industry.
            # (when the complaint's industry is unknown, only a general procedure instructs it)
            own = (hit.industry == GENERAL or hit.industry == industry) and not _names_other_industry(text, industry)
            fits = own or (hit.guideline_kind == "principle" and not _industries_named(text))
            if (len(text) < _MIN_STEP_CHARS or not fits or _NOT_A_STEP.search(text) or is_management(text)
                    or _CUSTOMER_DUTY.search(text)
                    or text.endswith((":", "：")) or not _applies(text, facts)):
                continue
            about = len(_specific(_bigrams(topic + text) & keys))
            if topic and not about:
                continue  # "质量问题:…" is the rule for another kind of complaint
            out.append(_Candidate(text, [hit.id], "rule", 0.5 / rank + 0.3 * min(about, 4)))
    out.sort(key=lambda c: -c.weight)
    return out[:limit]


_SUB_ITEM = re.compile(r"(?<!^)\s*(?=(?:\d{1,2}[)）]|[(（]\d{1,2}[)）]|[①-⑳])\s*[\u4e00-\u9fff])")


def _pieces(text: str) -> list[tuple[str, str]]:
    """The clauses of a rule text (its items, their sub-items 1) 2) …, sentences), each with the topic
    label of its item ("质量问题:" holds for every sentence of that item)."""
    _, items = split_items(text)
    out = []
    for item in items or [text]:
        topic = _TOPIC.match(_ENUM.sub("", item.strip()))
        for sub in _SUB_ITEM.split(item):
            out.extend((p, topic.group(0) if topic else "") for p in re.split(r"(?<=[。；;])", sub) if p.strip())
    return out


def _names_other_industry(text: str, industry: str | None) -> bool:
    named = _industries_named(text)
    return bool(named) and industry not in named and GENERAL not in named


@lru_cache(maxsize=4096)
def _industries_named(text: str) -> frozenset[str]:
    """The industries whose words a clause uses (cached: the same rule clauses come back query after query)."""
    return frozenset(label_scores(text, INDUSTRY_TERMS))


def _instruction(text: str) -> tuple[str, str]:
    """The clause as an instruction to staff, and its topic label ("合同问题:延期交房…,应严格按照…" → the
    clause after the label, the label); ("", "") when it tells staff nothing to do."""
    if _IMPERATIVE.search(text):
        return text, ""
    m = _TOPIC.match(text)
    if m:
        body = re.split(r"(?<=[。；;])", text[m.end() :])[0].strip()
        modal = _MODAL.search(body)
        # The topic's own list of cases may come first ("延期交房、延期办证…等情况,应…").
        if modal and modal.start() <= 60 and len(body) >= _MIN_STEP_CHARS:
            return body, m.group(0)
        return "", ""
    modal = _MODAL.search(text)
    if modal and modal.start() <= 30:  # "1)客户亲自到客服投诉,接待人员应以亲切态度招待客户" → from 接待人员 on
        return text[modal.start() :].lstrip("，, "), ""
    return "", ""


def _applies(text: str, facts: QueryFacts) -> bool:
    """A step for a situation (media, protest, lawsuit, group) only when the complaint shows it."""
    shown = {"media": facts.media, "protest": facts.protest, "litigation": facts.litigation,
             "collective": facts.collective or _is_group(facts)}
    return all(shown[flag] for pattern, flag in _SITUATIONAL if pattern.search(text))


def _is_group(facts: QueryFacts) -> bool:
    count = facts.headcount
    return count is not None and count.value >= 3


def _specific(keys: set[str]) -> set[str]:
    """Bigrams that say what the complaint is about (not 客户, 投诉, 处理)."""
    return {k for k in keys if not any(k in g for g in _GENERIC)}


def _clip(step: str) -> str:
    """A step without its numbering, cut at a clause boundary (the words stay the document's)."""
    text = _ENUM.sub("", " ".join(step.split()).lstrip("#> ")).strip(" ;；,，")
    if len(text) <= MAX_STEP_CHARS:
        return text
    cut = max(text.rfind(p, 0, MAX_STEP_CHARS) for p in "。；;")
    if cut < 20:
        cut = max(text.rfind(p, 0, MAX_STEP_CHARS) for p in "，,")
    return text[: cut + 1].rstrip("，,") if cut >= 20 else text[:MAX_STEP_CHARS]


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[\W_]", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _merge(candidates: list[_Candidate], query_keys: set[str]) -> list[AdviceStep]:
    """Near-duplicates merged (their sources joined), ordered by support, then rank and relevance."""
    merged: list[_Candidate] = []
    for cand in candidates:
        cand.keys = _bigrams(cand.text)
        same = next((m for m in merged if _jaccard(m.keys, cand.keys) >= _SAME), None)
        if same is None:
            merged.append(cand)
        else:
            same.sources = list(dict.fromkeys([*same.sources, *cand.sources]))
            same.weight = max(same.weight, cand.weight)
    def score(c: _Candidate) -> tuple[float, float]:
        relevance = len(_specific(c.keys & query_keys)) / max(len(_specific(query_keys)), 1)
        return (len(c.sources), c.weight + 2 * relevance + (0.2 if c.origin == "precedent" else 0.0))
    ranked = sorted(merged, key=score, reverse=True)
    return [AdviceStep(text=c.text, sources=c.sources, origin=c.origin) for c in ranked[:MAX_STEPS]]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(len(a | b), 1)


def _document_deadlines(query: str, rules: Sequence[Guideline]) -> tuple[list[GuidanceItem], list[CitedRecord]]:
    """Time limits read from the company's rules documents of the complaint's industry (no curated rulebook)."""
    keys = _bigrams(query)
    found = []
    for record in rules:
        for sentence in re.split(r"(?<=[。；;\n])", record.text):
            s = " ".join(sentence.split()).strip()
            if _TIME_LIMIT.search(s) and 8 <= len(s) <= 160:
                found.append((len(_bigrams(s) & keys) + ("投诉" in s) + ("答复" in s or "回复" in s), s, record))
    found.sort(key=lambda x: -x[0])
    items, cited = [], []
    for _, sentence, record in found[:3]:
        src = record.sources[0] if record.sources else None
        citation = Citation(title=record.title, file=src.file if src else "", start=src.start if src else 0,
                            end=src.end if src else 0)
        items.append(GuidanceItem(category="deadline", standard=record.title, label=_clip(sentence), detail=sentence,
                                  matched=["摘自公司文档"], citation=citation, industry=record.industry))
        if record.id not in {c.id for c in cited}:
            cited.append(CitedRecord(id=record.id, title=record.title, text=record.text, sources=record.sources))
    return items, cited


def avoid_phrases(guidelines: Sequence[Guideline]) -> dict[str, list[str]]:
    """Phrases the guidelines forbid staff to say, per industry of the guideline that lists them."""
    out: dict[str, list[str]] = {}
    for g in guidelines:
        for m in _AVOID_CUE.finditer(g.text):
            words = [w.strip(" 等词汇语句") for w in re.split(r"[、,，;；]", m.group(1))]
            out.setdefault(g.industry, []).extend(w for w in words if len(w) >= 2 and w not in out.get(g.industry, []))
    return out
