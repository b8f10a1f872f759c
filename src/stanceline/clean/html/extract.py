"""HTML page → article text: trafilatura's candidates, then residue stripped with line features.

The page is parsed once; cheap metadata (title, language, the headline's forms) is read from the
tree, and outlet, canonical URL and author by `metadata`; scripts, styles and hover cards inside
paragraphs are dropped, and inline phrases inside sentences are shielded from name-based pruning
before trafilatura (which works on a copy) extracts. It runs in fast mode; only when its text covers
little of the page's visible words does its full cascade (comparison with its readability and
jusText fallbacks) run; the line classifier of `clean.text.lines` then removes what survived of page
chrome (share prompts, credits, appeals, teaser terminators, and their usual openers in other
European languages from `chrome_phrases`) from the edges and inside. On pages where that text holds
less than most of the page's words, a learned block classifier (`blocks`, `blocks_model`) adds
article blocks the extractor missed next to the text it kept; without the model file the extractor's
answer stands. Last, a headline opening the text goes: it is the document's title, stored apart.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring
from trafilatura.utils import INVALID_XML_CHARS, is_dubious_html, repair_faulty_html

from stanceline.clean.chrome_phrases import is_furniture
from stanceline.clean.html import blocks as clean_blocks
from stanceline.clean.html import blocks_model as clean_blocks_model
from stanceline.clean.html.metadata import page_metadata
from stanceline.clean.text.extract import DEFAULT, teaser_marks
from stanceline.clean.text.lines import Line, classify, is_cta, norm
from stanceline.config import CleanOptions
from stanceline.model import Cleaned

_TITLE_SPLIT = re.compile(r"\s+[|–—•·]\s+|\s+-\s+(?=[^-]{2,40}$)")


@dataclass(frozen=True)
class _Head:
    """What the page says about itself: the title and language it declares, and the
    forms of its headline (meta title, <title>, <h1> texts) that may open the extracted text."""

    title: str | None
    language: str | None
    headlines: tuple[str, ...]


def _first(values: list[str]) -> str | None:
    return next((s for s in map(norm, values) if s), None)


def _head(tree: Any) -> _Head:
    # one pass over the few elements that matter: every `//` XPath would walk the whole page
    og: list[str] = []
    titles: list[str] = []
    h1s: list[Any] = []
    for el in tree.iter("meta", "title", "h1"):
        if el.tag == "meta":
            content = el.get("content")
            if content is not None and el.get("property") == "og:title":
                og.append(content)
        elif el.tag == "title":
            titles.extend(map(str, el.xpath("text()")))  # plain strings hold no reference to the tree
        else:
            h1s.append(el)
    h1_first = _first([t for h in h1s for t in h.itertext()])
    title = _first(og) or h1_first or _first(titles)
    if title:
        # "Headline | Site name" → "Headline"
        title = _TITLE_SPLIT.split(title)[0].strip() or title
    lang = norm(tree.get("lang") or "") if tree.tag == "html" else ""
    language = lang.split("-")[0].lower() if lang else None
    headlines = (title or "", *og, *titles, *(h.text_content() for h in h1s))
    return _Head(title, language, tuple(headlines))


def _headline_keys(headlines: tuple[str, ...]) -> set[str]:
    """The headline's forms as lowercase word runs (site names split off)."""
    keys = set()
    for t in headlines:
        for part in [t, *_TITLE_SPLIT.split(t)]:
            key = clean_blocks_model.token_key(part)
            if len(key.split()) >= 3:
                keys.add(key)
    return keys


def drop_headline(kept: list[str], keys: set[str]) -> tuple[list[str], list[str]]:
    """The headline is the document's title, stored apart; where the extraction starts with it
    (or repeats it before the first paragraph), the body starts after it."""
    n = 0
    while n < min(3, len(kept)) and clean_blocks_model.token_key(kept[n]) in keys:
        n += 1
    return kept[n:], kept[:n]


