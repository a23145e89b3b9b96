"""The pieces the layout reader cuts a cleaned document into (`Block`), and its non-empty lines."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.corpus.roles import Role


@dataclass(frozen=True)
class Block:
    """One piece of a paragraph.

    `kind` is "marker" (a case starts here), "heading" (a title line), "label" (a section label with
    its `roles`) or "body". `start`/`end` is the span in the document text; `text` is the heading's
    text without numbering or brackets (for body blocks, the body itself). `family` names the
    heading's numbering style so that siblings can be recognised; `md` is the Markdown level (the
    number of `#`, Word heading styles included) the line carried, 0 without.
    """

    kind: str
    start: int
    end: int
    text: str
    family: str = ""
    roles: tuple[Role, ...] = ()
    md: int = 0
    caption: str = ""  # a ledger row's title: its complaint cell, up to the first pause


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line of `text[start:end]`."""
    end = len(text) if end is None else end
    spans, pos = [], start
    for piece in text[start:end].split("\n"):
        if piece.strip():
            spans.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    return spans
