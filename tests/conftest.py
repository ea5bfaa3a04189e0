"""Shared fixtures. Tests never touch the user's real config or store, and never the internet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakeserver import FakeOpenAI

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SUMMARISER_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARISER_API_KEY", "SUMMARISER_BASE_URL", "SUMMARISER_STORE"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A store holding the seeds with hand-made records (some flagged), for the review tests."""
    from tests.review_data import build_store

    path = tmp_path / "store.db"
    build_store(path)
    return path
