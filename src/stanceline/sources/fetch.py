"""Fetching one URL with httpx: bounded in time, size and redirects, and refusing to be pointed at
the user's own network.

Safety: only http/https; unless ``allow_private``, every hop's host is resolved first and refused
if *any* address is private, loopback, link-local, reserved, multicast or otherwise not global —
before a connection is made. The connection then goes to the address that was checked (the URL's
host is kept in the ``Host`` header and TLS SNI), so a second DNS answer cannot swap in an internal
address between check and connect (DNS rebinding). Environment proxies are ignored: through a
proxy the check would be meaningless.

Limits: each network phase (connect, read, write) has ``timeout`` seconds, and the whole fetch —
all hops and the body — must finish within ``4 × timeout`` (a server trickling bytes slowly would
otherwise never time out). The body is streamed and abandoned once it passes ``max_bytes``
(decompressed size, so a compression bomb is cut off too); a larger ``Content-Length`` is refused
before reading.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from stanceline.config import FetchOptions
from stanceline.errors import FetchError
from stanceline.model import Metadata, RawItem, SourceError
from stanceline.sources.decode import looks_like_feed, looks_like_html

__all__ = [
    "E_DNS",
    "E_FETCH",
    "E_HTTP",
    "E_NOT_HTML",
    "E_REDIRECTS",
    "E_TIMEOUT",
    "E_TOO_LARGE",
    "E_UNSAFE",
    "Fetched",
    "check_url",
    "fetch",
    "fetch_url",
    "human_size",
    "make_client",
]

E_FETCH = "E120"
E_UNSAFE = "E121"
E_TIMEOUT = "E122"
E_TOO_LARGE = "E123"
E_REDIRECTS = "E124"
E_HTTP = "E125"
E_NOT_HTML = "E126"
E_DNS = "E127"

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/xml",
        "text/xml",
    }
)
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "text/html,application/xhtml+xml;q=0.9,application/rss+xml;q=0.8,application/atom+xml;q=0.8,"
    "application/xml;q=0.5,*/*;q=0.1"
)
_DEADLINE_FACTOR = 4

Kind = Literal["html", "feed"]


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    kind: Kind
    content_type: str  # media type without parameters; "" when the server sent none
    charset: str | None


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def make_client(options: FetchOptions, *, verify: ssl.SSLContext | bool = True) -> httpx.Client:
    """A client for `fetch`: redirects are followed by hand (to check every hop), no keep-alive
    (a pooled TLS connection keyed by IP could otherwise be reused for another host name)."""
    return httpx.Client(
        follow_redirects=False,
        trust_env=False,
        verify=verify,
        timeout=options.timeout,
        headers={"User-Agent": options.user_agent, "Accept": _ACCEPT},
        limits=httpx.Limits(max_keepalive_connections=0),
    )


_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries and delivers to: IPv4-mapped, 6to4
    (2002:7f00:1:: is 127.0.0.1), Teredo, NAT64 and the old IPv4-compatible form."""
    found = [a for a in (ip.ipv4_mapped, ip.sixtofour) if a is not None]
    if ip.teredo is not None:
        found += list(ip.teredo)
    low32 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if any(ip in net for net in _NAT64) or int(ip) >> 32 == 0:
        found.append(low32)
    return found


