"""How the closest precedents ended: the remedy each one's company agreed to, in the document's own words.

Staff asking "what do I do now" also ask "what is usual here, and who pays": a news story's precedent rarely
has steps staff can copy (its handling was a mediator's), but its last sentences say how it was settled
("经调解,商家同意给予免费维修,现已将空调修好。"). A resolution is one such sentence (or the case's own
outcome section), clipped at a clause boundary and cited; nothing is reworded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from advisor.guidance.clauses import remedies
from advisor.guidance.steptext import bigrams, jaccard
from advisor.models import AdviceStep, Hit

MAX_RESOLUTIONS = 3
MAX_CHARS = 120
_MIN_CHARS = 8  # "最终赔偿。" says nothing of who gave what
_SAME = 0.5  # bigram Jaccard at which two resolutions say the same thing
_TAIL_SENTENCES = 6  # a story's settlement is told at its end

# Where the story turns to its settlement: the text from here on is read ("…商家拒绝。最终,在消协调解下,…").
_TURN = re.compile(r"最终|最后|终于|经(?:过)?[^，,。]{0,12}(?:调解|协调|协商|沟通|核查|核实|调查)|在[^，,。]{0,16}(?:调解|协调|介入)下"
                   r"|[^，,。]{0,12}介入后|后来")
# A settlement: someone agreed, or a remedy was given.
_SETTLED = re.compile(r"同意|达成|和解|接受|给予了|兑现|判令|判决|协商一致|调解成功|获赔|赔付|已(?:全额)?(?:退|赔|补|换|修|免)|(?:退|赔|补|换)了"
                      r"|(?:退还|赔偿|补偿|返还|退回|更换)了|予以(?:退|赔|补|更换|维修|免)")
# What the settlement gave the customer.
_REMEDY = re.compile(r"退(?:款|费|还|回|赔|货|差价|了|全款|定金|押金|一半|部分|全部)|赔|补偿|补贴|免(?:费|除|单|收)|减免|更换|换(?:新|货|机|车|房)"
                     r"|维修|修好|道歉|致歉|返还|返款|返现|兑现|结算|承担|报销|理赔|延保|赠送|优惠")
# No settlement yet, or none at all: a refusal, a failure, a hypothetical, advice.
_UNSETTLED = re.compile(
    # a refusal or a failure
    r"拒绝|不同意|不接受|不满意|不认可|无法|不能|坚持|不予|不肯|不做|不作|未果|无果|仍未|尚未|至今|未能|没有|不了了之"
    r"|未(?:兑现|退|赔|履行|返还|到账)"
    # a hypothetical, advice, a question, an intention, a claim, a definition, the law
    r"|只要|如果|若|一旦|可以|建议|有权|能否|是否|怎么|如何|[?？]|打算|是要|需要|要(?=[退赔补换修免])|(?<![理思])想|争取"
    r"|(?<![名简职声])称|(?<![响供相反对适效答])应(?!急)|是指|根据|依据|认为|第[一二三四五六七八九十百\d]+条"
    # the grievance, or things turning worse
    r"|气愤|愤怒|不满|谁知|没想到"
    # what the company changed afterwards is its debrief, not this complaint's settlement
    r"|培训|加强|完善|规范|整改|制度"
)
# A demand: no settlement unless one follows it ("经调解,商家同意按消费者的要求退款" is one).
_DEMAND = re.compile(r"要求|希望|请求|诉求")
# A quotation mark where the sentence split cut a quote ("“我们第一时间就向顾客道歉,…免单。" of a spokesman's words).
_QUOTE_CUT = re.compile(r"^[“”\"]|[“”\"]$")
# What went wrong after the settlement ("…退还了部分费用,但姚远仍不满意,…") is no part of it.
_BUT = re.compile(r"[，,；;]\s*(?:但|但是|然而|可是)")


def precedent_resolutions(cases: Sequence[Hit], limit: int = MAX_RESOLUTIONS) -> list[AdviceStep]:
    """The settlement of each matching precedent that tells one, at most `limit`, near-duplicates merged into
    the first one's citation: the best matching precedent's, and those of precedents that match closely
    (confidence 高): a precedent that only shares the complaint's kind settled another problem."""
    out: list[AdviceStep] = []
    for rank, hit in enumerate(cases):
        if rank and hit.confidence != "高":
            continue
        text = resolution(hit)
        if not text:
            continue
        same = next((r for r in out if jaccard(bigrams(r.text), bigrams(text)) >= _SAME), None)
        if same is not None:
            same.sources.append(hit.id)
            continue
        out.append(AdviceStep(text=text, sources=[hit.id]))
        if len(out) >= limit:
            break
    return out


def resolution(hit: Hit) -> str:
    """How one precedent ended: its outcome section's first sentence that settles, else the last sentence of
    its steps or its story's end that does; "" when it tells none."""
    for sentence in _sentences(hit.outcome):
        part = settlement_part(sentence, outcome_section=True)
        if part:
            return _clip(part)
    told = _sentences("\n".join(hit.handling_steps)) or _sentences(hit.facts or hit.text)[-_TAIL_SENTENCES:]
    for sentence in reversed(told):
        part = settlement_part(sentence)
        if part:
            return _clip(part)
    return ""


def settlement_part(sentence: str, outcome_section: bool = False) -> str:
    """The part of a sentence from the first turn to its settlement on, if it tells one ("…,商家拒绝。" → "";
    "后来,投诉人…发现,如果…,最后在消委会的介入下,航空公司最终同意进行赔偿。" → "最后在消委会的介入下,…"), without
    what went wrong after it; "" otherwise."""
    sentence = _BUT.split(_QUOTE_CUT.sub("", sentence.strip()), maxsplit=1)[0]
    for start in [0, *(m.start() for m in _TURN.finditer(sentence))]:
        part = sentence[start:]
        if len(part) >= _MIN_CHARS and settles(part, told=outcome_section or _TURN.match(part) is not None):
            return part
    return ""


def settles(text: str, told: bool = False) -> bool:
    """A settlement with a remedy and no refusal or hypothetical; not a quote cut off by the sentence split
    ("…提出500元赔付方案,“延寿县站点…). Where the text is `told` as the end (an outcome section, or after a
    turn: "经核查后运营商退还差价并补偿话费"), the remedy is enough; elsewhere someone must have agreed or given it
    ("…同意退款", "…退还了…", "我们…向顾客道歉,并将…免单")."""
    if _UNSETTLED.search(text) or not _REMEDY.search(text) or text.count("“") != text.count("”"):
        return False
    if any(not _SETTLED.search(text, m.end()) for m in _DEMAND.finditer(text)):
        return False
    first_clause = re.split(r"[，,。；;]", text)[0]
    return told or bool(_SETTLED.search(text)) or (remedies(text) and bool(_REMEDY.search(first_clause)))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[。！!；;])|\n", text or "") if len(s.strip()) >= 6]


def _clip(text: str) -> str:
    """At most `MAX_CHARS`, cut after a clause (the words stay the document's)."""
    text = " ".join(text.split()).strip("，,；; ")
    if len(text) <= MAX_CHARS:
        return text
    cut = max(text.rfind(p, 0, MAX_CHARS) for p in "，,；;")
    return text[:cut] if cut >= 20 else text[:MAX_CHARS]
