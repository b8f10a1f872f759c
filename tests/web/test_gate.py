"""The write gate on a real server (uvicorn on 127.0.0.1): the token is checked before a byte of the
body is read, bodies are cut off at their cap while streaming, and nothing is left behind."""

from __future__ import annotations

import base64
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from stanceline.store.db import Store
from stanceline.web.app import create_app

TOKEN = "gate-token-7"


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))  # the server's temp files land here
    url = f"sqlite:///{tmp_path / 'gate.db'}"
    Store(url).close()
    app = create_app(url, write_token=TOKEN, max_upload_bytes=200_000)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


def _raw(address: str, head: str, body_first: bytes = b"", wait: float = 5.0) -> bytes:
    """Send a request's head (and the first piece of its body), never the rest; what comes back."""
    host, port = address.split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        sock.sendall(head.encode() + b"\r\n" + body_first)
        sock.settimeout(wait)
        got = b""
        try:
            while b"\r\n\r\n" not in got:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                got += chunk
        except TimeoutError:
            pass
    return got


def test_gate_token_checked_before_the_body_is_read(server: str) -> None:
    head = (
        "PUT /api/actors/person:x/aliases HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nContent-Length: 150000000\r\n"
    )
    started = time.monotonic()
    answer = _raw(server, head, b'{"aliases": [')  # 150 MB announced, a few bytes sent
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
    assert time.monotonic() - started < 4.0  # answered without waiting for the body


@pytest.mark.parametrize("path", ["/api/issues", "/api/ingest", "/api/actors/x/aliases"])
def test_gate_every_write_route_refuses_without_token_unread(server: str, path: str) -> None:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        "Content-Type: application/json\r\n"
    )
    answer = _raw(server, head, b"5\r\n{\"a\":\r\n")
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]


def test_gate_declared_oversize_refused_before_reading(server: str) -> None:
    head = (
        "PUT /api/actors/person:x/aliases HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 150000000\r\n"
    )
    assert _raw(server, head, b"{").startswith(b"HTTP/1.1 413")


def test_gate_streamed_body_cut_off_at_its_cap(server: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"aliases": ["'
        for _ in range(400):
            yield b"a" * 10_000  # 4 MB in all, no Content-Length
        yield b'"]}'

    r = httpx.put(
        f"http://{server}/api/actors/person:x/aliases",
        content=chunks(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"


def test_gate_upload_over_cap_without_length_leaves_nothing(server: str, tmp_path: Path) -> None:
    boundary = "gateboundary"

    def body() -> Iterator[bytes]:
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.html"\r\n'
            "Content-Type: text/html\r\n\r\n"
        ).encode()
        for _ in range(100):
            yield b"<p>" + b"word " * 2000 + b"</p>"  # ~1 MB, over the 200 KB cap
        yield f"\r\n--{boundary}--\r\n".encode()

    r = httpx.post(
        f"http://{server}/api/ingest",
        content=body(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": f"multipart/form-data; boundary={boundary}"},
        timeout=30,
    )
    assert r.status_code == 413
    time.sleep(0.2)
    assert list((tmp_path / "spool").iterdir()) == []


def test_gate_upload_within_cap_leaves_nothing(server: str, tmp_path: Path) -> None:
    page = b"<html><body><article>" + b"<p>The ferry service resumed on Monday after storms.</p>" * 20 + b"</article>"
    r = httpx.post(
        f"http://{server}/api/ingest",
        files={"file": ("a.html", page, "text/html")},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=120,
    )
    assert r.status_code == 200, r.text
    assert list((tmp_path / "spool").iterdir()) == []


def test_gate_hostile_cursor_is_a_400(server: str) -> None:
    nested = base64.urlsafe_b64encode(b"[" * 1000 + b"]" * 1000).decode().rstrip("=")
    small = base64.urlsafe_b64encode(b"[" * 300 + b"]" * 300).decode().rstrip("=")
    for cursor in (nested, small, "x" * 10_000):
        r = httpx.get(f"http://{server}/api/documents", params={"cursor": cursor}, timeout=10)
        assert r.status_code == 400, (len(cursor), r.status_code)
        assert "cursor" in r.json()["error"]["message"]
    assert httpx.get(f"http://{server}/", params={"cursor": nested}, timeout=10).status_code == 400
