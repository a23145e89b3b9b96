"""CSV export that Excel opens correctly (UTF-8 with BOM) and that cannot inject spreadsheet formulas.

Rules applied by `safe_cell`, in this order:

1. Line breaks and tabs inside a cell are normalised: CR LF and a lone CR become LF, a tab becomes a
   space. A quoted LF is shown by Excel as a line break inside the cell, whereas a lone CR or a tab can
   start a new row or column in importers and in copy-paste, and that new cell could begin with ``=``.
   The text therefore changes slightly (CR → LF, tab → space); nothing else is altered.
2. A cell whose text starts with ``=``, ``+``, ``-``, ``@`` (or their full-width forms ``＝＋－＠``),
   also after leading whitespace, or whose original text started with a tab or a CR, gets a leading
   apostrophe ``'`` (OWASP "CSV injection"). Excel hides the apostrophe and shows the text as text.
3. Numbers are left alone so they stay numbers in the spreadsheet: ``int`` and ``float`` values
   (``-5``, ``-1e-05``) and strings that are plain decimals such as ``-5`` or ``-2.5`` (ASCII digits,
   an optional leading ``-``, at most one decimal point). ``-2+3``, ``+5`` or `` -5`` are not and
   get the apostrophe.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence

_FORMULA_START = frozenset("=+-@＝＋－＠")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_BREAKS = re.compile(r"\r\n?")


def safe_cell(value: object) -> str:
    """Turn a value into cell text that a spreadsheet will show, never evaluate.

    Args:
        value: Any value; ``None`` becomes an empty cell, other non-strings go through ``str()``.

    Returns:
        The cell text, with CR/tab normalised and a leading ``'`` where the text could start a formula.
    """
    if type(value) in (int, float):  # exact types: a subclass could override __str__
        return str(value)
    raw = "" if value is None else value if isinstance(value, str) else str(value)
    text = _BREAKS.sub("\n", raw).replace("\t", " ")
    if _PLAIN_NUMBER.fullmatch(text):
        return text
    if raw[:1] in ("\t", "\r") or text.lstrip()[:1] in _FORMULA_START:
        return "'" + text
    return text


def _columns(rows: Sequence[Mapping[str, object]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def to_csv_bytes(rows: Sequence[Mapping[str, object]], columns: Sequence[str] | None = None) -> bytes:
    """Write rows as a UTF-8 (with BOM) CSV with a header row; every cell goes through `safe_cell`.

    Args:
        rows: One mapping per row; a key missing from a row gives an empty cell.
        columns: Column order. Defaults to every key, in the order first seen; keys not listed are
            left out.

    Returns:
        The CSV file content (``\\r\\n`` line ends, as Excel writes them). With no rows and no
        columns it is just the BOM.
    """
    header = list(columns) if columns is not None else _columns(rows)
    buf = io.StringIO()
    if header:
        writer = csv.writer(buf)
        writer.writerow([safe_cell(name) for name in header])
        writer.writerows([safe_cell(row.get(name)) for name in header] for row in rows)
    return buf.getvalue().encode("utf-8-sig")
