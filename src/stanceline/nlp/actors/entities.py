"""Actor mentions from a parsed document: spaCy NER plus rules that repair its common errors.

spaCy's small English model is noisy on news: titles glued to names, surnames typed ORG/GPE,
"Nato"/"Kremlin" missed. The rules here are general (title lexicon, alias table, agreement of
a surname with a person named earlier), never tied to particular strings of a corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import cast

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from stanceline.model import ActorType, Mention
from stanceline.nlp.actors.keys import AliasTable, actor_key, normalise_name, person_tokens
from stanceline.nlp.actors.namesakes import NamedSpan, Namesakes, find_namesakes, honorific_gender, split_name

ENT_TYPES = {"PERSON", "ORG", "GPE", "NORP"}


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Words that make up a person's title or function ("NATO Secretary General", "U.S. Ambassador
# to NATO", "former president"); lowercase lookup.
TITLE_WORDS = _words(
    """
    president vice prime minister secretary general secretary-general chancellor ambassador
    spokesman spokeswoman spokesperson envoy senator sen. rep. representative congressman
    congresswoman governor gov. mayor king queen prince princess pope chief head director
    commander leader chairman chairwoman chair ceo founder co-founder coach captain judge
    justice attorney lawyer professor prof. dr. dr mr. mr mrs. mrs ms. ms analyst fellow
    researcher adviser advisor advisers official officer gen. admiral colonel col. lieutenant
    lt. major sergeant foreign defence defense interior finance deputy acting former then first
    lady lord sir dame emeritus undersecretary under premier president-elect executive member
    members correspondent editor reporter economist expert diplomat negotiator commissioner
    rapporteur archbishop bishop cardinal sheikh emir sultan crown mp lawmaker legislator sec.
    state affairs national security high assistant associate senior chief-of-staff staff curator
    team pm
    """
)
# Title words that on their own denote a person (used to type an entity after them as PERSON).
PERSON_TITLES = _words(
    """
    president minister secretary chancellor ambassador spokesman spokeswoman spokesperson envoy
    senator sen. governor mayor king queen prince pope director leader chairman ceo coach
    professor prof. dr. dr mr. mr mrs. mrs ms. ms analyst adviser advisor general gen. admiral
    colonel lieutenant premier commissioner diplomat lawmaker curator pm
    """
)
_CONNECTIVES = {"to", "of", "for", "'s", "’s", "-", "at", "on"}


@dataclass
class EntSpan:
    """A mention with what the resolvers need besides the exported record."""

    start: int  # char offsets of the name (title stripped)
    end: int
    tok_start: int
    tok_end: int
    text: str
    type: ActorType
    key: str
    canon: str  # canonical display name candidate for this mention
    role: str | None = None
    role_start: int | None = None
    acting: bool = False

    def to_mention(self, doc_id: str) -> Mention:
        return Mention(doc_id, self.key, self.text, self.start, self.end, self.type, self.role)


_MATCHERS: dict[tuple[int, int], PhraseMatcher] = {}


def _alias_matcher(doc: Doc, aliases: AliasTable) -> PhraseMatcher:
    key = (id(doc.vocab), id(aliases))
    m = _MATCHERS.get(key)
    if m is None:
        m = PhraseMatcher(doc.vocab, attr="ORTH")
        pats = []
        for surface in sorted(aliases.originals):
            # "the Kremlin" is matched as "Kremlin"; the article is not part of the name.
            words = surface.split()
            if words and words[0].lower() == "the":
                words = words[1:]
            # Possessives are split the way spaCy's tokenizer splits them.
            words = [w for word in words for w in ([word[:-2], word[-2:]] if word.endswith("'s") else [word])]
            if words and words[0][:1].isupper():
                pats.append(Doc(doc.vocab, words=words))
        m.add("ALIAS", pats)
        _MATCHERS[key] = m
    return m


def _merge_split_names(doc: Doc, raw: list[tuple[int, int, str]], aliases: AliasTable) -> list[tuple[int, int, str]]:
    """Join adjacent one-word entities that together read as a personal name.

    The small model often splits "Jordan Paris" into two GPEs; two touching title-case words,
    neither of them a known place or organisation alias, are far likelier a first and last name.
    """
    out: list[tuple[int, int, str]] = []
    for s, e, label in raw:
        if out and _particle_join(doc, out[-1], s, e):
            # "Anna van der | Berg": a name the tagger cut after its particle ("von", "de la").
            out[-1] = (out[-1][0], e, "PERSON")
            continue
        if out:
            ps, pe, _ = out[-1]
            if (
                pe == s
                and pe - ps == 1
                and e - s == 1
                and "\n" not in doc[ps].whitespace_
                and doc[ps].is_title
                and doc[s].is_title
                and aliases.canonical(doc[ps].text) is None
                and aliases.metonym(doc[ps].text) is None
                and aliases.canonical(doc[s].text) is None
            ):
                out[-1] = (ps, e, "PERSON")
                continue
        out.append((s, e, label))
    return out


# Month names that are also surnames: the tagger reads the surname as a date, or as nothing.
MONTH_SURNAMES = frozenset({"may", "june", "april", "august"})
_MONTHS_AND_DAYS = MONTH_SURNAMES | _words(
    "january february march july september october november december monday tuesday wednesday thursday "
    "friday saturday sunday"
)


def _month_surnames(doc: Doc, raw: list[tuple[int, int, str]], aliases: AliasTable) -> list[tuple[int, int, str]]:
    """A surname that is a month name, which the tagger leaves untyped or types as a date: after
    a given name ("Jane May said", "Jane May's plan"), the two words are a person; once the text
    has such a person, the lone surname as a clause's subject or a possessor ("May and her
    aides left", "May's deal") is that person. No number follows a surname ("May 9"), and a date
    has a preposition or "last"/"next" before it ("in May", "last May"), which takes no subject."""
    by_start = {s: (s, e, label) for s, e, label in raw}
    covered = {i: label for s, e, label in raw for i in range(s, e)}
    found: list[tuple[int, int, str]] = []
    full: set[str] = set()
    for t in doc:
        if t.lower_ not in MONTH_SURNAMES or t.tag_ != "NNP" or t.i == 0 or covered.get(t.i, "PERSON") != "PERSON":
            continue
        if t.i + 1 < len(doc) and doc[t.i + 1].like_num:
            continue
        given = doc[t.i - 1]
        if (
            given.tag_ == "NNP"
            and given.is_title
            and given.is_alpha
            and given.lower_ not in _MONTHS_AND_DAYS
            and not _is_title_token(given)
            and covered.get(given.i, "PERSON") == "PERSON"
            and "\n" not in given.whitespace_
            and aliases.canonical(given.text) is None
            and aliases.metonym(given.text) is None
        ):
            full.add(t.lower_)
            if covered.get(t.i) == covered.get(given.i) == "PERSON":
                continue  # the tagger has the whole name already
            start = next((s for s, e, label in raw if label == "PERSON" and s <= given.i < e), given.i)
            found.append((start, t.i + 1, "PERSON"))
    for t in doc:
        if t.lower_ not in full or t.tag_ != "NNP" or t.i in covered or any(s <= t.i < e for s, e, _ in found):
            continue
        if t.i + 1 < len(doc) and doc[t.i + 1].like_num:
            continue
        dep = t.head.dep_ if t.dep_ == "conj" else t.dep_
        if dep in {"nsubj", "nsubjpass", "poss"}:
            found.append((t.i, t.i + 1, "PERSON"))
    if not found:
        return raw
    for s, e, _ in found:
        for k in range(s, e):
            if k in by_start and by_start[k][2] == "PERSON":
                del by_start[k]
        by_start[s] = (s, e, "PERSON")
    return sorted(by_start.values())


# Lower-case particles inside surnames ("von der", "van den", "de la", "bin", "al").
NAME_PARTICLES = _words("von van der den de del della la le du da di dos das bin ibn al el ter ten zu")


def _possessive(doc: Doc, m: EntSpan) -> bool:
    nxt = doc[m.tok_end] if m.tok_end < len(doc) else None
    return nxt is not None and nxt.lower_ in {"'s", "’s", "'", "’"}


def _trim_common_words(doc: Doc, s: int, e: int) -> int:
    """The end of a person's name without the common words the tagger ran into it ("Jane Doe
    today")."""
    while e > s + 1 and doc[e - 1].is_lower and doc[e - 1].lower_ not in NAME_PARTICLES:
        e -= 1
    return e


