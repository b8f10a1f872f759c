"""Line features for telling article paragraphs from page chrome, captions, appeals and teasers.

Everything here is a pure function of one line (plus, for repetition, the page's other lines).
The vocabulary is generic web boilerplate (share, subscribe, read more, photo credits), never
strings of particular sites.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from stanceline.clean.regex_trie import any_of

Kind = Literal["body", "heading", "chrome", "credit", "appeal", "terminator", "boundary"]
KINDS: tuple[Kind, ...] = ("body", "heading", "chrome", "credit", "appeal", "terminator", "boundary")

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# Sentence ends, also behind closing quotes/brackets.
_TERMINAL = re.compile(r"[.!?:;…。！？]['\"”’»)\]」』]*$|[.!?…]['\"”’»)\]]*\s*\(?\d*\)?$")
# Scripts written without spaces: count characters, two to a word.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

# A short line that is only a call to action or a widget label.
_CTA = re.compile(
    r"\b(share( this| on| via)?|follow( us)?|sign ?(up|in)|log ?(in|out)|subscribe|subscription|newsletters?|"
    r"keep reading|read more|read next|read also|see also|show (less|more)|continue reading|click here|"
    r"advertisement|advertising|sponsored|cookies?|javascript|all rights reserved|copyright|privacy policy|"
    r"terms (of|and) (use|service|conditions)|related (articles?|stories|posts|content|topics)|"
    r"most (read|popular|viewed)|trending|latest( news| stories)?|comments?|reply|tweet|facebook|twitter|"
    r"whatsapp|linkedin|instagram|telegram|youtube|pinterest|reddit|e-?mail|print|skip to|menu|search|"
    r"back to top|download (the|our) app|want more|preferred source|recommended|you may also like|"
    r"more (from|stories|news|on this)|top stories|editor'?s picks|podcasts?|watch( now| live)?|listen|"
    r"donate|support us|become a (member|subscriber|supporter)|get the app|tags?|topics?|filed under|"
    r"loading|next article|previous article|load more|view (all|more|comments)|close|toggle|"
    r"accept|contact us|about us|home|©)\b|©",
    re.IGNORECASE,
)
# Lines that end a teaser of another story ("keep reading", "Read more ›", "Show less").
_TERMINATOR = re.compile(
    r"^(?:\W*)(keep reading|read more|continue reading|show (less|more)|read (the )?full (story|article)|"
    r"full story|more)(?:\W*(keep reading|read more|show (less|more)))*\W*$",
    re.IGNORECASE,
)
_TERMINATOR_GLUED = re.compile(
    r"(keep reading|read more|continue reading)\s*(show less|show more)?\W*$", re.IGNORECASE
)
# Headers that open what follows an article: comments, related and popular stories.
_BOUNDARY = re.compile(
    r"^\W*(\d+\s+)?(comments?|responses?|replies|reactions|discussion)\b|"
    r"^\W*(leave a (comment|reply)|post a comment|join the (conversation|discussion)|related\b|"
    r"read (also|next)|see also|more (from|stories|on|in)\b|you (may|might) also|recommended|trending|"
    r"most (read|popular|viewed|shared)|popular (posts|stories|articles)|latest\b|further reading|also on\b)",
    re.IGNORECASE,
)
# "jane_doe says:" above a comment
_SPEECH_VERBS = ("says", "said", "wrote", "writes", "replied")
_COMMENTER = re.compile(r"\b(" + "|".join(_SPEECH_VERBS) + r")\s*:?\s*$", re.IGNORECASE)
# Photo credits: "REUTERS/Name", "(Name/Agency)", "Photo by …", "Top photo credit: …".
_CREDIT_SLASHED = (
    r"\b[A-Z]{2,}(?:\s[A-Z]{2,})*\s?/\s?[A-Z][\w'’.\- ]*", r"\([A-Za-z][^()$\d]{0,80}/[^()$\d]{1,80}\)[\W]*"
)
_CREDIT_WORDED = (
    r"\b(photo|image|picture|video|illustration|graphic|foto)s?\s*(by|credit|courtesy|:)\b.*",
    r"\b(getty images|shutterstock|istock(photo)?|alamy|afp|epa|ap photo|associated press photo)\b\W*",
    r"\((?:[^()]{0,60}\b(photo|file|image|credit|courtesy)\b[^()]{0,60})\)\W*",
)
_CREDIT_TAIL = re.compile("(" + "|".join(_CREDIT_SLASHED + _CREDIT_WORDED) + r")\W*$", re.IGNORECASE)
_CREDIT_HEAD = re.compile(
    r"^\W*(top |main |lead |header |featured )?(photo|image|picture|illustration|graphic)s?\s*(credit|by|:)",
    re.IGNORECASE,
)
# Donation / subscription / membership appeals and consent notices written as full sentences.
_APPEAL = re.compile(
    r"\b(donat(e|es|ed|ion|ions|ing)|subscri(be|bes|ber|bers|ption|ptions)|newsletters?|"
    r"(our|your) (readers|supporters|journalism|reporting|mission|newsroom|inbox)|"
    r"tax[- ](exempt|deductible)|paid (member|subscriber)s?|(sign|signing) up|"
    r"support (us|our|independent)|contributions?|unlimited (access|articles|reading)|"
    r"subscriber-only|members?-only|become a (paid member|subscriber|supporter|patron)|"
    r"join (the discussion|the conversation|our community)|in the comments|"
    # consent banners read like prose but are page furniture
    r"cookies?|this (web)?site uses|privacy (policy|settings)|(your|my) consent|opt[- ]out|browsing experience)\b",
    re.IGNORECASE,
)
# Appeals speak to the reader or for the outlet.
_ADDRESS = re.compile(r"\b(we|us|our|you|your)\b", re.IGNORECASE)
# "Analysis | Europe", "News > World" — breadcrumbs and section labels.
_LABEL_SEP = re.compile(r"\s[|>»/•·]\s")
_LABEL_MARK = re.compile(r"[|>»/•·]")
# A file name or slug shown instead of an image ("Screen-shot-2022-07-28-at-1.08.40-pm", "img_0042.jpg").
_SLUG = re.compile(r"^[^\W_]+(?:[-_.][^\W_]+){2,}$|^\S+\.(jpe?g|png|gif|webp|svg)$", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^(\w+,?\s)?(\d{1,2}\s)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s\d{1,2}(,?\s\d{4})?"
    r"|^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}",
    re.IGNORECASE,
)


def is_date_line(line: str, n_words: int) -> bool:
    """A short line that is only a date ("Friday, March 3, 2023", "3 Mar 2023", "2023-03-03")."""
    return n_words <= 8 and _DATE_LINE.match(line) is not None


def norm(line: str) -> str:
    # the same as replacing each \s+ run by a space and stripping: re's \s, str.split() and
    # str.strip() all take whitespace as str.isspace() does
    return " ".join(line.split())


# On ASCII text [^\W_] is [A-Za-z0-9]: the same words, tested by bitmap instead of by Unicode category.
_WORD_ASCII = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*")
# Every byte that is not an ASCII letter or digit becomes a space.
_ALNUM_OR_SPACE = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))


def words(line: str) -> list[str]:
    if line.isascii():
        if "'" not in line:
            # without apostrophes to join them, the words are the runs of letters and digits:
            # one C pass over the bytes instead of a match object per word
            return line.encode().translate(_ALNUM_OR_SPACE).decode().split()
        return _WORD_ASCII.findall(line)
    return _WORD.findall(line)


_TERMINAL_CHARS = frozenset(".!?:;…。！？")


def has_terminal(line: str) -> bool:
    if not line:
        return False
    # most prose ends on a bare full stop, which the pattern accepts without scanning the line;
    # every match ends on a sentence mark, closer, digit, bracket or space, never on a letter
    last = line[-1]
    if last in _TERMINAL_CHARS:
        return True
    return not last.isalpha() and bool(_TERMINAL.search(line))


# Non-ASCII characters that IGNORECASE matching equates with an ASCII letter although str.lower()
# does not map them onto it (dotted/dotless i, long s, Kelvin sign). U+0130 is also the only
# character whose lower case is longer than itself.
_CASE_TRAPS = ("\u0130", "\u0131", "\u017f", "\u212a")
_CASE_TRAP = re.compile("[" + "".join(_CASE_TRAPS) + "]")


def _lower_for_hints(line: str) -> str | None:
    """Lower-cased line for the pre-checks and lower-case scans, or None when they could miss a match.

    Without the traps, str.lower() keeps every position and every character class (word, space,
    digit) and maps a character onto an ASCII letter exactly when IGNORECASE matching equates them,
    so a case-sensitive scan of the lower-cased line takes the same decisions, at the same places,
    as the case-insensitive scan of the line itself."""
    if not line.isascii() and _CASE_TRAP.search(line):
        return None
    return line.lower()


def _any_of(hints: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern finding any of `hints`: one pass over the line instead of one substring search
    per hint (regex_trie)."""
    return re.compile(any_of(hints))


