"""What a document's cases are as a whole: an essay's parts, a list of mini-cases, and the industry a
one-industry document lends to its cases that name none."""

from __future__ import annotations

from collections import Counter

from advisor.corpus.classify import is_essay_title
from advisor.corpus.doctext import DocText
from advisor.corpus.fields import case_start
from advisor.corpus.sections import doc_title
from advisor.models import Case, Guideline
from advisor.text.terms import GENERAL

_MINI_CASE_CHARS, _MINI_LIST = 100, 5


def document_kinds(doc: DocText, cases: list[Case], guidelines: list[Guideline],
                   titles: list[tuple[int, str]]) -> list[Case]:
    """Cases under an essay's title are essays; a case that names no industry takes its document's."""
    industries = Counter(r.industry for r in [*cases, *guidelines] if r.industry != GENERAL)
    top = industries.most_common(1)
    # Only a document about one industry lends it to a case that names none (not a compilation).
    main = top[0][0] if top and top[0][1] >= 0.7 * sum(industries.values()) else GENERAL
    listed = mini_case_list(doc, cases)
    out = []
    for i, case in enumerate(cases):
        update = {}
        if is_essay_title(doc_title(titles, case_start(doc, case))):
            update["record_type"] = "essay"
        elif i in listed:
            update["record_type"] = "case_list"
        if case.industry == GENERAL:
            update["industry"] = main
        out.append(case.model_copy(update=update) if update else case)
    return out


def mini_case_list(doc: DocText, cases: list[Case]) -> set[int]:
    """Cases of a list of one-line mini-cases (案例一:顾客在超市买到过期牛奶,投诉后得到退款。…): five or more in
    a row, each a sentence or two. Such a list illustrates a topic; it is no precedent staff can follow."""
    order = sorted(range(len(cases)), key=lambda i: case_start(doc, cases[i]))
    listed: set[int] = set()
    run: list[int] = []
    for i in [*order, -1]:
        if i >= 0 and len(cases[i].text) <= _MINI_CASE_CHARS:
            run.append(i)
            continue
        if len(run) >= _MINI_LIST:
            listed.update(run)
        run = []
    return listed
