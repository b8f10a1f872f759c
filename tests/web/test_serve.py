"""`stanceline serve --workers N`: the option is validated, and several workers share one database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from stanceline.cli import app
from stanceline.store.db import Store
from stanceline.web.app import APP_FACTORY, app_from_env

runner = CliRunner()


@pytest.mark.parametrize("bad", ["0", "-1", "65", "two"])
def test_serve_workers_out_of_range_is_a_clear_error(tmp_path: Path, bad: str) -> None:
    res = runner.invoke(app, ["serve", "--db", str(tmp_path / "x.db"), "--workers", bad])
    assert res.exit_code == 2
    assert "--workers" in res.output
    assert not (tmp_path / "x.db").exists()  # refused before anything was opened


def test_serve_workers_refuse_an_in_memory_database() -> None:
    res = runner.invoke(app, ["serve", "--db", "sqlite://", "--workers", "2"])
    assert res.exit_code == 2
    assert "in-memory" in res.output


def test_serve_workers_hand_the_app_over_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    settled: list[bool] = []
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: calls.append((a, k)))
    monkeypatch.setattr("stanceline.web.app.settle_heap", lambda: settled.append(True))  # not in the test process
    monkeypatch.setenv("STANCELINE_DB", "sqlite:///elsewhere.db")  # restored after the test
    url = f"sqlite:///{tmp_path / 'w.db'}"
    res = runner.invoke(app, ["serve", "--db", url, "--workers", "2"])
    assert res.exit_code == 0, res.output
    [(args, kwargs)] = calls
    assert args == (APP_FACTORY,) and kwargs["factory"] is True and kwargs["workers"] == 2
    assert os.environ["STANCELINE_DB"] == url
    with Store(url, migrate=False) as s:  # migrated once, before any worker started
        assert s.stats()["documents"] == 0
    # what each worker runs: the app for the database named in the environment
    with TestClient(app_from_env()) as c:
        assert c.get("/api/stats").json()["documents"] == 0
    assert settled == [True]  # the worker's start-up heap is set aside once

    calls.clear()
    assert runner.invoke(app, ["serve", "--db", url]).exit_code == 0
    [(args, kwargs)] = calls
    assert "workers" not in kwargs and not isinstance(args[0], str)  # one worker: the app object itself
    assert settled == [True, True]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_two_workers_answer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'two.db'}"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("STANCELINE_DB", "STANCELINE_TOKEN")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "stanceline", "serve", "--db", url, "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "server did not come up"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["documents"] == 0
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as c:
            assert all(c.get("/api/documents").status_code == 200 for _ in range(10))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
