"""Date candidates from a page's HTML: JSON-LD, meta tags, itemprop, <time>, URL, and htmldate.

Each candidate carries its kind and the string it came from, so the ranker (`rank.py`) can weigh
sources against each other and `decide.py` can explain the choice.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

import lxml.html
from htmldate import find_date
from lxml import etree

from stanceline.dates.parse import PDate, find_all, make, parse_instant, parse_loose


@dataclass(frozen=True, slots=True)
class Candidate:
    date: PDate
    kind: str  # jsonld-pub, jsonld-mod, meta-pub, meta-mod, itemprop-pub, time-pub, time, url, htmldate...
    evidence: str
    # The exact date string matched, when it came from visible text (to check against removed blocks).
    raw: str = ""
    # The moment the value names, when it is a timestamp with a time of day and a zone: `zones.py`
    # turns a UTC timestamp into the publisher's own day with it.
    instant: datetime | None = None


# Meta names/properties that state publication (or creation) of the article itself.
_META_PUB = {
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "date_published",
    "published_time",
    "published-date",
    "published_date",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "publication_date",
    "publication-date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "date",
    "created",
    "creation_date",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "prism.publicationdate",
    "originalpublicationdate",
    "article.published",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "og:pubdate",
    "bt:pubdate",
    "datecreated",
    "rnews:datepublished",
    "article.created",
    "displaydate",
    "release_date",
    "ptime",
    "pub_date",
    "content_date",
    "dc.date.available",
    "date.available",
    "last-published",
}
_META_MOD = {
    "article:modified_time",
    "og:updated_time",
    "og:modified_time",
    "datemodified",
    "date_modified",
    "lastmod",
    "last-modified",
    "last_modified",
    "dcterms.modified",
    "dc.date.modified",
    "modified",
    "article:modified",
    "revised",
    "mtime",
    "updated_time",
    "article.updated",
}
_JSONLD_ARTICLE_TYPES = re.compile(r"article|posting|report|news|blog|review|webpage|creativework|video", re.I)
_HEADER_CLASS = re.compile(r"date|time|publish|posted|meta|byline|datum|veroeffentlicht|info|author", re.I)
_UPDATED_CUE = re.compile(r"updated|aktualisiert|modified|geändert|mis à jour|actualizado|aggiornato|stand", re.I)


# The same parser settings htmldate uses, so the one tree serves both (htmldate accepts a tree).
_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_pis=True)


def parse_tree(html: str) -> Any | None:
    """The page parsed once (lxml.html), for our extractors and for htmldate alike."""
    try:
        tree = lxml.html.fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError):
        tree = None
    if tree is None:
        # Documents declaring an encoding in a str, or empty after parsing.
        try:
            tree = lxml.html.fromstring(html.encode("utf-8", "replace"), parser=_PARSER)
        except (etree.ParserError, ValueError):
            return None
    return tree


def _walk_jsonld(obj: Any, inherited_type: str = "") -> Iterator[tuple[str, str, str]]:
    """(type, key, value) for every date-ish key anywhere in a JSON-LD object."""
    if isinstance(obj, list):
        for o in obj:
            yield from _walk_jsonld(o, inherited_type)
        return
    if not isinstance(obj, dict):
        return
    t = obj.get("@type", inherited_type)
    if isinstance(t, list):
        t = " ".join(str(x) for x in t)
    t = str(t)
    for k, v in obj.items():
        if k in ("datePublished", "dateCreated", "dateModified", "uploadDate") and isinstance(v, str | int):
            yield t, k, str(v)
        elif isinstance(v, dict | list) and k not in ("comment", "review", "itemListElement", "hasPart"):
            # Comments and listed other items carry their own dates; not the article's.
            yield from _walk_jsonld(v, "")


def jsonld_candidates(tree: Any) -> list[Candidate]:
    out: list[Candidate] = []
    for el in tree.iterfind(".//script"):
        if "ld+json" not in (el.get("type") or "").lower():
            continue
        raw = (el.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            # Frequent: trailing commas or HTML comments around the payload; salvage via regex.
            for key, val in re.findall(r'"(datePublished|dateCreated|dateModified)"\s*:\s*"([^"]+)"', raw):
                p = parse_loose(val, allow_month=False)
                if p:
                    kind = "jsonld-mod" if key == "dateModified" else "jsonld-pub"
                    out.append(Candidate(p, kind, f'JSON-LD {key}: "{val}"', instant=parse_instant(val)))
            continue
        for t, key, val in _walk_jsonld(data):
            p = parse_loose(val, allow_month=False)
            if not p:
                continue
            if key == "dateModified":
                kind = "jsonld-mod"
            elif t and not _JSONLD_ARTICLE_TYPES.search(t):
                # e.g. an Event's or a Person's dates: not the article's publication.
                kind = "jsonld-other"
            else:
                kind = "jsonld-pub"
            out.append(Candidate(p, kind, f'JSON-LD {t + " " if t else ""}{key}: "{val}"', instant=parse_instant(val)))
    return out


def meta_candidates(tree: Any) -> list[Candidate]:
    out: list[Candidate] = []
    for el in tree.iterfind(".//meta"):
        name = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or ""
        name = name.strip().lower()
        content = el.get("content") or el.get("datetime") or ""
        if not name or not content:
            continue
        if name in _META_PUB:
            kind = "meta-pub"
        elif name in _META_MOD:
            kind = "meta-mod"
        else:
            continue
        p = parse_loose(content, allow_month=False)
        if p:
            out.append(Candidate(p, kind, f'<meta {name}="{content.strip()[:60]}">', instant=parse_instant(content)))
    return out


def _in_header_like(el: Any) -> bool:
    """True if an element sits in the article's header/byline area rather than in lists or footers."""
    depth = 0
    node = el
    while node is not None and depth < 8:
        tag = node.tag if isinstance(node.tag, str) else ""
        cls = (node.get("class") or "") + " " + (node.get("id") or "")
        if tag in ("footer", "aside", "nav", "li") or re.search(
            r"comment|related|teaser|sidebar|footer|widget", cls, re.I
        ):
            return False
        if tag in ("header", "article", "main") or _HEADER_CLASS.search(cls):
            return True
        node = node.getparent()
        depth += 1
    return False


