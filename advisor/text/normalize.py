"""Traditional → simplified conversion that keeps character offsets, and matching normalization."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Variant characters that OpenCC leaves alone but that scraped traditional text uses
# for their simplified forms (臵 is a common OCR/encoding variant of 置), and the Kangxi and supplementary
# radicals that text copied out of PDFs uses for ideographs (投诉⼈, ⼈⺠币: ⼈ U+2F08 for 人), one for one.
_RADICALS = {chr(cp): n for cp in (*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6))
             if len(n := unicodedata.normalize("NFKC", chr(cp))) == 1 and n != chr(cp)}
# (supplementary radicals without a compatibility mapping, written as their simplified characters)
_RADICALS.update(zip("⺠⻓⻔⻋⻅⻉⻚⻛⻜⻢⻥⻬⻮⻰⻘⻄⻩⻤", "民长门车见贝页风飞马鱼齐齿龙青西黄鬼", strict=True))
_VARIANTS = str.maketrans({"臵": "置", **_RADICALS})


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert to simplified Chinese with exactly one output character per input character.

    Offsets into the simplified string are therefore valid offsets into the original, which
    lets every record cite its source span whatever script the file was written in.
    """
    conv = _converter()
    out: list[str] = []
    for line in text.split("\n"):
        simple = conv.convert(line)
        if len(simple) != len(line):  # a phrase rule changed length: fall back to per-character
            simple = "".join(c2 if len(c2 := conv.convert(ch)) == 1 else ch for ch in line)
        out.append(simple)
    return "\n".join(out).translate(_VARIANTS)


_WS = re.compile(r"\s+")


# A pinyin gloss after a character ("门(mén)"), which cleaning removes from documents.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])[(（][a-zA-Z{_TONED}üńňǹḿ]{{1,7}}[)）]")
# A gloss whose characters were lost in a bad re-encoding (燃?xì)庠O(shè)备, 日?qǐng)?bào)): what follows is mojibake.
LOST_GLOSS = re.compile(rf"\?[a-zü]*[{_TONED}][a-zü]*\s*\)")


def lost_glosses(text: str) -> int:
    """How many pronunciation glosses in `text` stand where their characters were lost (燃?xì)庠O(shè)备)."""
    return len(LOST_GLOSS.findall(text))


def match_form(text: str) -> str:
    """The form used to compare phrases: simplified, NFKC, no whitespace, no pinyin glosses."""
    return _WS.sub("", unicodedata.normalize("NFKC", to_simplified(PINYIN_GLOSS.sub("", text))))


def clean_query(text: str, max_chars: int) -> tuple[str, list[str]]:
    """Strip control characters, collapse whitespace and truncate an over-long query.

    Returns:
        The cleaned query and warnings (in Chinese) for the user.
    """
    warnings: list[str] = []
    stripped = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    stripped = _WS.sub(" ", stripped).strip()
    if len(stripped) > max_chars:
        warnings.append(f"查询过长（{len(stripped)} 字），已截取前 {max_chars} 字检索。")
        stripped = stripped[:max_chars]
    return stripped, warnings
