"""Near-duplicate records merge into one that cites every source."""

from __future__ import annotations

from helpers import make_corpus

from advisor.corpus import build_corpus


def test_three_versions_merge_with_three_sources(tmp_path):
    folder = make_corpus(tmp_path, "re_cases.txt", "re_cases_stripped.txt", "re_cases_traditional.txt")
    corpus = build_corpus(folder)
    assert [c.title for c in corpus.cases] == ["销售承诺未兑现引发群诉", "延期交付引起的群诉"]
    for case in corpus.cases:
        assert sorted(s.file for s in case.sources) == ["re_cases.txt", "re_cases_stripped.txt",
                                                          "re_cases_traditional.txt"]
        assert case.id.startswith("c-")
    # The punctuated simplified version is the one kept for display.
    assert "(一)投诉概述" in corpus.cases[0].original_text
    assert len(corpus.report.merged) == 2


def test_ids_are_stable_across_builds(tmp_path):
    folder = make_corpus(tmp_path, "re_cases.txt", "bank_case.txt")
    assert [c.id for c in build_corpus(folder).cases] == [c.id for c in build_corpus(folder).cases]


def test_distinct_cases_are_not_merged(tmp_path):
    folder = make_corpus(tmp_path, "auto_case.txt", "bank_case.txt")
    assert len(build_corpus(folder).cases) == 3
