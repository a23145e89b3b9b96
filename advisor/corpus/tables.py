"""Tables of cases: a complaint ledger whose header names the sections (投诉内容 | 处理结果) and whose every row
is one case ("001 | 学员A报名后因工作变动无法继续学习 | 驾校拒绝退还 | 经协调退还70%费用").

Such a table is read as labelled text: each row opens a case at its first cell, and a cell under a header
that names a section (`label_roles`) starts that section. A table that lists kinds of problems (类型 | 描述,
陷阱类型 | 具体表现 | 建议) is no ledger: its rows are neither numbered nor say who or when.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.corpus.blocks import Block
from advisor.corpus.roles import Role, label_roles

_CELL_SEP = re.compile(r"[|｜]")
_RULE_ROW = re.compile(r"^[\s|｜:：\-—]+$")  # a Markdown table's |---|---| line
_ROW_ID = re.compile(r"^(?:[(（]?\d{1,4}[)）]?|[①-⑳]|[A-Za-z]?\d{1,4}[A-Za-z]?|\d{4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?)$")
# Header words of a ledger's who / when / which columns: 序号, 编号, 日期, 投诉人, 客户, 业主 …
_LEDGER_WORDS = re.compile(r"序号|编号|编码|日期|时间|投诉人|客户|顾客|业主|学员|患者|姓名|用户|旅客|乘客|住户")
_FACTS, _AFTER = "facts", ("steps", "outcome", "thinking", "improvements")
_MIN_ROWS = 2


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class LedgerRow:
    """One case of a ledger: its cells, each with the section its column names (() for none)."""

    cells: tuple[tuple[Cell, tuple[str, ...], str], ...]  # (cell, roles of its column, header text)


def cells(text: str, a: int, b: int) -> list[Cell]:
    """The cells of the line `text[a:b]` split at | (outer bars and blank edge cells dropped)."""
    out, pos = [], a
    for piece in _CELL_SEP.split(text[a:b]):
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        out.append(Cell(pos + lead, pos + lead + len(body), body))
        pos += len(piece) + 1
    while out and not out[0].text:
        out.pop(0)
    while out and not out[-1].text:
        out.pop()
    return out


def ledger_rows(text: str, spans: list[tuple[int, int]]) -> dict[int, list[LedgerRow] | None]:
    """The lines of `spans` (by index) that belong to a ledger of cases: a data row maps to its LedgerRow,
    the header and rule lines to None. (A line may hold several rows a page glued together.) Lines of other tables are not in the map."""
    found: dict[int, list[LedgerRow] | None] = {}
    i = 0
    while i < len(spans):
        run = _table_run(text, spans, i)
        if len(run) > 1:
            found.update(_ledger(text, spans, run))
            i = run[-1] + 1
        else:
            i += 1
    return found


def _table_run(text: str, spans: list[tuple[int, int]], i: int) -> list[int]:
    """Indexes of consecutive lines from `i` on that look like rows of one table (two bars or more)."""
    run = []
    for j in range(i, len(spans)):
        line = text[spans[j][0] : spans[j][1]]
        if len(_CELL_SEP.findall(line)) < 2:
            break
        run.append(j)
    return run


def _ledger(text: str, spans: list[tuple[int, int]], run: list[int]) -> dict[int, list[LedgerRow] | None]:
    header = cells(text, *spans[run[0]])
    roles = [label_roles(c.text) for c in header]
    rows = [j for j in run[1:] if not _RULE_ROW.match(text[spans[j][0] : spans[j][1]])]
    data = {j: _unglued(cells(text, *spans[j]), len(header)) for j in rows}
    if (len(rows) < _MIN_ROWS or not any(_FACTS in r for r in roles)
            or not any(set(r) & set(_AFTER) for r in roles)
            or any(not row or not 0 < len(c) <= len(header) for row in data.values() for c in row)):
        return {}
    numbered = all(_ROW_ID.match(c[0].text) for row in data.values() for c in row)
    if not numbered and not any(_LEDGER_WORDS.search(c.text) for c in header):
        return {}  # a table of kinds of problems, not of cases
    out: dict[int, list[LedgerRow] | None] = {j: None for j in run if j not in data}
    for j, row in data.items():
        out[j] = [LedgerRow(tuple((cell, roles[k], header[k].text) for k, cell in enumerate(c))) for c in row]
    return out


def _unglued(row: list[Cell], width: int) -> list[list[Cell]]:
    """A line's rows: one, or several a page glued into one line ("| 005 | … || 006 | …"), each opening
    with its row number. A line that cannot be cut so is returned whole (and fails the width check)."""
    if len(row) <= width:
        return [row]
    kept = [c for k, c in enumerate(row) if c.text or k + 1 >= len(row) or not _ROW_ID.match(row[k + 1].text)]
    starts = [k for k, c in enumerate(kept) if _ROW_ID.match(c.text)]
    if not starts or starts[0] != 0:
        return [row]
    parts = [kept[a:b] for a, b in zip(starts, [*starts[1:], len(kept)], strict=True)]
    return parts if all(len(part) <= width for part in parts) else [row]


def row_blocks(row: LedgerRow) -> list[Block]:
    """A ledger row as a labelled case: it opens at its first cell with the facts (its complaint cell as its
    title), and a cell under a header that names another section (处理结果) starts that section."""
    first = row.cells[0][0]
    facts = next(((cell, head) for cell, roles, head in row.cells if "facts" in roles), (first, "投诉内容"))
    caption = re.split(r"[，,。；;！!？?]", facts[0].text, maxsplit=1)[0][:30]
    out = [Block("label", first.start, first.start, facts[1], "row", ("facts",), caption=caption)]
    current: tuple[Role, ...] = ("facts",)
    for cell, roles, head in row.cells:
        if roles and roles != current:
            out.append(Block("label", cell.start, cell.start, head, "table", roles))
            current = roles
        if not _ROW_ID.match(cell.text):
            out.append(Block("body", cell.start, cell.end, cell.text, "cell"))
    return out
