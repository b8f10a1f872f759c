"""HTML building blocks that cannot be plain template code: offset highlighting and link safety.

Article text is untrusted. The highlighter escapes every text segment between offsets and
only ever emits tags it wrote itself; links are emitted only for http(s) URLs.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from stanceline.model import Mention, Position, Quote, anchor
from stanceline.web.data import split_snippet


def safe_href(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link, else None (so it is shown as text, not linked)."""
    if not url:
        return None
    u = url.strip()
    if any(ord(c) < 0x20 or c in "\x7f\\" for c in u):
        return None
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return u


def path_part(value: str) -> str:
    """A value made safe to put in a URL path segment (actor keys contain ':' and spaces)."""
    return quote(value, safe="")


def snippet_html(snippet: str) -> Markup:
    """A search snippet with our highlight markers as <mark>, its text escaped."""
    text, ranges = split_snippet(snippet)
    out: list[str] = []
    pos = 0
    for a, b in ranges:
        out.append(str(escape(text[pos:a])))
        out.append("<mark>" + str(escape(text[a:b])) + "</mark>")
        pos = b
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


@dataclass(slots=True)
class Span:
    start: int
    end: int
    rank: int  # lower opens outside: evidence > quote > speaker > mention
    tag: str
    attrs: dict[str, str]
    first_only: dict[str, str]  # attributes only the first fragment carries (ids)


def _open(s: Span, first: bool) -> str:
    attrs = dict(s.attrs)
    if first:
        attrs.update(s.first_only)
    inner = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    return f"<{s.tag}{inner}>"


def highlight(text: str, spans: Sequence[Span]) -> Markup:
    """`text` with `spans` as properly nested elements; a span crossing its parent's end is split."""
    n = len(text)
    heap: list[tuple[int, int, int, int, Span, bool]] = []
    for seq, s in enumerate(spans):
        a, b = max(0, min(s.start, n)), max(0, min(s.end, n))
        if b > a:
            heapq.heappush(heap, (a, -b, s.rank, seq, s, True))
    out: list[str] = []
    stack: list[tuple[int, Span]] = []
    pos = 0
    seq = len(spans)
    while heap or stack:
        next_start = heap[0][0] if heap else n + 1
        if stack and stack[-1][0] <= next_start:
            end, s = stack.pop()
            out.append(str(escape(text[pos:end])))
            pos = end
            out.append(f"</{s.tag}>")
            continue
        a, neg_b, rank, _, s, first = heapq.heappop(heap)
        b = -neg_b
        out.append(str(escape(text[pos:a])))
        pos = a
        limit = stack[-1][0] if stack else n
        if b > limit:
            seq += 1
            heapq.heappush(heap, (limit, -b, rank, seq, s, False))
            b = limit
        if b <= a:
            continue
        out.append(_open(s, first))
        stack.append((b, s))
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def document_spans(
    quotes: Sequence[Quote],
    mentions: Sequence[Mention],
    positions: Sequence[Position],
    *,
    actor_href: Callable[[str], str],
) -> list[Span]:
    spans: list[Span] = []
    for p in positions:
        spans.append(
            Span(
                p.start,
                p.end,
                0,
                "span",
                {
                    "class": f"ev stance-{p.stance}",
                    "title": f"{p.actor}: {p.stance} on {p.issue} ({p.voice}, {p.confidence:.2f})",
                },
                {"id": anchor(p.id)},
            )
        )
    for q in quotes:
        spans.append(
            Span(
                q.start,
                q.end,
                1,
                "q",
                {"class": f"quote {q.kind}", "title": f"{q.speaker or 'unknown speaker'} ({q.kind})"},
                {"id": anchor(q.id)},
            )
        )
        if q.speaker_start is not None and q.speaker_end is not None:
            spans.append(
                Span(
                    q.speaker_start,
                    q.speaker_end,
                    2,
                    "span",
                    {"class": "speaker", "title": f"speaker: {q.speaker or '?'}"},
                    {},
                )
            )
    # Links must not nest: keep only mentions that do not overlap an earlier kept one.
    last_end = -1
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.start < last_end:
            continue
        last_end = m.end
        spans.append(Span(m.start, m.end, 3, "a", {"class": "mention", "href": actor_href(m.actor_key)}, {}))
    return spans
