"""Search: the query language, its parsing, and its plan over the store (web and CLI both call this).

The language, one line as a user types it:

- words and "quoted phrases" must all match (`ferry strike`, `"security guarantees"`);
- `OR` between two terms makes them alternatives (`Kyiv OR Kiev ceasefire` is (Kyiv or Kiev) and
  ceasefire); `AND` is the default and may be written;
- `-word`, `-"a phrase"` or `NOT word` excludes documents containing it;
- filters as `key:value` (value quoted when it has spaces): `outlet:`, `since:`, `until:` (a year,
  month or day: `2024`, `2024-06`, `2024-06-30`), `lang:` (or `language:`, an ISO 639-1 code),
  `actor:` (a name or alias). The same filters come as form fields or options; where both are
  given the field wins.

Actor-aware terms: a term (word or phrase) that names an actor of the actor table, by its name or
any alias once case, accents and transliteration variants are folded ("Zelenskiy", "Zelenskyy",
"Zelensky"), also matches every stored spelling of that actor. The `actor:` filter keeps the
documents where the NLP stage found the actor mentioned, whatever the spelling.

Matching is the full-text index's (SQLite FTS5 with the Porter stemmer and diacritics removed;
PostgreSQL's English text search): dialect.py holds the SQL of each. Filters, the total and paging
are applied by the database, never on a page of results.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, literal, select
from sqlalchemy.engine import Connection

from stanceline.errors import InputError
from stanceline.model import Actor
from stanceline.store import schema as t
from stanceline.store.dialect import Dialect, SearchHit

__all__ = ["QueryError", "SearchPage", "SearchQuery", "Term", "fold", "parse_query", "variant_key"]

E_QUERY = "E150"
FILTER_KEYS = {"outlet": "outlet", "since": "since", "until": "until", "lang": "language",
               "language": "language", "actor": "actor"}
_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_TOKEN = re.compile(r'(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))')
_WORD_EDGE = re.compile(r"^[^\w]+|[^\w]+$", re.UNICODE)
# Transliteration variants of one name: doubled letters, and y/i/j spellings of one sound.
_DOUBLE = re.compile(r"(.)\1+")
_IY = re.compile(r"[iyj]+")
# Spellings added per actor named in a query, at most: a few hundred ORed terms slow every match.
MAX_SPELLINGS = 24
SNIPPET_CHARS = 240


class QueryError(InputError):
    """A search query or filter that cannot be read (a date that is no date, an unknown language)."""

    code = E_QUERY


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    phrase: bool = False


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed query: all `clauses` must match, each by one of its alternatives; no `excluded`
    term may match; the filters narrow the documents searched."""

    clauses: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    language: str | None = None
    actor: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.clauses or self.excluded or self.outlet or self.since or self.until or self.language
                    or self.actor)


@dataclass(slots=True)
class SearchPage:
    """One page of results, best first, and how many documents match in all."""

    hits: list[SearchHit]
    total: int
    offset: int
    limit: int
    # Actors the query's terms or `actor:` filter were read as (key → name), for the user to see why.
    actors: dict[str, str] = field(default_factory=dict)

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None


def fold(s: str) -> str:
    """Case, accents and spacing folded: "  Zelenskyy " and "zelenskyy", "Šefčovič" and "sefcovic"."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def variant_key(s: str) -> str:
    """A name's spelling variants to one key: folded, letters only, doubled letters single and
    y/i/j runs one letter — the usual differences between romanisations of one name."""
    words = ("".join(c for c in w if c.isalpha()) for w in fold(s).split())
    return " ".join(_IY.sub("i", _DOUBLE.sub(r"\1", w)) for w in words if w)


def check_date(value: str | None, name: str) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not _DATE.match(value):
        raise QueryError(f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value[:40]!r}")
    return value


def check_language(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    code = value.strip().lower()
    if not _LANG.match(code):
        raise QueryError(f"language must be an ISO 639 code such as en or de, not {value[:40]!r}")
    return code


def _term(text: str, quoted: bool) -> Term | None:
    if quoted:
        words = text.split()
        return Term(" ".join(words), phrase=len(words) > 1) if words else None
    word = _WORD_EDGE.sub("", text)
    if not word:
        return None
    # A hyphenated or dotted word ("pro-Russian", "U.S.") is a phrase of its parts to the index.
    return Term(word, phrase=len(re.findall(r"\w+", word)) > 1)


def parse_query(
    text: str,
    *,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    language: str | None = None,
    actor: str | None = None,
) -> SearchQuery:
    """Read a query line; keyword filters (form fields, options) win over the line's own."""
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    found: dict[str, str] = {}
    join_next = negate_next = False
    for m in _TOKEN.finditer(text or ""):
        minus, key, quoted, bare = m.group(1), m.group(2), m.group(3), m.group(4)
        if key and key.lower() in FILTER_KEYS and (quoted is not None or bare):
            found[FILTER_KEYS[key.lower()]] = (quoted if quoted is not None else bare).strip()
            continue
        if key:  # "re:view", "Note:": a word with a colon, not a filter
            quoted, bare = None, m.group(0)[len(minus):]
        if quoted is None and not minus and bare in ("OR", "|"):
            join_next = bool(clauses)
            continue
        if quoted is None and not minus and bare == "AND":
            continue
        if quoted is None and not minus and bare == "NOT":
            negate_next = True
            continue
        term = _term(quoted if quoted is not None else bare or "", quoted is not None)
        if term is None:
            continue
        if minus or negate_next:
            excluded.append(term)
        elif join_next:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = negate_next = False
    return SearchQuery(
        clauses=tuple(tuple(c) for c in clauses),
        excluded=tuple(excluded),
        outlet=(outlet or found.get("outlet") or "").strip() or None,
        since=check_date(since or found.get("since"), "since"),
        until=check_date(until or found.get("until"), "until"),
        language=check_language(language or found.get("language")),
        actor=(actor or found.get("actor") or "").strip() or None,
    )


