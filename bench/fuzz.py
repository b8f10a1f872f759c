"""A folder of hostile inputs with good articles among them: the fuzz corpus of the robustness
suite (tests/robustness) and of `python -m bench.robustness`.

    build(root, scale="full")   # >= 2,000 hostile inputs and 50 good articles
    build(root, scale="small")  # one or two of each class and 3 good articles (the fast tests)

Every class of input that once stopped a batch or escaped the folder is here, with the other
classes a hostile user tries: binary, empty, huge, mis-encoded, truncated gzip, NUL bytes, broken
WARC/feeds/manifests, unreadable files, FIFOs, link loops, links out of the folder, names of any
bytes, hostile JSON, pathological HTML and text. The good articles are made of fresh sentences
written for this generator (no seed or benchmark text) and are distinct from one another.

No input names a host other than 127.0.0.1: feed entries, WARC target URIs, manifest URLs and
page links all point there (at `base_url`, which a test may serve or leave closed).
"""

from __future__ import annotations

import gzip
import json
import os
import random
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Scale = Literal["small", "full"]

GOOD_DIR = "000-good"  # sorts first: the good articles are read before any copy of them

FIRST = [
    "Mara",
    "Tomas",
    "Ilse",
    "Oren",
    "Dalia",
    "Bruno",
    "Sefa",
    "Lotte",
    "Arvid",
    "Nadia",
    "Pavel",
    "Ines",
    "Kofi",
    "Yara",
    "Emil",
    "Rosa",
    "Timo",
    "Lena",
]
LAST = [
    "Varga",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Haddad",
    "Novak",
    "Brandt",
    "Soto",
    "Kimura",
    "Aalto",
    "Reyes",
    "Petrov",
    "Dumont",
    "Falk",
    "Ilunga",
]
PLACES = [
    "Harwick",
    "Ostrava",
    "Valmora",
    "Kessel",
    "Linden",
    "Port",
    "Amra",
    "Tresk",
    "Oldbury",
    "Saran",
    "Miren",
    "Castelo",
    "Brenna",
    "Duvik",
]
ORGS = [
    "the regional water board",
    "the port authority",
    "the teachers' union",
    "the transport ministry",
    "the city council",
    "the farmers' co-operative",
    "the national audit office",
    "the health agency",
    "the chamber of commerce",
    "the housing association",
]
TOPICS = [
    "the new tram line",
    "flood defences along the river",
    "the school meals programme",
    "a tax on empty homes",
    "the closure of the coal plant",
    "night bus services",
    "the hospital merger",
    "fishing quotas",
    "the airport expansion",
    "rent controls",
    "a ban on plastic packaging",
    "the museum's funding",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
TEMPLATES = [
    "{person}, who chairs {org}, said on {weekday} that {topic} would be reviewed before {month}.",
    '"We cannot wait another year," {person} told reporters in {place}, pointing to {topic}.',
    "Officials in {place} estimate that {topic} will cost about {num} million over five years.",
    "Critics argue that {topic} favours the larger towns, leaving villages near {place} behind.",
    "{org} voted {num2} to {num3} on {weekday} to back {topic}, after a debate lasting most of the day.",
    'According to {person}, "the figures simply do not add up" for {topic}.',
    "Residents of {place} gathered outside the town hall on {weekday} evening to protest against {topic}.",
    "The proposal, first published in {month}, has been revised {num2} times since.",
    "{person} rejected claims that {org} had ignored the concerns of shop owners in {place}.",
    "A survey of {num}00 households found broad support for {topic}, though many asked for more detail.",
    "In a letter to {org}, {person} warned that delays to {topic} could cost jobs in {place}.",
    "The opposition leader, {person}, called the plan rushed and demanded a public hearing.",
    "Engineers say the work in {place} could begin in {month} if the budget is approved.",
    '"This is a fair compromise," said {person}, adding that {org} would monitor the results closely.',
    "Earlier this year {org} commissioned an independent study of {topic}, due in {month}.",
    "Some {num}0 people signed a petition in {place} asking for {topic} to be paused.",
    "{person} said she supported {topic} in principle but wanted guarantees for older residents.",
    "The mayor of {place} welcomed the decision, saying it ended months of uncertainty.",
    "Trade groups said {topic} would raise costs for small firms by roughly {num2} per cent.",
    "Neither {org} nor the ministry responded to requests for comment on {weekday}.",
    "Supporters of {topic} point to similar schemes in {place}, where complaints fell sharply.",
    "{person} is expected to present the final version to {org} in {month}.",
    "The debate over {topic} has divided {org}, with {num2} members abstaining.",
    "Local newspapers in {place} have covered {topic} almost daily since the spring.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


@dataclass
class FuzzCorpus:
    """What `build` made: the folder to ingest, a hostile manifest beside it, and what to check."""

    root: Path
    manifest: Path
    secret: Path  # outside `root`, linked from inside: its text must never be stored
    secret_marker: str
    good: list[str] = field(default_factory=list)  # sources (as ingest names them) of good articles
    cases: Counter[str] = field(default_factory=Counter)  # hostile inputs made, by class

    @property
    def hostile(self) -> int:
        return sum(self.cases.values())


def article(rng: random.Random, sentences: int | None = None) -> tuple[str, str, str]:
    """(title, date, body) of a fresh article: paragraphs of two or three sentences."""
    topic = rng.choice(TOPICS)
    place = rng.choice(PLACES)
    n = sentences or rng.randint(12, 18)
    chosen = rng.sample(TEMPLATES, min(n, len(TEMPLATES)))
    out = []
    for t in chosen:
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        out.append(
            t.format(
                person=person,
                org=rng.choice(ORGS),
                topic=topic if rng.random() < 0.7 else rng.choice(TOPICS),
                place=place if rng.random() < 0.6 else rng.choice(PLACES),
                weekday=rng.choice(WEEKDAYS),
                month=rng.choice(MONTHS),
                num=rng.randint(2, 90),
                num2=rng.randint(2, 12),
                num3=rng.randint(1, 9),
            )
        )
    paras = []
    i = 0
    while i < len(out):
        k = rng.randint(2, 3)
        paras.append(" ".join(out[i : i + k]))
        i += k
    title = f"{place}: debate over {topic} continues"
    date = f"20{rng.randint(18, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return title, date, "\n\n".join(paras)


def html_page(title: str, date: str, body: str, base_url: str, extra: str = "") -> str:
    paras = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n"))
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='article:published_time' content='{date}'></head><body>"
        f"<nav><a href='{base_url}'>Home</a> · <a href='{base_url}world'>World</a></nav>"
        f"<article><h1>{title}</h1>\n{paras}</article>{extra}"
        "<footer>© The Example Gazette · <a href='/privacy'>Privacy</a></footer></body></html>"
    )


class _Maker:
    def __init__(self, corpus: FuzzCorpus, rng: random.Random, base_url: str) -> None:
        self.c = corpus
        self.rng = rng
        self.base = base_url.rstrip("/") + "/"
        self.n = 0

    def path(self, cls: str, name: str) -> Path:
        folder = self.c.root / cls
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name

    def file(self, cls: str, name: str, data: bytes | str, count: int = 1) -> Path:
        p = self.path(cls, name)
        p.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        self.c.cases[cls] += count
        return p

    def text(self, sentences: int | None = None) -> tuple[str, str, str]:
        return article(self.rng, sentences)


def build(root: Path, *, scale: Scale = "full", seed: int = 19, base_url: str = "http://127.0.0.1:9/") -> FuzzCorpus:
    """Write the fuzz corpus under `root` (created; must not exist or be empty)."""
    root.mkdir(parents=True, exist_ok=True)
    outside = root.parent / f"{root.name}-outside"
    outside.mkdir(exist_ok=True)
    marker = "PRIVATE-OUTSIDE-THE-CORPUS-" + str(seed)
    secret = outside / "secret.txt"
    secret.write_text((f"{marker} " * 40 + "\n") * 5)
    corpus = FuzzCorpus(
        root=root, manifest=root.parent / f"{root.name}-manifest.jsonl", secret=secret, secret_marker=marker
    )
    rng = random.Random(seed)
    m = _Maker(corpus, rng, base_url)
    full = scale == "full"
    _good(m, 50 if full else 3)
    _links(m, outside, full)
    _names(m, full)
    _special_files(m, full)
    _binary_and_empty(m, full)
    _encodings(m, full)
    _gzip(m, full)
    _jsonl(m, full)
    _warc(m, full)
    _feeds(m, full)
    _html(m, full)
    _text(m, full)
    _mutations(m, 700 if full else 8)
    _manifest(m, full)
    return corpus


# -- good articles ---------------------------------------------------------------------------------
def _good(m: _Maker, n: int) -> None:
    folder = m.c.root / GOOD_DIR
    folder.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    n_lines = n // 5
    for i in range(n):
        title, date, body = m.text()
        if i < n_lines:
            lines.append(json.dumps({"text": body, "title": title, "published": date, "outlet": "Gazette"}))
            continue
        kind = i % 3
        if kind == 0:
            p = folder / f"{i:03d}.txt"
            p.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
            m.c.good.append(str(p))
        elif kind == 1:
            p = folder / f"{i:03d}.html"
            p.write_text(html_page(title, date, body, m.base), encoding="utf-8")
            m.c.good.append(str(p))
        else:
            p = folder / f"{i:03d}.html.gz"
            p.write_bytes(gzip.compress(html_page(title, date, body, m.base).encode()))
            m.c.good.append(str(p))
    if lines:
        p = folder / "lines.jsonl"
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
        m.c.good += [f"{p}#L{k}" for k in range(1, len(lines) + 1)]


# -- links -----------------------------------------------------------------------------------------
def _links(m: _Maker, outside: Path, full: bool) -> None:
    d = m.path("links", "x").parent
    reps = 10 if full else 1
    for i in range(reps):
        (d / f"out-{i}.txt").symlink_to(m.c.secret)
        (d / f"outdir-{i}").symlink_to(outside, target_is_directory=True)
        (d / f"passwd-{i}.txt").symlink_to("/etc/passwd")
        (d / f"self-{i}").symlink_to(".", target_is_directory=True)
        (d / f"up-{i}").symlink_to("..", target_is_directory=True)
        (d / f"loop-a-{i}.txt").symlink_to(f"loop-b-{i}.txt")
        (d / f"loop-b-{i}.txt").symlink_to(f"loop-a-{i}.txt")
        (d / f"dangling-{i}.html").symlink_to(f"missing-{i}.html")
        m.c.cases["links"] += 8


# -- names -----------------------------------------------------------------------------------------
def _names(m: _Maker, full: bool) -> None:
    n = 120 if full else 3
    for i in range(n):
        raw = bytes(m.rng.choice([m.rng.randrange(0x80, 0x100), m.rng.randrange(0x20, 0x7F)]) for _ in range(12))
        raw = raw.replace(b"/", b"_").replace(b".", b"_")
        name = os.fsdecode(b"n%03d-" % i + raw + b".txt")
        short = i % 2 == 0
        title, _date, body = m.text(3 if short else None)
        m.file("names", name, f"{title}\n\n{body}\n")
    controls = [
        "\x1b[31mred\x1b[0m",
        "bell\x07",
        "line\nbreak",
        "tab\tname",
        "\x1b]0;title\x07",
        "cr\rname",
        "\u202eevil",
    ]
    for i, bad in enumerate(controls * (8 if full else 1)):
        title, _date, body = m.text(4)
        m.file("names", f"c{i:03d}-{bad}.txt", f"{bad} {title}\n\n{body}\n")


# -- FIFOs, unreadable files, too large ------------------------------------------------------------
def _special_files(m: _Maker, full: bool) -> None:
    for i in range(10 if full else 1):
        p = m.path("special", f"fifo-{i}.txt")
        if hasattr(os, "mkfifo"):
            os.mkfifo(p)
            m.c.cases["special"] += 1
        q = m.file("special", f"unreadable-{i}.html", html_page("Locked", "2020-01-01", m.text()[2], m.base))
        q.chmod(0)
    for i in range(2 if full else 1):
        big = m.path("special", f"sparse-{i}.html")
        with big.open("wb") as fh:
            fh.truncate(60 * 1024 * 1024)  # over the 50 MB default cap; sparse, so cheap
        m.c.cases["special"] += 1


# -- binary, empty ---------------------------------------------------------------------------------
_MAGIC = [b"\x89PNG\r\n\x1a\n", b"%PDF-1.7\n", b"PK\x03\x04", b"\x7fELF", b"GIF89a", b"\xff\xd8\xff\xe0"]


def _binary_and_empty(m: _Maker, full: bool) -> None:
    exts = [".txt", ".html", ".htm", ".jsonl", ".xml", ".warc", ".rss"]
    for i in range(150 if full else 4):
        head = m.rng.choice(_MAGIC) if i % 2 else b""
        m.file("binary", f"b{i:03d}{exts[i % len(exts)]}", head + m.rng.randbytes(m.rng.randint(10, 20_000)))
    empties = [
        b"",
        b" ",
        b"\n\n\n",
        b"\t \r\n",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"<html></html>",
        b"<p></p>",
        b"{}\n",
        b"\n" * 1000,
    ]
    for i, e in enumerate(empties * (5 if full else 1)):
        m.file("empty", f"e{i:03d}{exts[i % len(exts)]}", e)


# -- encodings -------------------------------------------------------------------------------------
def _encodings(m: _Maker, full: bool) -> None:
    for i in range(60 if full else 3):
        title, _date, body = m.text()
        text = f"{title}\n\n{body}\n".replace("a", "ä", 3).replace("e", "é", 3)
        how = i % 6
        if how == 0:
            data = text.encode("utf-16-le")  # no BOM
        elif how == 1:
            data = text.encode("cp1252", "replace")
        elif how == 2:
            data = text.encode("utf-8")[:-1] + b"\xc3"  # cut inside a character
        elif how == 3:
            data = text.encode("utf-8").replace(b"e", b"\xc0\xaf", 5)  # overlong sequences
        elif how == 4:
            data = text.encode("utf-8").replace(b" ", b" \x00", 3)  # NUL bytes
        else:
            data = ("ÃƒÂ©" * 200 + text).encode("utf-8")  # mojibake
        m.file("encodings", f"enc{i:03d}.txt", data)


# -- gzip ------------------------------------------------------------------------------------------
def _gzip(m: _Maker, full: bool) -> None:
    for i in range(40 if full else 2):
        title, date, body = m.text()
        whole = gzip.compress(html_page(title, date, body, m.base).encode())
        m.file("gzip", f"cut{i:03d}.html.gz", whole[: m.rng.randint(10, max(11, len(whole) - 8))])
        m.file("gzip", f"fake{i:03d}.txt.gz", body.encode())
    for i in range(3 if full else 1):
        m.file("gzip", f"bomb{i}.html.gz", gzip.compress(b"<html><body>" + b"a" * (60 * 1024 * 1024)))


# -- JSONL -----------------------------------------------------------------------------------------
def _hostile_json_lines(m: _Maker) -> list[bytes]:
    _title, _d, body = m.text()
    return [
        b'{"text": ' + b"7" * 5000 + b"}",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        b'{"text": "' + body.encode()[:400] + b'\\u0000 and \\ud800"}',
        b'{"text": 12, "title": ["x"], "published": {"a": 1}}',
        b'{"html": "<p>' + b"<b>" * 5000 + b'</p>"}',
        b'{"title": "no text at all"}',
        b"not json at all",
        b'"a string"',
        b"null",
        b'{"text": "' + body.encode()[:200] + b'", "published": "2024-99-99", "url": "javascript:alert(1)"}',
        b'{"text": "' + body.encode()[:300] + b'", "outlet": "\\u001b[31mOutlet\\u001b[0m"}',
        b"\xff\xfe\xfd",
        b'{"text": "' + b"x" * 100 + b'"',
    ]


def _jsonl(m: _Maker, full: bool) -> None:
    reps = 25 if full else 1
    lines: list[bytes] = []
    for _ in range(reps):
        lines += _hostile_json_lines(m)
    m.file("jsonl", "hostile.jsonl", b"\n".join(lines) + b"\n", count=len(lines))
    m.file("jsonl", "all-bad.jsonl", b"{not json\n" * (5000 if full else 50))
    m.file("jsonl", "binary.jsonl", m.rng.randbytes(200_000 if full else 2000))
    m.file("jsonl", "empty.jsonl", b"\n\n")
    if full:
        m.file("jsonl", "long-line.jsonl", b'{"text": "' + b"word " * 2_000_000 + b'"}\n')  # 10 MB line
    good_line = json.dumps({"text": m.text()[2]}).encode()
    whole = gzip.compress((good_line + b"\n") * 3)
    m.file("jsonl", "cut.jsonl.gz", whole[:-12])


# -- WARC ------------------------------------------------------------------------------------------
def _warc_record(uri: str, payload: bytes, length: int | None = None) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + payload
    n = len(http) if length is None else length
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri.encode() + b"\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: "
        + str(n).encode()
        + b"\r\n\r\n"
        + http
        + b"\r\n\r\n"
    )