def _particle_join(doc: Doc, prev: tuple[int, int, str], s: int, e: int) -> bool:
    _, pe, label = prev
    gap = doc[pe:s]
    return (
        label == "PERSON"
        and s - pe <= 2
        and e - s <= 2
        and all(t.lower_ in NAME_PARTICLES for t in gap)
        and doc[s - 1].lower_ in NAME_PARTICLES
        and doc[s].is_title
        and not any("\n" in t.whitespace_ for t in doc[pe - 1 : s])
    )


_SENT_KEY = "stanceline.sent_bounds"


def sent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """(start, end) token indices of token i's sentence; `Token.sent` rescans the doc each call."""
    table: list[tuple[int, int]] | None = doc.user_data.get(_SENT_KEY)
    if table is None:
        table = [(0, 0)] * len(doc)
        for sent in doc.sents:
            b = (sent.start, sent.end)
            for k in range(sent.start, sent.end):
                table[k] = b
        doc.user_data[_SENT_KEY] = table
    return table[i]


def _is_title_token(t: Token) -> bool:
    return t.lower_ in TITLE_WORDS or t.lower_.rstrip(".") in TITLE_WORDS


def _role_before(doc: Doc, start: int) -> tuple[int, str] | None:
    """Title phrase immediately left of a person name: returns (token start, text) or None."""
    i = start - 1
    sent_start = sent_bounds(doc, start)[0]
    first = start
    while i >= sent_start:
        t = doc[i]
        if t.ent_type_ == "PERSON" and not _is_title_token(t):
            break  # another person's name: the title belongs to them
        if (
            _is_title_token(t)
            or (t.ent_type_ in ENT_TYPES and t.ent_iob_ != "O")
            or (
                t.text in _CONNECTIVES
                and i > sent_start
                and (_is_title_token(doc[i - 1]) or doc[i - 1].ent_type_ in ENT_TYPES)
            )
            or (t.is_title and t.pos_ == "PROPN" and i > sent_start and not t.is_sent_start)
        ):
            first = i
        else:
            break
        i -= 1
    while first < start and (doc[first].text in _CONNECTIVES or doc[first].is_punct):
        first += 1
    if first >= start:
        return None
    span = doc[first:start]
    if not any(_is_title_token(t) for t in span):
        return None
    return first, span.text