# -- actors -------------------------------------------------------------------------------------
def actors_named(name: str, actors: Sequence[Actor]) -> list[Actor]:
    """The actors `name` names: by key, name or alias equal once folded, else equal as spelling
    variants; never by a part of a name."""
    needle = fold(name)
    if len(needle.replace(" ", "")) < 2:
        return []
    exact = [a for a in actors if any(fold(n) == needle for n in (a.key, a.name, *a.aliases))]
    if exact:
        return exact
    key = variant_key(name)
    if len(key.replace(" ", "")) < 4:  # short names are too easily another name's variant
        return []
    return [a for a in actors if any(variant_key(n) == key for n in (a.name, *a.aliases))]


def _spellings(actors: Sequence[Actor]) -> list[Term]:
    seen: set[str] = set()
    out: list[Term] = []
    for a in actors:
        for n in (a.name, *a.aliases):
            f = n.casefold().strip()
            if f and f not in seen and len(out) < MAX_SPELLINGS:
                seen.add(f)
                out.append(Term(n, phrase=len(n.split()) > 1))
    return out


def expand(query: SearchQuery, actors: Sequence[Actor]) -> tuple[SearchQuery, dict[str, str]]:
    """Each clause widened by the spellings of the actors its terms name. Adjacent single words
    that together name an actor ("Oleksij Marchenko" typed without quotes) become one clause: the
    name as a phrase, or any of the actor's spellings."""
    named: dict[str, str] = {}
    clauses: list[tuple[Term, ...]] = []
    given = list(query.clauses)
    i = 0
    while i < len(given):
        span, hits = 1, []
        for n in range(min(4, len(given) - i), 1, -1):
            run = given[i : i + n]
            if all(len(c) == 1 and not c[0].phrase for c in run):
                hits = actors_named(" ".join(c[0].text for c in run), actors) if actors else []
                if hits:
                    span = n
                    break
        if span > 1:
            alts = [Term(" ".join(c[0].text for c in given[i : i + span]), phrase=True)]
        else:
            alts = list(given[i])
            hits = [a for term in given[i] for a in actors_named(term.text, actors)]
        named.update((a.key, a.name) for a in hits)
        # Spellings told apart by case only are one to the index; by accents they are not (PostgreSQL's
        # English configuration keeps them), so an accented query still gets the plain spelling.
        known = {x.text.casefold() for x in alts}
        for x in _spellings(hits):
            if x.text.casefold() not in known:
                known.add(x.text.casefold())
                alts.append(x)
        clauses.append(tuple(alts))
        i += span
    return replace(query, clauses=tuple(clauses)), named


# -- running --------------------------------------------------------------------------------------
def run_search(
    conn: Connection,
    dialect: Dialect,
    query: SearchQuery,
    where: list[Any],
    *,
    limit: int,
    offset: int,
) -> tuple[list[SearchHit], int]:
    """One page of `query`'s hits among the documents `where` selects, and their total."""
    d = t.documents
    dialect.ready(conn)
    conds = list(where)
    if query.excluded:
        conds.append(d.c.id.notin_(dialect.matching_ids([list(query.excluded)])))
    if query.clauses:
        match = dialect.ranked_match([list(c) for c in query.clauses])
        # Only the documents table's filters need its rows. Without one the index alone answers
        # (it holds canonical documents only, and documents are never deleted): joining every
        # match to its row costs a lookup per match, which grows with the corpus.
        joined = match.source.join(d, d.c.id == match.doc_id) if conds else match.source
        total = conn.execute(select(func.count()).select_from(joined).where(match.condition, *conds)).scalar_one()
        # Ties are broken by the index row, not the document id: that order is as stable, and on
        # SQLite the id is read from each match's stored content, which grows with the matches.
        page = conn.execute(
            select(match.row.label("row"), match.doc_id.label("doc_id"), match.score.label("score"))
            .select_from(joined)
            .where(match.condition, *conds)
            .order_by(match.order, match.row)
            .limit(limit)
            .offset(offset)
        ).all()
        # Snippets in a second query over the page's rows only: in the ranking query the database
        # computes a result column for every match before sorting, so a snippet there costs one
        # highlight per match and grows with the corpus, not with the page.
        page_rows = [r.row for r in page]
        snippets: dict[Any, str] = {}
        if page_rows:
            snippets = {
                r.row: r.snip or ""
                for r in conn.execute(
                    select(match.row.label("row"), match.snippet.label("snip"))
                    .select_from(match.source)
                    .where(match.condition, match.row.in_(page_rows))
                )
            }
        hits = [SearchHit(r.doc_id, snippets.get(r.row, ""), match.score_sign * float(r.score or 0.0)) for r in page]
        return hits, int(total)
    total = conn.execute(select(func.count()).select_from(d).where(*conds)).scalar_one()
    rows = conn.execute(
        select(d.c.id, func.substr(d.c.text, 1, SNIPPET_CHARS).label("snip"), literal(0.0).label("score"))
        .where(*conds)
        .order_by(t.LIST_SORT_KEY.desc(), d.c.id)
        .limit(limit)
        .offset(offset)
    )
    return [SearchHit(r.id, _cut(r.snip or ""), 0.0) for r in rows], int(total)


def _cut(text: str) -> str:
    """The start of a text up to a word boundary, marked as cut when it is."""
    if len(text) < SNIPPET_CHARS:
        return text
    return text[: text.rfind(" ")].rstrip() + " …" if " " in text else text
