"""The figures a text names: amounts, durations and counts in either numeral form, units normalised."""

from __future__ import annotations

import pytest

from advisor.text.quantities import quantities


@pytest.mark.parametrize(("text", "expected"), [
    ("交了5.6万元学费", {(56000.0, "元")}),
    ("退2.7万", {(27000.0, "元")}),
    ("两千块", {(2000.0, "元")}),
    ("一百二十元", {(120.0, "元")}),
    ("860元", {(860.0, "元")}),
    ("等了两个多月", {(2.0, "月")}),
    ("修了3个月", {(3.0, "月")}),
    ("三十八节课", {(38.0, "节")}),
    ("38节课", {(38.0, "节")}),
    ("30户业主", {(30.0, "户")}),
    ("十几天", set()),  # no figure of its own
    ("停电5小时", {(5.0, "小时")}),
    ("两周后", {(2.0, "周")}),
    ("1天", set()),  # trivial: one day, one time, one person
    ("去了1次", set()),
    ("2025年3月14日", set()),  # a date
    ("3年的保修", {(3.0, "年")}),
    ("5日内答复", {(5.0, "天")}),
])
def test_figures(text, expected):
    assert quantities(text) == expected


def test_the_same_figure_in_either_numeral_form_matches():
    assert quantities("三十八节") == quantities("38节")
    assert quantities("五万元") == quantities("50000元")
    assert quantities("两个月") == quantities("2个月")
