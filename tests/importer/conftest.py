"""Fixtures for the importer tests: the shared corpus and our own articles."""

import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
SHARED = HERE.parents[2] / "shared" / "corpus"


def _corpus(name: str) -> Path:
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path}")
    return path


@pytest.fixture
def seed_text() -> str:
    return (_corpus("seed") / "000.txt").read_text(encoding="utf-8")


@pytest.fixture
def seed_gold() -> dict:
    return json.loads((_corpus("seed") / "000.json").read_text(encoding="utf-8"))


@pytest.fixture
def dev_dir() -> Path:
    return _corpus("dev")


@pytest.fixture
def own_article():
    """Read one of the articles written for these tests."""

    def read(name: str) -> str:
        return (ARTICLES / name).read_text(encoding="utf-8")

    return read