def _role_apposed(doc: Doc, s: int, e: int) -> tuple[int, str] | None:
    """A role in apposition: "Alireza Mehraban, the team's coach," or "the coach, Alireza Mehraban"."""
    head = doc[e - 1]
    for c in head.rights:
        if c.dep_ == "appos" and c.pos_ == "NOUN" and c.right_edge.i - c.left_edge.i < 8:
            span = doc[c.left_edge.i : c.right_edge.i + 1]
            return span.start_char, span.text
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.i < s:
        noun = head.head
        span = doc[noun.left_edge.i : noun.i + 1]
        if len(span) < 8 and not any(t.ent_type_ == "PERSON" for t in span):
            return span.start_char, span.text
    return None


def _comma_apposed_title(doc: Doc, s: int, e: int) -> Token | None:
    """The common noun a name is set off after by commas ("the foreign minister, Ann Lee, said"),
    read from the words, not the parse: a name whose first word the parser takes for another
    word class ("Than", "So") is left out of the apposition it stands in."""
    if s < 2 or e >= len(doc) or doc[s - 1].text != "," or doc[e].text != ",":
        return None
    noun = doc[s - 2]
    return noun if noun.pos_ == "NOUN" and noun.is_lower else None


def _left_out_name_word(doc: Doc, s: int) -> bool:
    """A capitalised word between the comma of an apposition and a name the tagger found, that
    the tagger left out of the name (it read it as another word: "the minister, Than Zaw Oo,")."""
    w = doc[s - 1]
    return (
        w.is_title
        and not w.ent_type_
        and not _is_title_token(w)
        and doc[s - 2].text == ","
        and doc[s - 3].pos_ == "NOUN"
        and doc[s - 3].is_lower
    )


