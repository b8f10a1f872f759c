"""HTML page → text blocks with the features the learned block classifier reads.

A block is the run of text owned by one block-level element (a paragraph, a list item, a
heading, a table cell, a div's own text); inline markup (links, emphasis, spans) stays inside its
block. Features describe the block itself (length, links, punctuation, line kind), where it sits
(position, tag path, class/id words of its ancestors such as comment, related, footer, share),
how often its text repeats on the page, whether a readability-style densest container holds it,
and whether trafilatura's extraction of the same page contains it. Everything is a pure function
of the parsed page and the extractor's text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from stanceline.ingest.clean_lines import KINDS, classify, has_terminal

_WS = re.compile(r"\s+")
_TOK = re.compile(r"\w+", re.UNICODE)
_SPLIT_ATTR = re.compile(r"[^a-z0-9]+")
_DIGIT = re.compile(r"\d")

# Never rendered as article text.
_SKIP = frozenset((
    "script", "style", "noscript", "template", "svg", "head", "select", "option", "textarea",
    "button", "iframe", "object", "canvas", "math", "video", "audio", "map", "input",
))
_BLOCK = frozenset((
    "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead",
    "tfoot", "tr", "td", "th", "ul", "caption", "summary", "center", "body", "html", "legend",
))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_OWN_TAGS = ("p", "li", "h", "td", "div", "blockquote", "pre", "span_like")
_ANCESTOR_TAGS = ("nav", "footer", "header", "aside", "article", "main", "form", "figure", "li", "table", "a")

# Words of class and id attributes that mark what a container holds; generic page vocabulary.
ATTR_GROUPS: dict[str, frozenset[str]] = {
    "comment": frozenset(("comment", "comments", "reply", "replies", "respond", "disqus", "discussion")),
    "related": frozenset(("related", "recommended", "recommend", "recirc", "popular", "trending", "more",
                          "teaser", "teasers", "promo", "outbrain", "taboola", "next", "prev", "suggested")),
    "footer": frozenset(("footer", "foot", "bottom", "copyright", "legal", "colophon")),
    "nav": frozenset(("nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "header",
                      "masthead", "topbar", "skip", "pagination", "pager")),
    "share": frozenset(("share", "sharing", "social", "follow", "facebook", "twitter", "whatsapp",
                        "print", "email", "toolbar", "tools")),
    "side": frozenset(("sidebar", "side", "aside", "widget", "widgets", "rail", "secondary", "column")),
    "ad": frozenset(("ad", "ads", "advert", "advertisement", "sponsor", "sponsored", "banner", "dfp",
                     "newsletter", "subscribe", "subscription", "signup", "paywall", "cookie", "consent",
                     "modal", "popup", "overlay")),
    "content": frozenset(("article", "content", "post", "entry", "body", "story", "main", "text",
                          "prose", "richtext", "rte", "paragraph", "blog")),
    "meta": frozenset(("author", "byline", "meta", "date", "time", "dateline", "published", "caption",
                       "credit", "credits", "tags", "tag", "category", "categories", "topics", "label")),
    "hidden": frozenset(("hidden", "hide", "sr", "visually", "screen", "offscreen", "invisible")),
}
_GROUP_NAMES = tuple(ATTR_GROUPS)
_NO_GROUPS: frozenset[str] = frozenset()
_NAMED_ORDER = ("class", "id", "role", "itemprop")
_NAMED = frozenset(_NAMED_ORDER)
_HIDING = frozenset(("hidden", "aria-hidden", "style"))


@dataclass(slots=True)
class Block:
    text: str
    tag: str
    path: tuple[Any, ...]  # element chain from the root to the owner, for container tests
    n_tokens: int
    key: str  # lowercased word tokens joined by spaces, for matching against extracted text
    link_chars: int
    # The walk's stack when the block closed, kept as is: only the few blocks that get a feature
    # row need the counts below, so they are worked out on demand.
    tags: tuple[str, ...] = ()  # tags of the open elements, outermost first
    grouped: tuple[tuple[int, frozenset[str]], ...] = ()  # (stack position, attr groups) with groups
    n_open: int = 0

    @property
    def anc_tags(self) -> frozenset[str]:
        return frozenset(self.tags)

    def group_counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """(near, far): how many elements carry each attr group on the owner and its 2 parents,
        and anywhere above them."""
        near: dict[str, int] = {}
        far: dict[str, int] = {}
        cut = self.n_open - 3
        for k, gs in self.grouped:
            d = far if k < cut else near
            for g in gs:
                d[g] = d.get(g, 0) + 1
        return near, far


def _attr_words(el: Any) -> set[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''} {el.get('itemprop') or ''}"
    if not raw.strip():
        return set()
    return {w for w in _SPLIT_ATTR.split(raw.lower()) if w}


_WORD_GROUPS: dict[str, tuple[str, ...]] = {}
for _g, _vocab in ATTR_GROUPS.items():
    for _w in _vocab:
        _WORD_GROUPS[_w] = (*_WORD_GROUPS.get(_w, ()), _g)


def _groups(words: set[str]) -> set[str]:
    return {g for w in words for g in _WORD_GROUPS.get(w, ())}


# A page repeats a few class strings on hundreds of elements: each attribute value's groups are
# worked out once per process. The words of the four values joined by spaces are the union of
# each value's words, so the groups are the union too. Bounded, as values come from any page.
_GROUP_MEMO: dict[str, frozenset[str]] = {}
_MEMO_MAX = 50000


# One shared object per distinct group set: the memo then holds only strings and references,
# which the cyclic garbage collector does not have to visit (thousands of small frozensets made
# its full collections a real cost).
_CANON: dict[frozenset[str], frozenset[str]] = {}


def _value_groups(value: str) -> frozenset[str]:
    got = _GROUP_MEMO.get(value)
    if got is None:
        gs = frozenset(_groups({w for w in _SPLIT_ATTR.split(value.lower()) if w}))
        got = _CANON.setdefault(gs, gs) if gs else _NO_GROUPS
        if len(_GROUP_MEMO) >= _MEMO_MAX:
            _GROUP_MEMO.clear()
        _GROUP_MEMO[value] = got
    return got


def _el_groups(el: Any, names: list[str]) -> frozenset[str]:
    """The attr groups named by the element's class, id, role and itemprop words (`names` are
    its attribute names; only those present are read)."""
    out = _NO_GROUPS
    for name in names:
        v = el.get(name) if name in _NAMED else None
        if v:
            g = _value_groups(v)
            if g:
                out = out | g if out else g
    return out


def _hidden(el: Any) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style) and "display:none" in style.replace(" ", "").lower()


_HIDDEN_ONLY = frozenset(("hidden",))


class _Walker:
    """Depth-first walk that flushes the text gathered so far whenever a block element opens or
    closes, so each block's text belongs to the innermost block element around it."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.link_buf = 0
        self.chain: list[Any] = []  # open block elements
        self.n_open = 0  # open elements (all tags)
        # (position among the open elements, attr groups) of the open elements that have groups;
        # most have none, and each block reads only these
        self.grouped: list[tuple[int, frozenset[str]]] = []
        self.tags: list[str] = []

    def flush(self) -> None:
        text = " ".join("".join(self.buf).split())
        self.buf = []
        link = self.link_buf
        self.link_buf = 0
        if not text:
            return
        low = text.lower()
        if text.isascii():  # lowercasing cannot change where ASCII words start and end
            ltoks = _TOK.findall(low)
            n_tokens = len(ltoks)
        else:
            n_tokens = len(_TOK.findall(text))
            ltoks = _TOK.findall(low)
        if not n_tokens:
            return
        owner = self.chain[-1] if self.chain else None
        tag = owner.tag if owner is not None else "body"
        self.blocks.append(Block(
            text=text, tag=tag, path=tuple(self.chain), n_tokens=n_tokens,
            key=" ".join(ltoks), link_chars=min(link, len(text)),
            tags=tuple(self.tags), grouped=tuple(self.grouped), n_open=self.n_open,
        ))

    def walk(self, el: Any, in_link: bool, depth: int) -> None:
        tag = el.tag
        if isinstance(tag, str):
            tag = tag.lower()
        if not isinstance(tag, str) or tag in _SKIP:  # comments, scripts, widgets
            tail = el.tail
            if tail:
                self.buf.append(tail)
                if in_link:
                    self.link_buf += len(tail.strip())
            return
        is_block = tag in _BLOCK and depth < 300
        if is_block:
            if self.buf:
                self.flush()
            self.chain.append(el)
        elif tag == "br":
            self.buf.append(" ")
        names = el.keys()
        gs = _el_groups(el, names) if names and not _NAMED.isdisjoint(names) else _NO_GROUPS
        if names and not _HIDING.isdisjoint(names) and _hidden(el):
            # a feature, not a cut: whole pages sit in wrappers hidden until scripts run
            gs = gs | _HIDDEN_ONLY
        if gs:
            self.grouped.append((self.n_open, gs))
        self.n_open += 1
        self.tags.append(tag)
        link = in_link or tag == "a"
        text = el.text
        if text:
            self.buf.append(text)
            if link:
                self.link_buf += len(text.strip())
        for child in el:
            self.walk(child, link, depth + 1)
        if is_block:  # the element's own last words still see its class words
            if self.buf:
                self.flush()
            self.chain.pop()
        self.n_open -= 1
        if gs:
            self.grouped.pop()
        self.tags.pop()
        tail = el.tail
        if tail:
            self.buf.append(tail)
            if in_link:
                self.link_buf += len(tail.strip())


