"""Check the heldout25 split: label phrases and query any_of phrases against the decoded documents.

Run with: /work/main/.venv/bin/python tests/data/external/heldout25/verify.py
"""
import json
import os
import sys
from collections import Counter

import docx

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")
SPLIT = "heldout25"


def decode(path):
    """Return (text, encoding) for a document, decoding strictly."""
    name = os.path.basename(path)
    if name.endswith(".docx"):
        return "\n".join(p.text for p in docx.Document(path).paragraphs), "docx"
    raw = open(path, "rb").read()
    if "_big5" in name:
        return raw.decode("big5", "strict"), "big5"
    try:
        return raw.decode("utf-8", "strict"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("gbk", "strict"), "gbk"


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    errors = []
    texts, encs = {}, {}
    for name in sorted(os.listdir(DOCS)):
        try:
            texts[name], encs[name] = decode(os.path.join(DOCS, name))
        except Exception as exc:  # noqa: BLE001
            errors.append(f"cannot decode {name}: {exc}")

    labels = load_jsonl(os.path.join(HERE, "labels.jsonl"))
    queries = load_jsonl(os.path.join(HERE, "queries.jsonl"))

    # ids unique
    for what, rows in (("label", labels), ("query", queries)):
        dup = [k for k, v in Counter(r["id"] for r in rows).items() if v > 1]
        if dup:
            errors.append(f"duplicate {what} ids: {dup}")

    labelled_files = Counter(lab["file"] for lab in labels)
    for name in texts:
        if name not in labelled_files:
            errors.append(f"document without label: {name}")

    by_file = {}
    n_cases = 0
    for lab in labels:
        lid, fn = lab["id"], lab["file"]
        if lab.get("split") != SPLIT:
            errors.append(f"{lid}: split is {lab.get('split')!r}")
        if fn not in texts:
            errors.append(f"{lid}: missing document {fn}")
            continue
        text = texts[fn]
        by_file.setdefault(fn, []).append(lid)
        if lab["type"] == "case":
            n_cases += 1
            facts = lab["facts"]
            if not 8 <= len(facts) <= 25:
                errors.append(f"{lid}: facts length {len(facts)} not in 8..25")
            if text.count(facts) != 1:
                errors.append(f"{lid}: facts occurs {text.count(facts)} times")
            for key in ("title", "facts", "thinking", "steps", "outcome"):
                val = lab.get(key)
                if val is not None and val not in text:
                    errors.append(f"{lid}: {key} not verbatim: {val!r}")
            for sec in lab.get("section_labels", []):
                if sec not in text:
                    errors.append(f"{lid}: section label not verbatim: {sec!r}")
        elif lab["type"] == "guideline":
            ph = lab.get("phrases", [])
            if not 2 <= len(ph) <= 4:
                errors.append(f"{lid}: {len(ph)} phrases (want 2..4)")
            for p in ph:
                if p not in text:
                    errors.append(f"{lid}: phrase not verbatim: {p!r}")
        else:
            errors.append(f"{lid}: unknown type {lab['type']}")

    label_by_id = {lab["id"]: lab for lab in labels}
    per_label = Counter()
    for q in queries:
        qid, any_of = q["id"], q["any_of"]
        if not 1 <= len(any_of) <= 3:
            errors.append(f"{qid}: {len(any_of)} any_of phrases")
        targets = [fn for fn, t in texts.items() if all(p in t for p in any_of)]
        if len(targets) != 1:
            errors.append(f"{qid}: any_of phrases found together in {len(targets)} documents")
            continue
        for p in any_of:
            if p not in texts[targets[0]]:
                errors.append(f"{qid}: any_of not verbatim: {p!r}")
        lids = by_file.get(targets[0], [])
        if len(lids) != 1:
            errors.append(f"{qid}: target document has {len(lids)} labels")
            continue
        lab = label_by_id[lids[0]]
        want_kind = "case" if lab["type"] == "case" else "guideline"
        if q["kind"] != want_kind:
            errors.append(f"{qid}: kind {q['kind']} but target is {want_kind}")
        per_label[lids[0]] += 1

    for lab in labels:
        c = per_label[lab["id"]]
        if not 2 <= c <= 3:
            errors.append(f"{lab['id']}: {c} queries (want 2..3)")

    print(f"documents: {len(texts)}  encodings: {dict(Counter(encs.values()))}")
    for name in sorted(texts):
        print(f"  {encs[name]:6s} {len(texts[name]):5d} chars  {name}")
    print(f"labels: {len(labels)} ({n_cases} cases)  queries: {len(queries)}")
    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        return 1
    print("OK: all label and any_of phrases verbatim, facts unique and 8-25 chars, 2-3 queries per label, ids unique")
    return 0


if __name__ == "__main__":
    sys.exit(main())
