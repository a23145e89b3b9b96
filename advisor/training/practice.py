"""Practice mode: the customer's follow-up lines, and scoring a trainee's reply against the card's rubric."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from advisor.retrieval.encoders import Encoder
from advisor.text.normalize import match_form
from advisor.training.models import Card, CriterionResult, PracticeResult, RubricCriterion
from advisor.training.objectives import KIND_CUES
from advisor.training.text import clauses, sentences

# Neutral service talk: its mean embedding is removed before comparing, so the score reflects what a
# reply does (apologise, verify, refund…) rather than that it is polite Chinese about a complaint.
BACKGROUND: tuple[str, ...] = (
    "您好，请问有什么可以帮您？", "好的，我知道了。", "请您稍等一下。", "谢谢您的反馈。", "我们会尽快处理。",
    "这件事情比较复杂。", "请出示您的证件。", "我也不太清楚。", "系统正在升级维护。", "营业时间是早上九点到下午五点。",
    "您说的情况我记下了。", "这个问题我们需要研究一下。", "产品质量问题。", "服务态度问题。", "收费问题。", "维修问题。",
    "这个不归我管。", "你自己去找他们。", "没办法，这是规定。", "今天天气不错。", "公司成立已经十多年了。",
    "我们的产品销往全国各地。", "请您填写一下这张表格。", "您还有别的问题吗？",
)
# Replies that do nothing for the customer: an objective must beat the best of them to count as met.
NULL_REPLIES: tuple[str, ...] = (
    "好的，我知道了。", "请您稍等。", "这个不归我管，你自己去找他们。", "没办法，这是规定。", "您还有别的问题吗？",
    "我们会研究一下。",
)
# Calibrated on the seed cases with the embedded encoder: over THRESHOLD 0.25–0.35 and MARGIN 0.05–0.15
# the precedent's handling keeps a median of about 80 and replies that only echo the complaint stay at
# 0; the action words (KIND_WORDS) and the echo check do most of the separating, the floor the rest.
THRESHOLD = 0.25
MARGIN = 0.10
# What each kind of action sounds like without the case: a generic apology still is an apology.
GENERIC_LINES: dict[str, str] = {
    "acknowledge": "非常抱歉，给您添麻烦了，这是我们的责任。",
    "listen": "您别着急，慢慢说，您的心情我完全理解。",
    "verify": "我马上核实一下情况，查清楚后告诉您。",
    "explain": "我跟您解释一下原因。",
    "remedy": "我们马上给您解决，费用由我们承担。",
    "follow_up": "处理结果我明天给您回电话。",
    "escalate": "我马上请我们负责人来跟您沟通。",
    "internal": "对当事员工我们会严肃处理，也欢迎您监督。",
}
# The words that show a clause does that kind of thing: similarity finds the objective a clause is
# about, these confirm the clause does it ("抢修费是一定要交的" is about the fee but refunds nothing).
KIND_WORDS: dict[str, re.Pattern[str]] = {
    "acknowledge": re.compile(r"抱歉|对不起|道歉|致歉|歉意|不好意思|我们的错|我们的责任|我们的问题|失误"),
    "listen": re.compile(r"理解|明白|别着急|不着急|慢慢说|您说|记下|心情|委屈|辛苦|放心"),
    "verify": re.compile(r"核实|核查|查|检查|检测|了解|确认|调取|看一下|看看|调查"),
    "explain": re.compile(r"解释|说明|原因|因为|由于|是这样|告诉您|跟您说|依据|规定是"),
    "remedy": re.compile(
        r"减免|免掉|免除|免费|免收|不收|全免|退|赔|补偿|更换|换一|换个|换新|换货|维修(?!费)|修理|修好|修复|检修|返修|上门|"
        r"安排|承担|负责|解决|处理|办理|送|恢复|重新|优惠|补发|重发|保管|陪同|打折|折扣"
    ),
    "follow_up": re.compile(r"回复|回电|答复|联系您|通知您|回访|跟进|跟踪|进展|\d+\s*(?:个)?(?:小时|天|工作日|分钟)|今天|明天|尽快"),
    "escalate": re.compile(r"负责人|经理|领导|上报|主管|出面|上级|报告"),
    "internal": re.compile(r"处理|教育|处罚|批评|当事|内部|监督|追责|整改"),
    "communication": re.compile(r"理解|明白|着急|抱歉|对不起|辛苦|委屈|心情|别急|放心|感谢|谢谢"),
}
# "维修费" and "维修站" name things; "维修" alone is the action.
_AS_NOUN = re.compile(r"[费单站店工员厂点部]|技术|质量|人员|记录|项目|服务(?!您)|情况|问题|方面")
_DOC_WORDS: dict[str, re.Pattern[str]] = dict(KIND_CUES)
_NEGATED = re.compile(r"(?:不|没|无法|不能|不会|不可能|拒绝|别想)[\u4e00-\u9fff]{0,2}$")
AVOID_PENALTY = 10
_MAX_FOLLOW_UPS = 3
_WINDOW = 2


def follow_up_lines(card: Card) -> list[str]:
    """What the customer says next, drawn from the card's active triggers (case, precedent, then persona).

    Args:
        card: The card being practised.

    Returns:
        Up to three customer lines, in a fixed order.
    """
    order = {"case": 0, "precedent": 1, "persona": 2}
    active = sorted((t for t in card.triggers if t.active and t.customer_line), key=lambda t: order[t.origin])
    return list(dict.fromkeys(t.customer_line for t in active))[:_MAX_FOLLOW_UPS]


def avoid_hits(card: Card, reply: str) -> list[str]:
    """Phrases to avoid (the card's list) that occur in `reply`, compared without spaces or punctuation."""
    form = _bare(reply)
    return [p for p in card.avoid_phrases if _bare(p) and _bare(p) in form]


def _bare(text: str) -> str:
    return re.sub(r"[\W_]+", "", match_form(text))


def score_reply(card: Card, reply: str, encoder: Encoder) -> PracticeResult:
    """Score a trainee's reply against the card's rubric.

    Each objective and communication criterion is met when some clause (or pair of adjacent
    clauses) of the reply is close enough to the criterion's reference texts: the objective and its
    example line, or the criterion's reference lines. Closeness is the cosine after removing the
    mean embedding of neutral service talk; it must clear `THRESHOLD`, beat every null reply by
    `MARGIN` and beat the clause's closeness to the customer's own complaint (an echo) by `MARGIN`,
    and the clause must use a non-negated action word of the objective's kind. The no-brush-off
    criterion is met when no phrase to avoid occurs and something else is met. Each phrase to
    avoid used costs `AVOID_PENALTY` points.

    Args:
        card: The card (possibly edited by the trainer).
        reply: What the trainee said or wrote.
        encoder: The configured encoder (deterministic).

    Returns:
        Score 0–100, per-criterion verdicts with evidence, phrases to avoid used, the precedent's handling.
    """
    units = reply_units(reply)
    hits = avoid_hits(card, reply)
    refs = [_references(card, c) for c in card.rubric]
    flat = [r for group in refs for r in group]
    if not units or not flat:
        results = [CriterionResult(name=c.name, met=False, evidence="") for c in card.rubric]
        return PracticeResult(score=0, criteria=results, avoid_hits=hits, precedent_handling=card.reference.handling)
    sims, nulls, echoes = _similarities(encoder, units, flat, _complaint(card))
    # A clause closer to the customer's own complaint than to an objective repeats the problem; it
    # does nothing for the customer, however close it is to an objective that names the same problem.
    sims = np.where(sims > echoes[:, None], sims, -1.0)
    results: list[CriterionResult] = []
    start = 0
    for criterion, group in zip(card.rubric, refs, strict=True):
        block = slice(start, start + len(group))
        start += len(group)
        results.append(_verdict(criterion, _kind(card, criterion), units, sims[:, block], nulls[block]))
    conduct_ok = not hits and any(r.met for r in results)
    results = [_conduct(r, conduct_ok, hits) if c.basis == "conduct" else r for c, r in zip(card.rubric, results, strict=True)]
    earned = sum(c.weight for c, r in zip(card.rubric, results, strict=True) if r.met)
    score = max(0, min(100, earned - AVOID_PENALTY * len(hits)))
    return PracticeResult(score=score, criteria=results, avoid_hits=hits, precedent_handling=card.reference.handling)


def _complaint(card: Card) -> list[str]:
    """The customer's own words and the case title, minus anything the precedent's handling also says."""
    handling = "".join(card.reference.handling)
    told = [*sentences(card.opening), card.title, card.case_title]
    return [s for s in told if len(s) >= 6 and s[:8] not in handling]


def reply_units(reply: str) -> list[str]:
    """Clauses of the reply and pairs of adjacent clauses (a thought often spans a comma)."""
    parts = [c for s in sentences(reply) for c in clauses(s) if len(c) >= 2]
    pairs = ["，".join(parts[i: i + _WINDOW]) for i in range(len(parts) - 1)]
    return list(dict.fromkeys([*parts, *pairs]))


def _references(card: Card, criterion: RubricCriterion) -> list[str]:
    if criterion.basis == "objective" and criterion.objective is not None:
        o = card.objectives[criterion.objective]
        return [t for t in (o.text, o.example, GENERIC_LINES[o.kind]) if t]
    return list(criterion.references)


def _kind(card: Card, criterion: RubricCriterion) -> str:
    """Which action words confirm the criterion; "" when its own wording has none (nothing to confirm)."""
    if criterion.basis == "objective" and criterion.objective is not None:
        o = card.objectives[criterion.objective]
        return o.kind if does(o.kind, o.text) else ""
    return criterion.basis


def does(kind: str, unit: str) -> bool:
    """True when `unit` uses a word of `kind`'s action that is not negated ("不会退" does not refund).

    The words are the spoken ones above plus the document vocabulary the objectives were sorted by.
    """
    patterns = [p for p in (KIND_WORDS.get(kind), _DOC_WORDS.get(kind)) if p is not None] if kind else []
    if not patterns:
        return True
    return any(
        not _NEGATED.search(unit[: m.start()]) and not _AS_NOUN.match(unit[m.end():])
        for p in patterns for m in p.finditer(unit)
    )


def _similarities(
    encoder: Encoder, units: Sequence[str], refs: Sequence[str], echo: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Centred cosines: units × references, each reference's best null reply, each unit's best echo."""
    mean, null_v = _anchors(encoder)
    vectors = _centre(encoder.encode_queries([*units, *refs, *echo]), mean)
    n_u, n_r = len(units), len(refs)
    unit_v, ref_v, echo_v = vectors[:n_u], vectors[n_u: n_u + n_r], vectors[n_u + n_r:]
    echoes = (unit_v @ echo_v.T).max(axis=1) if len(echo) else np.full(n_u, -1.0)
    return unit_v @ ref_v.T, (null_v @ ref_v.T).max(axis=0), echoes


_ANCHORS: dict[tuple[int, str], tuple[np.ndarray, np.ndarray]] = {}


def _anchors(encoder: Encoder) -> tuple[np.ndarray, np.ndarray]:
    """The background mean and the centred null replies, computed once per encoder object."""
    key = (id(encoder), encoder.name)
    if key not in _ANCHORS:
        vectors = encoder.encode_queries([*BACKGROUND, *NULL_REPLIES])
        mean = vectors[: len(BACKGROUND)].mean(axis=0, keepdims=True)
        _ANCHORS.clear()  # one encoder per process in practice; never grow without bound
        _ANCHORS[key] = (mean, _centre(vectors[len(BACKGROUND):], mean))
    return _ANCHORS[key]


def _centre(vectors: np.ndarray, mean: np.ndarray) -> np.ndarray:
    centred = np.asarray(vectors, dtype=np.float32) - mean
    return centred / np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-12)


def _verdict(
    criterion: RubricCriterion, kind: str, units: Sequence[str], sims: np.ndarray, nulls: np.ndarray
) -> CriterionResult:
    if criterion.basis == "conduct" or sims.size == 0:
        return CriterionResult(name=criterion.name, met=False, evidence="")
    need = np.maximum(THRESHOLD, nulls + MARGIN)
    gain = sims - need[None, :]
    # A clause that is about the objective but does not do it cannot be the evidence that it was done.
    gain[[not does(kind, u) for u in units], :] = -np.inf
    u, r = np.unravel_index(int(np.argmax(gain)), gain.shape)
    if not np.isfinite(gain[u, r]):
        return CriterionResult(name=criterion.name, met=False, evidence="回复中没有做到这一点的语句")
    if sims[u, r] <= -1.0:
        return CriterionResult(name=criterion.name, met=False, evidence=f"「{units[u]}」只是复述了客户的问题")
    met = bool(gain[u, r] >= 0)
    evidence = f"「{units[u]}」（相似度 {sims[u, r]:.2f}，需 ≥ {need[r]:.2f}）"
    return CriterionResult(name=criterion.name, met=met, evidence=evidence)


def _conduct(result: CriterionResult, ok: bool, hits: Sequence[str]) -> CriterionResult:
    if hits:
        evidence = "用了应避免的说法：" + "、".join(f"「{h}」" for h in hits)
    else:
        evidence = "没有推诿或禁忌语" if ok else "回复没有回应客户的问题"
    return result.model_copy(update={"met": ok, "evidence": evidence})
