"""Shared pytest fixtures: project paths, an isolated data folder, a seed index built outside the repo, ports."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The repository root (where `app.py` lives)."""
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A temporary `ADVISOR_DATA_DIR` for the whole session, so tests never touch the real feedback DB."""
    path = tmp_path_factory.mktemp("advisor-data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ADVISOR_DATA_DIR", str(path))
        yield path


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory: pytest.TempPathFactory, data_dir: Path):
    """Settings whose index, built once per session from the seed corpus, lives in a temporary folder.

    The repo's own `index/` is never written; when it holds an embedding cache of the same encoder,
    it is copied in first, so the build only embeds what changed.
    """
    from advisor import Settings
    from advisor.retrieval.encoders import load_encoder
    from advisor.retrieval.index import build_index, seed_embedding_cache

    index_dir = tmp_path_factory.mktemp("seed") / "index"
    seed_embedding_cache(PROJECT_ROOT / "index", index_dir)
    settings = Settings(corpus_dir=PROJECT_ROOT / "corpus", index_dir=index_dir, data_dir=data_dir,
                        knowledge_dir=PROJECT_ROOT / "knowledge")
    build_index(settings, load_encoder(settings, for_build=True), progress=False)
    return settings


@pytest.fixture(scope="session")
def seed_advisor(seed_settings):
    """The facade over the seed index, loaded once (real embedded encoder)."""
    from advisor import Advisor

    return Advisor.load(seed_settings)


@pytest.fixture(scope="session")
def external_corpus(tmp_path_factory: pytest.TempPathFactory):
    """The seed corpus plus every external split (files as `dev/…`, `heldout/…`), segmented once per session."""
    from advisor.corpus.pipeline import build_corpus
    from advisor.evaluation.external import combined_corpus

    return build_corpus(combined_corpus(tmp_path_factory.mktemp("external")))


@pytest.fixture
def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def clean_env() -> dict[str, str]:
    """A copy of the environment without ADVISOR_* overrides, for subprocesses."""
    return {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")}