# Elements whose itemprop mentions a date, selected inside libxml2 (a Python loop over every
# element of a large page costs more than the rest of the extraction).
_ITEMPROP_DATE = etree.XPath("//*[@itemprop and contains(translate(@itemprop, 'DATE', 'date'), 'date')]")


def markup_candidates(tree: Any) -> list[Candidate]:
    """itemprop=datePublished elements and <time> elements in the article's header area."""
    out: list[Candidate] = []
    for el in _ITEMPROP_DATE(tree):
        prop = (el.get("itemprop") or "").lower()
        if el.tag == "meta" or prop not in ("datepublished", "datecreated", "datemodified"):
            continue
        val = el.get("content") or el.get("datetime") or el.text_content() or ""
        p = parse_loose(val[:100], allow_month=False)
        if p:
            kind = "itemprop-mod" if prop == "datemodified" else "itemprop-pub"
            out.append(Candidate(p, kind, f'itemprop={prop}: "{val.strip()[:60]}"', instant=parse_instant(val)))
    seen = 0
    for el in tree.iterfind(".//time"):
        seen += 1
        if seen > 30:
            break
        val = el.get("datetime") or el.text_content() or ""
        p = parse_loose(val[:100], allow_month=False)
        if not p:
            continue
        label = " ".join(
            [
                el.get("class") or "",
                el.get("itemprop") or "",
                (el.getparent().text_content()[:80] if el.getparent() is not None else ""),
            ]
        )
        if el.get("pubdate") is not None or re.search(r"publish|pubdate|created|veröffentlicht", label, re.I):
            kind = "time-pub"
        elif _UPDATED_CUE.search(label):
            kind = "time-mod"
        elif _in_header_like(el):
            kind = "time"
        else:
            continue
        out.append(Candidate(p, kind, f'<time datetime="{val.strip()[:40]}">', instant=parse_instant(val)))
    return out


_URL_YMD = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_.-]?([01]\d)[/_.-]?([0-3]\d)(?!\d)")
_URL_YMD_SEP = re.compile(r"/((?:19|20)\d\d)/([01]?\d)/([0-3]?\d)/")
_URL_DMY = re.compile(r"(?<![\d])([0-3]\d)[._-]?([01]\d)[._-]?((?:19|20)\d\d)(?!\d)")
_URL_YM = re.compile(r"/((?:19|20)\d\d)/([01]?\d)/")