def cap_ratio(ws: list[str]) -> float:
    """Share of words that start with a capital: high in headlines and menus, low in prose."""
    if not ws:
        return 0.0
    return sum(1 for w in ws if w[0].isupper()) / len(ws)


# A literal inside every alternative of _CTA: a line without any of them cannot match.
_CTA_HINTS = (
    "share", "follow", "sign", "log", "subscri", "newsletter", "keep reading", "read ", "see also", "show ",
    "continue reading", "click here", "advertis", "sponsored", "cookie", "javascript", "all rights reserved",
    "copyright", "privacy policy", "terms ", "related ", "most ", "trending", "latest", "comment", "reply",
    "tweet", "facebook", "twitter", "whatsapp", "linkedin", "instagram", "telegram", "youtube", "pinterest",
    "reddit", "mail", "print", "skip to", "menu", "search", "back to top", "download ", "more", "preferred source",
    "recommended", "you may also like", "top stories", "editor", "podcast", "watch", "listen", "donate",
    "support us", "become a ", "get the app", "tag", "topic", "filed under", "loading", "next article",
    "previous article", "view ", "close", "toggle", "accept", "contact us", "about us", "home", "©",
)
_CTA_HINT = _any_of(_CTA_HINTS)
# _CTA for lower-cased lines (see _lower_for_hints): its literals are all lower case.
_CTA_LOW = re.compile(_CTA.pattern)


