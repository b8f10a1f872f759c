"""HTML page → article text: trafilatura's candidates, then residue stripped with line features.

The page is parsed once; cheap metadata (title, author, language) is read from the tree before
trafilatura (which works on a copy) extracts. trafilatura runs in fast mode; only when its text
covers little of the page's visible words does its full cascade (comparison with its readability
and jusText fallbacks) run; the line classifier of `clean_lines` then removes what survived of
page chrome (share prompts, credits, appeals, teaser terminators) from the edges and inside.
"""

from __future__ import annotations

import re
from typing import Any

from stanceline.ingest.clean_lines import Line, classify, is_cta, norm
from stanceline.ingest.clean_text import DEFAULT, teaser_marks

_TITLE_SPLIT = re.compile(r"\s+[|–—•·]\s+|\s+-\s+(?=[^-]{2,40}$)")


def _meta(tree: Any) -> tuple[str | None, str | None, str | None]:
    def first(xpath: str) -> str | None:
        for v in tree.xpath(xpath):
            s = norm(str(v))
            if s:
                return s
        return None

    title = first('//meta[@property="og:title"]/@content') or first("//h1//text()") or first("//title/text()")
    if title:
        # "Headline | Site name" → "Headline"
        title = _TITLE_SPLIT.split(title)[0].strip() or title
    author = first('//meta[@name="author"]/@content') or first('//meta[@property="article:author"]/@content')
    if author and author.startswith("http"):
        author = None
    lang = first("/html/@lang")
    language = lang.split("-")[0].lower() if lang else None
    return title, author, language


def _residue(paragraphs: list[str], precision: bool) -> tuple[list[str], list[str]]:
    """Drop page chrome that slipped into the extracted text; keep everything else in order."""
    # No repetition test here: the extractor already dropped repeated widgets, and what repeats
    # inside an article (table cells, list items) is content.
    lines = [classify(p, set()) for p in paragraphs]
    drop = {i for i, ln in enumerate(lines) if _is_residue(ln, precision)}
    # Teasers of other stories (short runs closed by "read more") after the article's own text;
    # a run at the very top is the article itself, cut short by the page.
    first_body = next((i for i, ln in enumerate(lines) if ln.kind == "body"), len(lines))
    drop |= {i for i in teaser_marks(lines, DEFAULT) if i > first_body + 1}
    # Chrome clusters at the edges of the extraction (share bars, tags, "related" lists).
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        for i in order:
            ln = lines[i]
            if i in drop or (ln.kind in ("chrome", "credit", "terminator", "boundary") and ln.n_words <= 25):
                drop.add(i)
                continue
            break
    kept = [ln.text for i, ln in enumerate(lines) if i not in drop]
    removed = [ln.text for i, ln in enumerate(lines) if i in drop]
    return kept, removed


def _is_residue(ln: Line, precision: bool) -> bool:
    if ln.kind == "terminator":
        return True
    if ln.kind == "appeal":
        return ln.n_words <= (60 if precision else 40)
    if ln.kind == "credit":
        return ln.n_words <= 25
    if ln.kind == "chrome":
        return precision or (ln.n_words <= 6 and is_cta(ln.text, ln.n_words))
    return False


# Below this many characters trafilatura may have picked a fragment (a teaser, a caption)
# of a page whose body it did not recognise; readability's densest-node choice is then consulted.
_SHORT = 1000
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th", "br", "tr")


def _readability_if_longer(html: str, text: str) -> str:
    try:
        import lxml.html
        from readability import Document

        summary = Document(html).summary(html_partial=True)
        root = lxml.html.fromstring(summary)
    except Exception:  # readability gives up on some markup; trafilatura's answer stands
        return text
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    alt = "\n".join(norm(x) for x in root.text_content().split("\n") if x.strip())
    # only a much longer body is worth the switch: small differences are boilerplate either way
    return alt if len(text) < 0.1 * len(alt) else text


# Share of the page's visible words below which the fast extraction is suspected of having
# picked a fragment; the full cascade (with readability and jusText candidates) then runs.
_COVERAGE = 0.12
_INVISIBLE = frozenset(("script", "style", "noscript"))


def _visible_words(tree: Any) -> int:
    body = tree.find("body")
    if body is None:
        return 0
    n = 0
    for el in body.iter():
        if el.tag in _INVISIBLE:
            continue
        if el.text and isinstance(el.tag, str):
            n += len(el.text.split())
        if el.tail:
            n += len(el.tail.split())
    return n


def extract(html: str, url: str | None, options: Any) -> Any:
    import trafilatura
    from trafilatura.utils import load_html

    from stanceline.model import Cleaned

    tree = load_html(html) if html and html.strip() else None
    if tree is None:
        return Cleaned(text="")
    title, author, language = _meta(tree)
    kwargs = {
        "url": url,
        "include_comments": False,
        "favor_precision": options.favor_precision,
        "favor_recall": options.favor_recall,
    }
    # trafilatura's fast mode skips its readability/jusText comparison, a third of its cost; the
    # comparison is only worth running when the fast answer covers little of the page's text.
    # The fast pass leans to precision unless recall is asked for: when it under-delivers, the
    # balanced full cascade below is the recall rescue.
    first = {**kwargs, "favor_precision": not options.favor_recall or options.favor_precision}
    text = trafilatura.extract(tree, fast=True, **first) or ""
    if len(text.split()) < _COVERAGE * _visible_words(tree):
        text = trafilatura.extract(tree, **kwargs) or ""
        # a fast answer that covered a fair share of the page cannot be a tenth of readability's
        if len(text) < _SHORT:
            text = _readability_if_longer(html, text)
    paragraphs = [p for p in (norm(x) for x in text.split("\n")) if p]
    kept, removed = _residue(paragraphs, options.favor_precision)
    return Cleaned(
        text="\n\n".join(kept), title=title, author=author, language=language, removed=tuple(removed)
    )