def _role_of_noun(doc: Doc, noun: Token) -> tuple[int, str] | None:
    span = doc[noun.left_edge.i : noun.i + 1]
    if len(span) < 8 and not any(t.ent_type_ == "PERSON" for t in span):
        return span.start_char, span.text
    return None


# Words that make a name an organisation's ("Foreign Ministry Press Office"), not a person's.
_ORG_NAME_WORDS = _words(
    """
    ministry department office council committee commission party union agency bureau service
    court assembly parliament government administration cabinet house senate army police bank
    """
)


def _titled_name(doc: Doc, s: int, k: int, e: int, aliases: AliasTable) -> bool:
    """Whether an organisation-typed entity is a person title and a personal name ("PM Jane
    Doe"): a title that denotes a person, then two or more capitalised words, none of them an
    organisation word or a known place or organisation."""
    if not any(doc[i].lower_.rstrip(".") in PERSON_TITLES for i in range(s, k)):
        return False
    rest = doc[k:e]
    return (
        len(rest) >= 2
        and all(t.is_title and t.pos_ == "PROPN" and t.lower_ not in _ORG_NAME_WORDS for t in rest)
        and aliases.canonical(rest.text) is None
        and aliases.metonym(rest.text) is None
    )


@cache
def _country_names() -> frozenset[str]:
    """Country and territory names of several words (data/countries.txt)."""
    text = files("stanceline").joinpath("data", "countries.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


_COUNTRY_MATCHERS: dict[int, PhraseMatcher] = {}


def _country_matcher(doc: Doc) -> PhraseMatcher:
    m = _COUNTRY_MATCHERS.get(id(doc.vocab))
    if m is None:
        m = PhraseMatcher(doc.vocab, attr="ORTH")
        # split as the tokenizer splits them: at spaces and around hyphens
        m.add("COUNTRY", [Doc(doc.vocab, words=re.findall(r"[^\s-]+|-", n)) for n in sorted(_country_names())])
        _COUNTRY_MATCHERS[id(doc.vocab)] = m
    return m


def _retype_lone_words(doc: Doc, ments: list[EntSpan]) -> list[EntSpan]:
    """A one-word "person" the tagger guessed that the document itself contradicts: the same word
    tagged as an organisation, place or group elsewhere ("Labour" as both, not in a possessive)
    takes that type; one used as a common noun with its own article ("a reckless Brexit") is no
    actor at all. A possessive the tagger typed otherwise ("Lee's" as an organisation) is the
    person. A word that is the surname of a full name in the document stays a person."""
    # A possessive is no evidence: the tagger often calls "Lee's" an organisation.
    other = {m.text: m for m in ments if m.type != "PERSON" and not _possessive(doc, m)}
    for m in ments:
        if m.type == "PERSON" and " " in m.text and m.role is None and m.text in other:
            # a several-word "person" with no title whose very words the document tags as a place
            # or body elsewhere ("Papua New Guinea", "Sierra Leone" at a clause start): that one
            o = other[m.text]
            m.type, m.key, m.canon = o.type, o.key, o.canon
    surnames = {m.key for m in ments if m.type == "PERSON" and len(person_tokens(m.text)) >= 2}
    lone = [m for m in ments if m.type == "PERSON" and " " not in m.text and m.key not in surnames]
    if not lone:
        return ments
    common = {
        m.text for m in lone if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in doc[m.tok_end - 1].children)
    }
    lone_ids = {id(m) for m in lone}
    people = {m.text: m for m in lone}
    out: list[EntSpan] = []
    for m in ments:
        if id(m) in lone_ids and m.text in other:
            o = other[m.text]
            m.type, m.key, m.canon = o.type, o.key, o.canon
        elif id(m) in lone_ids and m.text in common:
            continue
        elif m.type != "PERSON" and _possessive(doc, m) and m.text in people and m.text not in other.keys() | common:
            p = people[m.text]
            m.type, m.key, m.canon = "PERSON", p.key, p.canon
        out.append(m)
    return out


