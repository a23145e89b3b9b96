"""Shared workspace of the fault matrix: the case registry, the temporary Lab, the CLI runner and checks.

Importing this module puts the repository and tests/ on sys.path (for `advisor` and `helpers`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from helpers import FakeEncoder, make_corpus  # noqa: E402

from advisor import Settings  # noqa: E402
from advisor.retrieval.index import build_index, seed_embedding_cache  # noqa: E402

Result = tuple[bool, str]
REBUILD = "python -m advisor build"
FIXTURES = ("re_cases.txt", "bank_case.txt", "auto_case.txt", "telecom_case.txt", "guideline.txt")
HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Case:
    category: str
    name: str
    run: Callable[[], Result]


CASES: list[Case] = []


def case(category: str, name: str) -> Callable[[Callable[[], Result]], Callable[[], Result]]:
    def register(fn: Callable[[], Result]) -> Callable[[], Result]:
        CASES.append(Case(category, name, fn))
        return fn
    return register


# --------------------------------------------------------------------------- workspace

class Lab:
    """Temporary folders: small indexes built with the hashing encoder, and one real index for the CLI."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="advisor-faults-"))
        self.root.chmod(0o755)  # the `nobody` child processes must reach their folders
        self._n = 0
        self._real: Path | None = None

    def fresh(self, *names: str) -> Settings:
        self._n += 1
        base = self.root / f"s{self._n}"
        base.mkdir(mode=0o755)
        corpus = make_corpus(base, *(names or FIXTURES))
        return Settings(corpus_dir=corpus, index_dir=base / "index", data_dir=base / "data",
                        knowledge_dir=base / "knowledge")

    def built(self, *names: str) -> Settings:
        settings = self.fresh(*names)
        build_index(settings, FakeEncoder(), progress=False)
        return settings

    def real_index(self) -> Path:
        """An index of the repo's corpus built by the CLI (embedded encoder), reusing index/'s cache."""
        if self._real is None:
            target = self.root / "real" / "index"
            seed_embedding_cache(ROOT / "index", target)
            out = cli("build", "--quiet", env={"ADVISOR_INDEX_DIR": str(target)}, index=False, timeout=1800)
            if out.returncode != 0:
                raise RuntimeError(f"real index build failed: {out.stderr.decode(errors='replace')[-300:]}")
            self._real = target
        return self._real


class LabHandle:
    """`LAB` of the cases: the Lab of the current run, which main() sets as `.lab`; attributes are the Lab's."""

    def __init__(self) -> None:
        self.lab: Lab | None = None

    def __getattr__(self, name: str) -> Any:
        lab = self.__dict__.get("lab")
        if lab is None:
            raise RuntimeError("no Lab open: run the cases through scripts/faults.py")
        return getattr(lab, name)


LAB = LabHandle()


def cli(*args: str, env: dict[str, str] | None = None, stdin: bytes | None = None, index: bool = True,
        timeout: float = 300, user: str | None = None) -> subprocess.CompletedProcess:
    """`python -m advisor …` in a child process, with ADVISOR_* taken only from `env`."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("ADVISOR_", "PYTHONIOENCODING"))}
    full["ADVISOR_DATA_DIR"] = str(LAB.root / "cli-data")
    if index:
        full["ADVISOR_INDEX_DIR"] = str(LAB.real_index())
    full.update(env or {})
    return subprocess.run([*as_user(user), sys.executable, "-m", "advisor", *args], input=stdin,
                          capture_output=True, cwd=ROOT, env=full, timeout=timeout)


def as_user(user: str | None) -> list[str]:
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if user == "nobody" else []


def can_drop_root() -> bool:
    """Root can run a child as `nobody`, and `nobody` can reach the checkout and the interpreter (a checkout
    in a `mktemp -d` folder is 0700)."""
    reachable = all(os.stat(d).st_mode & 0o001 for p in (ROOT, Path(sys.executable).parent) for d in [p, *p.parents])
    return os.geteuid() == 0 and shutil.which("setpriv") is not None and reachable


def one_line(out: subprocess.CompletedProcess, *must: str, chinese: bool = True) -> Result:
    """Exit code 2, exactly one line on stderr, no traceback, containing `must` (and Chinese)."""
    err = out.stderr.decode("utf-8", "replace").strip()
    ok = (out.returncode == 2 and len(err.splitlines()) == 1 and "Traceback" not in err
          and all(m in err for m in must) and (not chinese or bool(HAN.search(err))))
    return ok, f"rc={out.returncode} stderr={err[:160]!r}"


def raises(fn: Callable[[], object], error: type[BaseException], *must: str) -> Result:
    """`fn` raises `error` whose message contains `must`; anything else is a failure."""
    try:
        fn()
    except error as exc:
        text = str(exc)
        return all(m in text for m in must), f"{type(exc).__name__}: {text[:140]}"
    except Exception as exc:  # the point of the matrix: an unexpected type is a finding
        return False, f"unexpected {type(exc).__name__}: {str(exc)[:140]}"
    return False, f"no {error.__name__} raised"
