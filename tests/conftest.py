"""Shared pytest fixtures: project paths, an isolated data folder, a built index, free ports."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The repository root (where `app.py` and `index/` live)."""
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A temporary `ADVISOR_DATA_DIR` for the whole session, so tests never touch the real feedback DB."""
    path = tmp_path_factory.mktemp("advisor-data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ADVISOR_DATA_DIR", str(path))
        yield path


@pytest.fixture(scope="session")
def built_index():
    """Settings whose `index_dir` holds a loadable index; builds it from the seed corpus if missing."""
    from advisor import Settings
    from advisor.retrieval.encoders import load_encoder
    from advisor.retrieval.index import build_index

    settings = Settings()
    if not (settings.index_dir / "manifest.json").exists():
        build_index(settings, load_encoder(settings), progress=False)
    return settings


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
