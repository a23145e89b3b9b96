"""Grades read from the company's rules documents when the curated rulebook gives none.

A document that names two or more grades of complaint (一般投诉 / 重大投诉 / 紧急投诉, 普通投诉 / 复杂投诉,
一级 … 四级投诉) holds a grading scheme. Staff asking "这种算几级" see that scheme, quoted: each grade with its
definition from the document. A grade is named as the likely one only when its definition and the complaint
share a cue of escalation (a regulator or government line, the media, a group, an injury, a lawsuit, a repeat
complaint, a loss of funds); the advisor never guesses a grade from nothing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from advisor.guidance.clauses import ENUM, FOR_COMPLAINANTS, THIRD_PARTY, TIME_LIMIT
from advisor.guidance.facts import QueryFacts, extract_facts
from advisor.guidance.steptext import bigrams
from advisor.models import Citation, GuidanceItem, Guideline

# A grade's name: a rank or a severity word before 投诉 (客诉, 群诉, 投诉事件); not a tier of the handling
# organisation (三级投诉处理体系, 四级投诉响应机制).
GRADE_NAME = re.compile(
    r"((?:[一二三四五六1-6ⅠⅡⅢⅣⅤ]|IV|I{1,3}|V|[A-E])(?:级|类)|特别重大|重特大|重大|较大|一般|普通|紧急|特急|加急|严重|轻微"
    r"|重要|特殊|红色|橙色|黄色|蓝色|简单|复杂|升级)(?:客户)?(?:投诉|客诉|群诉)(?:事件)?"
    r"(?![\u4e00-\u9fff]{0,4}(?:体系|机制|网络|制度|架构))")
# The sentence that defines a grade (重要投诉是指…, 普通投诉事件主要包含…, 一般投诉:…).
_DEFINES = re.compile(r"^.{0,3}(?:是指|指的?是|指|主要包[含括]|包[含括]|属于|为|系|[:：])")
_COLON = re.compile(r"^.{0,3}[:：]")
# A line that is only a grade's heading: （3）一般投诉事件, 二、紧急投诉.
_HEADING = re.compile(r"[(（]?[0-9一二三四五六七八九十]{0,2}[)）、.]?\s*" + GRADE_NAME.pattern + r"[:：]?")
# Words that file a complaint under a grade before its name (界定为重大投诉事件, 属于紧急投诉).
_NAMED_AS = re.compile(r"(?:界定为|列为|定为|视为|属于|纳入|按)$")
# Escalation cues shared by a grade's definition and a complaint, each with the words that show it in a
# definition. In a complaint the first four are read from its facts (which skip a negated cue: 没找记者), the
# others from these words.
CUES: dict[str, re.Pattern[str]] = {
    "媒体或舆情": re.compile(r"媒体|记者|曝光|舆情|舆论|电视台|报社|网上|微博|抖音|热搜"),
    "集体投诉": re.compile(r"集体|群体|群诉|联名|多名|多人|多户|\d+\s*(?:户|人)以上"),
    "人身伤害或安全事故": re.compile(r"人身|受伤|伤害|伤亡|死亡|安全事故|住院|骨折|被困|困人|中毒|触电"),
    "诉讼或仲裁": re.compile(r"诉讼|起诉|法院|仲裁|律师"),
    "监管或政府部门": re.compile(r"监管|银保监|金融监管|人民银行|人行|工信部|通信管理局|市场监管|消协|消费者协会|12315|12345|12378"
                          r"|12358|12398|95598|政府|上级(?:部门|单位|机关)|信访|市长热线|政务"
                          # the regulator of each industry staff name (民航局, 卫健委, 住建局, 邮政管理局, 12328 …)
                          r"|卫健委|卫生健康委|卫生局|教育局|文旅局|旅游局|住建局|房管局|民航局|交通局|邮政管理局|邮管局"
                          r"|12320|12326|12328|12305|12300|12381"),
    "重复投诉": re.compile(r"重复投诉|再次投诉|二次投诉|多次投诉|反复投诉|投诉了?(?:好几|多|两|三)次"),
    "资金损失": re.compile(r"资金被|盗刷|挪用|冒用|被骗|诈骗"),
}
_FACT_CUES = {"media": "媒体或舆情", "protest": "集体投诉", "collective_terms": "集体投诉",
              "injury": "人身伤害或安全事故", "litigation": "诉讼或仲裁"}


@dataclass
class _Grade:
    name: str
    sentences: list[tuple[int, str]] = field(default_factory=list)  # (how well it defines, sentence)

    @property
    def definition(self) -> str:
        return max(self.sentences, key=lambda s: s[0])[1]

    @property
    def defined(self) -> bool:
        """Whether the document says what the grade is (not only its time limit)."""
        return max(score for score, _ in self.sentences) > 1


@dataclass
class _Scheme:
    record: Guideline | None = None  # the first record of the document that grades (cited)
    grades: dict[str, _Grade] = field(default_factory=dict)

    def add(self, record: Guideline, name: str, score: int, sentence: str) -> None:
        self.record = self.record or record
        grade = self.grades.setdefault(name, _Grade(name))
        if sentence not in {s for _, s in grade.sentences}:
            grade.sentences.append((score, sentence))


class DocumentGrade(NamedTuple):
    """A grading scheme read from a document, as the plan shows it, and the grade it names as likely."""

    item: GuidanceItem
    likely: str | None
    document: str  # the file it was read from (its time limits are preferred: one document answers both)


def document_grade(query: str, rules: Sequence[Guideline], facts: QueryFacts | None = None) -> DocumentGrade | None:
    """The grading scheme of the rules document that answers the complaint best, as one grading item;
    None when no document of `rules` names two grades. `facts`: the query's, when the caller has read them."""
    schemes = [s for s in _schemes(rules) if len(s.grades) >= 2]
    if not schemes:
        return None
    keys = bigrams(query)
    # a scheme that says what more of its grades are before one that only gives their time limits; then the closest
    best = max(schemes, key=lambda s: (sum(g.defined for g in s.grades.values()),
                                       sum(len(bigrams(g.definition) & keys) for g in s.grades.values())))
    wanted = query_cues(query, facts or extract_facts(query))
    # (only a definition names a likely grade: "普通投诉应在7个工作日内…工信部…" is a time limit that names a regulator)
    fits = {name: [c for c in wanted if g.defined and CUES[c].search(g.definition)] for name, g in best.grades.items()}
    likely = max(fits, key=lambda n: len(fits[n])) if any(fits.values()) else None
    item = _item(best, likely, fits[likely] if likely else wanted)
    return DocumentGrade(item, likely, document_of(best.record) if best.record else "")


