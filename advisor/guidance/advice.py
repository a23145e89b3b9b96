"""The action plan: 3–7 steps merged from the matching precedents and rules, the grade, the deadlines, what not to say.

Extractive only: every step is a passage of the documents it cites. A step comes only from a hit that
matches the complaint: a case of a compatible industry, ranked close to the best hit, with
confidence 高 or 中.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from advisor.guidance.clauses import (
    ANALYSIS,
    BARE_EVENT,
    CUSTOMER_DUTY,
    CUSTOMER_SUBJECT,
    ENUM,
    FOR_COMPLAINANTS,
    HEADLINE,
    MEDIA_DID,
    NOT_A_STEP,
    STORY_PERSON,
    THIRD_PARTY,
    applies,
    assigns,
    company_handles,
    company_name,
    industries_named,
    instruction,
    is_fragment,
    is_group,
    is_handling,
    is_setup,
    is_stage,
    names_other_industry,
    not_a_precedent_step,
    pieces,
    problem_subject,
    remedies,
    staff_action,
    title_problem,
    without_run_in_label,
)
from advisor.guidance.document_grades import document_grade, escalation_signals
from advisor.guidance.documents import document_deadlines
from advisor.guidance.facts import QueryFacts, extract_facts
from advisor.guidance.lessons import lesson_step
from advisor.guidance.resolutions import precedent_resolutions
from advisor.guidance.steptext import DATED as _DATED
from advisor.guidance.steptext import bigrams as _bigrams
from advisor.guidance.steptext import clip as _clip
from advisor.guidance.steptext import contained, jaccard
from advisor.guidance.steptext import sentences as _sentences
from advisor.models import Advice, AdviceStep, CitedRecord, GuidanceItem, Guideline, Hit
from advisor.text.actions import before_management, is_management
from advisor.text.industry import compatible
from advisor.text.terms import GENERAL
from advisor.text.words import dictionary_words, is_garbled

MIN_STEPS, MAX_STEPS = 3, 7
_MIN_STEP_CHARS = 8
_LETTER_PERSON = re.compile(r"(?<![A-Za-z])[A-Z](?:先生|女士|小姐|经理|专员|客户)")
_MIN_PRECEDENT_CHARS = 4  # "提供代步车" is a step; "行政", where a page's excerpt ends, is none
# A precedent contributes steps when it scores within this many standard deviations of the best hit.
SCORE_MARGIN = 2.0
_MAX_PER_SOURCE = 4
_SAME = 0.5  # bigram Jaccard at which two steps say the same thing
_WITHIN = 0.7  # share of the shorter step's bigrams found in a longer one at which it says nothing more
_RARE = 2  # a bigram found in at most this many records is a detail of one incident
_GENERIC = frozenset(
    "业主 客户 顾客 客人 用户 消费者 投诉 要求 赔偿 补偿 问题 处理 服务 公司 员工 工作人员 情况 原因 解决 反映 表示 认为 没有 时候".split()
)
# Where it happened and who was there: a precedent that shares only these with the complaint ("小区", "业主")
# is of its setting, not of its problem (a noise case for a parking-fee complaint).
_SETTING = frozenset(
    "小区 物业 酒店 银行 网点 门店 商家 商场 医院 餐厅 饭店 平台 店里 乘客 旅客 患者 家属 居民 住户 业委会".split()
)
# Steps for a situation the complaint must show: a group complaint's procedure is no plan for one owner.
_GROUP_RULE = re.compile(r"群诉|群体|集体")
# A list's lead-in glued before its first point: "还需进行下列步骤: a、 由受理部门经理指定专门人员负责全过程跟踪".
_LIST_LEAD = re.compile(r"^[^，,。；;:：]{0,20}(?:如下|以下|下列)[^，,。；;:：]{0,10}[:：]\s*(?:[a-zA-Z]|\d{1,2}|[一二三四五六七八九十])\s*[、.．)）]\s*")
_META_LABEL = re.compile(r"^(?:要求|标准|原则|说明|注意|备注|规定|做法|措施|内容)\s*[:：]\s*")


@dataclass
class _Candidate:
    text: str
    sources: list[str]
    origin: str
    weight: float
    keys: set[str] = field(default_factory=set)


def build_advice(query: str, hits: Sequence[Hit], guidance: Sequence[GuidanceItem], industry: str | None,
                 rules: Sequence[Guideline] = (), avoid_phrases: Sequence[str] = (),
                 rarity: Mapping[str, int] | None = None, procedures: Sequence[Hit] = (),
                 fallback_rules: Sequence[Guideline] = (), grade_documents: bool = True) -> Advice:
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
        fallback_rules: general rules, nearest first: their time limits are read when neither the
            rulebook nor `rules` has any.
        grade_documents: read a grading scheme from `rules` (else `fallback_rules`) when the rulebook gives no
            grade; False for an industry the curated rulebook grades (its answer stands).
    """
    facts = extract_facts(query)
    candidates = (_precedent_steps(query, hits, industry, rarity or {}, facts) + _lesson_steps(query, hits, industry, facts)
                  + _rule_steps(query, hits, industry, facts))
    steps = _merge(candidates, _bigrams(query))
    if len(steps) < MIN_STEPS and procedures:
        # Too few from the hits: the company's procedure for complaints of this kind fills in, up to three.
        extra = _merge(_rule_steps(query, procedures, industry, facts, limit=MAX_STEPS), _bigrams(query))
        steps += [e for e in extra if not any(_says_the_same(_bigrams(e.text), _bigrams(x.text)) for x in steps)]
        steps = steps[: max(MIN_STEPS, len(candidates))]
    if len(steps) < MIN_STEPS:
        # Still too few: who the rules make responsible for handling it ("职责部门负责调查事实真相,…") fills in.
        extra = _merge(_rule_steps(query, [*hits, *procedures], industry, facts, limit=MAX_STEPS, assigned=True),
                       _bigrams(query))
        steps += [e for e in extra if not any(_says_the_same(_bigrams(e.text), _bigrams(x.text)) for x in steps)]
        steps = steps[:MIN_STEPS]
    grade = next((g for g in guidance if g.category == "grading" and g.primary), None)
    likely, graded_in = None, None
    if grade is None and grade_documents:  # the grading scheme of the company's own rules documents, quoted
        scheme = document_grade(query, rules, facts) or document_grade(query, fallback_rules, facts)
        grade, likely, graded_in = scheme if scheme else (None, None, None)
    deadlines = [d for d in guidance if d.category == "deadline" and d.primary]
    cited: list[CitedRecord] = []
    folded: list[GuidanceItem] = []
    if not deadlines:
        deadlines, cited, folded = document_deadlines(query, rules, likely, graded_in)
    if not deadlines:
        deadlines, cited, folded = document_deadlines(query, fallback_rules, likely, graded_in)
    hit_ids = {h.id for h in hits}
    for step in steps:
        for rid in step.sources:
            if rid not in hit_ids and rid not in {c.id for c in cited}:
                record = next((r for r in procedures if r.id == rid), None)
                if record is not None:
                    cited.append(CitedRecord(id=record.id, title=record.title, text=record.text, sources=record.sources))
    return Advice(steps=steps, grade=grade, deadlines=deadlines[:4], avoid=list(avoid_phrases)[:12], cited=cited,
                  folded=folded, signals=escalation_signals(query, facts), resolutions=precedent_resolutions(
                      [h for h in matching_cases(hits, industry) if applies(h.title, facts, ("extortion",))]))


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
    return [t for t in terms if len(t) >= 2 and t not in _GENERIC | _SETTING and not any(g in t for g in ("客户", "投诉"))]


