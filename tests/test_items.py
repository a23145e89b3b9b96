"""Numbered points become list items; quantities inside sentences do not."""

from __future__ import annotations

import pytest

from advisor.text.items import as_items, split_items


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 服务经理沟通致歉;2 提供收费标准;3 适当给予优惠", ["服务经理沟通致歉", "提供收费标准", "适当给予优惠"]),
        ("1加强培训;2加强检验;3加强教育", ["加强培训", "加强检验", "加强教育"]),
        ("1.严控承诺内容。\n2.严格把关销售说辞。", ["严控承诺内容。", "严格把关销售说辞。"]),
        ("1、做好登记;2、做好明示;", ["做好登记", "做好明示"]),
        ("⑴表示歉意⑵立即解决⑶与客户交流", ["表示歉意", "立即解决", "与客户交流"]),
        ("(1)询问客户(2)判断故障", ["询问客户", "判断故障"]),
        ("一是表明立场。二是提升服务。三是坚持原则。", ["表明立场。", "提升服务。", "坚持原则。"]),
        ("A.现交付标准未达到期望;B.维修不及时。", ["现交付标准未达到期望", "维修不及时。"]),
        ("•第一时间回应。•收集信息。", ["第一时间回应。", "收集信息。"]),
    ],
)
def test_numbered_points_are_split(text, expected):
    assert split_items(text)[1] == expected


def test_quantities_are_not_markers():
    lead, items = split_items("2006 年 9 月 5 日客户到维修站,费用约 200 元,实际 1000 多元,24 小时内答复")
    assert items == []
    assert lead.startswith("2006 年")


def test_lead_in_is_kept_separately():
    lead, items = split_items("作为维修站的态度应是:1 沟通致歉;2 减免费用")
    assert lead == "作为维修站的态度应是:"
    assert items == ["沟通致歉", "减免费用"]


def test_unnumbered_text_falls_back_to_paragraphs():
    assert as_items("第一段话。\n第二段话。") == ["第一段话。", "第二段话。"]