def _warc(m: _Maker, full: bool) -> None:
    for i in range(40 if full else 2):
        title, date, body = m.text()
        page = html_page(title, date, body, m.base).encode()
        rec = _warc_record(f"{m.base}w/{i}", page)
        how = i % 5
        if how == 0:
            data = rec[: len(rec) // 2]  # cut off
        elif how == 1:
            data = _warc_record(f"{m.base}w/{i}", page, length=10**12)  # lies about its length
        elif how == 2:
            data = b"WARC/1.0\r\n" + m.rng.randbytes(3000)
        elif how == 3:
            data = gzip.compress(rec)[:-20]
        else:
            data = rec + b"garbage after the last record" * 10
        m.file("warc", f"w{i:03d}.warc" + (".gz" if how == 3 else ""), data)


# -- feeds -----------------------------------------------------------------------------------------
def _feeds(m: _Maker, full: bool) -> None:
    base = m.base
    items = "".join(f"<item><title>T{k}</title><link>{base}a/{k}</link></item>" for k in range(5))
    variants = [
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>{items}",  # cut off
        "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
        "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>]>"
        f"<rss version='2.0'><channel><title>&d;</title>{items}</channel></rss>",  # entity expansion
        "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
        f"<rss version='2.0'><channel><title>&x;</title>{items}</channel></rss>",  # external entity
        f"<rss version='2.0'><channel><title>F</title>{items}</channel></rss>",  # links to 127.0.0.1
        "<rss version='2.0'><channel><title>F</title><item><title>no link</title></item>"
        "<item><link>javascript:alert(1)</link></item><item><link>file:///etc/passwd</link></item>"
        "<item><link>/relative</link></item></channel></rss>",
        "<feed xmlns='http://www.w3.org/2005/Atom'><entry><link href='" + base + "x'/></entry>" + "<x>" * 5000,
    ]
    reps = 7 if full else 1
    for r in range(reps):
        for i, v in enumerate(variants):
            m.file("feeds", f"f{r}-{i}.{['rss', 'xml', 'atom'][i % 3]}", v)
    many = "".join(f"<item><link>{base}m/{k}</link></item>" for k in range(3000 if full else 30))
    m.file("feeds", "many.rss", f"<rss version='2.0'><channel><title>M</title>{many}</channel></rss>")


# -- HTML ------------------------------------------------------------------------------------------
XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>alert(document.domain)</script>',
    "javascript:alert(1)",
    "<a href='javascript:alert(1)'>click</a>",
    "<iframe src='javascript:alert(1)'></iframe>",
    "{{7*7}}<b onmouseover=alert(1)>x</b>",
]


