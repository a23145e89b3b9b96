"""The external evaluation corpus (tests/data/external): public complaint documents the product was not
shaped on: dev splits (developed on) and a held-out split (looked at once per release)."""

from __future__ import annotations

from pathlib import Path

from advisor.settings import PROJECT_ROOT, Settings

EXTERNAL = PROJECT_ROOT / "tests" / "data" / "external"
# dev2 was the first held-out split: measured once, then developed on; dev3 was added later as fresh
# documents for development, then dev4 and dev5 (each measured once first); heldout and heldout2 are held out
# (heldout2 gathered after every choice of this version, measured once).
SPLITS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15", "dev16", "dev17", "dev18", "dev19", "dev20", "dev21", "dev22", "dev23", "dev24", "dev25", "dev26", "dev27", "dev28", "dev29", "dev30", "dev31", "dev32", "dev33", "dev34", "dev35", "dev36", "dev37", "dev38", "dev39", "dev40", "dev41", "dev42", "dev43", "dev44", "dev45", "dev46", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16", "dev47", "heldout17", "dev48", "dev49", "heldout18", "dev50", "heldout19", "dev51", "heldout20", "dev52", "heldout21", "heldout22", "heldout23", "heldout24", "heldout25")


def combined_corpus(folder: Path, seed_corpus: Path = PROJECT_ROOT / "corpus") -> Path:
    """A corpus folder of links to the seed files and to every external document (both splits, as
    `dev/…`, `dev2/…`, `heldout/…`), so one index holds what a company would hold: the sample plus its own."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    wanted = {p.name: p for p in seed_corpus.iterdir() if p.is_file() and not p.name.startswith(".")}
    for split in SPLITS:
        docs = EXTERNAL / split / "docs"
        wanted.update({f"{split}/{p.name}": p for p in docs.iterdir()} if docs.is_dir() else {})
    for name, source in wanted.items():
        link = corpus / name
        link.parent.mkdir(parents=True, exist_ok=True)
        if not link.exists():
            link.symlink_to(source.resolve())
    return corpus


def external_settings(folder: Path, empty_knowledge: bool = False, data_dir: Path | None = None) -> Settings:
    """Settings for the combined index in `folder` (a separate index when the knowledge folder is empty)."""
    knowledge = folder / "no-knowledge" if empty_knowledge else PROJECT_ROOT / "knowledge"
    knowledge.mkdir(parents=True, exist_ok=True)
    index = folder / ("index-no-knowledge" if empty_knowledge else "index")
    return Settings(corpus_dir=combined_corpus(folder), index_dir=index, knowledge_dir=knowledge,
                    data_dir=data_dir or folder / "data")


def split_labels(split: str):
    """The segmentation labels of a split, with file names relative to the combined corpus."""
    from advisor.evaluation.segmentation import load_labels

    labels = load_labels(EXTERNAL / split / "labels.jsonl")
    for label in labels:
        label.file = f"{split}/{label.file}"
    return labels


def split_queries(split: str):
    """The staff-style queries of a split."""
    from advisor.evaluation.queries import load_queries

    return load_queries(EXTERNAL / split / "queries.jsonl")