def assemble(paragraphs: list[str], residue: bool, precision: bool) -> tuple[list[str], list[str]]:
    """Extracted paragraphs → (kept, removed), optionally through the line-level residue filter."""
    paragraphs = [p for p in (norm(x) for x in paragraphs) if p]
    return _residue(paragraphs, precision) if residue else (paragraphs, [])


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
    if ln.kind == "terminator" or is_furniture(ln.text, ln.n_words):
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
    # readability logs a traceback for markup it cannot parse, then raises; that is handled
    # here (trafilatura's text stands), so its log would only be noise on the user's stderr
    logging.getLogger("readability.readability").setLevel(logging.CRITICAL)
    try:
        # readability is imported only for the rare page that needs its rescue.
        from readability import Document

        # control characters in the text make its cleaner raise when it joins text around a
        # removed element; the page was parsed for trafilatura without them too
        summary = Document(INVALID_XML_CHARS.sub("", html)).summary(html_partial=True)
        root = fromstring(summary)
    except Exception:  # readability gives up on some markup; trafilatura's answer stands
        return text
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    alt = "\n".join(norm(x) for x in root.text_content().split("\n") if x.strip())
    # only a much longer body is worth the switch: small differences are boilerplate either way
    return alt if len(text) < _LONGER * len(alt) else text


_LONGER = 0.1


def could_be_longer(tree: Any, text: str) -> bool:
    """Whether readability's text could be long enough to replace `text`: its text is drawn from
    the page's text with whitespace collapsed, so it has at most the page's non-space characters
    plus one separator per word. Where even that bound is not 1/_LONGER times `text`, the switch
    cannot happen and readability (a second parse and scoring, 10-100 ms) is not asked. The tree
    is this module's, without scripts, styles and hover cards (a few linked words that readability,
    reading the raw page, still sees): a switch could only be missed where readability's article
    is nearly the whole page and the cards' words are more than what it left out. On the
    benchmark pages it spares 16 of 22 calls, and the text is the same on all 933 pages."""
    bound = 0
    for el in tree.iter():
        if el.text and isinstance(el.tag, str) and el.tag not in ("script", "style"):
            words = el.text.split()
            bound += sum(map(len, words)) + len(words)
        if el.tail:
            words = el.tail.split()
            bound += sum(map(len, words)) + len(words)
    return len(text) < _LONGER * bound


# Share of the page's visible words below which the fast extraction is suspected of having
# picked a fragment; the full cascade (with readability and jusText candidates) then runs.
_COVERAGE = 0.12
_INVISIBLE = frozenset(("script", "style", "noscript"))


def visible_words(tree: Any) -> int:
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


# Inline elements that may sit inside running text. trafilatura's discard lists match words such
# as "related" or "link" anywhere in a class or id, and delete what they match, including an
# inline element in the middle of a sentence (a linked clause, a styled phrase), which cuts the
# sentence in two. Such an element is part of its paragraph whatever its class says.
_INLINE = frozenset(("a", "span", "em", "strong", "b", "i", "u", "small", "mark", "abbr", "cite", "q", "time", "font",
                     "sub", "sup"))
_NAMES = ("class", "id")


def _mid_sentence(el: Any) -> bool:
    """Whether text runs on both sides of `el` within its parent (not a lead-in or a trailer)."""
    tail = el.tail
    if not tail or not tail.strip() or tail.lstrip()[:1] in ("|", "•", "·"):
        return False
    prev = el.getprevious()
    before = prev.tail if prev is not None else el.getparent().text
    return bool(before and before.strip())


def shield_inline(tree: Any) -> list[tuple[Any, list[tuple[str, str]]]]:
    """Set aside the class and id of inline elements in the middle of a paragraph's sentences
    (see _INLINE), so that name-based pruning leaves them in place; `restore` puts them back.
    Returns each changed element with its attributes as they were."""
    saved: list[tuple[Any, list[tuple[str, str]]]] = []
    for el in tree.xpath("//p//*[@class or @id]"):
        if el.tag not in _INLINE or not (el.get("class") or el.get("id")) or not _mid_sentence(el):
            continue
        saved.append((el, list(el.attrib.items())))
        for name in _NAMES:
            el.attrib.pop(name, None)
    return saved


def restore(saved: list[tuple[Any, list[tuple[str, str]]]]) -> None:
    for el, attrs in saved:
        el.attrib.clear()
        for name, value in attrs:
            el.set(name, value)


def drop_invisible(tree: Any) -> None:
    """Remove elements that carry no visible text (scripts, styles) before the extractors copy
    and walk the tree: trafilatura deletes them after copying the whole page several times, and
    on script-heavy pages they are a good share of what it copies. Their tails stay in place.
    JSON-LD stays: trafilatura reads it (forum detection, its article-body baseline)."""
    for el in list(tree.iter("script", "style")):
        if el.tag == "script" and "ld+json" in (el.get("type") or ""):
            continue
        if el.getparent() is not None:
            el.drop_tree()


def _chars(text: str) -> int:
    return len("".join(text.split()))