def _html(m: _Maker, full: bool) -> None:
    title, date, body = m.text()
    # Pathological structure, refused or handled within the budget.
    sizes = [60_000, 120_000] if full else [60_000]
    for i, n in enumerate(sizes):
        m.file("html", f"tiny-elements-{i}.html", html_page(title, date, body, m.base, "<span>a</span>" * n))
    if full:
        links = "".join(f"<a href='/p{k}'>link {k}</a>" for k in range(1_000_000))  # ~30 MB
        m.file("html", "million-links.html", html_page(title, date, body, m.base, links))
    for i in range(20 if full else 2):
        depth = m.rng.choice([5_000, 20_000, 100_000])
        m.file("html", f"deep{i:03d}.html", "<div>" * depth + body + "</div>" * depth)
    for i in range(5 if full else 0):
        m.file("html", f"attr{i}.html", f"<html><body><p title='{'x' * 2_000_000}'>{body}</p></body></html>")
    for i in range(10 if full else 1):
        m.file("html", f"script-only{i}.html", "<html><head><script>" + "var a=1;" * 50_000 + "</script></head></html>")
    # Markup in every field an attacker controls: title, text, links, JSON-LD.
    for i, payload in enumerate(XSS * (4 if full else 1)):
        t2, d2, b2 = m.text()
        ld = json.dumps({"@type": "NewsArticle", "headline": payload, "datePublished": d2, "author": payload})
        extra = f"<script type='application/ld+json'>{ld}</script><p>{payload}</p>"
        page = html_page(f"{payload} {t2}", d2, b2.replace(". ", f". {payload} ", 2), m.base, extra)
        m.file("html", f"xss{i:03d}.html", page)
    # Tag soup.
    tags = ["div", "p", "span", "b", "table", "tr", "td", "li", "ul", "a", "script", "style", "!--", "![CDATA["]
    for i in range(120 if full else 3):
        parts = []
        for _ in range(m.rng.randint(50, 800)):
            t = m.rng.choice(tags)
            parts.append(m.rng.choice([f"<{t}>", f"</{t}>", f"<{t} x='{m.rng.random()}'", "word ", "&amp;", "&#0;"]))
        m.file("html", f"soup{i:03d}.html", "".join(parts))


