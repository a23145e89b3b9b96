"""Evaluate on the external corpus (tests/data/external): documents the product was not shaped on.

Builds (incrementally) one index of the seed corpus plus every external document in a temporary
folder, then prints the segmentation check against the hand labels and the retrieval figures of the
staff-style queries, per split. `--empty-knowledge` runs the same with no curated data at all.

    python scripts/eval_external.py --split dev
    python scripts/eval_external.py --split heldout --empty-knowledge
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor import Advisor  # noqa: E402
from advisor.corpus.pipeline import build_corpus  # noqa: E402
from advisor.evaluation.external import EXTERNAL, SPLITS, external_settings, split_labels, split_queries  # noqa: E402
from advisor.evaluation.queries import evaluate, format_eval  # noqa: E402
from advisor.evaluation.segmentation import check, format_report  # noqa: E402
from advisor.retrieval.encoders import load_encoder  # noqa: E402
from advisor.retrieval.index import build_index  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="dev")
    parser.add_argument("--empty-knowledge", action="store_true", help="no thesaurus, questions, rules or personas")
    parser.add_argument("--folder", default=str(Path(tempfile.gettempdir()) / "advisor-external"))
    args = parser.parse_args()
    settings = external_settings(Path(args.folder), args.empty_knowledge)
    stats = build_index(settings, load_encoder(settings, for_build=True), progress=False)
    print(f"index: {stats.n_cases} cases, {stats.n_guidelines} guidelines, {stats.n_chunks} chunks "
          f"({stats.embedded} embedded now), {stats.seconds:.1f} s")
    corpus = build_corpus(settings.corpus_dir)
    advisor = Advisor.load(settings)
    for split in (SPLITS if args.split == "all" else (args.split,)):
        print(f"\n== {split}: segmentation (labels {EXTERNAL / split / 'labels.jsonl'})")
        print(format_report(check([*corpus.cases, *corpus.guidelines], split_labels(split))))
        print(f"\n== {split}: retrieval ({EXTERNAL / split / 'queries.jsonl'})")
        print(format_eval(evaluate(advisor, split_queries(split))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
