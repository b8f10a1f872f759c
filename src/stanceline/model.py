"""Typed records for stanceline's concepts (see DESIGN.md).

Every stage consumes and produces these records; nothing else crosses a stage boundary.
Offsets (`start`, `end`) are character offsets into the owning document's clean `text`,
so `text[start:end]` is exactly the evidence.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields
from typing import Any, Literal

DateSource = Literal["manifest", "feed", "html-meta", "json-ld", "url", "text", "none"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Stance = Literal["support", "oppose", "conditional", "neutral"]
# A timeline period's stance: one of the four, or "mixed" when the period's own evidence disagrees
# (an actor abstains from a decision it also speaks against).
PeriodStance = Literal["support", "oppose", "conditional", "neutral", "mixed"]
Voice = Literal["quote", "reported", "outlet"]
ActorType = Literal["PERSON", "ORG", "GPE", "NORP"]

DATE_SOURCES: tuple[str, ...] = ("manifest", "feed", "html-meta", "json-ld", "url", "text", "none")
STANCES: tuple[str, ...] = ("support", "oppose", "conditional", "neutral")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a source says about an article besides its bytes (manifest, JSONL fields, feed entry)."""

    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    # Where `published` came from when given: "manifest" (manifest or JSONL fields) or "feed".
    published_source: DateSource | None = None


@dataclass(frozen=True, slots=True)
class RawItem:
    """One article as read from a source, before cleaning.

    `source` names it for the user: a path, `path#L3` for a JSONL line, `path#record-7` for a
    WARC record, or a URL.
    """

    source: str
    content: bytes
    media_type: Literal["text/html", "text/plain"]
    meta: Metadata = field(default_factory=Metadata)
    # Charset the source declared (HTTP Content-Type, WARC record, "utf-8" for JSONL text), if
    # any; pass it to `ingest.decode.decode_bytes(content, declared=...)`. `content` stays the
    # original bytes.
    encoding: str | None = None
    # What identifies the item for its document id: the raw bytes of a file's path relative to
    # its input folder (plus ``#L3``...), so another spelling of the same path is the same
    # document. None: `source` itself (URLs).
    id_key: bytes | None = None


@dataclass(frozen=True, slots=True)
class SourceError:
    """A source that could not be read; the batch goes on and the user is told why."""

    source: str
    reason: str
    code: str = "E000"


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Output of the clean stage: the article body and what the page said about itself."""

    text: str
    title: str | None = None
    author: str | None = None
    language: str | None = None
    # The outlet and the article's canonical URL as the page states them (HTML only).
    outlet: str | None = None
    url: str | None = None
    # Text blocks judged to be page chrome or teasers of other stories; kept so the dater can
    # refuse dates found there, and for debugging the cleaner.
    removed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DateGuess:
    """A publication date at the precision known (`2024-10-18`, `2024-10`, `2024`) or None."""

    published: str | None
    source: DateSource
    confidence: float
    evidence: str | None = None


@dataclass(slots=True)
class Document:
    id: str
    source: str
    text: str
    raw_hash: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    date_source: DateSource = "none"
    date_confidence: float = 0.0
    language: str | None = None
    duplicate_of: str | None = None
    # Why the NLP stage did not analyse it ("[E313] written in 'de', …"), as stored; None when it
    # was analysed or is waiting to be.
    not_analysed: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor's span in a document. `actor_key` joins mentions of one actor across documents."""

    doc_id: str
    actor_key: str
    text: str
    start: int
    end: int
    type: ActorType
    role: str | None = None


@dataclass(slots=True)
class Actor:
    """A canonical person, organisation or state; `id` is derived from the key, stable across runs."""

    key: str
    name: str
    type: ActorType
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return actor_id(self.key)


def actor_id(key: str) -> str:
    return "actor:" + key


@dataclass(frozen=True, slots=True)
class Quote:
    doc_id: str
    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker: str | None  # canonical actor name
    speaker_key: str | None
    speaker_mention: str | None  # surface form ("he", "the ambassador", "Rutte")
    speaker_start: int | None
    speaker_end: int | None
    confidence: float = 1.0
    # The quoted pieces of the quotation, one per sentence and side of the attribution ("A," she
    # said, "B. C." has three); `start`/`end` run from the first to the last, attribution between
    # them included. Empty in rows stored before quotation units: the record is then one piece.
    spans: tuple[tuple[int, int], ...] = ()
    # For a speaker resolved through a pronoun or description ("he", "the minister"): the earlier
    # mention of the actor it was resolved to, and where it is. None when the mention names the
    # speaker itself or nothing was resolved.
    antecedent: str | None = None
    antecedent_start: int | None = None
    antecedent_end: int | None = None
    # A person's "this is wrong", with the reason (store/corrections.py): shown where quotes are
    # listed, left out where they are counted. Never set by the NLP stage.
    flag: str | None = None

    @property
    def id(self) -> str:
        return f"q:{self.doc_id}:{self.start}-{self.end}"