def segment(tree: Any) -> list[Block]:
    """The page's visible text as blocks in document order; no blocks for a page nested deeper
    than the interpreter's recursion allows (the block pass then leaves the page alone)."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    w = _Walker()
    try:
        w.walk(root, False, 0)
    except RecursionError:
        return []
    if w.buf:
        w.flush()
    return w.blocks


def _densest(blocks: list[Block]) -> Any:
    """Readability's idea, cheaply: paragraphs vote for their parent (and half for the
    grandparent) by length and commas; the best-voted container is the likely article body."""
    score: dict[Any, float] = {}
    for b in blocks:
        if b.n_tokens < 8 or b.link_chars > 0.3 * len(b.text):
            continue
        v = 1.0 + b.text.count(",") + min(3.0, len(b.text) / 100)
        if len(b.path) >= 2:
            p = b.path[-2] if b.tag in ("p", "li", "h2", "h3", "h4", "blockquote", "pre") else b.path[-1]
            score[p] = score.get(p, 0.0) + v
            gp = p.getparent()
            if gp is not None:
                score[gp] = score.get(gp, 0.0) + v / 2
    if not score:
        return None
    return max(score.items(), key=lambda kv: kv[1])[0]


def _tok_set(text: str) -> tuple[set[str], str]:
    toks = _TOK.findall(text.lower())
    return set(toks), " " + " ".join(toks) + " "


FEATURE_NAMES: tuple[str, ...] = (
    "log_tokens", "log_chars", "link_density", "terminal", "commas_per_tok", "periods_per_tok",
    "digit_share", "upper_start_share", "mean_tok_len", "rel_pos", "rel_char_pos", "log_repeat",
    "in_densest", "densest_share_after", "depth",
    *(f"own_{t}" for t in _OWN_TAGS),
    *(f"anc_{t}" for t in _ANCESTOR_TAGS),
    *(f"near_{g}" for g in _GROUP_NAMES),
    *(f"far_{g}" for g in _GROUP_NAMES),
    *(f"kind_{k}" for k in KINDS),
    "traf_tok_share", "traf_contig", "traf_shingle_share", "prev_traf", "next_traf", "prev2_traf", "next2_traf",
    "prev_link", "next_link", "prev_tokens", "next_tokens", "win_traf",
    "before_first_traf", "after_last_traf", "traf_empty",
)


_OWN_ONEHOT = {o: [1.0 if o == t else 0.0 for t in _OWN_TAGS] for o in _OWN_TAGS}
_KIND_ONEHOT = {k: [1.0 if k == kk else 0.0 for kk in KINDS] for k in KINDS}
_NO_KIND = [0.0] * len(KINDS)


def _own(tag: str) -> str:
    if tag in _HEADINGS:
        return "h"
    if tag in ("p", "li", "td", "div", "blockquote", "pre"):
        return "div" if tag == "div" else ("td" if tag == "th" else tag)
    return "span_like"


def features(blocks: list[Block], extracted: str) -> list[list[float]]:
    """One feature row per block (order of FEATURE_NAMES); `extracted` is the extractor's text."""
    return page_rows(blocks, extracted)(range(len(blocks)))


