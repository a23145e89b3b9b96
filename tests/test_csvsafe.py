"""Tests for CSV export: formula injection is neutralised, Chinese survives Excel's BOM, round trip."""

from __future__ import annotations

import csv
import io

import pytest

from advisor.text.csvsafe import safe_cell, to_csv_bytes

BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "' =1"),
        ("\r=1", "'\n=1"),
        ("\tabc", "' abc"),
        ("  =1+2", "'  =1+2"),
        ("\u3000=1+2", "'\u3000=1+2"),
        ("\n@x", "'\n@x"),
        ("＝1+2", "'＝1+2"),
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠SUM(1)", "'＠SUM(1)"),
        ("+5", "'+5"),
        (" -5", "' -5"),
        ("-1e5", "'-1e5"),
    ],
)
def test_formula_starts_are_escaped(value: str, cell: str) -> None:
    assert safe_cell(value) == cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("业主投诉电梯噪音", "业主投诉电梯噪音"),
        ("赔偿5000元", "赔偿5000元"),
        ("a=b，c-d", "a=b，c-d"),
        ("138****5678", "138****5678"),
        ("-5", "-5"),
        ("-2.5", "-2.5"),
        ("42", "42"),
        (-5, "-5"),
        (3.25, "3.25"),
        (-1e-05, "-1e-05"),
        (None, ""),
        (True, "True"),
        ("第一行\r\n第二行", "第一行\n第二行"),
        ("列1\t列2", "列1 列2"),
        ("", ""),
    ],
)
def test_safe_values_are_kept(value: object, cell: str) -> None:
    assert safe_cell(value) == cell


def test_str_subclass_of_number_cannot_sneak_a_formula() -> None:
    class Sneaky(int):
        def __str__(self) -> str:
            return "=1+2"

    assert safe_cell(Sneaky(1)) == "'=1+2"


def _read(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_round_trip_through_csv_reader() -> None:
    values = ["=1+2", "=SUM(A1:A2)", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=1", "\r=1", "＝1+2",
              "业主说：\"电梯坏了\"，已投诉3次", "多行\n文本, 带逗号", -5, 2.5, None]
    rows = [{"id": str(i), "value": v} for i, v in enumerate(values)]
    table = _read(to_csv_bytes(rows))
    assert table[0] == ["id", "value"]
    assert table[1:] == [[str(i), safe_cell(v)] for i, v in enumerate(values)]
    assert all(not cell.startswith(tuple("=+@＝＋＠\t\r")) for row in table for cell in row)


def test_columns_order_missing_and_extra_keys() -> None:
    rows = [{"b": "乙", "a": "甲", "secret": "x"}, {"a": "丙"}]
    assert _read(to_csv_bytes(rows, columns=["a", "b"])) == [["a", "b"], ["甲", "乙"], ["丙", ""]]
    assert _read(to_csv_bytes(rows))[0] == ["b", "a", "secret"]


def test_header_is_escaped_too() -> None:
    assert _read(to_csv_bytes([{"=evil": 1}]))[0] == ["'=evil"]


def test_bytes_are_utf8_with_bom_and_crlf() -> None:
    data = to_csv_bytes([{"问题": "漏水"}])
    assert data == BOM + "问题\r\n漏水\r\n".encode()
    assert to_csv_bytes([]) == BOM
