"""Fixtures for the importer tests: the project's own articles, nothing from outside it.

``articles/`` holds articles written for these tests; ``articles/dev/`` the 30
annotated articles the team wrote in the shapes of real reporting (a copy of
the shared corpus's ``dev``, kept here so the tests mean the same in any clone);
the seed article is the demo data's (``awards/demo_data``).
"""

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
DEV = ARTICLES / "dev"
SEED = HERE.parents[1] / "awards" / "demo_data" / "bac-ninh-khoi-kinh-te-ky-thuat-2019.txt"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def dev_dir() -> Path:
    return DEV


@pytest.fixture
def own_article():
    """Read one of the articles written for these tests."""

    def read(name: str) -> str:
        return (ARTICLES / name).read_text(encoding="utf-8")

    return read