# -- plain text ------------------------------------------------------------------------------------
def _text(m: _Maker, full: bool) -> None:
    _title, _date, body = m.text()
    m.file("text", "short-lines.txt", body + "\n" + "\n".join(f"x{k}" for k in range(200_000)))
    if full:
        paras = []
        n = 0
        while n < 1_100_000:  # a clean text over spaCy's 1,000,000-character limit
            p = m.text()[2]
            paras.append(p)
            n += len(p) + 2
        m.file("text", "over-a-million.txt", "\n\n".join(paras))
        m.file("text", "one-line.txt", ("word " * 1_000_000).encode())
    for i in range(20 if full else 2):
        m.file("text", f"controls{i:02d}.txt", body.replace(" ", " \x1b[2J\x07\x08 ", 30))
    m.file("text", "bidi.txt", "\u202e" + body + "\u2066" * 1000)


# -- mutated copies of good articles ---------------------------------------------------------------
def _mutations(m: _Maker, n: int) -> None:
    for i in range(n):
        title, date, body = m.text()
        html = i % 2 == 0
        data = bytearray((html_page(title, date, body, m.base) if html else f"{title}\n\n{body}").encode())
        for _ in range(m.rng.randint(1, 30)):
            if not data:
                data = bytearray(b"x")
            op = m.rng.randrange(5)
            pos = m.rng.randrange(len(data))
            if op == 0:
                data[pos] = m.rng.randrange(256)
            elif op == 1:
                del data[pos : pos + m.rng.randint(1, 200)]
            elif op == 2:
                data[pos:pos] = m.rng.randbytes(m.rng.randint(1, 50))
            elif op == 3:
                data[pos:pos] = m.rng.choice([b"\x00", b"<", b"</", b"&#", b"\xef\xbb\xbf", b"\r", b"\x1b["])
            else:
                data = data[:pos]
        m.file("mutated", f"m{i:03d}." + ("html" if html else "txt"), bytes(data))


