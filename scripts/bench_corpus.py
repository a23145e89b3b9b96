"""Synthetic corpora for the scaling benchmark (used by scripts/bench.py).

Every document of the seed corpus and of the external evaluation corpus is copied again and again,
each copy perturbed so that deduplication does not collapse the copies: digits are shifted, surnames
and "content" characters (Han characters that no rule of the advisor package mentions) are permuted
with a per-copy seed, and a random two-character filler follows every comma. Headings, labels, markers and domain words stay as they are, so every copy is
segmented like a real document.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


@lru_cache(maxsize=1)
def sources() -> tuple[tuple[str, str], ...]:
    """(name, simplified text) of every seed and external document (.docx read as Markdown headings)."""
    from advisor.corpus.read import UnreadableFile, read_document
    from advisor.text.normalize import to_simplified

    paths = sorted((ROOT / "corpus").glob("*")) + sorted(ROOT.glob("tests/data/external/*/docs/*"))
    out = []
    for path in paths:
        try:
            doc = read_document(path)
        except UnreadableFile:
            continue
        out.append((f"{path.parent.parent.name}_{path.stem}", to_simplified(doc.text)))
    return tuple(out)


@lru_cache(maxsize=1)
def _free_chars() -> tuple[str, str]:
    """Han characters no source file of the package mentions (permuted per copy), and the surnames."""
    from advisor.corpus.people import SURNAMES

    code = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "advisor").rglob("*.py"))
    used = set(re.findall(r"[\u4e00-\u9fff]", code))
    seen = {ch for _, text in sources() for ch in text if "\u4e00" <= ch <= "\u9fff"}
    return "".join(sorted(seen - used)), SURNAMES


def perturb(text: str, copy: int) -> str:
    """The `copy`-th variant of `text` (copy 0 is the text itself)."""
    if copy == 0:
        return text
    free, surnames = _free_chars()
    rng = random.Random(copy)
    shuffled, names = list(free), list(surnames)
    rng.shuffle(shuffled)
    rng.shuffle(names)
    shift = copy % 9 + 1
    table = str.maketrans({**dict(zip(free, shuffled, strict=True)), **dict(zip(surnames, names, strict=True)),
                           **{str(d): str((d + shift) % 10) for d in range(10)}})
    # A two-character filler after every comma: copies then share too few 4-character shingles to merge.
    fillers = iter(lambda: "".join(rng.choice(free) for _ in range(2)), None)
    return re.sub("[，,]", lambda m: m.group(0) + next(fillers), text.translate(table))


def make_corpus(folder: Path, megabytes: float, single_file: bool = False) -> Path:
    """Write about `megabytes` MB (UTF-8) of perturbed copies into `folder`, as many files or as one .txt."""
    folder.mkdir(parents=True, exist_ok=True)
    target, written, copy, parts = int(megabytes * MB), 0, 0, []
    while written < target:
        for name, text in sources():
            if written >= target:
                break
            body = perturb(text, copy)
            size = len(body.encode("utf-8"))
            if single_file:
                parts.append(body)
            else:
                (folder / f"{copy:04d}_{name}.txt").write_text(body, encoding="utf-8")
            written += size
        copy += 1
    if single_file:
        (folder / f"single_{megabytes:g}mb.txt").write_text("\n\n".join(parts), encoding="utf-8")
    return folder