def _precedent_steps(query: str, hits: Sequence[Hit], industry: str | None,
                     rarity: Mapping[str, int], facts: QueryFacts) -> list[_Candidate]:
    out = []
    query_keys = _bigrams(query)
    for rank, hit in enumerate(matching_cases(hits, industry), 1):
        if not applies(hit.title, facts, ("extortion",)):
            continue  # an unreasonable customer's case (…客户无理取闹…) gives no steps for a complaint that shows none
        incident = _bigrams(hit.facts or hit.text)
        # Below the best precedent, a step must be about this complaint (a word of it), not only of its kind;
        # so must the steps of a precedent below the first hit that shares only its setting (小区, 业主).
        about_query = hit.confidence == "高" or (rank == 1 and (hit is hits[0] or bool(_specific_terms(hit.matched_terms))))
        ending = hit.text.rstrip()
        parts = [p for step in hit.handling_steps[:_MAX_PER_SOURCE] for p in _sentences(step)]
        taken = 0
        for step in parts:
            if taken >= _MAX_PER_SOURCE:
                break
            # (a last clause that only introduces what follows goes: "…调取了监控录像进行对比分析,形成了详细的时间线:")
            text = _INTRODUCING.sub("", _clip(step))
            # the company side's handling of the complaint before the debrief told with it ("该供电公司立即派人上门…,主动
            # 道歉,按实际电量重新计算电费,并对责任人进行考核。"; not a finding: "排查发现故障源于…")
            handling = before_management(text, _MIN_STEP_CHARS)
            text = handling if handling and handling != text and company_handles(handling) else text
            if (_DATED.match(text) or _cut_off_at_end(step, ending) or _CUT_TIME.match(text) or _sums_of_its_own(text, query)
                    or text.endswith((":", "：")) or _CLOCK_OR_ROOM.search(text)):
                continue  # "2020年11月某日,调解小组…" tells the story on; a step cut where the excerpt ends
                # (its clock times and room numbers are its incident's, even in the closest precedent:
                # "调取14日12:00-13:30时段1338房出入记录")
            # Prevention ("营造过程中定期自检自查", "集团…严格把控") is for the debrief, not for this complaint.
            if (len(text) < _MIN_PRECEDENT_CHARS or BARE_EVENT.match(text) or _run_on(text) or not_a_precedent_step(text) or ANALYSIS.search(text) or is_management(text)
                    or is_fragment(text) or is_garbled(text) or not applies(text, facts, ("extortion",))
                    or THIRD_PARTY.search(text) or MEDIA_DID.search(text) or CUSTOMER_DUTY.search(text) or HEADLINE.search(text)
                    or (_LETTER_PERSON.search(text) and hit.confidence != "高")):
                # (a regulator's view of the two sides, 被投诉方…; someone of the incident by letter, 专员Y先生)
                # (how to refuse extortion is no step for a complaint that shows none)
                continue
            if CUSTOMER_SUBJECT.match(without_run_in_label(text)):
                # What the customer did is no step; what the company side did after it may be
                # ("李女士…反映给了王经理,王经理先给李女士一家赔礼道歉…").
                text = staff_action(without_run_in_label(text))
                if len(text) < _MIN_STEP_CHARS:
                    continue
            elif hit.steps_origin == "story" and (STORY_PERSON.search(text) or not company_handles(text)):
                continue  # a story's sentence lends a step only where the company side handles the complaint
            # "对鼓风机损坏…作出解释" belongs to the blower incident, not to a brake complaint (people's names
            # are no details of the problem).
            # (nor is the company's own name: "屏山县首创水务有限责任公司高度重视,立即组织工作人员开展调查")
            plain = STORY_PERSON.sub("", text.replace(company_name(text), "", 1) if company_name(text) else text)
            own = {b for b in _bigrams(plain) & incident - query_keys if rarity.get(b, 0) <= _RARE}
            if len(own) >= 2 and hit.confidence != "高":
                if not (about_query and remedies(text)):
                    continue
                # the best precedent's own remedy, without what went wrong after it (",但要求签订协议…")
                text = re.split(r"[，,]但", text, maxsplit=1)[0]
            if not (about_query or _worded(_specific(_bigrams(text) & query_keys))):
                continue  # (a number shares no word: "12345" is not "3400元")
            out.append(_Candidate(text, [hit.id], "precedent", 1.0 / rank))
            taken += 1
    return out


