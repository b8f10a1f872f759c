"""Quotation marks: the stretches of text between them, paragraph by paragraph.

The scanner works paragraph by paragraph (news style re-opens a long quote at each paragraph
and never closes the earlier ones), so an unbalanced mark can at worst run to the end of its
paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

OPEN_DQ = "“„«"


CLOSE_DQ = "”»"


@dataclass
class QSpan:
    """Quoted text between marks; `start`/`end` exclude the marks."""

    start: int
    end: int
    para: int
    closed: bool
    cont_prev: bool = False  # re-opened continuation of a quote from the previous paragraph


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: a text with blank lines between paragraphs and one
    without them give the same paragraph sequence."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _is_open_straight(text: str, i: int) -> bool:
    if i == 0 or not (text[i - 1].isalnum() or text[i - 1] in ".,;:!?)]’'"):
        return True
    # Sentences run together by a lost space ('… the budget."Anna Berg did not …'): a
    # mark between a full stop and a capital opens a quotation.
    return text[i - 1] in ".!?" and i + 1 < len(text) and text[i + 1].isupper()


def find_quoted_spans(text: str) -> list[QSpan]:
    """Double-quoted spans per paragraph, and single-quoted ‘…’ spans used as speech."""
    spans: list[QSpan] = []
    paras = paragraphs(text)
    prev_open_unclosed = False
    for pi, (ps, pe) in enumerate(paras):
        open_at: int | None = None
        first_open = True
        for i in range(ps, pe):
            ch = text[i]
            if ch in OPEN_DQ or (ch == '"' and open_at is None and _is_open_straight(text, i)):
                # A second opening mark before a close: the first one was unbalanced; drop it
                # rather than let it swallow text.
                open_at = i
                continue
            if (ch in CLOSE_DQ or ch == '"') and open_at is not None:
                if i > open_at + 1:
                    spans.append(
                        QSpan(
                            open_at + 1,
                            i,
                            pi,
                            True,
                            cont_prev=prev_open_unclosed and first_open and leads(text, ps, open_at),
                        )
                    )
                open_at = None
                first_open = False
                continue
        if open_at is not None:
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            reopen = nxt is not None and _next_para_reopens(text, nxt)
            end = pe
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            if end > open_at + 1:
                spans.append(
                    QSpan(
                        open_at + 1,
                        end,
                        pi,
                        False,
                        cont_prev=prev_open_unclosed and first_open and leads(text, ps, open_at),
                    )
                )
            prev_open_unclosed = reopen
        else:
            prev_open_unclosed = False
        if not text[ps:pe].strip():
            continue
    spans.extend(_single_quoted(text, paras))
    spans.extend(q for q in _straight_single(text, paras) if not any(d.start <= q.start < d.end for d in spans))
    spans.sort(key=lambda q: q.start)
    return spans


def _straight_single(text: str, paras: list[tuple[int, int]]) -> list[QSpan]:
    """'…' spans in straight single marks of three words or more, the quotation marks of some
    outlets. The same key types apostrophes, so a mark opens only after a space or bracket and
    before a letter or digit, and closes only before a non-letter after a non-space: "can't",
    "it's" are neither, and a plural possessive ("the workers' vote") does not close unless
    punctuation precedes it ("… any longer.'")."""
    out: list[QSpan] = []
    for pi, (ps, pe) in enumerate(paras):
        i = ps
        while i < pe:
            if text[i] == "'" and (i == ps or text[i - 1] in " \t([—–-") and i + 1 < pe and text[i + 1].isalnum():
                close = -1
                for j in range(i + 1, pe):
                    if text[j] != "'":
                        continue
                    after_ok = j + 1 >= pe or not text[j + 1].isalnum()
                    before = text[j - 1]
                    if after_ok and not before.isspace() and (before in ",.!?" or before != "s"):
                        close = j
                        break
                    if before.isspace() and not after_ok:
                        break  # another opener first: the first mark was an elision ("'90s")
                if close > 0 and len(text[i + 1 : close].split()) >= 3:
                    out.append(QSpan(i + 1, close, pi, True))
                    i = close
            i += 1
    return out


def leads(text: str, ps: int, i: int) -> bool:
    return not text[ps:i].strip()


def _next_para_reopens(text: str, para: tuple[int, int]) -> bool:
    s = text[para[0] : para[1]].lstrip()
    return bool(s) and (s[0] in OPEN_DQ or s[0] == '"')


def _single_quoted(text: str, paras: list[tuple[int, int]]) -> list[QSpan]:
    """‘…’ spans (typographic single quotes) of several words; apostrophes are not openers."""
    out: list[QSpan] = []
    open_before = False  # the paragraph before ended inside a quotation that this one re-opens
    for pi, (ps, pe) in enumerate(paras):
        i = ps
        reopened = False
        while i < pe:
            if text[i] == "‘" and (i == ps or not text[i - 1].isalnum()):
                j = i + 1
                close = -1
                while j < pe:
                    if text[j] == "’" and (j + 1 >= pe or not text[j + 1].isalnum()) and text[j - 1] != "s":
                        close = j
                        break
                    if text[j] == "‘":
                        break
                    j += 1
                leading = leads(text, ps, i)
                cont = open_before and leading
                if close > 0 and len(text[i + 1 : close].split()) >= 3:
                    out.append(QSpan(i + 1, close, pi, True, cont_prev=cont))
                    i = close
                elif close < 0 and j >= pe and leading and _reopens_single(text, paras, pi):
                    # British style: a quotation of several paragraphs re-opens each one with ‘
                    # and closes only the last.
                    end = pe
                    while end > i + 1 and text[end - 1].isspace():
                        end -= 1
                    out.append(QSpan(i + 1, end, pi, False, cont_prev=cont))
                    reopened = True
                    i = pe
            i += 1
        open_before = reopened
    return out


def _reopens_single(text: str, paras: list[tuple[int, int]], pi: int) -> bool:
    if pi + 1 >= len(paras):
        return False
    ns, ne = paras[pi + 1]
    return text[ns:ne].lstrip().startswith("‘")


def para_index(paras: list[tuple[int, int]], pos: int) -> int:
    lo, hi = 0, len(paras) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if paras[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def alnum(text: str, s: int, e: int) -> int:
    return sum(1 for c in text[s:e] if c.isalnum())


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in ' \n\t,:;“”"‘’':
        s += 1
    while e > s and text[e - 1] in ' \n\t,:;“”"‘’':
        e -= 1
    return s, e