def url_candidates(url: str | None) -> list[Candidate]:
    if not url:
        return []
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I)
    out: list[Candidate] = []
    m = _URL_YMD_SEP.search(path)
    if m and (p := make(int(m[1]), int(m[2]), int(m[3]))):
        out.append(Candidate(p, "url", m.group(0)))
        return out
    m2 = _URL_YMD.search(path)
    if m2 and (p := make(int(m2[1]), int(m2[2]), int(m2[3]))):
        out.append(Candidate(p, "url", m2.group(0)))
        return out
    m3 = _URL_DMY.search(path)
    if m3 and (p := make(int(m3[3]), int(m3[2]), int(m3[1]))):
        out.append(Candidate(p, "url-dmy", m3.group(0)))
        return out
    m4 = _URL_YM.search(path)
    if m4 and (p := make(int(m4[1]), int(m4[2]))):
        out.append(Candidate(p, "url-month", m4.group(0)))
    return out


def htmldate_candidates(tree: Any, url: str | None) -> list[Candidate]:
    """htmldate's choice of original date on the already parsed tree, in both of its modes: fast
    (the page's markup: meta tags, attributes, <time>, date-like elements and classes) and
    extensive (free text too). They often differ, and which one to trust where is learned by the
    ranker. Extensive mode hands strings its own rules cannot read to dateparser, which htmldate
    imports on first use and keeps for the life of the process."""
    out: list[Candidate] = []
    for kind, extensive in (("htmldate-fast", False), ("htmldate-extensive", True)):
        try:
            val = find_date(tree, url=url, extensive_search=extensive, original_date=True)
        except Exception:
            # htmldate raises assorted errors on broken markup; no candidate is the right answer.
            continue
        if val and (p := parse_loose(val, allow_month=False)):
            out.append(Candidate(p, kind, f"htmldate ({'extensive' if extensive else 'fast'} mode): {val}"))
    return out


_DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "aside", "form", "select", "iframe", "svg")
_DROP_CLASS = re.compile(
    r"comment|related|teaser|sidebar|widget|breadcrumb|newsletter|recommend|popular|"
    r"trending|more-?stories|share|cookie|kommentar",
    re.I,
)
PUB_CUE = re.compile(
    r"(?:published|posted|first published|publication date|veröffentlicht|veröffentlichung|publiziert|"
    r"erschienen|erstellt|datum|publié|"
    r"publicado|pubblicato|opublikowano|gepubliceerd|date|released|stand)"
    r"(?:\s+(?:am|on|le|el|il|vom|op|at))?\s*[:\-–|]?\s*$",
    re.I,
)
MOD_CUE = re.compile(
    r"(?:updated|update|aktualisiert|geändert|modified|mis à jour|actualizado|aggiornato|"
    r"last edited|zuletzt)\s*(?:am|on|le|:)?\s*[:\-–]?\s*$",
    re.I,
)


_YEAR = re.compile(r"(?:19|20)\d\d")
# A byline just before the date: "By Jane Roe", "von Erika Muster", "par ...", an author label.
# Capitalised words after the word "by" and its equivalents, or an author/editor label; the date
# that follows a byline is the article's own.
BYLINE_CUE = re.compile(
    r"(?:\b(?i:by|von|par|por|di|door|af|av)\s+(?:(?:[A-ZÀ-Ý][\w'.-]*|and|und|et|y|e|&)\s*){1,6}|"
    r"\b(?i:author|autor|auteur|autore|redaktion|rédaction|redaccion|redazione|editors?|staff|reporter)\b[^\d]{0,40})"
    r"[\s,|·•/–—-]*$"
)
_BYLINE_WORD = re.compile(
    r"\b(?:by|von|par|por|di|door|af|av|author|autor|auteur|autore|redaktion|rédaction|redaccion|redazione|editors?|"
    r"staff|reporter)\b",
    re.I,
)


def _dropped(el: Any) -> bool:
    tag = el.tag
    if tag in _DROP_TAGS:
        return True
    if tag in ("html", "body", "main", "article"):
        return False
    cls = el.get("class")
    ident = el.get("id")
    if not cls and not ident:
        return False
    return _chrome_class(f"{cls or ''} {ident or ''}")