def _is_card(el: Any) -> bool:
    """Nothing but links (two or more) around an image: a hover card, not words of the sentence."""
    links = list(el.iter("a"))
    return len(links) >= 2 and _chars(el.text_content()) <= sum(_chars(a.text_content()) for a in links)


def drop_cards(tree: Any) -> None:
    """Remove hover cards from inside paragraphs: a person's or a ticker's name in running text
    may carry a card (picture, name again, links to recent stories) that stylesheets show only on
    hover, and whose text would otherwise run into the sentence ("Rep. Jane DoeJane DoeSenate
    passes ..."). The innermost element between an image and its paragraph that holds only links
    goes, its tail stays; the name's own link, outside the card, stays too."""
    for img in list(tree.iter("img")):
        chain = []
        for anc in img.iterancestors():
            if anc.tag == "p":
                break
            chain.append(anc)
        else:
            continue  # not inside a paragraph (or already removed with a card)
        card = next((el for el in chain if _is_card(el)), None)
        if card is not None:
            card.drop_tree()


@lru_cache(maxsize=1)
def _parser() -> Any:
    """trafilatura's HTML parser settings with a fixed element class: lxml.html's own parser
    asks a Python function for the class of every element object it hands out (special classes
    for form controls, which neither trafilatura nor the block pass use), and those calls are a
    real share of walking a page. Here the choice is made in C."""
    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                        remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
    return parser


def load_page(html: str) -> Any:
    """The page's tree, parsed the way trafilatura's load_html parses a string (same repairs,
    fallback and rejection of what is not HTML), with the parser above; None when unparsable."""
    parser = _parser()
    beginning = html[:50].lower()
    check_flag = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    tree = None
    fallback_parse = False
    try:
        tree = fromstring(html, parser=parser)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree = _from_bytes(html, parser)
        fallback_parse = True
    except Exception:  # lxml gives up on some input; the bytes pass below may still work
        tree = None
    if (tree is None or len(tree) < 1) and not fallback_parse:
        tree = _from_bytes(html, parser)
    if tree is not None and check_flag and len(tree) < 2:
        return None
    return tree


def _from_bytes(html: str, parser: Any) -> Any:
    try:
        return fromstring(html.encode("utf8", "surrogatepass"), parser=parser)
    except Exception:
        return None


def extract(html: str, url: str | None, options: CleanOptions) -> Cleaned:
    tree = load_page(html) if html and html.strip() else None
    if tree is None:
        return Cleaned(text="")
    head = _head(tree)
    page = page_metadata(tree, url)
    title, author, language = head.title or page.title, page.author, head.language
    # trafilatura's fast mode skips its readability/jusText comparison, a third of its cost; the
    # comparison is only worth running when the fast answer covers little of the page's text.
    # The fast pass leans to precision unless recall is asked for: when it under-delivers, the
    # balanced full cascade below is the recall rescue.
    fast_precision = not options.favor_recall or options.favor_precision
    drop_invisible(tree)
    drop_cards(tree)
    saved = shield_inline(tree)
    text = trafilatura.extract(tree, url=url, include_comments=False, fast=True, favor_precision=fast_precision,
                               favor_recall=options.favor_recall) or ""
    visible = visible_words(tree)
    if len(text.split()) < _COVERAGE * visible:
        text = trafilatura.extract(tree, url=url, include_comments=False, favor_precision=options.favor_precision,
                                   favor_recall=options.favor_recall) or ""
        # a fast answer that covered a fair share of the page cannot be a tenth of readability's
        if len(text) < _SHORT and could_be_longer(tree, text):
            text = _readability_if_longer(html, text)
    restore(saved)
    kept, removed = assemble(text.split("\n"), True, options.favor_precision)
    model = clean_blocks_model.load()
    # Where the extraction already holds most of the page's words there is little left to add,
    # and the block pass (a third of the page's cost) mostly adds noise: it runs below the gate.
    if model is not None and kept and sum(len(p.split()) for p in kept) < model.gate * visible:
        blocks = clean_blocks.segment(tree)  # trafilatura worked on its own copy of the tree
        if blocks:
            kept, dropped = clean_blocks_model.apply(kept, blocks, model, options.favor_precision,
                                                     options.favor_recall)
            removed = removed + dropped
    kept, headline = drop_headline(kept, _headline_keys(head.headlines))
    removed = headline + removed
    return Cleaned(
        text="\n\n".join(kept),
        title=title,
        author=author,
        language=language,
        outlet=page.outlet,
        url=page.url,
        removed=tuple(removed),
    )