def page_rows(blocks: list[Block], extracted: str) -> Callable[[Iterable[int]], list[list[float]]]:
    """The page-wide values computed once; the returned function builds the rows of the blocks
    asked for, so a caller that needs few blocks scored pays for few rows."""
    import math

    n = len(blocks)
    traf_set, traf_seq = _tok_set(extracted)
    tt = traf_seq.split()
    traf_sh = set(zip(tt, tt[1:], tt[2:], tt[3:], strict=False))
    counts = Counter(b.text.lower() for b in blocks)
    top = _densest(blocks)
    total_chars = sum(len(b.text) for b in blocks) or 1
    contig_memo: dict[int, float] = {}

    def contig(i: int) -> float:
        """1.0 when the block's words occur as one run in the extracted text; on demand, as a
        substring search through the whole text per block is a real share of the pass."""
        got = contig_memo.get(i)
        if got is None:
            key = blocks[i].key
            # a run of the text's words is made of the text's words: a block whose first or last
            # word the text lacks cannot be one (the cheap test settles most chrome blocks)
            head, _, rest = key.partition(" ")
            if key and (head not in traf_set or (rest and rest.rpartition(" ")[2] not in traf_set)):
                got = 0.0
            else:
                got = 1.0 if f" {key} " in traf_seq else 0.0
            contig_memo[i] = got
        return got

    overlap: dict[int, tuple[float, float]] = {}

    def ov(i: int) -> tuple[float, float]:
        """(share of the block's words, share of its 4-word shingles) found in the extracted text;
        computed on demand, as only the blocks asked for and their neighbours need it."""
        got = overlap.get(i)
        if got is None:
            toks = blocks[i].key.split()
            own = sum(map(traf_set.__contains__, toks)) / len(toks) if toks else 0.0
            if len(toks) >= 4:
                k = len(toks) - 3
                hit = sum(map(traf_sh.__contains__, zip(toks, toks[1:], toks[2:], toks[3:], strict=False)))
                got = (own, hit / k)
            else:
                got = (own, contig(i))
            overlap[i] = got
        return got

    def tr(i: int) -> float:
        return ov(i)[1] if 0 <= i < n else 0.0

    first_hit = next((i for i in range(n) if blocks[i].n_tokens >= 5 and contig(i)), n)
    last_hit = next((i for i in range(n - 1, first_hit - 1, -1) if blocks[i].n_tokens >= 5 and contig(i)), -1)
    in_top = [top is not None and top in b.path for b in blocks]
    top_after = [0.0] * n
    acc = 0
    for i in range(n - 1, -1, -1):
        top_after[i] = acc
        if in_top[i]:
            acc += blocks[i].n_tokens
    top_total = acc or 1
    cums = [0] * n
    for i in range(1, n):
        cums[i] = cums[i - 1] + len(blocks[i - 1].text)

    def _row(i: int) -> list[float]:
        b = blocks[i]
        cum = cums[i]
        text = b.text
        toks = text.split()
        nt = max(1, len(toks))
        ln = classify(text, set())
        own = _own(b.tag)
        prev_link = blocks[i - 1].link_chars / max(1, len(blocks[i - 1].text)) if i else 1.0
        next_link = blocks[i + 1].link_chars / max(1, len(blocks[i + 1].text)) if i + 1 < n else 1.0
        lo, hi = max(0, i - 3), min(n, i + 4)
        anc_tags = b.anc_tags
        near, far = b.group_counts()
        row = [
            math.log1p(b.n_tokens), math.log1p(len(text)), b.link_chars / max(1, len(text)),
            1.0 if has_terminal(text) else 0.0, text.count(",") / nt, text.count(".") / nt,
            len(_DIGIT.findall(text)) / max(1, len(text)),
            sum(1 for t in toks if t[:1].isupper()) / nt, len(text) / nt,
            i / max(1, n - 1), cum / total_chars, math.log(counts[text.lower()]),
            1.0 if in_top[i] else 0.0, top_after[i] / top_total, min(40, len(b.path)) / 20,
            *_OWN_ONEHOT[own],
            *(1.0 if t in anc_tags else 0.0 for t in _ANCESTOR_TAGS),
            *(min(2, near.get(g, 0)) / 2 for g in _GROUP_NAMES),
            *(min(3, far.get(g, 0)) / 3 for g in _GROUP_NAMES),
            *(_KIND_ONEHOT.get(ln.kind) or _NO_KIND),
            ov(i)[0], contig(i), ov(i)[1],
            tr(i - 1), tr(i + 1), tr(i - 2), tr(i + 2),
            prev_link, next_link,
            math.log1p(blocks[i - 1].n_tokens) if i else 0.0,
            math.log1p(blocks[i + 1].n_tokens) if i + 1 < n else 0.0,
            sum(tr(j) for j in range(lo, hi)) / (hi - lo),
            1.0 if i < first_hit else 0.0, 1.0 if i > last_hit else 0.0,
            1.0 if not extracted.strip() else 0.0,
        ]
        return row

    return lambda only: [_row(i) for i in only]
