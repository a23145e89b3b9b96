"""The one Markdown escaper: text from a query or a document shown or exported literally."""

from __future__ import annotations

import re

# Characters that start Markdown inline formatting, links, tables, headings, HTML or Streamlit
# directives (:color[…]) and math ($).
_SPECIAL = re.compile(r"([\\`*_\[\]{}#|~$!<>&:])")
# Markers that only mean something at the start of a line (lists, quotes, setext rules, ordered lists).
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape_md(text: object) -> str:
    """One line of untrusted text made inert inside Markdown.

    Line breaks are folded, HTML becomes entities and every formatting character is escaped, so a
    document cannot open a heading, list, link, table, script, colour directive or formula.

    Args:
        text: text from a query, a document or a trainer.

    Returns:
        The escaped single-line text.
    """
    flat = " ".join(str(text).split())
    flat = _SPECIAL.sub(lambda m: _ENTITIES.get(m.group(1), "\\" + m.group(1)), flat)
    return _BLOCK_START.sub(_block_marker, flat)


def escape_md_lines(text: object) -> str:
    """Like `escape_md`, keeping the passage's line breaks (as Markdown hard breaks)."""
    return "  \n".join(escape_md(line) for line in str(text).splitlines() if line.strip())


def _block_marker(m: re.Match[str]) -> str:
    marker = m.group(2)
    # "1." becomes "1\." (a backslash before a digit is no escape in CommonMark).
    return m.group(1) + (marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker)
