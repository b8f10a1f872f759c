"""What the plain-text cleaner must never drop, whatever its rules and its classifier say.

Two kinds of evidence are stronger than any line score:
- a paragraph that quotes someone with a speech cue (a reporting verb, "according to", or a
  `Name, Outlet: "…"` roundup line) is article text: page furniture does not attribute speech;
- a text that shows no sign of page furniture at all (no widget label, menu run, appeal, teaser
  terminator, comment header or credit-only line) was already clean: it is returned whole, headline, dateline and
  captions included, since there is nothing to tell them from the article by.
"""

from __future__ import annotations

import re

from stanceline.clean.text.lines import Line, has_terminal

# A stretch in quotation marks of at least two words; a paragraph of a multi-paragraph quotation
# opens a quote that it does not close.
_OPEN = "\"“„«‘'‹"
_QUOTED = re.compile(r"[\"“„«‘‹]\s*[^\s\"”“»’‹›][^\"”“»]*?\s[^\"”“»]*?[\"”“»’›]|(?:^|\s)'[^']+\s[^']+'(?=\W|$)")
_OPENS_UNCLOSED = re.compile(r"^[\"“„«]\s*\w")
# Reporting verbs of speech and writing, in their inflected forms, and attribution phrases.
_SPEECH_CUE = re.compile(
    r"\b(?:(?:said|says|say|saying|told|tells|tell|telling|added|adds|asked|asks|stated|declared|"
    r"warned|warns|wrote|writes|tweeted|tweets|posted|explained|explains|insisted|insists|argued|argues|"
    r"claimed|noted|replied|replies|responded|responds|continued|continues|recalled|recalls|"
    r"announced|urged|urges|admitted|admits|acknowledged|acknowledges|conceded|concedes|"
    r"suggested|suggests|predicted|predicts|promised|vowed|pledged|"
    r"described|describes|quipped|quips|joked|remarked|observed|observes|commented|"
    r"stressed|stresses|emphasised|emphasized|emphasises|emphasizes|cautioned|countered|"
    r"shouted|yelled|whispered|mused|reiterated|reiterates|testified|testifies)\b"
    r"|according to|in a statement|in an interview|quoted as)",
    re.IGNORECASE,
)
# "Jane Roe, The Daily Courier: “…”" — a press-review or reaction roundup line: a name (and an
# outlet or role) introducing the quotation with a colon.
_ROUNDUP = re.compile(r"^[A-Z][\w.'’-]*(?:[ ,&]+[\w.'’&-]+){0,10}\s*:\s*[\"“„«‘']")


def quotes_speech(text: str) -> bool:
    """Whether a paragraph quotes someone: a quotation plus a speech cue, or a roundup line."""
    if not any(c in text for c in _OPEN):
        return False
    if _ROUNDUP.match(text):
        return True
    if not (_QUOTED.search(text) or _OPENS_UNCLOSED.match(text)):
        return False
    return _SPEECH_CUE.search(text) is not None


def is_quote_paragraph(ln: Line) -> bool:
    """A paragraph (a few words closed as a sentence, inside the quotation or after it) that quotes
    speech. A headline that quotes ("Minister: 'No deal'") has no sentence end and is not one."""
    if ln.n_words < 5 or ln.kind in ("terminator", "boundary"):
        return False
    return has_terminal(ln.text) and quotes_speech(ln.text)


# Kinds that only page furniture has: a line of one of them means the text came off a web page.
_FURNITURE = frozenset(("appeal", "terminator", "boundary"))
# A line that is only a picture credit ("Photo by …", "AGENCY/Name") is a widget; a caption
# sentence that ends on its credit is left to the run, since clean texts keep captions too.
CREDIT_ONLY_WORDS = 8
# Short lines one after another, none a sentence: a menu, a tag list, a link list. An article's
# sub-headings stand alone between paragraphs; a headline may sit over a standfirst of a bullet or two.
MENU_RUN = 3
MENU_WORDS = 6
LIST_RUN = 5


def looks_clean(lines: list[Line], dates: list[bool]) -> bool:
    """Whether a text shows no sign of page furniture. `dates[i]` says line i is only a date: a
    dateline belongs to clean texts too, so it is not taken for a widget."""
    if not any(ln.kind == "body" for ln in lines):
        return False
    run = short = 0
    for ln, date in zip(lines, dates, strict=True):
        if ln.kind in _FURNITURE or (ln.kind == "chrome" and not date):
            return False
        if ln.kind == "credit" and ln.n_words <= CREDIT_ONLY_WORDS:
            return False
        label = ln.kind == "heading" and not has_terminal(ln.text)
        run = run + 1 if label else 0
        short = short + 1 if label and ln.n_words <= MENU_WORDS else 0
        if run >= LIST_RUN or short >= MENU_RUN:
            return False
    return True
