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

from advisor import Advisor, Settings  # noqa: E402
from advisor.corpus.pipeline import build_corpus  # noqa: E402
from advisor.evaluation.queries import evaluate, format_eval, load_queries  # noqa: E402
from advisor.evaluation.segmentation import check, format_report, load_labels  # noqa: E402
from advisor.retrieval.encoders import load_encoder  # noqa: E402
from advisor.retrieval.index import build_index  # noqa: E402

EXTERNAL = ROOT / "tests" / "data" / "external"
SPLITS = ("dev", "heldout")


def combined_corpus(folder: Path) -> Path:
    """A corpus folder of links to the seed files and to every external document (both splits)."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    wanted = {p.name: p for p in (ROOT / "corpus").iterdir() if p.is_file() and not p.name.startswith(".")}
    for split in SPLITS:
        wanted.update({f"{split}/{p.name}": p for p in (EXTERNAL / split / "docs").iterdir()})
    for name, source in wanted.items():
        link = corpus / name
        link.parent.mkdir(parents=True, exist_ok=True)
        if not link.exists():
            link.symlink_to(source.resolve())
    return corpus


def external_settings(folder: Path, empty_knowledge: bool = False) -> Settings:
    """Settings for the combined index (its own index folder when the knowledge folder is empty)."""
    knowledge = folder / "no-knowledge" if empty_knowledge else ROOT / "knowledge"
    knowledge.mkdir(parents=True, exist_ok=True)
    index = folder / ("index-no-knowledge" if empty_knowledge else "index")
    return Settings(corpus_dir=combined_corpus(folder), index_dir=index, knowledge_dir=knowledge,
                    data_dir=folder / "data")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "both"], default="dev")
    parser.add_argument("--empty-knowledge", action="store_true", help="no thesaurus, questions, rules or personas")
    parser.add_argument("--folder", default=str(Path(tempfile.gettempdir()) / "advisor-external"))
    args = parser.parse_args()
    settings = external_settings(Path(args.folder), args.empty_knowledge)
    stats = build_index(settings, load_encoder(settings, for_build=True), progress=False)
    print(f"index: {stats.n_cases} cases, {stats.n_guidelines} guidelines, {stats.n_chunks} chunks "
          f"({stats.embedded} embedded now), {stats.seconds:.1f} s")
    corpus = build_corpus(settings.corpus_dir)
    advisor = Advisor.load(settings)
    for split in (SPLITS if args.split == "both" else (args.split,)):
        print(f"\n== {split}: segmentation (labels {EXTERNAL / split / 'labels.jsonl'})")
        labels = load_labels(EXTERNAL / split / "labels.jsonl")
        for label in labels:  # the labels name files relative to the split's docs folder
            label.file = f"{split}/{label.file}"
        print(format_report(check([*corpus.cases, *corpus.guidelines], labels)))
        print(f"\n== {split}: retrieval ({EXTERNAL / split / 'queries.jsonl'})")
        print(format_eval(evaluate(advisor, load_queries(EXTERNAL / split / "queries.jsonl"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
