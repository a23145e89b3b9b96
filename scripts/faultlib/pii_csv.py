"""Fault cases: PII masking rules (pii) and CSV formula injection (csv)."""

from __future__ import annotations

from collections.abc import Callable

from .common import CASES, ROOT, Case, Result, case

# --------------------------------------------------------------------------- pii: masking rules

PII_MASK = [
    ("mobile", "业主电话13812345678", "业主电话138****5678"),
    ("mobile spaced", "手机 138 1234 5678", "手机 138 **** 5678"),
    ("mobile dashed +86", "请拨+86 138-1234-5678", "请拨+86 138-****-5678"),
    ("mobile 0086", "联系0086 13912345678", "联系0086 139****5678"),
    ("mobile dotted", "手机138.1234.5678", "手机138.****.5678"),
    ("mobile full width", "＋８６　１８６－１２３４－５６７８", "＋８６　１８６－****－５６７８"),
    ("landline", "座机0755-12345678", "座机0755-****5678"),
    ("landline (010)", "座机(010)87654321转123", "座机(010)****4321转123"),
    ("landline +86 no trunk 0", "电话+86 10 8765 4321", "电话+86 10 **** 4321"),
    ("landline labelled", "办公室电话：8765-4321", "办公室电话：****-4321"),
    ("id 18", "身份证110101199003071234", "身份证110101********1234"),
    ("id 18 X spaced", "身份证 110101 19900307 123X", "身份证 110101 ******** 123X"),
    ("id 18 groups of 4", "证件1101 0119 9003 0712 3X", "证件1101 01** **** **12 3X"),
    ("id 18 full width", "身份证１１０１０１１９９００３０７１２３Ｘ", "身份证１１０１０１********１２３Ｘ"),
    ("id 15", "老身份证110101900307123", "老身份证110101******123"),
    ("bank card", "退款到卡号6222021234567890", "退款到卡号6222********7890"),
    ("bank card spaced", "卡号6222 0212 3456 7890", "卡号6222 **** **** 7890"),
    ("email @", "邮箱zhang.san@example.com", "邮箱z********@example.com"),
    ("email ＠", "发到zhangsan＠qq.com", "发到z*******＠qq.com"),
    ("email spaced @", "邮箱 li_si @ 163.com", "邮箱 l**** @ 163.com"),
    ("plate", "车牌京A12345停在消防通道", "车牌京A****5停在消防通道"),
    ("plate new energy", "粤B·D12345被剐蹭", "粤B·*****5被剐蹭"),
    ("door chain", "住在3栋2单元1502室", "住在*栋*单元****室"),
    ("estate hyphens", "幸福小区5-2-301业主", "幸福小区*-*-***业主"),
    ("lives-at hyphens", "住在12-3-402", "住在**-*-***"),
    ("road number", "幸福路88号门口", "幸福路**号门口"),
    ("unit then door", "3单元402号", "*单元***号"),
    ("qq", "QQ号123456789", "QQ号*******89"),
    ("wechat", "加微信 zhangsan_88", "加微信 z*******_**"),
]
PII_KEEP = ["整改期限3个月", "要求赔偿5000元", "共有35户受影响", "2025年3月14日停水", "2025-03-14 10:30 停电",
            "24小时内回复", "已拨打12315投诉", "客服热线400-820-8820", "这是第3次投诉", "房屋面积100平米",
            "住在12楼，电梯坏了", "3-5天内答复", "涉及金额2.5万元", "住3-5天"]


def _pii_case(text: str, expected: str) -> Callable[[], Result]:
    def run() -> Result:
        from advisor.text.pii import mask_pii

        got = mask_pii(text)
        ok = got == expected and mask_pii(got) == got and len(got) == len(text)
        return ok, f"{text!r} -> {got!r}"
    return run


for _name, _text, _expected in PII_MASK:
    CASES.append(Case("pii", f"mask {_name}", _pii_case(_text, _expected)))
for _text in PII_KEEP:
    CASES.append(Case("pii", f"keep {_text}", _pii_case(_text, _text)))


# --------------------------------------------------------------------------- csv: formula injection

CSV_CELLS = [("=1+2", "'=1+2"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"),
             ("@SUM(1)", "'@SUM(1)"), ("＝1+2", "'＝1+2"), ("\t=1", "' =1"), ("\r=1", "'\n=1"),
             ("  =HYPERLINK(\"http://x\")", "'  =HYPERLINK(\"http://x\")"), ("-5", "-5"), ("赔偿5000元", "赔偿5000元")]


def _csv_case(value: str, expected: str) -> Callable[[], Result]:
    def run() -> Result:
        import csv
        import io

        from advisor.text.csvsafe import to_csv_bytes

        data = to_csv_bytes([{"cell": value}])
        got = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))[1][0]
        return got == expected and data.startswith(b"\xef\xbb\xbf"), f"{value!r} -> {got!r}"
    return run


for _value, _expected in CSV_CELLS:
    CASES.append(Case("csv", f"cell {_value!r}", _csv_case(_value, _expected)))


@case("csv", "header cells are escaped too")
def _csv_header() -> Result:
    from advisor.text.csvsafe import to_csv_bytes

    head = to_csv_bytes([{"=evil": 1}]).decode("utf-8-sig").splitlines()[0]
    return head == "'=evil", head


@case("csv", "the app's table export goes through csvsafe, grid export off")
def _csv_app() -> Result:
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    components = (ROOT / "advisor" / "ui" / "components.py").read_text(encoding="utf-8")
    ok = "disableDataExport = true" in config and "to_csv_bytes(" in components
    return ok, "disableDataExport and to_csv_bytes in ui/components.py"