def is_cta(line: str, n_words: int) -> bool:
    return _is_cta(line, _lower_for_hints(line), n_words, None)


def _is_cta(line: str, low: str | None, n_words: int, terminal: bool | None) -> bool:
    # a full sentence that mentions "comment" or "email" is prose, not a button
    if n_words > 12 or (n_words > 8 and (has_terminal(line) if terminal is None else terminal)):
        return False
    if low is None:
        return bool(_CTA.search(line))
    return _CTA_HINT.search(low) is not None and _CTA_LOW.search(low) is not None


def is_terminator(line: str) -> bool:
    if len(line) > 60:
        return False
    # every match of the glued pattern spells "read", whose letters IGNORECASE equates with no
    # other character than their capitals
    return bool(_TERMINATOR.match(line) or ("read" in line.lower() and _TERMINATOR_GLUED.search(line)))


# Every match of _CREDIT_TAIL holds a slash or one of these (lower-cased).
_CREDIT_HINTS = ("photo", "image", "picture", "video", "illustration", "graphic", "foto", "getty", "shutterstock",
                 "istock", "alamy", "afp", "epa", "press", "credit", "courtesy", "file")
_CREDIT_HINT = _any_of(_CREDIT_HINTS)
# _CREDIT_TAIL for lower-cased tails (see _lower_for_hints): capitals are matched as lower case.
_CREDIT_TAIL_LOW = re.compile(_CREDIT_TAIL.pattern.replace("[A-Za-z]", "[a-z]").replace("[A-Z]", "[a-z]"))
# The same without the alternatives that need a slash, for the tails that have none: the first of
# those tries every word and the words after it, which makes most of the pattern's cost.
_CREDIT_TAIL_LOW_WORDED = re.compile("(" + "|".join(_CREDIT_WORDED) + r")\W*$")


def _credit_hint(line: str, tail: str) -> bool:
    return "/" in tail or any(h in line.lower() for h in _CREDIT_HINTS)


def is_credit(line: str) -> bool:
    return _is_credit(line, _lower_for_hints(line))


def _is_credit(line: str, low: str | None) -> bool:
    tail = line[-90:]
    if "http" in tail or "www." in tail:
        return False
    # the head pattern is anchored, so trying it costs little; most lines fail it at once
    if _CREDIT_HEAD.match(line):
        return _credit_hint(line, tail)
    # every match of the tail pattern holds a slash or a hint inside the tail itself; such a tail
    # also satisfies _credit_hint, whose hints lie in the whole line
    if low is not None:
        low_tail = low[-90:]
        if "/" in tail:
            return _CREDIT_TAIL_LOW.search(low_tail) is not None
        if _CREDIT_HINT.search(low_tail) is None:
            return False
        return _CREDIT_TAIL_LOW_WORDED.search(low_tail) is not None
    tail_low = _lower_for_hints(tail)
    if tail_low is not None and "/" not in tail and not any(h in tail_low for h in _CREDIT_HINTS):
        return False
    return _credit_hint(line, tail) and bool(_CREDIT_TAIL.search(tail))


# A lower-case piece of every alternative of _APPEAL ("ur re" of "our readers", "gn up" of "sign up"),
# each starting on an uncommon letter: the pre-check tries few places of a line, and a line without
# any piece cannot match.
_APPEAL_PIECES = (
    "donat", "bscri", "wsletter", "ur rea", "ur rep", "ur su", "ur jo", "ur mi", "ur new", "ur inb", "x-ex", "x-de",
    "x ex", "x de", "paid m", "paid s", "gn up", "gning up", "pport us", "pport our", "pport ind", "bution", "unlim",
    "ber-o", "bers-o", "become a ", "join t", "join o", "comments", "kie", "uses", "vacy ", "consent", "pt-out",
    "pt out", "wsing e",
)
_APPEAL_HINT = _any_of(_APPEAL_PIECES)
# How far into a match its first piece may lie ("uses" in "this website uses").
_APPEAL_REACH = 13
# _APPEAL for lower-cased lines (see _lower_for_hints): its literals are all lower case.
_APPEAL_LOW = re.compile(_APPEAL.pattern)


