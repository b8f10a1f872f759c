"""What a page says about itself: outlet, canonical URL, author (and a title when the cleaner found
none), read from the parsed tree with trafilatura's metadata helpers.

trafilatura reads OpenGraph, `<meta name=…>` (application-name, publisher, author) and JSON-LD
(publisher, author, `@type: Organization`/`NewsMediaOrganization`); its one-call
`extract_metadata` also runs htmldate and scans categories, tags and licences, which this stage
does not need (dating is its own stage), so the helpers it is built from are called directly and
their answers only checked and normalised here:

- URL: the page's canonical link, else `og:url`/`twitter:url`, else JSON-LD's `url`; relative
  values are resolved against the address the page came from; only http(s) URLs with a host count,
  and a site's home page ("/") is not an article's address (some sites put it in every page's
  `og:url`), though its host still names the outlet.
- Outlet: the site name the page declares (`og:site_name`, JSON-LD publisher, application-name,
  publisher meta), unless it is a URL or a handle-only value; else a title part that is a domain
  ("… | example.org"); else the host of the page's URL without "www.".
- Author: one or more names ("A; B"); a URL or a single word (a site's or a role's name, not a
  person's) is not an author.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename
from trafilatura.settings import Document as TrafilaturaMeta

__all__ = ["PageMeta", "outlet_from_host", "page_metadata"]

log = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")
# A value that is an address, not a name: a scheme, a path or an e-mail.
_NOT_A_NAME = re.compile(r"^(?:https?:|mailto:|www\.)|/|@\S*\.", re.IGNORECASE)
_MAX_NAME = 120


@dataclass(frozen=True, slots=True)
class PageMeta:
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    title: str | None = None


def page_metadata(tree: Any, base_url: str | None = None) -> PageMeta:
    """The page's own outlet, canonical URL, author and title; None for what it does not say."""
    try:
        meta = examine_meta(tree)
        meta = _with_json_ld(tree, meta)
    except Exception as exc:  # a defect in a helper costs the metadata, never the document
        log.debug("page metadata failed: %s", exc)
        return PageMeta()
    url = _article_url(_canonical(tree), base_url) or _article_url(meta.url, base_url) or _json_ld_url(tree, base_url)
    host_url = url or _any_url(meta.url, base_url) or _any_url(base_url, None)
    outlet = _name(meta.sitename) or _name(_handle(tree)) or _name(_safe(extract_sitename, tree))
    if outlet is None and host_url:
        outlet = outlet_from_host(host_url)
    return PageMeta(outlet=outlet, url=url, author=_author(meta.author, outlet), title=_name(meta.title))


def _with_json_ld(tree: Any, meta: TrafilaturaMeta) -> TrafilaturaMeta:
    try:
        return extract_meta_json(tree, meta)
    except Exception as exc:  # malformed JSON-LD trafilatura does not catch: the meta tags stand
        log.debug("JSON-LD metadata failed: %s", exc)
        return meta


def _safe(fn: Any, tree: Any) -> Any:
    try:
        return fn(tree)
    except Exception:
        return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text: str = _SPACE.sub(" ", value).strip()
    return text or None


def _name(value: Any) -> str | None:
    """A site or page name as declared: a handle's "@" goes; an address or an overlong value is
    not a name."""
    text = _clean(value)
    if text is None:
        return None
    text = text.lstrip("@").strip()
    if not text or len(text) > _MAX_NAME or _NOT_A_NAME.search(text):
        return None
    return text


def _author(value: Any, outlet: str | None) -> str | None:
    """Authors as "A; B": the outlet credited as its own author is not a person's name."""
    value = _clean(value)
    if value is None:
        return None
    names = [
        n
        for n in (part.strip() for part in value.split(";"))
        if " " in n and not _NOT_A_NAME.search(n) and (outlet is None or n.casefold() != outlet.casefold())
    ]
    return "; ".join(names)[:_MAX_NAME * 2] or None


def _any_url(raw: Any, base_url: str | None) -> str | None:
    value = _clean(raw)
    if value is None:
        return None
    if base_url and not value.startswith(("http:", "https:")):
        value = urljoin(base_url, value)
    elif value.startswith("//"):
        value = "https:" + value
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in value:
        return None
    # A fragment names a place in the page ("#webpage" in JSON-LD ids), not another page.
    return value.split("#", 1)[0]


def _article_url(value: Any, base_url: str | None) -> str | None:
    """An absolute http(s) URL with a path: the address of one page, not of a site."""
    url = _any_url(value, base_url)
    if url is None:
        return None
    path = urlsplit(url).path
    return url if path.strip("/") else None


def _handle(tree: Any) -> str | None:
    """The site's social handle (`twitter:site`): trafilatura's last resort, which it skips when
    a publisher meta holds a value, even one that is an address and so no name."""
    for el in tree.iter("meta"):
        if (el.get("name") or el.get("property") or "").lower() == "twitter:site" and el.get("content"):
            return str(el.get("content"))
    return None


def _canonical(tree: Any) -> str | None:
    """The href of `<link rel="canonical">`, as written (trafilatura's `extract_url` drops a
    relative one when the page has no OpenGraph address to resolve it against; here the address
    the page came from resolves it)."""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return str(link.get("href"))
    return None


def _json_ld_url(tree: Any, base_url: str | None) -> str | None:
    """The `url` (or `mainEntityOfPage`) of the page's article object in JSON-LD: trafilatura's
    JSON-LD pass does not read it."""
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        for obj in _objects(data):
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and k.lower().endswith(("article", "posting", "report")) for k in kinds):
                continue
            for key in ("url", "mainEntityOfPage"):
                value = obj.get(key)
                if isinstance(value, dict):
                    value = value.get("@id") or value.get("url")
                url = _article_url(value, base_url)
                if url:
                    return url
    return None


def _objects(data: Any) -> list[dict[str, Any]]:
    """The JSON-LD objects at the top level and in `@graph`."""
    items = data if isinstance(data, list) else [data]
    out: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, dict):
            out.append(item)
            graph = item.get("@graph")
            if isinstance(graph, list):
                out.extend(g for g in graph if isinstance(g, dict))
    return out


def outlet_from_host(url: str) -> str | None:
    """An outlet named by its address: the host without "www." (the name a reader sees)."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host