def query_cues(query: str, facts: QueryFacts) -> list[str]:
    """The escalation cues a complaint shows, from its words and its facts' flags."""
    found = list(dict.fromkeys(cue for flag, cue in _FACT_CUES.items() if getattr(facts, flag)))
    return found + [name for name, pattern in CUES.items()
                    if name not in _FACT_CUES.values() and pattern.search(query)]


_GROUP_SIZE = 5  # people or households who complain together: a group complaint


def escalation_signals(query: str, facts: QueryFacts) -> list[str]:
    """The escalation cues a complaint shows, a group by its size too (十多个客户, 80多人), for staff to weigh
    when no grading scheme applies (the advisor names no grade without one)."""
    cues = query_cues(query, facts)
    size = facts.headcount
    if size is not None and size.value >= _GROUP_SIZE and "集体投诉" not in cues:
        cues.insert(0, "集体投诉")
    return cues


_CACHE: dict[tuple, list[_Scheme]] = {}  # the schemes of a set of records, read once (a search reads the same ones)


def _schemes(rules: Sequence[Guideline]) -> list[_Scheme]:
    """The grades each document defines or gives a time limit, in the order it names them."""
    key = tuple((r.id, hash(r.text)) for r in rules)
    if key not in _CACHE:
        if len(_CACHE) > 256:
            _CACHE.clear()
        _CACHE[key] = _read_schemes(rules)
    return _CACHE[key]


def _read_schemes(rules: Sequence[Guideline]) -> list[_Scheme]:
    by_document: dict[tuple[str, str], _Scheme] = {}
    for record in rules:
        if THIRD_PARTY.search(record.text) or FOR_COMPLAINANTS.search(record.title):
            continue  # a regulator's or a complainant's guide grades no company's complaints
        # (one file may hold several standards, each titled: 万科…流程·3.2投诉分级 beside xx地产…指引·三、分级说明)
        title = record.title.partition("·")[0] if "·" in record.title else ""
        scheme = by_document.setdefault((document_of(record), title), _Scheme())
        lines = [" ".join(x.replace("**", "").split()).strip() for x in re.split(r"(?<=[。；;\n])", record.text)]
        lines = _per_grade([x for x in lines if x])
        for i, line in enumerate(lines):
            found = list(GRADE_NAME.finditer(line))
            if not found or len(line) > 200:
                continue
            following = list(itertools.takewhile(lambda x: not GRADE_NAME.search(x) or _DEFINES.match(x),
                                                 lines[i + 1:i + 4]))
            if following and (line[-1] in ":：" or _HEADING.fullmatch(line)):
                # 以下各类投诉属于紧急投诉: then its list; a heading (（3）一般投诉事件) then its definition (指…)
                line = line + ("" if line[-1] in ":：" else "：") + "".join(following)[:150]
            for m in found:
                score = _defines(line, m, overview=len({f.group(1) for f in found}) > 1)
                if score > 0:
                    scheme.add(record, _key(m), score, _unnumbered(line if score > 1 else line[m.start():]))
    return list(by_document.values())


