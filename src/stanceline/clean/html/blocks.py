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

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from lxml import etree

from stanceline.clean.text.lines import KINDS, classify, has_terminal

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
    # The elements open when the block closed, outermost first: only the few blocks that get a
    # feature row need their tags and attr groups, so those are worked out on demand.
    stack: tuple[Any, ...] = ()
    # element → (attr group counts, tags) over the chain of open elements it closes, shared by
    # the blocks of one page (their stacks share ancestors)
    memo: dict[Any, tuple[tuple[int, ...], frozenset[str]]] = field(default_factory=dict)

    @property
    def anc_tags(self) -> frozenset[str]:
        return _chain(self.stack, self.memo)[1]

    def group_counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """(near, far): how many elements carry each attr group on the innermost 3 open elements,
        and anywhere above them."""
        near, far = _near_far(self.stack, self.memo)
        return ({g: c for g, c in zip(_GROUP_NAMES, near, strict=True) if c},
                {g: c for g, c in zip(_GROUP_NAMES, far, strict=True) if c})


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


def _open_groups(el: Any) -> frozenset[str]:
    """The attr groups of an open element, with "hidden" for one hidden by its attributes (a
    feature, not a cut: whole pages sit in wrappers hidden until scripts run)."""
    names = el.keys()
    if not names:
        return _NO_GROUPS
    gs = _el_groups(el, names) if not _NAMED.isdisjoint(names) else _NO_GROUPS
    if not _HIDING.isdisjoint(names) and _hidden(el):
        gs = gs | _HIDDEN_ONLY
    return gs


_GROUP_INDEX = {g: i for i, g in enumerate(_GROUP_NAMES)}
_ZERO_COUNTS = (0,) * len(_GROUP_NAMES)
_NO_TAGS: frozenset[str] = frozenset()


def _chain(stack: tuple[Any, ...], memo: dict[Any, tuple[tuple[int, ...], frozenset[str]]],
           ) -> tuple[tuple[int, ...], frozenset[str]]:
    """(count of elements per attr group, set of tags) over `stack`, a chain of open elements
    from the walk's root down. Both grow element by element, so each element's values are its
    parent's plus its own, worked out once per page."""
    if not stack:
        return _ZERO_COUNTS, _NO_TAGS
    got = memo.get(stack[-1])
    if got is not None:
        return got
    i = len(stack) - 1
    while i and stack[i - 1] not in memo:  # an element in the memo has its ancestors there too
        i -= 1
    counts, tags = memo[stack[i - 1]] if i else (_ZERO_COUNTS, _NO_TAGS)
    for el in stack[i:]:
        gs = _open_groups(el)
        if gs:
            c = list(counts)
            for g in gs:
                c[_GROUP_INDEX[g]] += 1
            counts = tuple(c)
        tag = el.tag.lower()  # open elements are never comments
        if tag not in tags:
            tags = tags | {tag}
        memo[el] = (counts, tags)
    return counts, tags


