"""Date-string parsing for the dating stage: ISO forms, numeric European forms and month names.

Kept deliberately strict: a string that could mean two different days (``03/04/2020``) is not a
date here, because a wrong day is worse than no day for the dating stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

# Month names and abbreviations in the languages news pages most often use. Lower-case,
# accents kept and stripped forms both listed, so the lookup works on normalised input.
_MONTHS: dict[str, int] = {}
_MONTH_NAMES: dict[int, list[str]] = {
    1: [
        "january",
        "jan",
        "januar",
        "jänner",
        "jaenner",
        "janvier",
        "janv",
        "enero",
        "ene",
        "gennaio",
        "gen",
        "januari",
        "janeiro",
        "stycznia",
        "styczeń",
        "styczen",
    ],
    2: [
        "february",
        "feb",
        "februar",
        "feber",
        "février",
        "fevrier",
        "févr",
        "fevr",
        "febrero",
        "febbraio",
        "februari",
        "fevereiro",
        "lutego",
        "luty",
    ],
    3: [
        "march",
        "mar",
        "märz",
        "maerz",
        "marz",
        "mär",
        "mrz",
        "mars",
        "marzo",
        "maart",
        "março",
        "marco",
        "marca",
        "marzec",
    ],
    4: ["april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "kwiecień"],
    5: ["may", "mai", "mayo", "maggio", "mag", "mei", "maio", "maja", "maj"],
    6: ["june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwca", "czerwiec"],
    7: ["july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipca", "lipiec"],
    8: ["august", "aug", "août", "aout", "agosto", "ago", "augustus", "sierpnia", "sierpień"],
    9: [
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "settembre",
        "set",
        "setembro",
        "września",
        "wrzesnia",
        "wrzesień",
    ],
    10: [
        "october",
        "oct",
        "oktober",
        "okt",
        "octobre",
        "octubre",
        "ottobre",
        "ott",
        "outubro",
        "out",
        "października",
        "pazdziernika",
        "październik",
    ],
    11: ["november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopad"],
    12: [
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
        "grudnia",
        "grudzień",
        "grudzien",
    ],
}
# Arabic (the Gregorian names used in Egypt and the Gulf, and the Levantine ones), Russian
# (genitive, as in dates, and nominative) and Turkish month names.
_MORE_NAMES: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "января", "январь", "ocak"),
    2: ("فبراير", "شباط", "февраля", "февраль", "şubat", "subat"),
    3: ("مارس", "آذار", "марта", "март", "mart"),
    4: ("أبريل", "ابريل", "إبريل", "نيسان", "апреля", "апрель", "nisan"),
    5: ("مايو", "أيار", "мая", "май", "mayıs", "mayis"),
    6: ("يونيو", "يونيه", "حزيران", "июня", "июнь", "haziran"),
    7: ("يوليو", "يوليه", "تموز", "июля", "июль", "temmuz"),
    8: ("أغسطس", "اغسطس", "آب", "августа", "август", "ağustos", "agustos"),
    9: ("سبتمبر", "أيلول", "сентября", "сентябрь", "eylül", "eylul"),
    10: ("أكتوبر", "اكتوبر", "تشرين الأول", "октября", "октябрь", "ekim"),
    11: ("نوفمبر", "تشرين الثاني", "ноября", "ноябрь", "kasım", "kasim"),
    12: ("ديسمبر", "كانون الأول", "декабря", "декабрь", "aralık", "aralik"),
}
for _m, _extra in _MORE_NAMES.items():
    _MONTH_NAMES[_m] = [*_MONTH_NAMES[_m], *_extra]
for _m, _names in _MONTH_NAMES.items():
    for _n in _names:
        _MONTHS[_n] = _m


def month_names() -> frozenset[str]:
    """Every month name and abbreviation this parser reads (lower-case)."""
    return frozenset(_MONTHS)


_MONTH_ALT = "|".join(sorted((re.escape(n) for n in _MONTHS), key=len, reverse=True))
_MON = rf"(?P<mon>{_MONTH_ALT})\.?"

ISO_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)(?!\d)")
ISO_COMPACT_RE = re.compile(r"^(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:T|$)")
YM_RE = re.compile(r"^(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)$")
Y_RE = re.compile(r"^(?P<y>(?:19|20)\d\d)$")
# 18.10.2024 / 18.10.24 (German and much of Europe write day first with dots).
DMY_DOT_RE = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.\s?(?P<m>[01]?\d)\.\s?(?P<y>(?:19|20)\d\d)(?![\d.]\d)")
# 18/10/2024 or 10/18/2024: only when one reading is impossible.
SLASH_RE = re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)[/-](?P<b>[0-3]?\d)[/-](?P<y>(?:19|20)\d\d)(?![\d/])")
# 18 October 2024, 18. Oktober 2024, 18 de octubre de 2024, 1er janvier 2020
DMONY_RE = re.compile(
    rf"(?<![\w\d])(?P<d>[0-3]?\d)(?:\.|er|st|nd|rd|th)?\s*(?:de\s+)?{_MON}\s*,?\s*(?:de\s+)?(?P<y>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# October 18, 2024 / Oct. 18th 2024
MONDY_RE = re.compile(
    rf"(?<![\w])(?P<mon>{_MONTH_ALT})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
MONY_RE = re.compile(rf"(?<![\w])(?P<mon>{_MONTH_ALT})\.?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PDate:
    """A parsed date at some precision; `day`/`month` are None when unknown."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def precision(self) -> int:
        return 1 + (self.month is not None) + (self.day is not None)

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)


