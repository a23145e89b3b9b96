"""Tables: a complaint ledger is cut into one case per row; other tables stay text."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import cleaned, seg

LEDGER = (
    "物业服务中心2024年三季度投诉登记\n"
    "以下为本季度登记的投诉:\n"
    "| 序号 | 投诉人 | 投诉内容 | 处理结果 |\n"
    "|---|---|---|---|\n"
    "| 1 | 3栋王女士 | 楼上装修噪音持续到晚上十点,多次反映无人管 | 管家上门协调,约定装修时间为8:00-18:00,王女士表示满意 |\n"
    "| 2 | 5栋李先生 | 地下车库漏水滴到车上,车漆受损 | 工程部当天修补管道,物业承担洗车费用200元 |\n"
    "| 3 | 9栋赵阿姨 | 电梯停运两天没有任何通知 | 向业主书面致歉,以后停梯检修提前三天张贴公告 |\n"
    "本季度投诉总体平稳,业主满意度有所提升。\n"
)


def test_each_row_of_a_complaint_ledger_is_a_case_with_its_sections():
    cases = seg(LEDGER).cases
    assert len(cases) == 3
    by_title = {c.title: c for c in cases}
    assert set(by_title) == {"楼上装修噪音持续到晚上十点", "地下车库漏水滴到车上", "电梯停运两天没有任何通知"}
    leak = by_title["地下车库漏水滴到车上"]
    assert "5栋李先生" in leak.facts and "车漆受损" in leak.facts
    assert leak.handling_steps == ["工程部当天修补管道,物业承担洗车费用200元"]
    assert "满意度" not in by_title["电梯停运两天没有任何通知"].text  # the text after the ledger is no part of it
    assert all("以下为" not in c.text for c in cases)


def test_a_ledger_without_outer_bars_and_numbered_rows_is_read_the_same_way():
    text = ("三、典型投诉案例\n"
            "案例编号 | 学员情况 | 投诉内容 | 处理结果 |\n"
            "001 | 学员A报名后因工作变动无法继续学习 | 驾校拒绝退还部分费用 | 经协调,驾校同意退还70%费用 |\n"
            "002 | 学员B未完成培训课程即被要求补交费用 | 驾校称合同中有额外收费条款 | 经核实合同中无此条款,退还全部费用 |\n")
    cases = seg(text).cases
    assert len(cases) == 2
    assert [c.handling_steps for c in cases] == [["经协调,驾校同意退还70%费用"], ["经核实合同中无此条款,退还全部费用"]]
    assert "学员B未完成培训课程" in cases[1].facts  # a trainee's complaint about a course is no course blurb


@pytest.mark.parametrize("table", [
    "类型 | 描述 |\n退费流程复杂 | 学员反映驾校要求提供大量材料,手续繁琐 |\n退款延迟 | 部分驾校迟迟不处理退费 |\n",
    "陷阱类型 | 具体表现 | 建议应对措施 |\n虚假优惠 | 以内部价为噱头,实则价格虚高 | 多对比不同渠道价格 |\n"
    "强制搭售 | 强行捆绑保险和装饰 | 明确拒绝不合理附加项目 |\n",
])
def test_a_table_of_kinds_of_problems_is_no_ledger(table):
    out = seg("驾校与车行常见投诉\n" + table)
    assert not any(c.handling_steps and "|" not in c.text for c in out.cases)
    assert len(out.cases) <= 1


def test_rows_of_a_table_stay_on_their_lines_and_a_broken_rows_tail_rejoins_it():
    text = ("序号 | 投诉人 | 投诉内容 | 处理结果 |\n1 | 王女士 | 房间有异味 |\n| 换房并赠送早餐 |\n"
            "2 | 李先生 | 空调不制冷 | 维修后退还半天房费 |\n")
    lines = cleaned(text).text.split("\n")
    assert lines[1] == "1 | 王女士 | 房间有异味 || 换房并赠送早餐 |"
    assert lines[2].startswith("2 | 李先生")


def test_a_word_table_is_read_in_place_as_rows_of_cells(tmp_path: Path):
    import docx

    from advisor.corpus.read import read_document

    document = docx.Document()
    document.add_paragraph("酒店前台投诉登记表")
    table = document.add_table(rows=3, cols=3)
    rows = [["日期", "投诉内容", "处理措施"], ["5月3日", "客人反映房间空调噪音大无法入睡", "当晚为客人换到安静楼层并致歉"],
            ["5月9日", "客人退房时发现押金多扣了100元", "财务核实后当场退还并赠送早餐券"]]
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.rows[i].cells[j].text = value
    document.add_paragraph("登记人:前台主管")
    path = tmp_path / "ledger.docx"
    document.save(path)
    text = read_document(path).text
    assert text.index("酒店前台投诉登记表") < text.index("日期 | 投诉内容 | 处理措施 |") < text.index("登记人")
    cases = seg(text).cases
    assert [c.handling_steps for c in cases] == [["当晚为客人换到安静楼层并致歉"], ["财务核实后当场退还并赠送早餐券"]]


def test_a_sites_reprint_notice_is_furniture():
    kept = cleaned("燃气公司多收用户损耗费,被市场监管部门责令退还。\n"
                   "【声明】:本栏目下的消费者投诉文章,任何媒体、网站或个人未经本网协议授权不得转载或以其他方式复制发布。\n").text
    assert "声明" not in kept and "责令退还" in kept