def _near_far(stack: tuple[Any, ...], memo: dict[Any, tuple[tuple[int, ...], frozenset[str]]],
              ) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Attr group counts on the innermost 3 open elements and on those above them."""
    counts = _chain(stack, memo)[0]
    if len(stack) < 4:
        return counts, _ZERO_COUNTS
    far = _chain(stack[:-3], memo)[0]
    return tuple(a - b for a, b in zip(counts, far, strict=True)), far


# What the walk does with an element, by tag: the kinds below; other tags are inline.
_INLINE, _BLOCKTAG, _SKIPTAG, _BR, _LINK = 0, 1, 2, 3, 4
_KIND: dict[Any, int] = {
    **{t: _SKIPTAG for t in _SKIP}, **{t: _BLOCKTAG for t in _BLOCK}, "br": _BR, "a": _LINK,
}
_KIND_MAX = 10000
# Block elements nested deeper than this count as inline (their text joins the enclosing block).
_BLOCK_DEPTH = 300
# Deeper than this the page is given up (no blocks), as the former recursive walk did at the
# interpreter's recursion limit; real pages nest a few dozen levels.
_MAX_DEPTH = 900


def _kind(tag: Any) -> int:
    k = _KIND.get(tag)
    if k is None:
        # comments and processing instructions (tag is a function) are skipped but keep their tail
        k = _KIND.get(tag.lower(), _INLINE) if isinstance(tag, str) else _SKIPTAG
        if len(_KIND) < _KIND_MAX:
            _KIND[tag] = k
    return k


def _first_body(tree: Any) -> Any:
    """The first <body> below `tree` in document order, as `tree.find(".//body")` finds it. lxml's
    descendant iterators look ahead for the next match, so searching from the root scans the
    whole page; searching child by child scans only the subtrees before the body (the head)."""
    for child in tree:
        if child.tag == "body":
            return child
        got = next(child.iterdescendants("body"), None)
        if got is not None:
            return got
    return None


def segment(tree: Any) -> list[Block]:
    """The page's visible text as blocks in document order; the walk flushes the text gathered so
    far whenever a block element opens or closes, so each block's text belongs to the innermost
    block element around it. No blocks for a page nested absurdly deep (the block pass then
    leaves the page alone)."""

    body = _first_body(tree)
    root = body if body is not None else tree
    blocks: list[Block] = []
    memo: dict[Any, tuple[tuple[int, ...], frozenset[str]]] = {}
    buf: list[str] = []
    link_chars = 0
    links = 0  # open <a> elements
    chain: list[Any] = []  # open block elements
    opened: list[Any] = []  # open elements (all tags)

    def flush() -> None:
        # the buffer starts with a piece that is not all whitespace (leading blanks are dropped)
        text = " ".join("".join(buf).split())
        buf.clear()
        low = text.lower()
        ltoks = _TOK.findall(low)
        # Lowercasing that keeps the length maps each character to one character, and no such
        # mapping turns a word character into a non-word one or back (checked over all of
        # Unicode), so the words sit where they did; otherwise ("İ" becomes two characters) they
        # are counted in the text as written.
        n_tokens = len(ltoks) if len(low) == len(text) else len(_TOK.findall(text))
        if not n_tokens:
            return
        owner = chain[-1] if chain else None
        # positional: the keyword form costs a real share of the walk
        blocks.append(Block(text, owner.tag if owner is not None else "body", tuple(chain), n_tokens,
                            " ".join(ltoks), min(link_chars, len(text)), tuple(opened), memo))

    walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    kind = _KIND.get
    inline, block, skip, br, link = _INLINE, _BLOCKTAG, _SKIPTAG, _BR, _LINK
    block_depth, max_depth = _BLOCK_DEPTH, _MAX_DEPTH
    kinds: list[int] = []  # what each open element is to the walk (a deep block counts as inline)
    skipped = False  # the element just opened is skipped: its end event comes next
    for event, el in walk:
        if event == "start":
            tag = el.tag
            k = kind(tag)
            if k is None:
                k = _kind(tag)
            if k == block:
                depth = len(opened)
                if depth < block_depth:
                    if buf:
                        flush()
                        link_chars = 0
                    chain.append(el)
                else:
                    k = inline
                    if depth >= max_depth:
                        return []
            elif k == skip:  # scripts, widgets: only the tail counts (at the end event)
                walk.skip_subtree()
                skipped = True
                continue
            else:
                if len(opened) >= max_depth:
                    return []
                if k == link:
                    links += 1
                elif k == br and buf:
                    buf.append(" ")
            opened.append(el)
            kinds.append(k)
            text = el.text
            if text and (buf or not text.isspace()):
                buf.append(text)
                if links:
                    link_chars += len(text.strip())
            continue
        if event == "end":
            if skipped:
                skipped = False
            else:
                k = kinds.pop()
                if k == block:  # the element's own last words still see its class words
                    if buf:
                        flush()
                        link_chars = 0
                    chain.pop()
                elif k == link:
                    links -= 1
                opened.pop()
        tail = el.tail  # of a closed element, a skipped one, a comment or processing instruction
        if tail and (buf or not tail.isspace()):
            buf.append(tail)
            if links:
                link_chars += len(tail.strip())
    if buf:
        flush()
    return blocks


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


def _holds(blocks: list[Block], top: Any) -> list[bool]:
    """Per block, whether `top` is on its path. Paths run from the walk's root down, so an element
    sits at the same place on every path that holds it: found once, it is tested by identity
    there rather than by searching each path (each comparison of lxml elements costs calls)."""
    n = len(blocks)
    out = [False] * n
    if top is None:
        return out
    for i, b in enumerate(blocks):
        if top in b.path:
            d = b.path.index(top)
            for j in range(i, n):
                path = blocks[j].path
                if len(path) > d and path[d] is top:
                    out[j] = True
            break
    return out


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
# min(2, count) / 2 and min(3, count) / 3 below the cap (1.0 from there), looked up
_NEAR_SHARE = [c / 2 for c in range(2)]
_FAR_SHARE = [c / 3 for c in range(3)]


def _own(tag: str) -> str:
    if tag in _HEADINGS:
        return "h"
    if tag in ("p", "li", "td", "div", "blockquote", "pre"):
        return "div" if tag == "div" else ("td" if tag == "th" else tag)
    return "span_like"


def features(blocks: list[Block], extracted: str) -> list[list[float]]:
    """One feature row per block (order of FEATURE_NAMES); `extracted` is the extractor's text."""
    return page_rows(blocks, extracted)(range(len(blocks)))