def make(y: int, m: int | None = None, d: int | None = None) -> PDate | None:
    """A PDate if the components form a real calendar date, else None."""
    if m is not None and not 1 <= m <= 12:
        return None
    if d is not None:
        if m is None:
            return None
        try:
            date(y, m, d)
        except ValueError:
            return None
    return PDate(y, m, d)


def parse_iso(value: str) -> PDate | None:
    """Strict ISO 8601 at any precision: `2024`, `2024-10`, `2024-10-18`, `2024-10-18T09:00:00Z`."""
    s = value.strip()
    if m := Y_RE.match(s):
        return make(int(m["y"]))
    if m := YM_RE.match(s):
        return make(int(m["y"]), int(m["m"]))
    m2 = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$", s)
    if m2:
        return make(int(m2[1]), int(m2[2]), int(m2[3]))
    return None


_INSTANT_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)"
    r"(?::(?P<S>[0-5]\d)(?:\.\d+)?)?\s?(?P<z>Z|[+-][01]\d:?[0-5]\d)(?!\d)"
)


def parse_instant(value: str) -> datetime | None:
    """The moment an ISO timestamp with a time of day and a zone names (`2024-10-18T23:30:00Z`,
    `2024-10-18 23:30+02:00`), as an aware datetime; None for a bare date or a time without a zone,
    which name no moment."""
    m = _INSTANT_RE.search(value[:60])
    if m is None:
        return None
    z = m["z"]
    minutes = 0 if z == "Z" else (1 if z[0] == "+" else -1) * (int(z[1:3]) * 60 + int(z[-2:]))
    try:
        return datetime(
            int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"]), int(m["M"]), int(m["S"] or 0),
            tzinfo=timezone(timedelta(minutes=minutes)),
        )
    except ValueError:
        return None


def month_of(name: str) -> int | None:
    return _MONTHS.get(name.lower().rstrip("."))


def parse_loose(value: str, *, allow_month: bool = True) -> PDate | None:
    """The first unambiguous date in a short string (a meta value, a dateline, a <time> text)."""
    s = value.strip()
    if not s:
        return None
    if p := parse_iso(s):
        return p
    if m := ISO_COMPACT_RE.match(s):
        return make(int(m["y"]), int(m["m"]), int(m["d"]))
    found = find_all(s, allow_month=allow_month)
    return found[0][0] if found else None


_YEAR4 = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# Every form read here has a four-digit year, with at most this many characters of the date before
# it ("18th de septiembre de") or after it ("-10-18").
_BEFORE_YEAR = 48
_AFTER_YEAR = 8
_LONG_TEXT = 2000


def find_all(s: str, *, allow_month: bool = False) -> list[tuple[PDate, int, int]]:
    """Every unambiguous full date in free text, with its span, in order of position.

    A long text is read only around its four-digit years (the regular expressions over a whole
    page cost tens of milliseconds); windows start at a space so no match begins mid-word.
    """
    if len(s) <= _LONG_TEXT:
        return _find_all(s, allow_month=allow_month)
    out: list[tuple[PDate, int, int]] = []
    lo_prev = hi_prev = -1
    for y in _YEAR4.finditer(s):
        lo = max(0, y.start() - _BEFORE_YEAR)
        sp = s.rfind(" ", 0, lo + 1)
        lo = sp + 1 if sp >= 0 else 0
        hi = y.end() + _AFTER_YEAR
        if lo <= hi_prev:
            hi_prev = hi
            continue
        if hi_prev >= 0:
            out += [(p, lo_prev + a, lo_prev + b) for p, a, b in _find_all(s[lo_prev:hi_prev], allow_month=allow_month)]
        lo_prev, hi_prev = lo, hi
    if hi_prev >= 0:
        out += [(p, lo_prev + a, lo_prev + b) for p, a, b in _find_all(s[lo_prev:hi_prev], allow_month=allow_month)]
    return out


def _find_all(s: str, *, allow_month: bool = False) -> list[tuple[PDate, int, int]]:
    out: list[tuple[PDate, int, int]] = []
    taken: list[tuple[int, int]] = []

    def add(p: PDate | None, a: int, b: int) -> None:
        if p is None or any(a < tb and ta < b for ta, tb in taken):
            return
        taken.append((a, b))
        out.append((p, a, b))

    for m in ISO_RE.finditer(s):
        add(make(int(m["y"]), int(m["m"]), int(m["d"])), m.start(), m.end())
    for m in DMONY_RE.finditer(s):
        mo = month_of(m["mon"])
        if mo:
            add(make(int(m["y"]), mo, int(m["d"])), m.start(), m.end())
    for m in MONDY_RE.finditer(s):
        mo = month_of(m["mon"])
        if mo:
            add(make(int(m["y"]), mo, int(m["d"])), m.start(), m.end())
    for m in DMY_DOT_RE.finditer(s):
        add(make(int(m["y"]), int(m["m"]), int(m["d"])), m.start(), m.end())
    for m in SLASH_RE.finditer(s):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if a > 12 >= b:
            add(make(y, b, a), m.start(), m.end())
        elif b > 12 >= a or a == b:
            add(make(y, a, b), m.start(), m.end())
    if allow_month:
        for m in MONY_RE.finditer(s):
            mo = month_of(m["mon"])
            # "May 2020" is common, but "mar"/"mag" etc. are also ordinary words; require the
            # name to be a full month name or followed by a period.
            if mo and (len(m["mon"]) >= 4 or m.group(0)[len(m["mon"])] == "."):
                add(make(int(m["y"]), mo), m.start(), m.end())
    out.sort(key=lambda t: t[1])
    return out
