"""Field-aware chunks: what text each chunk carries."""

from __future__ import annotations

from advisor.models import Guideline
from advisor.retrieval.chunk import GUIDELINE_CHUNK_CHARS, guideline_chunks


def _guideline(title: str, text: str) -> Guideline:
    return Guideline(id="g-1", title=title, text=text)


def test_guideline_chunks_carry_the_section_heading_not_the_document_title():
    chunks = guideline_chunks(_guideline("万科客户投诉处理流程·3.2投诉分类与分级", "投诉分为一般投诉和重大投诉。"))
    assert [c.text for c in chunks] == ["3.2投诉分类与分级\n投诉分为一般投诉和重大投诉。"]


def test_nested_headings_are_kept_and_untitled_sections_keep_their_title():
    nested = guideline_chunks(_guideline("指引·六、工作程序·6.3第三阶段", "现场安抚。"))
    assert nested[0].text.startswith("六、工作程序·6.3第三阶段\n")
    plain = guideline_chunks(_guideline("物业部接待客户投诉规章制度", "接待时奉上茶水。"))
    assert plain[0].text.startswith("物业部接待客户投诉规章制度\n")


def test_long_guideline_is_windowed_with_the_heading_on_every_window():
    text = "。".join(f"第{i}条规定的内容比较长需要分开" for i in range(40)) + "。"
    chunks = guideline_chunks(_guideline("制度·五、时限", text))
    assert len(chunks) > 1
    assert all(c.text.startswith("五、时限\n") for c in chunks)
    assert all(len(c.text) <= len("五、时限\n") + GUIDELINE_CHUNK_CHARS for c in chunks)
