"""Benchmarks: BM25-only vs dense-only vs hybrid (with and without query expansion) on the dev and
held-out query sets; latency/memory at scale; build throughput.

Usage: python scripts/bench.py [--queries FILE.jsonl ...] [--sizes 1000 10000 100000] [--skip-build]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from advisor import Advisor, Settings  # noqa: E402
from advisor.evaluation.queries import evaluate, load_queries  # noqa: E402
from advisor.retrieval.dense import build_dense, search_dense  # noqa: E402
from advisor.retrieval.index import build_index  # noqa: E402
from advisor.retrieval.lexical import LexicalIndex  # noqa: E402
from advisor.retrieval.tokens import get_tokenizer  # noqa: E402


def rss_mb() -> float:
    """Current resident memory of this process in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def quality_table(advisor: Advisor, name: str, queries) -> None:
    print(f"## Quality on {name} ({len(queries)} queries, top-5)\n")
    print("| mode | Recall@1 | Recall@3 | Recall@5 | MRR@5 |")
    print("| --- | --- | --- | --- | --- |")
    base = advisor.settings
    hybrid = f"hybrid ({base.fusion} {base.dense_weight}/{base.lexical_weight})"
    ew, qw = base.expansion_weight, base.questions_weight
    modes = (("BM25 only", 0.0, 1.0, 0.0, 0.0), ("BM25 only + expansion", 0.0, 1.0, ew, 0.0),
             ("dense only", 1.0, 0.0, 0.0, 0.0), ("similar questions only", 0.0, 0.0, 0.0, 1.0),
             (hybrid, base.dense_weight, base.lexical_weight, 0.0, 0.0),
             (f"{hybrid} + expansion {ew}", base.dense_weight, base.lexical_weight, ew, 0.0),
             (f"{hybrid} + expansion {ew} + similar questions {qw}", base.dense_weight, base.lexical_weight, ew, qw))
    for label, dw, lw, e, q in modes:
        advisor.settings = base.model_copy(update={"dense_weight": dw, "lexical_weight": lw, "expansion_weight": e,
                                                   "questions_weight": q})
        r = evaluate(advisor, queries)
        print(f"| {label} | {r.recall_at_1:.3f} | {r.recall_at_3:.3f} | {r.recall_at_5:.3f} | {r.mrr_at_5:.3f} |")
    advisor.settings = base
    print()


def latency(advisor: Advisor, queries, repeats: int = 3) -> list[float]:
    times = []
    for _ in range(repeats):
        for q in queries:
            times.append(advisor.search(q.query).took_ms)
    return times


def scale_table(advisor: Advisor, queries, sizes: list[int]) -> None:
    """Synthetic libraries built by resampling real chunk texts and jittering real vectors."""
    print("\n## Search latency and memory at scale (synthetic chunks, query encoding included)\n")
    print("| chunks | dense index | build s | p50 ms | p95 ms | RSS MB |")
    print("| --- | --- | --- | --- | --- | --- |")
    rng = np.random.default_rng(0)
    texts = [c.text for c in advisor.index.chunks]
    base_vecs = advisor.index.dense.reconstruct_n(0, advisor.index.dense.ntotal)
    tokenizer = get_tokenizer(advisor.settings.tokenizer)
    for n in sizes:
        started = time.perf_counter()
        idx = rng.integers(0, len(texts), n)
        synth_texts = [texts[i][rng.integers(0, 20):] for i in idx]
        vecs = base_vecs[idx] + rng.normal(0, 0.02, (n, base_vecs.shape[1])).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        dense = build_dense(vecs, advisor.settings.hnsw_threshold)
        lexical = LexicalIndex.build(synth_texts, tokenizer)
        built = time.perf_counter() - started
        times = []
        for q in queries:
            t = time.perf_counter()
            qv = advisor.encoder.encode_queries([q.query])[0]
            search_dense(dense, qv, 200)
            scores = lexical.scores(q.query, advisor.thesaurus.expand(q.query), advisor.settings.expansion_weight)
            np.argpartition(-scores, 200)[:200]
            times.append((time.perf_counter() - t) * 1000)
        kind = "hnsw" if "HNSW" in type(dense).__name__ else "flat"
        print(f"| {n:,} | {kind} | {built:.1f} | {statistics.median(times):.1f} | "
              f"{np.percentile(times, 95):.1f} | {rss_mb():.0f} |")
        del dense, lexical, vecs, synth_texts


def build_table(settings: Settings) -> None:
    print("\n## Build of the seed corpus\n")
    tmp = Path(tempfile.mkdtemp())
    try:
        cold_settings = settings.model_copy(update={"index_dir": tmp / "index"})
        from advisor.retrieval.encoders import load_encoder

        encoder = load_encoder(cold_settings)
        cold = build_index(cold_settings, encoder, progress=False)
        warm = build_index(cold_settings, encoder, progress=False)
        print("| build | seconds | chunks | embedded | chunks/s |")
        print("| --- | --- | --- | --- | --- |")
        print(f"| cold | {cold.seconds:.1f} | {cold.n_chunks} | {cold.embedded} | {cold.n_chunks / cold.seconds:.1f} |")
        print(f"| nothing changed | {warm.seconds:.1f} | {warm.n_chunks} | {warm.embedded} | "
              f"{warm.n_chunks / warm.seconds:.1f} |")
        print(f"\nrebuild with nothing changed = {100 * warm.seconds / cold.seconds:.0f} % of cold")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    root = Path(__file__).resolve().parents[1]
    candidates = (root.parent / "shared/eval/dev_queries.jsonl", root / "tests/data/heldout_queries.jsonl",
                  root / "tests/data/heldout2_queries.jsonl", root / "tests/data/heldout3_queries.jsonl",
                  root / "tests/data/heldout4_queries.jsonl", root / "tests/data/heldout5_queries.jsonl")
    default_sets = [p for p in candidates if p.exists()]
    parser.add_argument("--queries", nargs="+", default=[str(p) for p in default_sets])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    settings = Settings()
    advisor = Advisor.load(settings)
    sets = {Path(q).name: load_queries(Path(q)) for q in args.queries}
    for name, qs in sets.items():
        quality_table(advisor, name, qs)
    queries = [q for qs in sets.values() for q in qs]
    times = latency(advisor, queries)
    print(f"\nSeed-corpus search after load ({len(times)} searches): p50 {statistics.median(times):.1f} ms, "
          f"p95 {np.percentile(times, 95):.1f} ms; RSS {rss_mb():.0f} MB")
    scale_table(advisor, queries, args.sizes)
    if not args.skip_build:
        build_table(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