def _clean_span(doc: Doc, s: int, e: int) -> tuple[int, int]:
    # An entity never crosses a paragraph break (page chrome often glues a label to a name).
    for i in range(s, e - 1):
        if "\n" in doc[i].whitespace_ or doc[i + 1].is_space:
            s = i + 1
    while s < e and doc[s].is_space:
        s += 1
    while s < e and (doc[s].lower_ in {"the", "a", "an"} or doc[s].is_punct):
        s += 1
    while e > s and (doc[e - 1].is_punct or doc[e - 1].text in {"'s", "’s", "'", "’"}):
        e -= 1
    return s, e


def _acting(tok: Token) -> bool:
    """A mention acts when it is a clause subject or the source of 'according to'."""
    head = tok
    while head.dep_ in {"compound", "flat", "amod"} and head.head is not head:
        head = head.head
    if head.dep_ in {"nsubj", "nsubjpass", "csubj"}:
        return True
    if head.dep_ == "appos" and head.head.dep_ in {"nsubj", "nsubjpass"}:
        # "The party's chairman, Ann Lee, said …": the name in apposition to a subject is it.
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according":
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.head.dep_ == "agent":
        return True
    return head.dep_ == "poss" and head.head.lemma_ in {"statement", "spokesman", "spokesperson"}


