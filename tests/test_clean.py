"""Cleaning: noise is dropped by general rules, broken lines are repaired, offsets survive."""

from __future__ import annotations

from helpers import DATA

from advisor.corpus.clean import clean_document
from advisor.corpus.read import read_document
from advisor.text.normalize import to_simplified


def _clean(name: str):
    return clean_document(read_document(DATA / name))


def test_noise_is_dropped_and_reported():
    cleaned = _clean("narrative_noise.txt")
    text = cleaned.doc_text().text
    for noise in ("下载文档前", "www.", "催收宝", "久久精品", "ICP备", "版权所有", "相关范文推荐", "......",
                  "快速导航", "服务中心", "翅膀", "温暖是"):
        assert noise not in text, noise
    reasons = {d.reason for d in cleaned.dropped}
    assert {"网站模板", "广告", "垃圾信息", "相关文章", "导航菜单", "无关内容"} <= reasons
    assert "占用了部分公共区域" in text


def test_sentence_broken_by_an_ad_and_blank_line_is_rejoined():
    text = _clean("narrative_noise.txt").doc_text().text
    assert "切不可说一套做一套,事后不兑现" in text


def test_page_footer_and_running_header_are_removed():
    text = _clean("auto_case.txt").doc_text().text
    assert "第 7 页" not in text and "SAT-QT" not in text and "内部资料" not in text
    assert "客户投诉案例分析汇编V" not in text
    assert "案例分析汇编 4" in text


def test_offsets_point_into_the_original_file():
    raw = read_document(DATA / "re_cases_traditional.txt")
    doc = clean_document(raw).doc_text()
    i = doc.text.index("严控承诺内容")
    start, end = doc.locate(i, i + 6)
    assert raw.text[start:end] == "嚴控承諾內容"
    assert to_simplified(raw.text[start:end]) == "严控承诺内容"
    assert doc.orig[i : i + 6] == "嚴控承諾內容"