def _lesson_steps(query: str, hits: Sequence[Hit], industry: str | None, facts: QueryFacts) -> list[_Candidate]:
    """Instructions to staff in the thinking of the matching precedents (lessons.py), below their own steps."""
    out = []
    keys = _bigrams(query)
    for rank, hit in enumerate(matching_cases(hits, industry), 1):
        about_query = hit.confidence == "高" or rank == 1
        taken = 0
        for sentence, _ in pieces("\n".join(hit.management_thinking)):
            step = lesson_step(_clip(sentence), industry, facts)
            if not step or _run_on(step):
                continue
            shared = _specific(_bigrams(step) & keys) - _SETTING  # (物业, 小区: the setting, not the problem)
            if not (shared or (about_query and is_handling(step))):
                continue  # below the best precedent, a lesson must be about this complaint
            out.append(_Candidate(step, [hit.id], "precedent", 0.6 / rank))
            taken += 1
            if taken >= _MAX_PER_SOURCE:
                break
    return out


_INTRODUCING = re.compile(r"[，,][^，,。；;]*[:：]\s*$")
# A step that begins where a time was cut ("00,AGSM与客房主管…", from "12:00,…").
# (and a time cut before its minutes, "08李女士佩戴手表回到房间" of 13:08; not "24小时内", "5月", "3个工作日")
_CLOCK_OR_ROOM = re.compile(r"\d{1,2}\s*[:：]\s*\d{2}|\d{3,5}\s*(?:号房|房间?|室)(?![价费款型源东主屋产])")
_CUT_TIME = re.compile(r"^\d{2}\s*[,，]|^\d{1,2}(?![小分个天日月年号周元万岁次条项件名位户])(?=[\u4e00-\u9fff])")
_SUM = re.compile(r"\d[\d,，.]*\s*(?:万|千)?(?:元|块)|\d+(?:\.\d+)?\s*%")  # (or its share: "按4S店报价的90%理赔")
_PAUSE = re.compile(r"[，,。；;：:！!？?、()（）“”\"'‘’《》\s.…]")
_RUN_ON = 38  # characters without a pause: lines run together ("…实施解决方案解决方案执行的过程中要…")