def extract_mentions(doc: Doc, aliases: AliasTable) -> list[EntSpan]:
    """Actor mentions of a parsed document, title-stripped, typed and keyed."""
    raw: list[tuple[int, int, str]] = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in ENT_TYPES]
    covered = {i for s, e, _ in raw for i in range(s, e)}
    for _, s, e in _alias_matcher(doc, aliases)(doc):
        if any(i in covered for i in range(s, e)):
            continue
        surf = doc[s:e].text
        hit = aliases.canonical(surf) or aliases.metonym(surf)
        if hit is None:
            continue
        raw.append((s, e, hit[1]))
        covered.update(range(s, e))
    for _, s, e in _country_matcher(doc)(doc):
        # a country's name of several words the tagger left untagged ("Timor-Leste's president")
        # (or cut short: "Guinea" of "Guinea-Bissau"): the whole name, in place of any part inside it
        inside = [r for r in raw if s <= r[0] and r[1] <= e]
        if any(i in covered for i in range(s, e)) and not inside:
            continue
        raw = [r for r in raw if r not in inside]
        if not any(r[0] < e and s < r[1] for r in raw):
            raw.append((s, e, "GPE"))
            covered.update(range(s, e))
    raw.sort()
    raw = _month_surnames(doc, raw, aliases)
    raw = _merge_split_names(doc, raw, aliases)

    out: list[EntSpan] = []
    for s0, e0, label in raw:
        s, e = _clean_span(doc, s0, e0)
        if s >= e:
            continue
        typ = label
        role: str | None = None
        role_start: int | None = None
        # Titles inside the entity ("Secretary-General Mark Rutte") move to the role.
        k = s
        if e - s >= 3 and doc[s].is_title and not _is_title_token(doc[s]) and _is_title_token(doc[s + 1]):
            # "Porto Mayor Ana Faria": a word before a title says whose office it is (a place, a
            # body); a given name never stands before a title
            k = s + 1
        while k < e - 1 and (_is_title_token(doc[k]) or doc[k].text in _CONNECTIVES):
            k += 1
        if k > s and typ != "PERSON" and _titled_name(doc, s, k, e, aliases):
            typ = "PERSON"  # "PM Jane Doe" that the tagger took for an organisation
        title_start = s
        if k > s and typ == "PERSON":
            role_start, role = doc[s].idx, doc[s:k].text
            s = k
        if typ == "PERSON":
            # "Ann Lee for the Food Safety Agency": a name ends at a preposition.
            cut = next(
                (k for k in range(s + 1, e) if doc[k].pos_ == "ADP" and doc[k].lower_ not in NAME_PARTICLES), None
            )
            if cut is not None:
                e = cut
            e = _trim_common_words(doc, s, e)
        span: Span = doc[s:e]
        text = span.text
        if not any(c.isalpha() for c in text) or text.islower():
            continue
        prev = doc[s - 1] if s > 0 else None
        if (
            typ != "PERSON"
            and prev is not None
            and prev.lower_.rstrip(".") in PERSON_TITLES
            and aliases.canonical(text) is None
            and aliases.metonym(text) is None
        ):
            typ = "PERSON"
            e = _trim_common_words(doc, s, e)
            span, text = doc[s:e], doc[s:e].text
        canon_hit = aliases.canonical(text)
        if canon_hit is not None and typ == "PERSON" and canon_hit[1] != "PERSON":
            typ = canon_hit[1]
        elif canon_hit is None and typ in {"PERSON", "ORG"} and role is None and text in _country_names():
            typ = "GPE"  # "Burkina Faso said ...": a country's name of several words, not a person
        title_noun = None
        if typ == "PERSON":
            if s >= 3 and s == title_start and _left_out_name_word(doc, s):
                s -= 1  # "the minister, Than Zaw Oo,": the tagger left the first word out
                span, text = doc[s:e], doc[s:e].text
            title_noun = _comma_apposed_title(doc, s, e)
            rb = _role_before(doc, title_start)
            if rb is not None:
                rs, rtext = rb
                role = rtext if role is None else f"{rtext} {role}"
                role_start = doc[rs].idx
            elif role is None:
                ra = _role_apposed(doc, s, e)
                if ra is None and title_noun is not None:
                    ra = _role_of_noun(doc, title_noun)
                if ra is not None:
                    role_start, role = ra
            if not person_tokens(text):
                continue
        acting = _acting(doc[e - 1]) or (title_noun is not None and title_noun.dep_ in {"nsubj", "nsubjpass"})
        canon = text
        key: str
        if typ == "PERSON":
            key = actor_key(text, "PERSON")
        else:
            met = aliases.metonym(text)
            if met is not None and (acting or (canon_hit is None and typ == "NORP" and acting)):
                canon = met[0]
                key = aliases.key(met[0], met[1])
            elif canon_hit is not None:
                canon = canon_hit[0]
                key = aliases.key(text, typ)
            else:
                key = aliases.key(text, typ)
        out.append(
            EntSpan(
                start=doc[s].idx,
                end=doc[e - 1].idx + len(doc[e - 1].text),
                tok_start=s,
                tok_end=e,
                text=text,
                type=cast(ActorType, typ),
                key=key,
                canon=canon,
                role=role,
                role_start=role_start,
                acting=acting,
            )
        )
    _retype_surnames(out)
    out = _retype_lone_words(doc, out)
    _split_namesakes(out, aliases)
    _surname_first(out)
    _merge_acronyms(out)
    _resolve_generic_heads(out, aliases)
    return out


# Heads that name an organisation by its kind alone: "the Alliance", "the Union", "the Bloc".
GENERIC_ORG_HEADS = frozenset(
    {"alliance", "union", "bloc", "organisation", "organization", "commission", "council", "assembly"}
)


def _resolve_generic_heads(ments: list[EntSpan], aliases: AliasTable) -> None:
    """A bare kind-noun mention refers to the nearest earlier organisation whose name contains that
    noun ("the Alliance" after "NATO", known as the North Atlantic Alliance) — a definite description
    resolved like a pronoun, by recency and agreement of the head word."""
    for i, m in enumerate(ments):
        head = m.text.lower().removeprefix("the ").strip()
        if m.type != "ORG" or head not in GENERIC_ORG_HEADS:
            continue
        for prev in reversed(ments[:i]):
            if prev.type not in ("ORG", "GPE") or prev.key == m.key:
                continue
            names = [prev.canon, prev.text, *aliases.surfaces(prev.canon)]
            if any(head in n.lower().split() for n in names):
                m.key, m.canon = prev.key, prev.canon
                break


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by exactly one insertion, deletion or substitution."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def _retype_surnames(ments: list[EntSpan]) -> None:
    """A non-person mention spelled like a person's surname in the same doc is that person.

    A lone surname one typo away from exactly one full name in the document ("Water" for
    "Kathryn Waters") is taken to be that person too.
    """
    surnames = {m.key for m in ments if m.type == "PERSON" and len(person_tokens(m.text)) >= 2}
    for m in ments:
        if m.type == "PERSON" and m.key not in surnames and len(person_tokens(m.text)) == 1:
            sur = m.key.removeprefix("person:")
            near = [k for k in surnames if len(sur) >= 5 and _one_edit(sur, k.removeprefix("person:"))]
            if len(near) == 1:
                m.key = near[0]
    for m in ments:
        if m.type != "PERSON" and len(m.text.split()) <= 2:
            k = actor_key(m.text, "PERSON")
            if k in surnames:
                m.type = "PERSON"
                m.key = k
                m.canon = m.text