def page_rows(blocks: list[Block], extracted: str, tokens: list[str] | None = None,
              words: set[str] | None = None) -> Callable[[Iterable[int]], list[list[float]]]:
    """The page-wide values computed once; the returned function builds the rows of the blocks
    asked for, so a caller that needs few blocks scored pays for few rows. `tokens` are the
    lowercased word tokens of `extracted` and `words` their set, when the caller has them."""

    n = len(blocks)
    texts = [b.text for b in blocks]
    tt = _TOK.findall(extracted.lower()) if tokens is None else tokens
    traf_set = set(tt) if words is None or tokens is None else words
    traf_seq = " " + " ".join(tt) + " "
    traf_sh = set(zip(tt, tt[1:], tt[2:], tt[3:], strict=False))
    counts = Counter([t.lower() for t in texts])
    top = _densest(blocks)
    total_chars = sum(map(len, texts)) or 1
    traf_empty = 1.0 if not extracted.strip() else 0.0
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

    overlap: list[float | None] = [None] * n

    def sh(i: int) -> float:
        """The share of the block's 4-word shingles found in the extracted text (for fewer than 4
        words, whether the words occur as one run); on demand, as only the blocks asked for and
        their neighbours need it."""
        got = overlap[i]
        if got is None:
            toks = blocks[i].key.split()
            if len(toks) >= 4:
                k = len(toks) - 3
                hit = sum(map(traf_sh.__contains__, zip(toks, toks[1:], toks[2:], toks[3:], strict=False)))
                got = hit / k
            else:
                got = contig(i)
            overlap[i] = got
        return got

    first_hit = next((i for i in range(n) if blocks[i].n_tokens >= 5 and contig(i)), n)
    last_hit = next((i for i in range(n - 1, first_hit - 1, -1) if blocks[i].n_tokens >= 5 and contig(i)), -1)
    in_top = _holds(blocks, top)
    top_after = [0.0] * n
    acc = 0
    for i in range(n - 1, -1, -1):
        top_after[i] = acc
        if in_top[i]:
            acc += blocks[i].n_tokens
    top_total = acc or 1
    cums = [0, *accumulate(map(len, texts[:-1]))] if n else []
    last = max(1, n - 1)
    place: dict[Any, list[float]] = {}  # innermost open element → ancestor tag and attr group features

    def _row(i: int) -> list[float]:
        b = blocks[i]
        text = texts[i]
        ln = len(text)  # never 0: blocks hold words
        toks = text.split()
        nt = max(1, len(toks))
        kind = classify(text, set()).kind
        stack = b.stack
        inner = stack[-1] if stack else None
        where = place.get(inner)
        if where is None:  # the stack is the chain down to its innermost element
            grouped, tags = _chain(stack, b.memo)
            # the chain's elements are all in the memo now; far: all but the innermost 3
            far = b.memo[stack[-4]][0] if len(stack) >= 4 else _ZERO_COUNTS
            where = place[inner] = [
                *[1.0 if t in tags else 0.0 for t in _ANCESTOR_TAGS],
                *[_NEAR_SHARE[c - f] if c - f < 2 else 1.0 for c, f in zip(grouped, far, strict=True)],
                *[_FAR_SHARE[f] if f < 3 else 1.0 for f in far]]
        ktoks = b.key.split()
        # the share of the block's words found in the extracted text
        own_share = sum(map(traf_set.__contains__, ktoks)) / len(ktoks) if ktoks else 0.0
        lo, hi = max(0, i - 3), min(n, i + 4)
        # the window holds the neighbours up to 2 away that exist; missing ones count 0
        win = [sh(j) for j in range(lo, hi)]
        share = win[i - lo]
        if i:
            p = blocks[i - 1]
            prev_link, prev_tokens = p.link_chars / max(1, len(p.text)), math.log1p(p.n_tokens)
        else:
            prev_link, prev_tokens = 1.0, 0.0
        if i + 1 < n:
            q = blocks[i + 1]
            next_link, next_tokens = q.link_chars / max(1, len(q.text)), math.log1p(q.n_tokens)
        else:
            next_link, next_tokens = 1.0, 0.0
        return [
            math.log1p(b.n_tokens), math.log1p(ln), b.link_chars / ln,
            1.0 if has_terminal(text) else 0.0, text.count(",") / nt, text.count(".") / nt,
            len(_DIGIT.findall(text)) / ln,
            len([1 for t in toks if t[0].isupper()]) / nt, ln / nt,
            i / last, cums[i] / total_chars, math.log(counts[text.lower()]),
            1.0 if in_top[i] else 0.0, top_after[i] / top_total, min(40, len(b.path)) / 20,
            *_OWN_ONEHOT[_own(b.tag)],
            *where,
            *(_KIND_ONEHOT.get(kind) or _NO_KIND),
            own_share, contig(i), share,
            win[i - 1 - lo] if i >= 1 else 0.0, win[i + 1 - lo] if i + 1 < n else 0.0,
            win[i - 2 - lo] if i >= 2 else 0.0, win[i + 2 - lo] if i + 2 < n else 0.0,
            prev_link, next_link, prev_tokens, next_tokens,
            sum(win) / (hi - lo),
            1.0 if i < first_hit else 0.0, 1.0 if i > last_hit else 0.0,
            traf_empty,
        ]

    return lambda only: [_row(i) for i in only]
