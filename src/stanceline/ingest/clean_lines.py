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

Kind = Literal["body", "heading", "chrome", "credit", "appeal", "terminator", "boundary"]
KINDS: tuple[Kind, ...] = ("body", "heading", "chrome", "credit", "appeal", "terminator", "boundary")

_WS = re.compile(r"\s+")
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
_COMMENTER = re.compile(r"\b(says|said|wrote|writes|replied)\s*:?\s*$", re.IGNORECASE)
# Photo credits: "REUTERS/Name", "(Name/Agency)", "Photo by …", "Top photo credit: …".
_CREDIT_TAIL = re.compile(
    r"(\b[A-Z]{2,}(?:\s[A-Z]{2,})*\s?/\s?[A-Z][\w'’.\- ]*|\([A-Za-z][^()$\d]{0,80}/[^()$\d]{1,80}\)[\W]*|"
    r"\b(photo|image|picture|video|illustration|graphic|foto)s?\s*(by|credit|courtesy|:)\b.*|"
    r"\b(getty images|shutterstock|istock(photo)?|alamy|afp|epa|ap photo|associated press photo)\b\W*|"
    r"\((?:[^()]{0,60}\b(photo|file|image|credit|courtesy)\b[^()]{0,60})\)\W*)\W*$",
    re.IGNORECASE,
)
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
# A file name or slug shown instead of an image ("Screen-shot-2022-07-28-at-1.08.40-pm", "img_0042.jpg").
_SLUG = re.compile(r"^[^\W_]+(?:[-_.][^\W_]+){2,}$|^\S+\.(jpe?g|png|gif|webp|svg)$", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^(\w+,?\s)?(\d{1,2}\s)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s\d{1,2}(,?\s\d{4})?"
    r"|^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}",
    re.IGNORECASE,
)


def norm(line: str) -> str:
    return _WS.sub(" ", line).strip()


def words(line: str) -> list[str]:
    return _WORD.findall(line)


_TERMINAL_CHARS = frozenset(".!?:;…。！？")


def has_terminal(line: str) -> bool:
    # most prose ends on a bare full stop, which the pattern accepts without scanning the line
    if line and line[-1] in _TERMINAL_CHARS:
        return True
    return bool(_TERMINAL.search(line))


# Non-ASCII characters that IGNORECASE matching equates with an ASCII letter although str.lower()
# does not map them onto it (dotted/dotless i, long s, Kelvin sign).
_CASE_TRAPS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _lower_for_hints(line: str) -> str | None:
    """Lower-cased line for cheap `in` pre-checks, or None when such checks could miss a match."""
    if not line.isascii() and any(c in line for c in _CASE_TRAPS):
        return None
    return line.lower()


def _may_match(low: str | None, hints: tuple[str, ...]) -> bool:
    # Every match of the pattern guarded by `hints` contains one of them (lower-cased), so a line
    # with none cannot match and the costly case-insensitive scan is skipped.
    return low is None or any(h in low for h in hints)


def cap_ratio(ws: list[str]) -> float:
    """Share of words that start with a capital: high in headlines and menus, low in prose."""
    if not ws:
        return 0.0
    return sum(1 for w in ws if w[0].isupper()) / len(ws)


# A literal inside every alternative of _CTA.
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


def is_cta(line: str, n_words: int) -> bool:
    # a full sentence that mentions "comment" or "email" is prose, not a button
    if n_words > 12 or (n_words > 8 and has_terminal(line)):
        return False
    return _may_match(_lower_for_hints(line), _CTA_HINTS) and bool(_CTA.search(line))


def is_terminator(line: str) -> bool:
    if len(line) > 60:
        return False
    return bool(_TERMINATOR.match(line) or _TERMINATOR_GLUED.search(line))


_CREDIT_HINTS = ("photo", "image", "picture", "video", "illustration", "graphic", "foto", "getty", "shutterstock",
                 "istock", "alamy", "afp", "epa", "press", "credit", "courtesy", "file")


