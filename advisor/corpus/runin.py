"""Section labels at the start of a paragraph: "处理过程：…", "一、投诉概述1.公司…", "工作不到位申诉内容：…" (a short
title glued to its first label), read by the layout reader (layout.py)."""

from __future__ import annotations

import re

from advisor.corpus.roles import Role, colon_label_roles, label_roles

CN_NUM = "一二三四五六七八九十"
_BARE_CN_LABEL = re.compile(rf"^[{CN_NUM}](?=[\u4e00-\u9fff]{{4,10}})")
_COLON = re.compile(r"^([^:：\n]{1,12}?)\s*[:：]\s*")
_SENTENCE_PUNCT = re.compile(r"[，,。；;！!？?]")


def leading_label(rest: str) -> tuple[int, tuple[Role, ...], int] | None:
    """A section label at (or, after a short title, near) the start of `rest`.

    Returns (start of the label, roles, start of the body), or None.
    """
    m = _COLON.match(rest)
    bullet = re.match(r"[-*•·]\s*", rest)
    # "- 未落实补救措施:…" is an item of a list with a run-in term; only a label of the broad list heads a section there.
    if m and (roles := colon_label_roles(m.group(1))) and not (bullet and not _known_label(m.group(1)[bullet.end():].strip())):
        return 0, roles, m.end()
    m = re.match(rf"^[{CN_NUM}]{{1,2}}\s*[、.．]\s*", rest)
    if m and (prefix := prefix_label(rest[m.end() :])):
        return 0, prefix[0], m.end() + prefix[1]
    m = _BARE_CN_LABEL.match(rest) or re.match(rf"^[(（][{CN_NUM}][)）]\s*", rest)
    if m:
        for size in range(10, 1, -1):
            word = rest[m.end() : m.end() + size]
            if len(word) == size and label_roles(word) and _known_label(word):
                body = m.end() + size
                body += len(rest[body:]) - len(rest[body:].lstrip(" :：。."))
                return 0, label_roles(word), body
    # A short title glued to its first label: "工作不到位申诉内容：…".
    for m in re.finditer(r"[:：]", rest[:24]):
        head = rest[: m.start()]
        for cut in range(1, len(head) - 1):
            word = head[cut:]
            if 2 <= len(word) <= 6 and _known_label(word) and not _SENTENCE_PUNCT.search(head[:cut]):
                return cut, label_roles(word), m.end()
        break
    return None


def _known_label(word: str) -> bool:
    """A label of the broad list itself (stricter than `label_roles`, for labels without brackets)."""
    from advisor.corpus.roles import PROTOTYPES

    return any(word == p for labels in PROTOTYPES.values() for p in labels)


def prefix_label(rest: str) -> tuple[tuple[Role, ...], int] | None:
    """A label right after a section number, without colon: "投诉概述1.公司…" → (facts, 4)."""
    from advisor.corpus.roles import fully_labelled

    for size in range(min(10, len(rest)), 2, -1):
        word = rest[:size]
        glued = size < len(rest) and re.match(r"[\u4e00-\u9fffA-Za-z]", rest[size]) is not None
        listed = rest[size : size + 1] in ("、", "和", "及", "与")  # "(二)投诉事由、时间、地点;": an item, no label
        # Text glued to the label without a break is trusted only after a label of the broad list.
        if fully_labelled(word) and (not glued or _known_label(word)) and not listed:
            body = size + len(rest[size:]) - len(rest[size:].lstrip(" :：。."))
            return label_roles(word), body
    return None


def known_label_like(word: str) -> bool:
    from advisor.corpus.roles import fully_labelled

    return fully_labelled(word)
