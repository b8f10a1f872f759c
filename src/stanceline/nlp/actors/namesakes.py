"""Namesakes: two people of one document who share a surname get two actors.

Person keys are surnames (`actor_key`), so a bare "Biden" meets "Joe Biden" across documents.
That alone would make "Joe Biden" and "Hunter Biden" one actor. The rule here:

* Full names in a document are grouped by surname key; within a group, given names that are one
  name written differently ("Joe"/"Joseph"/"J.", "Volodymyr"/"Vladimir") are one bearer.
* A group with one bearer keeps the plain surname key ("person:biden"), as before.
* A group with two or more bearers: the *principal* keeps the plain key — the bearer who holds
  an office title in the document ("President Joe Biden"), else the one named most often, else
  the one named first. Every other bearer is keyed `person:<surname>~<given>` with the folded
  given name ("person:biden~hunter"), which depends on the name alone, so that bearer gets the
  same key in every document that tells the two apart.
* A bare surname (or "Mr. Biden") goes to the nearest bearer named before it, else to the
  principal; "Mrs."/"Mr." first rule out bearers of the other gender (by their own honorific;
  a given name is no evidence of gender here). A lone given name ("Hunter") goes to the one bearer it names.

The plain key therefore stays the key of whoever the surname alone denotes, and bare surnames,
transliterations and documents naming only the principal still meet across the corpus. Across
documents (`corpus_keys`, applied by the NLP stage against the actors already stored): a document
whose one bearer of a surname has a given name other than the stored bearer's keys that bearer
`person:<surname>~<given>` too, so "Hunter Biden" alone in a document is not Joe Biden. Limit:
the first bearer stored keeps the plain key, and a bare surname in a document that names no
bearer in full goes to it. Suffixes
are not read ("Donald Trump Jr." is "Donald Trump"), and surname-first names ("Kim Jong Un") are
keyed by their last word as everywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from stanceline.model import Actor
from stanceline.nlp.actors.keys import _fold_token, actor_key, person_tokens

Gender = Literal["m", "f"]


def words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Titles of an office (not courtesy titles): the holder is the one a bare surname denotes.
OFFICE_TITLES = words(
    """
    president minister secretary chancellor ambassador envoy senator sen governor mayor king
    queen pope premier commissioner leader chairman chairwoman ceo director general admiral
    speaker representative rep congressman congresswoman judge justice prosecutor
    """
)
_FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "madam", "dame", "lady"})
_MALE_HONORIFICS = frozenset({"mr", "sir", "lord"})
_SURNAME_PARTICLES = {"al", "el", "van", "von", "de", "der", "da", "di", "le", "la", "bin"}
_VOWELS = re.compile(r"[aeiouy]")
# Common English short forms that are not a prefix of the full given name.
_HYPOCORISMS = {
    "bill": "william", "will": "william", "bob": "robert", "rob": "robert", "jim": "james",
    "mike": "michael", "tom": "thomas", "dick": "richard", "rick": "richard", "ted": "edward",
    "ed": "edward", "chuck": "charles", "charlie": "charles", "liz": "elizabeth",
    "beth": "elizabeth", "kate": "katherine", "cathy": "catherine", "peggy": "margaret",
    "jack": "john", "hank": "henry", "harry": "henry", "tony": "anthony", "andy": "andrew",
}  # fmt: skip


def split_name(name: str) -> tuple[str, str | None]:
    """(surname key, folded given name or None) of a person's name."""
    toks = person_tokens(name)
    key = actor_key(name, "PERSON")
    sur_len = 2 if len(toks) >= 2 and toks[-2] in _SURNAME_PARTICLES else 1
    if len(toks) <= sur_len:
        return key, None
    return key, _fold_token(toks[0])


def same_given(a: str, b: str) -> bool:
    """True when two given names are likely one name: an initial or short form of the other
    ("j", "joe" ~ "joseph", "bill" ~ "william") or one consonant skeleton ("volodymyr" ~
    "vladimir")."""
    a, b = _HYPOCORISMS.get(a, a), _HYPOCORISMS.get(b, b)
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) <= 3 and long_.startswith(short[:2]):
        return True  # "joe" ~ "joseph", "sam" ~ "samuel"
    return len(a) > 3 and len(b) > 3 and _VOWELS.sub("", a) == _VOWELS.sub("", b)


@dataclass
class Bearer:
    """One person among namesakes: their key, given names and where they are named in full."""

    key: str
    givens: set[str]
    starts: list[int] = field(default_factory=list)
    office: bool = False
    gender: Gender | None = None

    def names(self, given: str) -> bool:
        return any(same_given(given, g) for g in self.givens)


@dataclass(frozen=True)
class NamedSpan:
    """What the rule reads of a person mention: its text, where it starts, its role if any."""

    text: str
    start: int
    role: str | None = None