def _looks_given(word: str, aliases: AliasTable) -> bool:
    """A capitalised word or an initial that names no place or organisation: "Russia Putin" or
    "AFP Putin" (a caption glued to a name) has no given name first."""
    w = word.rstrip(".")
    if not w[:1].isupper() or (w.isupper() and len(w) > 2):
        return False
    return aliases.canonical(word) is None and aliases.metonym(word) is None


def _full_names(ments: list[EntSpan], aliases: AliasTable) -> list[EntSpan]:
    """Person mentions written with a given name before the surname."""
    return [
        m
        for m in ments
        if m.type == "PERSON" and split_name(m.text)[1] is not None and _looks_given(m.text.split()[0], aliases)
    ]


def namesakes_of(ments: list[EntSpan], aliases: AliasTable) -> Namesakes:
    """The document's people who share a surname (see `namesakes`)."""
    return find_namesakes(NamedSpan(m.text, m.start, m.role) for m in _full_names(ments, aliases))


def _split_namesakes(ments: list[EntSpan], aliases: AliasTable) -> None:
    """Different people sharing a surname get different keys (rule in `namesakes`)."""
    found = namesakes_of(ments, aliases)
    if not found.groups:
        return
    full = {id(m) for m in _full_names(ments, aliases)}
    for m in ments:
        if m.type != "PERSON":
            continue
        if id(m) in full:
            m.key = found.key_for(m.text, m.start, m.role)
        elif m.key in found.groups:
            # The key, not the text: a misspelt surname already points at its full name.
            m.key = found.bare(m.key, m.start, honorific_gender(f"{m.role or ''} {m.text}"))
        elif split_name(m.text)[1] is None:
            m.key = found.key_for(m.text, m.start, m.role)  # a lone given name ("Hunter")


def _surname_first(ments: list[EntSpan]) -> None:
    """A bare name that begins one full name of the document and ends none is that person: a
    name written surname first ("Tan Boon Hock", later "Tan"), or one given name alone. Keys are
    surnames read as the last word, so without this the two would be two holders."""
    full = [m for m in ments if m.type == "PERSON" and len(m.text.split()) >= 2]
    if not full:
        return
    lasts = {normalise_name(m.text).split()[-1] for m in full}
    firsts: dict[str, set[str]] = {}
    for m in full:
        firsts.setdefault(normalise_name(m.text).split()[0], set()).add(m.key)
    for m in ments:
        if m.type != "PERSON" or len(m.text.split()) != 1:
            continue
        w = normalise_name(m.text)
        keys = firsts.get(w, set())
        if w not in lasts and len(keys) == 1:
            m.key = next(iter(keys))


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _merge_acronyms(ments: list[EntSpan]) -> None:
    """An all-caps ORG mention equal to the initials of a longer ORG in the doc is that ORG."""
    by_initials: dict[str, str] = {}
    for m in ments:
        if m.type in {"ORG", "GPE"} and len(m.text.split()) >= 2:
            ini = _initials(m.text)
            if len(ini) >= 2:
                by_initials.setdefault(ini, m.key)
    for m in ments:
        t = m.text.replace(".", "")
        if t.isupper() and 2 <= len(t) <= 6 and t in by_initials and m.key != by_initials[t]:
            m.key = by_initials[t]
