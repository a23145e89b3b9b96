"""Fault matrix: bad input and broken files, each case a small check that passes or fails with a message.

Usage: .venv/bin/python scripts/faults.py [-k TEXT] [-v]
    -k TEXT   only the cases whose category or name contains TEXT
    -v        print every case (by default only failures are listed, then the counts per category)

Everything runs in a temporary folder: the repo's index/ and corpus/ are only read (the CLI cases use a
copy of index/ rebuilt from corpus/ with the embedded encoder). Unit-level cases use the tests' hashing
encoder. Permission cases run a child process as user `nobody` when this script runs as root (root
ignores file modes), otherwise they are simulated. docs/reliability.md describes the categories.

The cases live in scripts/faultlib/ (common.py: the registry, the Lab and the checks; one module per
category or two); importing the package registers them in the order of the table.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/, for faultlib (also under python -P)

from faultlib.common import CASES, LAB, Case, Lab, Result  # noqa: E402  (registers every case)


def run_case(item: Case) -> Result:
    started = time.perf_counter()
    try:
        ok, message = item.run()
    except Exception as exc:  # a crash is a failure of the case, reported like any other
        ok, message = False, f"crashed: {type(exc).__name__}: {str(exc)[:200]}"
    return ok, f"{message} ({time.perf_counter() - started:.1f}s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="only cases whose category or name contains this text")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    LAB.lab = Lab()
    counts: dict[str, Counter] = {}
    try:
        for item in CASES:
            if args.k and args.k not in f"{item.category} {item.name}":
                continue
            ok, message = run_case(item)
            counts.setdefault(item.category, Counter())["passed" if ok else "failed"] += 1
            if args.verbose or not ok:
                print(f"{'PASS' if ok else 'FAIL'}  [{item.category}] {item.name}: {message}", flush=True)
    finally:
        shutil.rmtree(LAB.root, ignore_errors=True)
    print(f"\n{'category':<10} {'cases':>5} {'passed':>6} {'failed':>6}")
    for category, c in counts.items():
        print(f"{category:<10} {c.total():>5} {c['passed']:>6} {c['failed']:>6}")
    total = sum(counts.values(), Counter())
    print(f"{'total':<10} {total.total():>5} {total['passed']:>6} {total['failed']:>6}")
    return 1 if total["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
