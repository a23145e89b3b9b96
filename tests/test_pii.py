"""Tests for PII masking: a table of must-mask and must-keep texts, idempotence and a seeded property test."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from advisor import mask_pii  # the public API (advisor.text.pii)

MUST_MASK = [
    # mobile numbers
    ("业主电话13812345678，要求回电", "业主电话138****5678，要求回电"),
    ("手机138-1234-5678", "手机138-****-5678"),
    ("手机 138 1234 5678 找王经理", "手机 138 **** 5678 找王经理"),
    ("请拨+86 138-1234-5678", "请拨+86 138-****-5678"),
    ("联系0086 13912345678", "联系0086 139****5678"),
    ("(+86)15012345678", "(+86)150****5678"),
    ("全角号码１３８１２３４５６７８已记录", "全角号码１３８****５６７８已记录"),
    ("＋８６　１８６－１２３４－５６７８", "＋８６　１８６－****－５６７８"),
    ("两个号码13812345678和19912345678", "两个号码138****5678和199****5678"),
    # landlines
    ("座机0755-12345678", "座机0755-****5678"),
    ("座机(010)87654321转123", "座机(010)****4321转123"),
    ("物业电话021 6123 4567", "物业电话021 **** 4567"),
    ("办公室电话：8765-4321", "办公室电话：****-4321"),
    ("tel: 87654321", "tel: ****4321"),
    ("座机０５７１－８８８８６６６６", "座机０５７１－****６６６６"),
    # ID numbers
    ("身份证110101199003071234", "身份证110101********1234"),
    ("身份证号11010119900307123X，请核实", "身份证号110101********123X，请核实"),
    ("证件号码11010119900307123x", "证件号码110101********123x"),
    ("身份证 110101 19900307 123X", "身份证 110101 ******** 123X"),
    ("老身份证110101900307123", "老身份证110101******123"),
    ("身份证１１０１０１１９９００３０７１２３Ｘ", "身份证１１０１０１********１２３Ｘ"),
    # bank cards
    ("退款到卡号6222021234567890", "退款到卡号6222********7890"),
    ("卡号6222 0212 3456 7890", "卡号6222 **** **** 7890"),
    ("卡号6222-0212-3456-7890-123", "卡号6222-****-****-***0-123"),
    ("银行卡6217001234567890123已冻结", "银行卡6217***********0123已冻结"),
    # e-mail
    ("邮箱zhang.san@example.com", "邮箱z********@example.com"),
    ("发到zhangsan＠qq.com即可", "发到z*******＠qq.com即可"),
    ("a@b.cn", "*@b.cn"),
    # licence plates
    ("车牌京A12345停在消防通道", "车牌京A****5停在消防通道"),
    ("新能源车粤B·D12345被剐蹭", "新能源车粤B·*****5被剐蹭"),
    ("粤BD12345", "粤B*****5"),
    ("沪A 88888车主投诉", "沪A ****8车主投诉"),
    ("教练车粤B1234学", "教练车粤B***4学"),
    # door and room numbers
    ("住在3栋2单元1502室，楼上漏水", "住在*栋*单元****室，楼上漏水"),
    ("12号楼3层305的业主", "**号楼*层***的业主"),
    ("幸福小区5-2-301业主投诉", "幸福小区*-*-***业主投诉"),
    ("酒店1502房的客人", "酒店****房的客人"),
    ("B座1502漏水", "B座****漏水"),
    ("幸福路88号门口", "幸福路**号门口"),
    ("长乐路123弄45号", "长乐路***弄**号"),
    ("３栋２单元１５０２室", "*栋*单元****室"),
    ("5-301室噪音扰民", "*-***室噪音扰民"),
    # everything at once
    (
        "业主张女士（13812345678，京A12345）住幸福小区3栋2单元1502室，3个月内投诉第3次，要求赔偿5000元",
        "业主张女士（138****5678，京A****5）住幸福小区*栋*单元****室，3个月内投诉第3次，要求赔偿5000元",
    ),
]

MUST_KEEP = [
    "整改期限3个月",
    "要求赔偿5000元",
    "涉及金额2.5万元",
    "共有35户受影响",
    "2025年3月14日停水",
    "3月12号发生",
    "24小时内回复",
    "7个工作日内办结",
    "这是第3次投诉",
    "30多户业主拉横幅",
    "房屋面积100平米",
    "已拨打12315投诉",
    "客服热线400-820-8820",
    "热线4008208820",
    "800-820-8820",
    "银行客服95588",
    "2025-03-14 10:30 停电",
    "20190513",
    "三室一厅，3室1厅",
    "住在12楼，电梯坏了",
    "3-5天内答复",
    "7-10个工作日到账",
    "房款1200000元",
    "第12345号订单",
    "订单号2025031412345",
    "新iPhone 15屏幕坏了",
    "北京APP12345",
    "3层5000元",
    "温度26度，湿度60%",
    "",
    "没有数字的投诉",
]


@pytest.mark.parametrize(("text", "masked"), MUST_MASK)
def test_masks_personal_data(text: str, masked: str) -> None:
    assert mask_pii(text) == masked


@pytest.mark.parametrize("text", MUST_KEEP)
def test_keeps_ordinary_numbers(text: str) -> None:
    assert mask_pii(text) == text


def test_table_is_large_enough() -> None:
    assert len(MUST_MASK) >= 30 and len(MUST_KEEP) >= 20


@pytest.mark.parametrize("text", [t for t, _ in MUST_MASK] + MUST_KEEP)
def test_idempotent(text: str) -> None:
    once = mask_pii(text)
    assert mask_pii(once) == once


# Pieces that tend to form identifiers, so random text actually exercises the rules.
_PIECES = [
    *"0123456789０１２３４５６７８９",
    *" -－—　+＋@＠.·*Xx()（）",
    *"ABCabcＡＢ",
    *"京粤沪新",
    "栋", "单元", "室", "号楼", "层", "房", "号", "路", "小区", "元", "户", "月", "日",
    "电话", "身份证", "13812345678", "110101", "19900307", "6222", "86", "0755", "qq.com", "\n", "\ud800",
    "业主", "投诉", "漏水", "的", "，", "。",
]


def _random_text(rng: random.Random) -> str:
    pieces = [rng.choice(_PIECES) for _ in range(rng.randint(0, 40))]
    if rng.random() < 0.2:
        pieces.append("".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(1, 5))))
    return "".join(pieces)


def test_property_random_text() -> None:
    rng = random.Random(20250314)
    unmasked_mobile = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
    for _ in range(3000):
        text = _random_text(rng)
        masked = mask_pii(text)
        assert len(masked) == len(text)
        assert all(m == t or m == "*" for m, t in zip(masked, text, strict=True)), text
        assert mask_pii(masked) == masked, text
        assert not unmasked_mobile.search(unicodedata.normalize("NFKC", masked)), text


def test_long_text_is_fast_enough() -> None:
    text = "业主13812345678住3栋2单元1502室，赔偿5000元；" * 5000
    masked = mask_pii(text)
    assert masked.count("138****5678") == 5000