@dataclass(frozen=True, slots=True)
class Event:
    doc_id: str
    actor: str | None
    actor_key: str | None
    action: str  # PLOVER code
    target: str | None
    target_key: str | None
    date: str | None
    evidence: str
    start: int
    end: int
    confidence: float = 1.0
    # Where the verb naming the action starts: two acts of one sentence with one verb ("Russia
    # attacked Kharkiv and attacked Odesa") are told apart by it. None in rows stored before it.
    trigger_start: int | None = None

    @property
    def id(self) -> str:
        # Unique per act: its sentence and code, its verb, and who acts on whom (hashed: keys can
        # be long, the id column is not). Only stored fields, so a re-run gives the same id.
        who = hashlib.sha1(f"{self.actor_key or self.actor}\x1f{self.target_key or self.target}".encode()).hexdigest()
        at = "" if self.trigger_start is None else self.trigger_start
        return f"e:{self.doc_id}:{self.start}-{self.end}:{self.action}:{at}:{who[:10]}"


@dataclass(frozen=True, slots=True)
class Issue:
    name: str
    description: str
    terms: tuple[str, ...]
    # Terms that signal the issue only near an anchor term (e.g. "the alliance" near "NATO").
    context_terms: tuple[str, ...] = ()


# The cue that names the state a position's holder speaks for (Position.speaks_for).
SPEAKS_FOR = "for:"


@dataclass(frozen=True, slots=True)
class Position:
    doc_id: str
    actor: str
    actor_key: str
    issue: str
    stance: Stance
    confidence: float
    date: str | None
    voice: Voice
    evidence: str
    start: int
    end: int
    quote_id: str | None = None
    cues: tuple[str, ...] = ()  # why: the lexicon cues that fired
    # A person's "this is wrong", with the reason (store/corrections.py): shown where positions are
    # listed, left out of timelines, charts, shifts and the digest. Never set by the NLP stage.
    flag: str | None = None

    @property
    def speaks_for(self) -> str | None:
        """The state whose government the holder speaks for in this position (a head of state or
        government, a minister or a government spokesperson whose title names the state), from
        the cue the stance stage writes; None otherwise."""
        return next((c.removeprefix(SPEAKS_FOR) for c in self.cues if c.startswith(SPEAKS_FOR)), None)

    @property
    def id(self) -> str:
        # the issue is part of it: one sentence by one holder can bear on two issues ("backs both
        # countries' bids"), and each is a row of its own
        issue = re.sub(r"[^a-z0-9]+", "-", self.issue.lower()).strip("-")
        return f"p:{self.doc_id}:{self.start}-{self.end}:{self.actor_key}:{issue}"


@dataclass(frozen=True, slots=True)
class Shift:
    actor: str
    actor_key: str
    issue: str
    from_stance: PeriodStance
    to_stance: PeriodStance
    before_date: str | None
    after_date: str | None
    before_doc: str
    after_doc: str
    before_evidence: str
    after_evidence: str


@dataclass(slots=True)
class Story:
    id: str
    label: str
    doc_ids: list[str]
    start: str | None = None
    end: str | None = None
    terms: list[str] = field(default_factory=list)


def record_dict(record: Any) -> dict[str, Any]:
    """A record's fields and its derived `id` as plain values (tuples become lists), the one
    conversion that the store, the exports and the API all start from."""
    out: dict[str, Any] = {}
    for f in fields(record):
        value = getattr(record, f.name)
        out[f.name] = [list(v) if isinstance(v, tuple) else v for v in value] if isinstance(value, tuple) else value
    if hasattr(record, "id"):
        out["id"] = record.id
    return out


_NOT_ANCHOR = re.compile(r"[^A-Za-z0-9_-]")


def anchor(item_id: str) -> str:
    """The fragment id that marks an item's evidence on its document's page ("p:doc:10-20:person:x"
    → "p-doc-10-20-person-x"): the digest cites it, the web pages emit it."""
    return _NOT_ANCHOR.sub("-", item_id)