def _per_grade(lines: list[str]) -> list[str]:
    """Lines with a sentence that gives several grades their own time limits (一般投诉 24 小时内,升级投诉 8 小时内,
    重要投诉 4 小时内) cut into one clause per grade."""
    out = []
    for line in lines:
        clauses = [c for c in re.split(r"[,，;；]", line) if c.strip()]
        per_grade = [c for c in clauses if len(GRADE_NAME.findall(c)) == 1 and TIME_LIMIT.search(c)]
        out += per_grade if len(per_grade) >= 2 else [line]
    return out


def _unnumbered(line: str) -> str:
    """A line without its list marks (3.1、, - , (2))."""
    return ENUM.sub("", ENUM.sub("", line))


def _key(m: re.Match[str]) -> str:
    """One name per grade: 重大投诉事件, 重大客户投诉 and 重大投诉 are the same grade (重大群诉 another)."""
    return m.group(1) + ("群诉" if "群诉" in m.group(0) else "投诉")


def _defines(sentence: str, m: re.Match[str], overview: bool) -> int:
    """How well a sentence tells what a grade is: 0 when it only mentions it (亲自负责重大投诉的现场处理)."""
    after, before = sentence[m.end():], sentence[:m.start()]
    # (a colon then a time limit, "一般投诉:需在24小时内响应", gives its time limit, not what it is)
    timed = _COLON.match(after) is not None and TIME_LIMIT.search(after[:20]) is not None
    if (_DEFINES.match(after) and not timed) or _NAMED_AS.search(before[-6:]):
        score = 3
    elif TIME_LIMIT.search(after[:40]):
        score = 1  # "一般投诉:24小时内响应": the grade's time limit, a definition of a kind
    else:
        return 0
    return score - overview  # a sentence naming the whole scheme tells less of each grade


def _item(scheme: _Scheme, likely: str | None, reasons: list[str]) -> GuidanceItem:
    record = scheme.record
    assert record is not None  # a scheme with grades has the record of its first
    src = record.sources[0] if record.sources else None
    citation = Citation(title=record.title, file=src.file if src else "", start=src.start if src else 0,
                        end=src.end if src else 0)
    names = "、".join(g.name for g in scheme.grades.values())
    detail = "；".join(_short(g.definition) for g in scheme.grades.values())  # the whole scheme
    if likely:
        label = f"可能属于：{likely}（本单位分为{names}）"
        detail = scheme.grades[likely].definition
        matched = ["摘自公司文档", *(f"涉及{r}" for r in reasons), "请对照原文核实"]
    elif not any(g.defined for g in scheme.grades.values()):
        label = f"本单位分为{names}（文档只写了各级时限，未写各级定义）"  # nothing to compare the complaint with
        matched = ["摘自公司文档"]
    else:
        label = f"本单位分为{names}，请对照定义判断"
        matched = ["摘自公司文档", f"定义中未见{'、'.join(reasons)}" if reasons else "投诉中未见升级情形"]
    return GuidanceItem(category="grading", standard=record.title, label=label, detail=detail, matched=matched,
                        citation=citation, industry=record.industry)


def _short(sentence: str, limit: int = 60) -> str:
    text = sentence.rstrip("。；;")
    return text if len(text) <= limit else text[:limit] + "…"


def grade_fit(sentence: str, grade: str | None) -> int:
    """For ranking time limits: +5 for one of the likely grade (another grade's keeps its place: its sentence
    names its grade, and pushing it down brought up a complainant's route to the regulator instead)."""
    if grade is None:
        return 0
    return 5 if grade in {_key(m) for m in GRADE_NAME.finditer(sentence)} else 0


def document_of(record: Guideline) -> str:
    """The file a rules record was cut from (its id when it has no source)."""
    return record.sources[0].file if record.sources else record.id
