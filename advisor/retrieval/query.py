"""What a query is before it is searched: checked, cleaned, its intent and the calibrated "no close precedent"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from advisor.errors import EmptyQueryError, InvalidQueryError
from advisor.retrieval.tokens import jieba_tokens
from advisor.settings import Settings
from advisor.text.normalize import clean_query
from advisor.text.terms import has_complaint_vocabulary

# A question about the rules (time limits, grades, who to report to) rather than about an incident.
RULE_INTENT = re.compile(
    r"多久|几天|几个小时|多长时间|多少天|多少个?(?:工作日|小时)|几个工作日|时限|期限|分几级|几级|什么级别|等级|定级|算什么级|流程|程序|找谁|上报|报备|规定|制度"
    r"|原则|分类|哪几类|分级|哪一级|哪级|什么级|归谁管|归哪"
    # which class a complaint falls in, and the first move of a procedure (分几类, 算哪种, 前台第一步该怎么做)
    r"|几类|哪类|哪一类|算哪|属于哪|第一步"
    # what kind a complaint is counted as (属于什么类别, 归到哪种投诉, 怎么界定算不算投诉)
    r"|什么类别|什么类型的投诉|哪种投诉|归到哪|界定|算不算投诉"
    # whether a complaint is taken up at all (这种投诉受理吗, 受不受理, 归不归你们管)
    r"|受理吗|受不受理|是否受理|能否受理|能不能受理|受理范围|管不管|归不归"
    # what a procedure asks for (需要什么手续, 要登记哪些信息, 提供哪些材料); 几耐 is Cantonese for 多久
    r"|(?:需要|要|得|办)(?:什么|哪些)(?:手续|材料|资料|证件|证明)|(?:登记|提供|提交|准备)(?:什么|哪些)|几耐"
)


def check_query(text: object, max_chars: int) -> tuple[str, list[str]]:
    """The cleaned query and warnings for the user.

    Raises:
        EmptyQueryError: nothing to search for.
        InvalidQueryError: the text is binary data.
    """
    if text is None or not str(text).strip():
        raise EmptyQueryError("请输入投诉描述（查询为空）。")
    raw = str(text)
    sample = raw[:4000]
    odd = sum(1 for ch in sample
              if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\r\t"))
    if odd > max(8, len(sample) * 0.1):
        raise InvalidQueryError("查询内容像是二进制数据，无法检索。请粘贴文字描述。")
    query, warnings = clean_query(raw, max_chars)
    if not re.search(r"\w", query):
        raise EmptyQueryError("请输入投诉描述（查询中没有文字）。")
    return query, warnings


# A question about conduct (能直接让他去找别人吗, 该怎么对待, 有没有几条要求) rather than the story of an incident.
QUESTION_FORM = re.compile(
    r"(?:吗|么|呢|对不对|行不行|可不可以|能不能|是不是|要不要|有没有.{0,8}|怎么办|怎么对待|怎么做|如何|什么|哪些|哪几|几条"
    r"|注意什么)[?？!！。]?\s*$|[?？]\s*$"
)


def asks_how(simple_query: str) -> bool:
    """True when the query ends as a question (…能直接让他去找别人吗), not as the story of a complaint."""
    return QUESTION_FORM.search(simple_query.strip()) is not None


def asks_about_rules(simple_query: str) -> bool:
    """True when the query asks about time limits, grades or procedure (公司规定多久回复？)."""
    return RULE_INTENT.search(simple_query) is not None


def no_close_precedent(best_dense: float, simple_query: str, cue_fired: bool, settings: Settings,
                       best_question: float = 0.0) -> bool:
    """True when even the best hit is weak: its dense cosine is below the floor; or, when the query
    has no complaint vocabulary, below a higher bar: a middle one when a colloquial cue of the
    thesaurus fired (趴窝, 烫手), the highest when nothing marks it as a complaint. A query close to a
    staff question of some record (`best_question`) is in the domain too (家里上网老掉线 时好时坏).
    """
    if best_dense < settings.no_precedent_threshold:
        return True
    if has_complaint_vocabulary(simple_query) or best_question >= settings.no_precedent_question_threshold:
        return False
    bar = settings.no_precedent_cue_threshold if cue_fired else settings.no_precedent_domain_threshold
    return best_dense < bar


def matched_terms(simple_query: str, text: str, limit: int = 12, extra: Iterable[str] = ()) -> list[str]:
    """Query words (two characters or more) and `extra` terms that occur in `text`, longest first."""
    words = sorted({*_query_words(simple_query), *(w for w in extra if len(w) >= 2)}, key=len, reverse=True)
    found: list[str] = []
    for w in words:
        if w in text and not any(w in f for f in found):
            found.append(w)
    return found[:limit]


@lru_cache(maxsize=256)
def _query_words(simple_query: str) -> frozenset[str]:
    """The query's words of two characters or more (tokenised once per query, not once per hit)."""
    return frozenset(w for w in jieba_tokens(simple_query) if len(w) >= 2)
