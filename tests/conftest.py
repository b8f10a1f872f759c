"""Shared fixtures: the seed corpus, and stores on a real SQLite file and (when available) PostgreSQL."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from stanceline.store.db import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STANCELINE_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
PG_URL = os.environ.get("STANCELINE_TEST_PG_URL")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"sample corpus not found at {SEEDS} (set STANCELINE_SHARED)")
    return SEEDS


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The pinned spaCy pipeline, loaded once per test session (skipped when not installed)."""
    pytest.importorskip("spacy")
    from stanceline.errors import ModelMissingError
    from stanceline.nlp.pipeline import load_nlp

    try:
        return load_nlp()
    except ModelMissingError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def seeds_manifest(seeds_dir: Path) -> Path:
    return seeds_dir / "manifest.jsonl"


def reset_postgres(url: str) -> None:
    eng = create_engine(url)
    with eng.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    eng.dispose()


@pytest.fixture
def fresh_postgres() -> str:
    """The test server's URL with an empty public schema."""
    if not PG_URL:
        pytest.skip("no PostgreSQL server: set STANCELINE_TEST_PG_URL (scripts/test.sh starts one)")
    reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The same tests run against both backends: one interface, two real databases."""
    if request.param == "sqlite":
        s = Store(f"sqlite:///{tmp_path / 'test.db'}")
    else:
        if not PG_URL:
            pytest.skip("no PostgreSQL server: set STANCELINE_TEST_PG_URL (scripts/test.sh starts one)")
        reset_postgres(PG_URL)
        s = Store(PG_URL)
    yield s
    s.close()


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The hand-built corpus of the web tests (tests/web/web_corpus.py), without its hostile
    documents, in a fresh SQLite file."""
    sys.path.insert(0, str(REPO / "tests" / "web"))
    import web_corpus

    s = Store(f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'c.db'}")
    web_corpus.build(s, hostile=False)
    yield s
    s.close()