def _blocked(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return _blocked(ip.ipv4_mapped)  # the IPv4 address itself decides
        if why := _blocked_as_such(ip):
            return why
        for inner in _embedded_ipv4(ip):
            if why := _blocked(inner):
                return why
        return None
    return _blocked_as_such(ip)


def _blocked_as_such(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    for attr, label in (
        ("is_loopback", "loopback"),
        ("is_private", "private"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_reserved", "reserved"),
        ("is_unspecified", "unspecified"),
    ):
        if getattr(ip, attr):
            return label
    if not ip.is_global:
        return "not public"
    return None


def _getaddrinfo(host: str, port: int, timeout: float) -> list[Any]:
    """socket.getaddrinfo with a timeout. It has none of its own; a hung lookup is left to a daemon
    thread (a thread pool would hold up interpreter exit until it returned)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=run, name="stanceline-dns", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise FetchError(f"DNS lookup for {host!r} timed out after {timeout:g}s", code=E_DNS)
    if "error" in box:
        raise box["error"]
    return list(box["infos"])


def _addresses(host: str, port: int, timeout: float) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        infos = _getaddrinfo(host, port, timeout)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"could not resolve host {host!r}", code=E_DNS) from exc
    seen: list[str] = []
    for info in infos:
        addr = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        if addr not in seen:
            seen.append(addr)
    if not seen:
        raise FetchError(f"could not resolve host {host!r}", code=E_DNS)
    return seen


def check_url(url: str | httpx.URL, options: FetchOptions) -> str | None:
    """Raise FetchError(E121) if `url` may not be fetched; return the checked address to connect
    to (None when ``allow_private``, where no check or pinning is done)."""
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(f"not a valid URL: {url}", code=E_UNSAFE) from exc
    scheme = parsed.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(
            f"refused URL scheme {scheme + ':' if scheme else '(none)'} (only http and https)", code=E_UNSAFE
        )
    host = parsed.raw_host.decode("ascii")  # IDNA already applied
    if not host:
        raise FetchError(f"URL has no host: {url}", code=E_UNSAFE)
    if options.allow_private:
        return None
    port = parsed.port or (443 if scheme == "https" else 80)
    addresses = _addresses(host, port, options.timeout)
    for addr in addresses:
        why = _blocked(ipaddress.ip_address(addr))
        if why:
            raise FetchError(
                f"refused: {host} resolves to a {why} address ({addr}); "
                "set allow_private to fetch from your own network",
                code=E_UNSAFE,
            )
    return addresses[0]


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for p in parts[1:]:
        if p.lower().startswith("charset="):
            charset = p.split("=", 1)[1].strip().strip("\"'") or None
    return parts[0].lower(), charset


def _sniff_kind(body: bytes) -> Kind | None:
    if looks_like_html(body):
        return "html"
    if looks_like_feed(body):
        return "feed"
    return None


def fetch(
    url: str,
    options: FetchOptions,
    *,
    kinds: frozenset[Kind] = frozenset({"html"}),
    client: httpx.Client | None = None,
) -> Fetched:
    """GET `url` and return its body if it is one of `kinds`; raises FetchError (codes E12x)."""
    own = client is None
    client = client or make_client(options)
    try:
        return _fetch(url, options, kinds, client)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {options.timeout:g}s", code=E_TIMEOUT) from exc
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise FetchError(f"not a fetchable URL: {exc}", code=E_UNSAFE) from exc
    except httpx.ConnectError as exc:
        raise FetchError(f"could not connect: {exc}", code=E_FETCH) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"fetch failed: {type(exc).__name__}: {exc}", code=E_FETCH) from exc
    finally:
        if own:
            client.close()


def _fetch(url: str, options: FetchOptions, kinds: frozenset[Kind], client: httpx.Client) -> Fetched:
    deadline = time.monotonic() + _DEADLINE_FACTOR * options.timeout
    current = httpx.URL(url)
    chain = [str(current)]
    for _hop in range(options.max_redirects + 1):
        pinned = check_url(current, options)
        target = current
        headers: dict[str, str] = {}
        extensions: dict[str, object] = {}
        if pinned is not None and pinned != current.host:
            target = current.copy_with(host=pinned)
            headers["Host"] = current.netloc.decode("ascii")
            if current.scheme == "https":
                # Certificate checks follow the SNI name, so TLS still verifies the real host.
                extensions["sni_hostname"] = current.raw_host.decode("ascii")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(f"not finished within {_DEADLINE_FACTOR * options.timeout:g}s", code=E_TIMEOUT)
        request = client.build_request(
            "GET",
            target,
            headers=headers,
            extensions=extensions,
            timeout=min(options.timeout, remaining),
        )
        response = client.send(request, stream=True)
        try:
            location = response.headers.get("location")
            if response.status_code in _REDIRECT_CODES and location:
                nxt = current.join(location)
                looped = str(nxt) in chain
                chain.append(str(nxt))
                if looped:
                    raise FetchError(f"redirect loop: {' -> '.join(chain[-3:])}", code=E_REDIRECTS)
                current = nxt
                continue
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip(), code=E_HTTP)
            if response.status_code >= 300 or response.status_code < 200:
                raise FetchError(
                    f"HTTP {response.status_code} {response.reason_phrase} (no content to read)".rstrip(),
                    code=E_HTTP,
                )
            return _read_body(str(current), response, options, kinds, deadline)
        finally:
            response.close()
    raise FetchError(f"too many redirects (more than {options.max_redirects})", code=E_REDIRECTS)


def _read_body(
    url: str, response: httpx.Response, options: FetchOptions, kinds: frozenset[Kind], deadline: float
) -> Fetched:
    media, charset = _media_type(response.headers.get("content-type"))
    kind: Kind | None = None
    if media in HTML_TYPES:
        kind = "html"
    elif media in FEED_TYPES and "feed" in kinds:
        kind = "feed"
    elif media:
        raise FetchError(f"not HTML: {media}", code=E_NOT_HTML)
    if kind is not None and kind not in kinds:
        raise FetchError(f"not HTML: {media}", code=E_NOT_HTML)

    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > options.max_bytes:
        raise FetchError(
            f"response too large ({human_size(int(declared))} > {human_size(options.max_bytes)} cap)",
            code=E_TOO_LARGE,
        )
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > options.max_bytes:
            raise FetchError(f"response too large (over the {human_size(options.max_bytes)} cap)", code=E_TOO_LARGE)
        if time.monotonic() > deadline:
            raise FetchError(f"too slow: not finished within {_DEADLINE_FACTOR * options.timeout:g}s", code=E_TIMEOUT)
    content = bytes(body)
    if not content.strip():
        raise FetchError("empty response", code=E_FETCH)
    if media == "text/xml" or media == "application/xml" or not media:
        # XML may be XHTML or a feed; no content type at all may be either: look.
        sniffed = _sniff_kind(content)
        if sniffed is None or sniffed not in kinds:
            what = media or "no content type"
            raise FetchError(f"not HTML{' or a feed' if 'feed' in kinds else ''}: {what}", code=E_NOT_HTML)
        kind = sniffed
    assert kind is not None
    return Fetched(url=url, content=content, kind=kind, content_type=media, charset=charset)


def fetch_url(url: str, options: FetchOptions, *, client: httpx.Client | None = None) -> RawItem | SourceError:
    """Fetch one web page. Never raises for network or content problems: a SourceError (codes E12x)
    names the URL and the reason ("not HTML: application/pdf", "HTTP 404 Not Found", ...)."""
    try:
        got = fetch(url, options, kinds=frozenset({"html"}), client=client)
    except FetchError as exc:
        return SourceError(url, exc.message, exc.code)
    return RawItem(
        source=url,
        content=got.content,
        media_type="text/html",
        meta=Metadata(url=got.url),
        encoding=got.charset,
    )
