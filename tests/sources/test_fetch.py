"""fetch_url against a real HTTP server on 127.0.0.1 (never any other address)."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from stanceline.config import FetchOptions
from stanceline.model import RawItem, SourceError
from stanceline.sources import fetch as fetch_mod
from stanceline.sources.fetch import fetch_url

PAGE = "<!doctype html><html><head><title>Kyiv</title></head><body><p>Zelensky a dit « oui ».</p></body></html>"
LOCAL = FetchOptions(timeout=2.0, allow_private=True)

Route = Callable[[BaseHTTPRequestHandler], None]


def send(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str | None = "text/html", **headers: str) -> None:
    h.send_response(status)
    if ctype:
        h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for k, v in headers.items():
        h.send_header(k.replace("_", "-"), v)
    h.end_headers()
    h.wfile.write(body)


def redirect(to: str) -> Route:
    return lambda h: send(h, 302, b"", Location=to)


def _slow(h: BaseHTTPRequestHandler) -> None:
    time.sleep(1.5)
    send(h, 200, PAGE.encode())


def _trickle(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    try:
        for _ in range(60):
            h.wfile.write(b" ")
            h.wfile.flush()
            time.sleep(0.05)
    except OSError:
        pass


def _huge_stream(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    try:
        for _ in range(64):
            h.wfile.write(b"<p>" + b"x" * 65_530 + b"</p>")
    except OSError:
        pass


def _huge_declared(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(50 * 1024 * 1024))
    h.end_headers()
    h.wfile.write(b"<html>")


ROUTES: dict[str, Route] = {
    "/page": lambda h: send(h, 200, PAGE.encode("latin-1"), "text/html; charset=ISO-8859-1"),
    "/pdf": lambda h: send(h, 200, b"%PDF-1.7 ...", "application/pdf"),
    "/loop": redirect("/loop2"),
    "/loop2": redirect("/loop"),
    "/slow": _slow,
    "/trickle": _trickle,
    "/huge-stream": _huge_stream,
    "/huge-declared": _huge_declared,
    "/missing": lambda h: send(h, 404, b"<html>nope</html>"),
    "/empty": lambda h: send(h, 200, b""),
    "/untyped": lambda h: send(h, 200, PAGE.encode(), None),
    "/plain": lambda h: send(h, 200, b"just text", "text/plain"),
    "/to-private": redirect("http://10.0.0.1:9/x"),
    "/to-ftp": redirect("ftp://example.org/x"),
    "/echo-host": lambda h: send(h, 200, f"<html><p>{h.headers.get('Host')}</p></html>".encode()),
}


class LocalServer:
    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                path = self.path.split("?")[0]
                if path.startswith("/chain/"):
                    n = int(path.rsplit("/", 1)[1])
                    route: Route = redirect(f"/chain/{n - 1}") if n > 0 else ROUTES["/page"]
                else:
                    route = server.routes.get(path, lambda h: send(h, 404, b"no route"))
                route(self)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(ROUTES) as srv:
        yield srv


def _error(got: RawItem | SourceError) -> SourceError:
    assert isinstance(got, SourceError), got
    return got


def test_fetch_html_page(server: LocalServer) -> None:
    got = fetch_url(server.base + "/page", LOCAL)
    assert isinstance(got, RawItem)
    assert got.content == PAGE.encode("latin-1")
    assert got.media_type == "text/html"
    assert got.encoding == "ISO-8859-1"
    assert got.source == got.meta.url == server.base + "/page"


def test_fetch_follows_redirects_within_bound(server: LocalServer) -> None:
    got = fetch_url(server.base + "/chain/3", FetchOptions(timeout=2, allow_private=True, max_redirects=3))
    assert isinstance(got, RawItem)
    assert got.source == server.base + "/chain/3" and got.meta.url == server.base + "/chain/0"
    err = _error(fetch_url(server.base + "/chain/4", FetchOptions(timeout=2, allow_private=True, max_redirects=3)))
    assert err.reason == "too many redirects (more than 3)" and err.code == "E124"


def test_fetch_redirect_loop(server: LocalServer) -> None:
    err = _error(fetch_url(server.base + "/loop", LOCAL))
    assert err.reason.startswith("redirect loop") and err.code == "E124"


def test_fetch_refuses_non_html(server: LocalServer) -> None:
    assert _error(fetch_url(server.base + "/pdf", LOCAL)).reason == "not HTML: application/pdf"
    assert _error(fetch_url(server.base + "/plain", LOCAL)).reason == "not HTML: text/plain"


def test_fetch_untyped_html_is_sniffed(server: LocalServer) -> None:
    assert isinstance(fetch_url(server.base + "/untyped", LOCAL), RawItem)


def test_fetch_http_error_and_empty_body(server: LocalServer) -> None:
    err = _error(fetch_url(server.base + "/missing", LOCAL))
    assert err.reason == "HTTP 404 Not Found" and err.code == "E125"
    assert _error(fetch_url(server.base + "/empty", LOCAL)).reason == "empty response"


def test_fetch_timeout(server: LocalServer) -> None:
    started = time.monotonic()
    err = _error(fetch_url(server.base + "/slow", FetchOptions(timeout=0.3, allow_private=True)))
    assert err.code == "E122" and "timed out" in err.reason
    assert time.monotonic() - started < 1.4


def test_fetch_trickling_server_hits_overall_deadline(server: LocalServer) -> None:
    started = time.monotonic()
    err = _error(fetch_url(server.base + "/trickle", FetchOptions(timeout=0.2, allow_private=True)))
    assert err.code == "E122" and "not finished within 0.8s" in err.reason
    assert time.monotonic() - started < 2.5


def test_fetch_size_cap(server: LocalServer) -> None:
    small = FetchOptions(timeout=2, allow_private=True, max_bytes=100_000)
    err = _error(fetch_url(server.base + "/huge-declared", small))
    assert err.reason == "response too large (50.0 MB > 97.7 KB cap)" and err.code == "E123"
    err = _error(fetch_url(server.base + "/huge-stream", small))
    assert err.reason == "response too large (over the 97.7 KB cap)"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/page",
        "http://localhost:{port}/page",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0:{port}/page",
        "http://[::1]:{port}/page",
        "http://[::ffff:127.0.0.1]:{port}/page",
        "http://[2002:7f00:1::]:{port}/page",  # 6to4 form of 127.0.0.1
        "http://[2002:a00:1::1]/",  # 6to4 form of 10.0.0.1
        "http://[64:ff9b::7f00:1]:{port}/page",  # NAT64
        "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",  # Teredo, client 127.0.0.1
        "http://2130706433:{port}/page",
        "http://240.0.0.1/",
    ],
)
def test_fetch_refuses_private_addresses_before_connecting(
    server: LocalServer, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(httpx.Client, "send", lambda *a, **k: pytest.fail("connected to a refused address"))
    before = len(server.requests)
    err = _error(fetch_url(url.format(port=server.port), FetchOptions(timeout=1)))
    assert err.code == "E121", err
    assert err.reason.startswith("refused:")
    assert len(server.requests) == before


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://x/", "javascript:alert(1)"])
def test_fetch_refuses_other_schemes(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(httpx.Client, "send", lambda *a, **k: pytest.fail("no request may be sent"))
    for options in (FetchOptions(), FetchOptions(allow_private=True)):
        err = _error(fetch_url(url, options))
        assert err.code == "E121" and "refused URL scheme" in err.reason


@pytest.fixture
def loopback_counts_as_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let 127.0.0.1 (only) pass the public-address check, to test the checked path end to end."""
    real = fetch_mod._blocked

    def blocked(ip: object) -> str | None:
        return None if str(ip) == "127.0.0.1" else real(ip)  # type: ignore[arg-type]

    monkeypatch.setattr(fetch_mod, "_blocked", blocked)