# -- the manifest ----------------------------------------------------------------------------------
def _manifest(m: _Maker, full: bool) -> None:
    good = [Path(g.split("#", 1)[0]).relative_to(m.c.root).as_posix() for g in m.c.good if "#" not in g]
    lines: list[bytes] = [json.dumps({"file": g, "outlet": "Gazette"}).encode() for g in good]
    hostile = [
        b'{"file": ' + b"7" * 5000 + b"}",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"file": "x.txt", "title": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        b'{"file": "../../etc/passwd", "title": "escape"}',
        b'{"file": "/etc/passwd"}',
        b'{"file": "' + m.base.encode() + b'page", "outlet": "Local"}',
        b'{"file": "missing.txt", "published": "not a date"}',
        b'{"file": 17}',
        b'{"file": "mutated/m000.txt", "published": "2024-02-30", "title": "\\u0000\\ud800"}',
        b"\xff\xfe garbage",
        b'{"file": "x' + b"y" * 2_000_000 + b'.txt"}',
    ]
    reps = 18 if full else 1
    for _ in range(reps):
        lines += hostile
    m.c.manifest.write_bytes(b"\n".join(lines) + b"\n")
    m.c.cases["manifest"] += len(hostile) * reps


def unreadable_supported() -> bool:
    """chmod 000 stops nobody running as root: then those files are read like any other."""
    return os.geteuid() != 0 if hasattr(os, "geteuid") else True


def restore_permissions(root: Path) -> None:
    """Make the chmod-000 files removable and readable again (for cleanup)."""
    for p in root.rglob("unreadable-*"):
        if not p.is_symlink():
            p.chmod(stat.S_IRUSR | stat.S_IWUSR)


__all__ = ["GOOD_DIR", "FuzzCorpus", "article", "build", "html_page", "restore_permissions"]