def _sums_of_its_own(text: str, query: str) -> bool:
    """The precedent's own sums of money ("退还参团费用43,597元") or shares ("按4S店报价的90%理赔"), which the complaint
    does not name: its remedy, not a plan for this complaint."""
    named = re.sub(r"[,，]", "", query)
    return any(re.sub(r"\D", "", m.group(0)) not in named for m in _SUM.finditer(text))


def _run_on(text: str) -> bool:
    """A clause too long for a sentence: text of several lines or headings run together without punctuation."""
    return any(len(clause) >= _RUN_ON for clause in _PAUSE.split(text))


def bigram_rarity(texts: Sequence[str]) -> dict[str, int]:
    """In how many of `texts` each character bigram occurs (for `build_advice`)."""
    counts: dict[str, int] = {}
    for text in texts:
        for b in _bigrams(text):
            counts[b] = counts.get(b, 0) + 1
    return counts


def _rule_steps(query: str, hits: Sequence[Hit], industry: str | None, facts: QueryFacts,
                limit: int = _MAX_PER_SOURCE, assigned: bool = False) -> list[_Candidate]:
    """Instructions among the procedure and principle rules of the hits, the ones about this complaint first
    (with `assigned`, only the clauses that assign the handling to someone; without, none of them)."""
    out = []
    keys = _bigrams(query)
    # Principles (倾听, 致歉, 不推诿) hold in any industry; a procedure only in its own.
    guides = [h for h in hits if h.kind == "guideline" and h.record_type == "rules"
              and (not _GROUP_RULE.search(h.title) or facts.collective or is_group(facts))
              and not FOR_COMPLAINANTS.search(h.title) and not THIRD_PARTY.search(h.text)]
    for rank, hit in enumerate(guides, 1):
        ending = hit.text.rstrip()
        # An item of a list of problem kinds ("(1)电能表潜动首先应…") is the procedure for that problem only.
        opening = hit.text.lstrip().split("\n", 1)[0]
        kind = problem_subject(opening) if ENUM.match(opening) else ""
        if kind and not _specific(_bigrams(kind) & keys):
            continue
        # A rulebook for one problem ("客人丢失物品处理标准") instructs only a complaint of that problem.
        kind = title_problem(hit.title)
        if kind and not _specific(_bigrams(kind) & keys):
            continue
        for s, item_topic in pieces(hit.text):
            if _cut_off_at_end(s, ending):
                continue  # "15分钟内初步响应业主,确认投" where a page excerpt ends
            text, topic = instruction(_clip(s))
            text = _META_LABEL.sub("", text)  # "要求: 记录投诉人姓名…": the label says nothing
            text = _LIST_LEAD.sub("", text)  # "还需进行下列步骤: a、 由受理部门经理指定…": the lead-in says nothing either
            topic = topic or item_topic
            # Another industry's procedure does not instruct this complaint's staff (奉上茶水 at a front desk);
            # its principles (首问负责, 不推诿, 耐心倾听) hold in a related industry when they name none.
            # (when the complaint's industry is unknown, only a general procedure instructs it)
            own = (hit.industry == GENERAL or hit.industry == industry) and not names_other_industry(text, industry)
            fits = own or (hit.guideline_kind == "principle" and not industries_named(text)
                           and compatible(hit.industry, industry))
            if (len(text) < _MIN_STEP_CHARS or not fits or NOT_A_STEP.search(text) or _run_on(text) or is_management(text) or is_garbled(text)
                    or CUSTOMER_DUTY.search(text) or is_fragment(text) or is_setup(text)
                    or text.endswith((":", "：")) or not applies(text, facts)):
                continue
            about = len(_specific(_bigrams(topic + text) & keys))
            if topic and not about and not is_stage(topic):
                continue  # "质量问题:…" is the rule for another kind of complaint ("投诉接收:" is for every one)
            subject = problem_subject(text)
            if subject and not _specific(_bigrams(subject) & keys):
                continue  # "水质问题应立即派人取样" is the procedure for another problem
            if not about and not is_handling(text):
                continue  # a definition or a duty of another kind, with no word of this complaint
            if assigns(text) != assigned or (assigned and hit.industry != industry):
                continue  # (who handles it, in the procedure of the complaint's own industry only: a general
                # procedure's "职责部门负责调查…" would be the same line in every plan)
            out.append(_Candidate(text, [hit.id], "rule", 0.5 / rank + 0.3 * min(about, 4)))
    out.sort(key=lambda c: -c.weight)
    return out[:limit]