@pytest.mark.usefixtures("loopback_counts_as_public")
def test_fetch_checks_every_redirect_hop(server: LocalServer) -> None:
    err = _error(fetch_url(server.base + "/to-private", FetchOptions(timeout=1)))
    assert err.code == "E121" and "10.0.0.1" in err.reason
    err = _error(fetch_url(server.base + "/to-ftp", FetchOptions(timeout=1)))
    assert err.code == "E121" and "refused URL scheme ftp:" in err.reason


@pytest.mark.usefixtures("loopback_counts_as_public")
def test_fetch_connects_to_the_checked_address(server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_getaddrinfo = socket.getaddrinfo

    def fake_getaddrinfo(host: str, port: object, *a: object, **k: object) -> object:
        if host != "news.test":
            return real_getaddrinfo(host, port, *a, **k)  # type: ignore[arg-type]
        calls.append(host)
        if len(calls) > 1:
            # A rebinding resolver could answer differently now; the checked answer must be reused.
            raise AssertionError("host resolved a second time")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    got = fetch_url(f"http://news.test:{server.port}/echo-host", FetchOptions(timeout=2))
    assert isinstance(got, RawItem), got
    assert f"news.test:{server.port}".encode() in got.content  # Host header kept
    assert calls == ["news.test"]


def test_fetch_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*a: object, **k: object) -> None:
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    err = _error(fetch_url("http://no-such-host.test/", FetchOptions(timeout=1)))
    assert err.code == "E127" and "could not resolve" in err.reason


def test_fetch_connection_refused() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    err = _error(fetch_url(f"http://127.0.0.1:{port}/", LOCAL))
    assert err.code == "E120" and "could not connect" in err.reason


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalServer, ssl.SSLContext]]:
    """HTTPS on 127.0.0.1 with a self-signed certificate for news.test only."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=news.test", "-addext", "subjectAltName=DNS:news.test"],
        check=True, capture_output=True,
    )  # fmt: skip
    srv = LocalServer(ROUTES)
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    srv.httpd.socket = server_ctx.wrap_socket(srv.httpd.socket, server_side=True)
    client_ctx = ssl.create_default_context(cafile=str(cert))
    with srv:
        yield srv, client_ctx


@pytest.mark.usefixtures("loopback_counts_as_public")
def test_fetch_https_pinned_address_still_verifies_host_name(
    tls_server: tuple[LocalServer, ssl.SSLContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    srv, ctx = tls_server
    real_getaddrinfo = socket.getaddrinfo

    def fake_getaddrinfo(host: str, port: object, *a: object, **k: object) -> object:
        if host in ("news.test", "other.test"):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real_getaddrinfo(host, port, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    options = FetchOptions(timeout=2)
    with fetch_mod.make_client(options, verify=ctx) as client:
        got = fetch_url(f"https://news.test:{srv.port}/echo-host", options, client=client)
        assert isinstance(got, RawItem), got
        assert f"news.test:{srv.port}".encode() in got.content
        # Same address, a name the certificate does not cover: verification must still fail.
        err = _error(fetch_url(f"https://other.test:{srv.port}/echo-host", options, client=client))
        assert err.code == "E120"