@dataclass
class Namesakes:
    """Surname key → its bearers in one document (only surnames with two or more bearers)."""

    groups: dict[str, list[Bearer]] = field(default_factory=dict)
    surnames: set[str] = field(default_factory=set)  # every surname key named in full here

    def key_for(self, name: str, start: int, role: str | None = None) -> str:
        """The key of a person mention `name` (title `role`) at char offset `start` in this doc."""
        key, given = split_name(name)
        bearers = self.groups.get(key)
        if bearers is None:
            # A lone given name of one bearer of a shared surname ("Hunter" → Hunter Biden).
            if given is None and key not in self.surnames:
                word = key.removeprefix("person:")
                hits = [b for bs in self.groups.values() for b in bs if word in b.givens]
                if len(hits) == 1:
                    return hits[0].key
            return key
        if given is not None:
            for b in bearers:
                if b.names(given):
                    return b.key
            return f"{key}~{given}"
        return self.bare(key, start, honorific_gender(f"{role or ''} {name}"))

    def bare(self, key: str, start: int, gender: Gender | None = None) -> str:
        """A bare surname: the bearer named nearest before it, else the principal."""
        bearers = self.groups.get(key)
        if not bearers:
            return key
        if gender is not None:
            bearers = [b for b in bearers if b.gender == gender] or [b for b in bearers if b.gender is None] or bearers
        before = [(max(s for s in b.starts if s < start), b.key) for b in bearers if any(s < start for s in b.starts)]
        return max(before)[1] if before else bearers[0].key


def honorific_gender(text: str) -> Gender | None:
    """'f' for "Mrs. Trump", 'm' for "Mr. Trump"; None when no gendered honorific is written."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    if words & _FEMALE_HONORIFICS:
        return "f"
    if words & _MALE_HONORIFICS:
        return "m"
    return None


def _given_form(givens: Iterable[str]) -> str:
    # The shortest spelled-out form ("joe" over "joseph"); initials only when nothing else.
    full = [g for g in givens if len(g) > 1] or list(givens)
    return min(full, key=lambda g: (len(g), g))


def find_namesakes(mentions: Iterable[NamedSpan]) -> Namesakes:
    """Group a document's full-name person mentions into bearers per surname (see module doc)."""
    by_key: dict[str, list[Bearer]] = {}
    named = [(m, *split_name(m.text)) for m in mentions]
    # Spelled-out given names found the bearers; initials ("J. Biden") then join the first match.
    named.sort(key=lambda t: (t[2] is not None and len(t[2]) == 1, t[0].start))
    for m, key, given in named:
        if given is None:
            continue
        bearers = by_key.setdefault(key, [])
        bearer = next((b for b in bearers if b.names(given)), None)
        if bearer is None:
            bearer = Bearer(key, set())
            bearers.append(bearer)
        bearer.givens.add(given)
        bearer.starts.append(m.start)
        role_words = set(re.findall(r"[a-z]+", (m.role or "").lower()))
        bearer.office = bearer.office or bool(role_words & OFFICE_TITLES)
        # Gender from what the text writes (an honorific), never guessed from the given name.
        bearer.gender = bearer.gender or honorific_gender(m.role or "")
    out = Namesakes(surnames=set(by_key))
    for key, bearers in by_key.items():
        if len(bearers) < 2:
            continue
        ranked = sorted(bearers, key=lambda b: (not b.office, -len(b.starts), min(b.starts)))
        for b in ranked[1:]:
            b.key = f"{key}~{_given_form(b.givens)}"
        out.groups[key] = ranked
    return out


def _givens(actor_names: Iterable[str]) -> set[str]:
    out = set()
    for n in actor_names:
        _, given = split_name(n)
        if given is not None:
            out.add(given)
    return out


def corpus_keys(doc_actors: Iterable[Actor], stored: Iterable[Actor]) -> dict[str, str]:
    """Keys of this document's people that belong to another bearer of a stored surname.

    Within a document the rule above tells namesakes apart; across documents the store holds the
    bearer the plain key already stands for. A document whose only bearer of a surname is named
    in full with a given name that is not that bearer's ("Hunter Biden" where `person:biden` is
    Joe Biden) keys its bearer `person:<surname>~<given>`, the key the same person gets in a
    document that names both. A document naming the surname alone, or a bearer whose given name
    matches, keeps the plain key. The first bearer stored keeps the plain key (later
    documents cannot take it over), unless the document already told its namesakes apart.
    """
    by_key = {a.key: a for a in stored if a.type == "PERSON"}
    out: dict[str, str] = {}
    for a in doc_actors:
        if a.type != "PERSON" or "~" in a.key:
            continue
        known = by_key.get(a.key)
        if known is None:
            continue
        mine = _givens([a.name, *a.aliases])
        theirs = _givens([known.name, *known.aliases])
        if not mine or not theirs or any(same_given(g, h) for g in mine for h in theirs):
            continue
        out[a.key] = f"{a.key}~{_given_form(mine)}"
    return out