def appeal_hits(line: str) -> int:
    return _appeal_hits(line, _lower_for_hints(line))


def _appeal_hits(line: str, low: str | None) -> int:
    if low is None:
        return len({m.group(0).lower() for m in _APPEAL.finditer(line)})
    first = _APPEAL_HINT.search(low)
    if first is None:
        return 0
    # no match starts further than _APPEAL_REACH before the first piece, so the scan starts there;
    # a match spells only ASCII letters, spaces and hyphens, so it is already its own lower case
    return len({m.group(0) for m in _APPEAL_LOW.finditer(low, max(0, first.start() - _APPEAL_REACH))})


def is_label(line: str) -> bool:
    return _is_label(line, None)


def _is_label(line: str, n_words: int | None) -> bool:
    if len(line) > 100 or not _LABEL_MARK.search(line):
        return False
    parts = _LABEL_SEP.split(line)
    return (
        len(parts) >= 2
        and all(0 < len(p) <= 40 and not any(c in p for c in ".!?") for p in parts)
        and (len(words(line)) if n_words is None else n_words) <= 8
    )


def is_slug(line: str) -> bool:
    if " " in line or len(line) > 160:
        return False
    return bool(_SLUG.match(line)) and any(c.isdigit() or c in "-_" for c in line)


def repeated(lines: list[str]) -> set[str]:
    """Short lines seen more than once on the page: widget labels, section names, share bars."""
    counts = Counter(ln.lower() for ln in lines if len(ln) < 80)
    return {ln for ln, c in counts.items() if c > 1}


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    kind: Kind
    n_words: int


def classify(line: str, seen_twice: set[str]) -> Line:
    kind, n = _kind(line, bool(seen_twice) and line.lower() in seen_twice)
    return Line(line, kind, n)


# Pages repeat lines (share bars, labels) and the HTML path classifies a paragraph both as a block
# and as a residue line: the verdict depends only on the text and its repetition flag.
@lru_cache(maxsize=4096)
def _kind(line: str, repeated_on_page: bool) -> tuple[Kind, int]:
    plain = line.isascii()
    ws = words(line)
    n = len(ws)
    if not plain:
        cjk = len(_CJK.findall(line))
        if cjk:
            n = max(n, n - len([w for w in ws if _CJK.search(w)]) + cjk // 2)
    if n == 0:
        return "chrome", 0
    terminal = has_terminal(line)
    if is_terminator(line):
        return "terminator", n
    # the boundary and date patterns are anchored at the start: match() tries that one place only
    if n <= 10 and (not terminal or line.endswith(":")) and _BOUNDARY.match(line):
        return "boundary", n
    # one lower-cased copy serves every pre-check and lower-case scan below
    low = line.lower() if plain else _lower_for_hints(line)
    if n <= 80 and _is_credit(line, low):
        return "credit", n
    # appeals are a few sentences long; a page glued into one line is not an appeal
    if n <= 150:
        hits = _appeal_hits(line, low)
        if hits and (
            (hits >= 2 and _ADDRESS.search(line)) or hits >= 3 or (hits == 1 and n <= 25 and (not terminal or n <= 12))
        ):
            return "appeal", n
    if repeated_on_page or _is_label(line, len(ws)) or is_slug(line) or _is_cta(line, low, n, terminal):
        return "chrome", n
    if is_date_line(line, n) or _is_commenter(line, ws):
        return "chrome", n
    if (terminal and n >= 4) or n >= 25:
        return "body", n
    return "heading", n


_SPEAKER_WORDS = frozenset(
    ["the", "a", "an", "he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "this", "that", "our"]
)


def _is_commenter(line: str, ws: list[str]) -> bool:
    # "jane_doe says:" is a comment header; "The minister said:" introduces a quotation
    if not 1 <= len(ws) <= 5 or ws[0].lower() in _SPEAKER_WORDS:
        return False
    # the verb ends the line's last word; an ASCII word shows it as lower(), others may hide it
    # behind characters IGNORECASE equates with ASCII letters
    last = ws[-1].lower()
    if last.isascii() and not last.endswith(_SPEECH_VERBS):
        return False
    return bool(_COMMENTER.search(line))


def headline_like(line: Line) -> bool:
    """A line that could be the page's headline: short, starts with a capital, not a sentence run."""
    t = line.text
    if line.kind not in ("heading", "body") or not 3 <= line.n_words <= 22:
        return False
    if not (t[0].isupper() or t[0].isdigit() or t[0] in "\"'“‘"):
        return False
    return not t.endswith(".") or (line.n_words <= 12 and t.count(".") == 1 and cap_ratio(words(t)) > 0.5)
