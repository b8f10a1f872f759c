"""jusText's paragraph maker, the same paragraphs without SAX: trafilatura's fallback cascade
(`trafilatura.external`) asks jusText for paragraphs on pages its own extraction under-covers.

jusText turns the tree into SAX events (lxml.sax builds an attribute object and a qualified name
for every element) and handles them one method call at a time; its paragraphs then recompute
their whitespace-normalised text on every read, a dozen reads per paragraph while classifying.
Here one loop walks the tree in the order lxml.sax emits its events and applies jusText's own
handler rules (`ParagraphMaker` in justext 3.0), and each finished paragraph computes its text
once. What the rules need of an event is only the tag name and the text, so the paragraphs are
the same: same text nodes, tag counts, link characters, DOM path and XPath. Trees the walk does
not cover the way lxml.sax does (a namespaced tag, an entity node, processing instructions
beside the root) go to jusText's own maker.
"""

from __future__ import annotations

from typing import Any

from justext.core import PARAGRAPH_TAGS, ParagraphMaker, PathInfo
from justext.paragraph import Paragraph
from lxml.etree import Comment, ProcessingInstruction


class FrozenParagraph(Paragraph):
    """A jusText paragraph whose text, once complete, is computed a single time."""

    _text: str | None = None

    @property
    def text(self) -> str:
        t = self._text
        return Paragraph.text.fget(self) if t is None else t

    def freeze(self) -> None:
        self._text = Paragraph.text.fget(self)


def _sax_covers(root: Any) -> bool:
    for side in (root.getprevious(), root.getnext()):
        if side is not None and side.tag is ProcessingInstruction:
            return False  # lxml.sax emits those siblings too
    return True


def make_paragraphs(root: Any) -> list[Paragraph]:
    """jusText's `ParagraphMaker.make_paragraphs(root)`, the same list of paragraphs."""
    if not _sax_covers(root):
        return ParagraphMaker.make_paragraphs(root)
    path = PathInfo()
    paragraphs: list[Paragraph] = []
    paragraph = FrozenParagraph(path)
    has_text = False  # a non-blank text node: jusText's "paragraph and paragraph.contains_text()"
    link = br = False

    def characters(content: str) -> None:
        nonlocal has_text, br
        if not content or content.isspace():
            return
        text = paragraph.append_text(content)
        has_text = True
        if link:
            paragraph.chars_count_in_links += len(text)
        br = False

    def new_paragraph() -> None:
        nonlocal paragraph, has_text
        if has_text:
            paragraphs.append(paragraph)
        paragraph = FrozenParagraph(path)
        has_text = False

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag
        if closing:
            path.pop()
            if tag in PARAGRAPH_TAGS:
                new_paragraph()
            if tag == "a":
                link = False
        elif tag is Comment or tag is ProcessingInstruction:
            pass  # lxml.sax emits only their tails
        elif not isinstance(tag, str) or tag[:1] == "{":
            return ParagraphMaker.make_paragraphs(root)
        else:
            path.append(tag)
            if tag in PARAGRAPH_TAGS or (tag == "br" and br):
                if tag == "br":
                    paragraph.tags_count -= 1  # <br><br> separates paragraphs, it is not in one
                new_paragraph()
            else:
                br = tag == "br"
                if br:
                    paragraph.append_text(" ")
                elif tag == "a":
                    link = True
                paragraph.tags_count += 1
            if el.text:
                characters(el.text)
            stack.append((el, True))
            stack.extend((child, False) for child in reversed(el))
            continue
        if el.tail:
            characters(el.tail)
    new_paragraph()
    for p in paragraphs:
        p.freeze()
    return paragraphs


class FastParagraphMaker:
    """Stands in for `justext.core.ParagraphMaker` where trafilatura calls its classmethod."""

    make_paragraphs = staticmethod(make_paragraphs)