@lru_cache(maxsize=4096)
def _chrome_class(cls: str) -> bool:
    return bool(cls.strip()) and bool(_DROP_CLASS.search(cls))


def _visible_parts(root: Any, h1: list[Any] | None = None) -> str:
    """Text of `root`'s subtree as text_content() would give it once chrome-like containers are
    dropped (their tails kept), without copying the tree; collects the first visible <h1>."""
    out: list[str] = []
    # An explicit stack: pages nest deeper than Python's recursion limit.
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        if closing:
            if el is not root and el.tail:
                out.append(el.tail)
            continue
        if not isinstance(el.tag, str) or (el is not root and _dropped(el)):
            if el.tail:
                out.append(el.tail)
            continue
        if h1 is not None and not h1 and el.tag == "h1":
            h1.append(el)
        if el.text:
            out.append(el.text)
        stack.append((el, True))
        stack.extend((c, False) for c in reversed(el))
    return "".join(out)


@dataclass(frozen=True, slots=True)
class PageText:
    visible: str  # without chrome-like containers, whitespace collapsed
    title: str  # the first visible <h1>
    # All text a reader can see, chrome included, a space at each element's end; and the spans of
    # it that lie in chrome-like containers.
    marked: str
    chrome: list[tuple[int, int]]


# Never rendered: read by neither text.
_UNSEEN = frozenset({"script", "style", "noscript", "svg", "iframe", "select", "template", "head"})
_CHROME_TEXT = etree.XPath(
    "descendant-or-self::text()[not(ancestor::script or ancestor::style or ancestor::noscript "
    "or ancestor::svg or ancestor::template)]"
)


def page_text(tree: Any) -> PageText:
    """Both texts of a page in one walk of its tree (a Python loop over every element is the
    costliest part of reading the text, so it is done once)."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    vis: list[str] = []
    marked: list[str] = []
    size = 0
    spans: list[tuple[int, int]] = []
    h1: list[Any] = []
    # (element, closing). An explicit stack: pages nest deeper than Python's recursion limit.
    stack: list[tuple[Any, int]] = [(root, 0)]
    while stack:
        el, state = stack.pop()
        tail = el.tail if el is not root else None
        if state or not isinstance(el.tag, str) or el.tag in _UNSEEN:
            if state:
                marked.append(" ")
                size += 1
            if tail:
                marked.append(tail)
                size += len(tail)
                vis.append(tail)
            continue
        tag = el.tag
        if el is not root and _dropped(el):
            # A chrome-like container's text is only looked through for dates: read it in one
            # XPath call (libxml2) rather than element by element.
            inner = " ".join(_CHROME_TEXT(el)) + " "
            spans.append((size, size + len(inner)))
            marked.append(inner)
            size += len(inner)
            if tail:
                marked.append(tail)
                size += len(tail)
                vis.append(tail)
            continue
        if not h1 and tag == "h1":
            h1.append(el)
        if el.text:
            marked.append(el.text)
            size += len(el.text)
            vis.append(el.text)
        stack.append((el, 1))
        stack.extend((c, 0) for c in reversed(el))
    title = _WS.sub(" ", _visible_parts(h1[0])).strip() if h1 else ""
    return PageText(_WS.sub(" ", "".join(vis)), title, "".join(marked), spans)


def visible_text(tree: Any) -> tuple[str, str]:
    """The page's visible text without chrome-like containers, and its first <h1>."""
    pt = page_text(tree)
    return pt.visible, pt.title


