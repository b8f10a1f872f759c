"""Fixtures for the web tests: a hand-built corpus (with hostile content) and the real seed pipeline."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from stanceline.store.db import Store
from stanceline.web.app import create_app

sys.path.insert(0, str(Path(__file__).parent))
import web_corpus as corpus

TOKEN = "test-token-123"


@pytest.fixture(scope="session")
def corpus_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("webdb") / "corpus.db"
    url = f"sqlite:///{path}"
    with Store(url) as store:
        corpus.build(store)
    return url


@pytest.fixture(scope="session")
def corpus_docs() -> dict[str, str]:
    return {s.key: corpus.doc_id(s.key) for s in corpus.SPECS}


@pytest.fixture(scope="module")
def client(corpus_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(corpus_url, write_token=TOKEN), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def readonly_client(corpus_url: str, monkeypatch_module: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch_module.delenv("STANCELINE_TOKEN", raising=False)
    with TestClient(create_app(corpus_url), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.fixture(scope="session")
def seeds_url(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, seeds_manifest: Path) -> str:
    """The sample corpus through the real pipeline (`stanceline ingest`), once per test session."""
    path = tmp_path_factory.mktemp("seedsdb") / "seeds.db"
    url = f"sqlite:///{path}"
    env = dict(os.environ)
    env.pop("STANCELINE_DB", None)
    proc = subprocess.run(
        [sys.executable, "-m", "stanceline", "ingest", str(seeds_dir), "--manifest", str(seeds_manifest), "--db", url],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    if proc.returncode != 0:
        pytest.skip(f"the ingest pipeline did not run on the seeds: {proc.stderr[-400:]}")
    return url
