"""Reading files: encodings, docx, and files that must be skipped with a reason."""

from __future__ import annotations

import pytest
from helpers import DATA, make_corpus

from advisor.corpus.read import UnreadableFile, decode_bytes, read_corpus, read_document


def test_utf8_file_is_read_as_is():
    doc = read_document(DATA / "bank_case.txt")
    assert doc.encoding == "utf_8"
    assert "保险变理财" in doc.text


def test_gbk_file_is_detected():
    doc = read_document(DATA / "gbk_case.txt")
    assert doc.encoding in ("gb18030", "gbk", "gb2312")
    assert "保险变理财,银行、保险、客户三赢" in doc.text


def test_big5_file_is_detected():
    doc = read_document(DATA / "big5_case.txt")
    assert doc.encoding == "big5"
    assert "業主投訴維修不及時" in doc.text


def test_docx_paragraphs_are_read():
    doc = read_document(DATA / "sample.docx")
    assert doc.encoding == "docx"
    assert "客户服务部接到客户投诉后" in doc.text


@pytest.mark.parametrize(("name", "reason"), [("empty.txt", "空文件"), ("binary.txt", "二进制")])
def test_bad_files_raise_with_reason(name, reason):
    with pytest.raises(UnreadableFile, match=reason):
        read_document(DATA / name)


def test_undecodable_bytes_are_refused():
    with pytest.raises(UnreadableFile):
        decode_bytes(b"\x81\x00\xfe\x01" * 50)


def test_corpus_reports_and_skips_bad_files(tmp_path):
    folder = make_corpus(tmp_path, "bank_case.txt", "empty.txt", "binary.txt", "big5_case.txt")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    docs, problems = read_corpus(folder)
    assert sorted(d.file for d in docs) == ["bank_case.txt", "big5_case.txt"]
    reasons = {p.file: p.reason for p in problems}
    assert set(reasons) == {"empty.txt", "binary.txt", "notes.pdf"}
    assert "不支持" in reasons["notes.pdf"]


def test_a_file_whose_glosses_lost_their_characters_is_reported_as_damaged(tmp_path):
    from advisor.corpus.pipeline import build_corpus

    folder = make_corpus(tmp_path, "bank_case.txt")
    (folder / "gas.txt").write_text("燃气泄漏案例\n用户反映厨房有燃?xì)庑孤?,维修人员4小时内上门。燃?xì)庠O(shè)备已更换。\n",
                                    encoding="utf-8")
    files = {f.file: f for f in build_corpus(folder).report.files}
    assert files["gas.txt"].garbled == 2
    assert any("乱码" in w for w in files["gas.txt"].warnings)
    assert files["bank_case.txt"].garbled == 0 and not any("乱码" in w for w in files["bank_case.txt"].warnings)
