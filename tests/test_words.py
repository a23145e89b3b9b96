"""Garbled text: rare characters, or a pronunciation gloss whose characters were lost in re-encoding."""

from __future__ import annotations

import pytest

from advisor.text.words import is_garbled


@pytest.mark.parametrize("text", ["接到用户关于户内燃?xì)庠O(shè)备、设施的故障报修后", "晚报1月6日?qǐng)?bào)道"])
def test_a_gloss_without_its_characters_is_garbled(text):
    assert is_garbled(text)


@pytest.mark.parametrize("text", ["接到用户关于户内燃气设备的故障报修后,维修人员在4小时内上门维修。",
                                  "同时也是经营(yíng)者的责任", "客户问:为什么?(我没有订购)"])
def test_clean_text_and_a_kept_gloss_are_not(text):
    assert not is_garbled(text)