_WS = re.compile(r"\s+")
_CUE_WORD = re.compile(
    r"published|posted|veröffentlicht|publiziert|erschienen|erstellt|datum|publié|publicado|pubblicato|"
    r"opublikowano|gepubliceerd|date|released|stand|updated?|aktualisiert|geändert|modified|mis à jour|"
    r"actualizado|aggiornato|last edited|zuletzt",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Written:
    """How a day is written in the page's text: how often, where, how near the headline."""

    count: int
    in_main: bool  # at least once outside chrome-like containers (teasers, comments, footers...)
    # Characters between the headline and the nearest writing of the day (None: no headline).
    distance: int | None
    # That nearest writing stands before the headline: a page header's date (often the day the
    # page was served, or a site-wide banner) rather than the article's byline under it.
    before: bool = False


def headline(tree: Any, h1: str) -> str:
    """The page's headline: its first <h1>, else the longest part of its <title> (site names
    are split off by " | ", " - " and the like)."""
    if len(h1) >= 10:
        return h1
    el = tree.find(".//title")
    raw = _WS.sub(" ", el.text_content() if el is not None else "").strip()
    parts = [p.strip() for p in re.split(r"\s[|\-–—:·»]\s|\s::\s", raw)]
    return max(parts, key=len, default="")


def written_days(pt: PageText, title: str) -> dict[PDate, Written]:
    """Every full date written in a page's text, with where it stands (`title`: the headline)."""
    text, spans = pt.marked, pt.chrome
    # The headline as `visible_text` gives it has its whitespace collapsed; this text does not.
    words = title.split()[:12]
    m = re.search(r"\s+".join(map(re.escape, words)), text) if len(title) >= 10 else None
    anchor, end = (m.start(), m.end()) if m else (-1, -1)
    starts = [a for a, _ in spans]

    def chrome(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and pos < spans[i][1]

    seen: dict[PDate, list[int]] = {}
    for p, a, _b in find_all(text):
        seen.setdefault(p, []).append(a)
    out: dict[PDate, Written] = {}
    for p, pos in seen.items():
        if anchor < 0:
            out[p] = Written(len(pos), any(not chrome(a) for a in pos), None)
            continue
        dist, first = min((a - end, a) if a >= end else (max(0, anchor - a), a) for a in pos)
        out[p] = Written(len(pos), any(not chrome(a) for a in pos), dist, first < anchor)
    return out


def _cue_windows(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The stretches after each publication cue or byline word between `lo` and `hi`."""
    return [(m.start(), m.end() + 60) for r in (_CUE_WORD, _BYLINE_WORD) for m in r.finditer(text, lo, hi)]


def visible_candidates(text: str, title: str) -> list[Candidate]:
    """Dates a reader sees next to the headline or after a "Published" cue (`visible_text`'s output)."""
    anchor = text.find(title) if len(title) >= 10 else -1
    # Only two kinds of places are read, which keeps this fast on long pages: the headline's
    # neighbourhood and the few characters after each cue word.
    windows: list[tuple[int, int]] = []
    if anchor >= 0:
        windows.append((max(0, anchor - 200), anchor + len(title) + 440))
    # Every date form read here has a four-digit year, so cue words are looked for only in the
    # stretch before each year (a cue's window reaches 60 characters past it).
    lo_prev = hi_prev = -1
    for y in _YEAR.finditer(text):
        lo, hi = max(0, y.start() - 100), y.end()
        if lo <= hi_prev:
            hi_prev = hi
            continue
        if hi_prev >= 0:
            windows += _cue_windows(text, lo_prev, hi_prev)
        lo_prev, hi_prev = lo, hi
    if hi_prev >= 0:
        windows += _cue_windows(text, lo_prev, hi_prev)
    found: dict[int, tuple[PDate, int, int]] = {}
    for lo, hi in windows:
        for p, a, b in find_all(text[lo:hi]):
            found.setdefault(lo + a, (p, lo + a, lo + b))
    out: list[Candidate] = []
    for p, a, b in sorted(found.values(), key=lambda t: t[1]):
        if any(a < a2 < b or a2 < a < b2 for _p2, a2, b2 in found.values()):
            continue  # a partial match inside a longer one, from a window cutting it
        before = text[max(0, a - 40) : a]
        snippet = text[max(0, a - 30) : b]
        raw = text[a:b]
        if MOD_CUE.search(before):
            out.append(Candidate(p, "text-mod", snippet, raw))
        elif PUB_CUE.search(before):
            out.append(Candidate(p, "text-cue", snippet, raw))
        elif BYLINE_CUE.search(before):
            out.append(Candidate(p, "text-byline", snippet, raw))
        elif anchor >= 0 and anchor - 200 <= a <= anchor + len(title) + 400:
            # The first date by the headline is the dateline; later ones are often related items.
            kind = "text-title2" if any(c.kind == "text-title" for c in out) else "text-title"
            out.append(Candidate(p, kind, snippet, raw))
    return out