def _cut_off_at_end(sentence: str, ending: str) -> bool:
    """The last words of a record (`ending`: its text without trailing space) stopping where a page excerpt ends:
    no punctuation, and the last word is one Chinese character of a longer one ("…确认投", "…立即更换房"; "…及时调整
    方案" is whole), or a sentence of several clauses never ends."""
    tail = sentence.strip()
    if not tail or not ending.endswith(tail) or re.search(r"[。；;！!？?）)」”』\]】]$", tail):
        return False
    if _PREPOSITION_LEFT.search(tail):
        return True  # "…物业部所属小组应根据业主/用户的投诉": what the modal asks for never comes
    if len(tail) >= 20 and re.search(r"[，,]", tail):
        return True  # a sentence of clauses that never ends where the excerpt does ("…找不到检测机构,燃气公司提供的检测")
    last = dictionary_words(tail[-8:])[-1]
    return len(last) == 1 and "\u4e00" <= last <= "\u9fff" and last not in "了的等们人"


# A modal followed by a preposition and its object only, with no verb and no pause after: the clause was cut.
_PREPOSITION_LEFT = re.compile(r"(?:应当?|须|需|要)(?:根据|按照|依据|对|向|将|把|为|与|给|就)[^，,。；;]{1,16}的[^，,。；;的]{1,6}$")


def _specific(keys: set[str]) -> set[str]:
    """Bigrams that say what the complaint is about (not 客户, 投诉, 处理)."""
    return {k for k in keys if not any(k in g for g in _GENERIC)}


def _worded(keys: set[str]) -> set[str]:
    """Bigrams of a word, not of a number ("34" of "3400元" and of "12345" share no word; "AT" of ATM does)."""
    return {k for k in keys if not k.isdigit()}


def _says_the_same(a: set[str], b: set[str]) -> bool:
    """Two steps that say the same thing: near-duplicates, or one repeated within the other."""
    return jaccard(a, b) >= _SAME or contained(a, b) >= _WITHIN


def _merge(candidates: list[_Candidate], query_keys: set[str]) -> list[AdviceStep]:
    """Near-duplicates merged (their sources joined), ordered by support, then rank and relevance."""
    merged: list[_Candidate] = []
    for cand in candidates:
        cand.keys = _bigrams(cand.text)
        same = next((m for m in merged if _says_the_same(m.keys, cand.keys)), None)
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