def _credit_hint(line: str, tail: str) -> bool:
    return "/" in tail or any(h in line.lower() for h in _CREDIT_HINTS)


def is_credit(line: str) -> bool:
    tail = line[-90:]
    if "http" in tail or "www." in tail:
        return False
    # the head pattern is anchored, so trying it costs little; most lines fail it at once
    if _CREDIT_HEAD.search(line):
        return _credit_hint(line, tail)
    # every match of the tail pattern holds a slash or a hint inside the tail itself
    tail_low = _lower_for_hints(tail)
    if tail_low is not None and "/" not in tail and not any(h in tail_low for h in _CREDIT_HINTS):
        return False
    return _credit_hint(line, tail) and bool(_CREDIT_TAIL.search(tail))


# A literal inside every alternative of _APPEAL.
_APPEAL_HINTS = (
    "donat", "subscri", "newsletter", "our readers", "our supporters", "our journalism", "our reporting",
    "our mission", "our newsroom", "our inbox", "tax", "paid ", "sign", "support ", "contribution", "unlimited ",
    "member", "become a ", "join ", "in the comments", "cookie", "site uses", "privacy ", "consent", "opt",
    "browsing experience",
)


def appeal_hits(line: str) -> int:
    if not _may_match(_lower_for_hints(line), _APPEAL_HINTS):
        return 0
    return len({m.group(0).lower() for m in _APPEAL.finditer(line)})


def is_label(line: str) -> bool:
    if len(line) > 100:
        return False
    parts = _LABEL_SEP.split(line)
    return (
        len(parts) >= 2
        and all(0 < len(p) <= 40 and not any(c in p for c in ".!?") for p in parts)
        and len(words(line)) <= 8
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
    ws = words(line)
    n = len(ws)
    if not line.isascii():
        cjk = len(_CJK.findall(line))
        if cjk:
            n = max(n, n - len([w for w in ws if _CJK.search(w)]) + cjk // 2)
    if n == 0:
        return "chrome", 0
    terminal = has_terminal(line)
    if is_terminator(line):
        return "terminator", n
    if n <= 10 and (not terminal or line.endswith(":")) and _BOUNDARY.search(line):
        return "boundary", n
    if n <= 80 and is_credit(line):
        return "credit", n
    # appeals are a few sentences long; a page glued into one line is not an appeal
    if n <= 150:
        hits = appeal_hits(line)
        if hits and (
            (hits >= 2 and _ADDRESS.search(line)) or hits >= 3 or (hits == 1 and n <= 25 and (not terminal or n <= 12))
        ):
            return "appeal", n
    if repeated_on_page or is_label(line) or is_slug(line) or is_cta(line, n):
        return "chrome", n
    if (n <= 8 and _DATE_LINE.search(line)) or _is_commenter(line, ws):
        return "chrome", n
    if (terminal and n >= 4) or n >= 25:
        return "body", n
    return "heading", n


_SPEAKER_WORDS = frozenset(
    ["the", "a", "an", "he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "this", "that", "our"]
)


def _is_commenter(line: str, ws: list[str]) -> bool:
    # "jane_doe says:" is a comment header; "The minister said:" introduces a quotation
    return 1 <= len(ws) <= 5 and ws[0].lower() not in _SPEAKER_WORDS and bool(_COMMENTER.search(line))


def headline_like(line: Line) -> bool:
    """A line that could be the page's headline: short, starts with a capital, not a sentence run."""
    t = line.text
    if line.kind not in ("heading", "body") or not 3 <= line.n_words <= 22:
        return False
    if not (t[0].isupper() or t[0].isdigit() or t[0] in "\"'“‘"):
        return False
    return not t.endswith(".") or (line.n_words <= 12 and t.count(".") == 1 and cap_ratio(words(t)) > 0.5)
