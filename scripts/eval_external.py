"""Evaluate on the external corpus (tests/data/external): documents the product was not shaped on.

Builds (incrementally) one index of the seed corpus plus every external document in a temporary
folder, then prints the segmentation check against the hand labels and the retrieval figures of the
staff-style queries, per split. `--empty-knowledge` runs the same with no curated data at all.
`--check` is the quality gate CI runs: every split against its floors (tests/data/external/floors.json),
the curated knowledge against an empty knowledge folder, and the staff query sets against other
industries' rules; it exits 1 on any breach.

    python scripts/eval_external.py --split dev
    python scripts/eval_external.py --split heldout --empty-knowledge
    python scripts/eval_external.py --check
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor import Advisor  # noqa: E402
from advisor.corpus.pipeline import build_corpus  # noqa: E402
from advisor.evaluation.external import EXTERNAL, SPLITS, external_settings, split_labels, split_queries  # noqa: E402
from advisor.evaluation.gate import (  # noqa: E402
    STAFF_SETS,
    industry_violations,
    knowledge_breaches,
    load_floors,
    retrieval_breaches,
)
from advisor.evaluation.queries import evaluate, format_eval, score  # noqa: E402
from advisor.evaluation.segmentation import check, format_report  # noqa: E402
from advisor.retrieval.encoders import load_encoder  # noqa: E402
from advisor.retrieval.index import build_index, seed_embedding_cache  # noqa: E402


def _build(folder: Path, empty_knowledge: bool, cache_from: Path | None = None, encoder=None) -> Advisor:
    settings = external_settings(folder, empty_knowledge)
    if cache_from is not None:
        seed_embedding_cache(cache_from, settings.index_dir)  # nothing is embedded twice
    started = time.perf_counter()
    stats = build_index(settings, load_encoder(settings, for_build=True), progress=False)
    print(f"index{' (empty knowledge)' if empty_knowledge else ''}: {stats.n_cases} cases, "
          f"{stats.n_guidelines} guidelines, {stats.n_chunks} chunks ({stats.embedded} embedded now), "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    return Advisor.load(settings, encoder)


def run_check(folder: Path) -> int:
    """The gate: print one line per split and every breach; 0 when nothing is below its floor."""
    floors = load_floors(EXTERNAL / "floors.json")
    combined = _build(folder, empty_knowledge=False)
    empty = _build(folder, empty_knowledge=True, cache_from=combined.settings.index_dir, encoder=combined.encoder)
    breaches, reports = [], {}
    for split in SPLITS:
        queries = split_queries(split)
        report, without = evaluate(combined, queries), evaluate(empty, queries)
        reports[split] = report
        print(f"{split:10} n={report.n:3} Recall@1={report.recall_at_1:.3f} Recall@5={report.recall_at_5:.3f} "
              f"MRR@5={report.mrr_at_5:.3f}  (empty knowledge Recall@1={without.recall_at_1:.3f})", flush=True)
        if split not in floors.retrieval:
            breaches.append(f"{split}: no floor in floors.json")
            continue
        breaches += retrieval_breaches(split, report, floors.retrieval[split], floors.noise_queries)
        breaches += knowledge_breaches(split, report, without, floors)
    for name, held_out in (("development", False), ("held-out", True)):
        pooled = score([o for s, r in reports.items() if s.startswith("heldout") == held_out for o in r.outcomes])
        print(f"{name} splits: n={pooled.n} Recall@1={pooled.recall_at_1:.3f} Recall@5={pooled.recall_at_5:.3f} "
              f"MRR@5={pooled.mrr_at_5:.3f}")
        if name not in floors.pooled:
            breaches.append(f"{name} splits: no pooled floor in floors.json")
            continue
        breaches += retrieval_breaches(f"{name} splits", pooled, floors.pooled[name])
    for path in STAFF_SETS:
        found = industry_violations(combined, path)
        print(f"{path.name}: {len(found)} queries shown another industry's grade, deadlines or rulebook")
        breaches += [f"{path.name}: {v}" for v in found]
    print("\n".join(["", f"breaches: {len(breaches)}", *breaches]))
    return 1 if breaches else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="dev")
    parser.add_argument("--empty-knowledge", action="store_true", help="no thesaurus, questions, rules or personas")
    parser.add_argument("--check", action="store_true", help="the quality gate over every split (exit 1 on a breach)")
    parser.add_argument("--folder", default=str(Path(tempfile.gettempdir()) / "advisor-external"))
    args = parser.parse_args()
    if args.check:
        return run_check(Path(args.folder))
    advisor = _build(Path(args.folder), args.empty_knowledge)
    corpus = build_corpus(advisor.settings.corpus_dir)
    for split in (SPLITS if args.split == "all" else (args.split,)):
        print(f"\n== {split}: segmentation (labels {EXTERNAL / split / 'labels.jsonl'})")
        print(format_report(check([*corpus.cases, *corpus.guidelines], split_labels(split))))
        print(f"\n== {split}: retrieval ({EXTERNAL / split / 'queries.jsonl'})")
        print(format_eval(evaluate(advisor, split_queries(split))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
