"""Rule-based resolution of a speaker mention (name, pronoun, description) to an actor.

No offline coreference model is usable here, so this is a small deterministic resolver built on
the usual signals: recency, sentence-subject preference, gender agreement (learned from titles
and from the pronouns that follow a lone named person, never guessed from a given name), role
match for descriptions ("the ambassador" → the actor introduced as "Canada's Ambassador to the UN …"),
and quote alternation (a speaker who has just been quoted is the likeliest referent of "he said").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypeVar

from spacy.tokens import Doc, Span

from stanceline.nlp.actors.entities import TITLE_WORDS, EntSpan, namesakes_of, sent_bounds
from stanceline.nlp.actors.issuers import STATEMENT_NOUNS, last_statement_issuer, np_of
from stanceline.nlp.actors.keys import AliasTable, actor_key, normalise_name
from stanceline.nlp.actors.namesakes import Namesakes

Gender = Literal["m", "f"]

MALE_PRON = {"he", "him", "his", "himself"}
FEMALE_PRON = {"she", "her", "hers", "herself"}
PLURAL_PRON = {"they", "them", "their"}
NEUTER_PRON = {"it", "its"}
FIRST_PRON = {"i", "we", "me", "us"}
_PRON_DEPS = {"nsubj", "nsubjpass", "poss"}


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_MALE_TITLES = {"mr", "mr.", "king", "prince", "sir", "lord", "spokesman", "congressman", "chairman", "father", "pope"}
_FEMALE_TITLES = {
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "queen",
    "princess",
    "dame",
    "lady",
    "spokeswoman",
    "congresswoman",
    "chairwoman",
    "mother",
}
# Heads of state or government: "the leader" may refer to any of them.
LEADER_TITLES = {"president", "prime", "premier", "chancellor", "king", "queen", "leader", "head"}
ORG_NOUNS = {
    "alliance",
    "company",
    "ministry",
    "agency",
    "organization",
    "organisation",
    "group",
    "bloc",
    "union",
    "department",
    "firm",
    "party",
    "committee",
    "commission",
    "council",
    "church",
    "office",
    "administration",
    "team",
    "club",
    "website",
    "newspaper",
    "paper",
    "network",
}
STATE_NOUNS = {"country", "government", "state", "nation", "city", "kingdom", "republic", "regime"}
# Descriptions that, without a role match, may still refer to the most salient person nearby.
SALIENT_TITLES = LEADER_TITLES | {
    "minister",
    "ambassador",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "senator",
    "governor",
    "mayor",
    "chancellor",
    "diplomat",
    "general",
    "coach",
    "chief",
    "official",
}
PERSON_NOUNS = TITLE_WORDS | {
    "man",
    "woman",
    "leader",
    "official",
    "spokesperson",
    "source",
    "boy",
    "girl",
    "father",
    "mother",
    "husband",
    "wife",
    "son",
    "daughter",
    "player",
    "scientist",
    "author",
    "poster",
    "witness",
    "resident",
    "activist",
    "student",
    "teacher",
    "doctor",
    "founder",
    "owner",
    "manager",
    "head",
    "individual",
    "person",
    # people reporting as a group: users, voters, staff and the like
    "people",
    "user",
    "customer",
    "consumer",
    "voter",
    "citizen",
    "worker",
    "employee",
    "parent",
    "patient",
    "passenger",
    "tenant",
    "visitor",
    "viewer",
    "reader",
    "participant",
    "respondent",
    "farmer",
    "expert",
    "analyst",
    "researcher",
    "lawyer",
    "critic",
    "supporter",
    "protester",
    "victim",
    "survivor",
    # people close to a principal, a common anonymous source ("two aides familiar with the talks")
    "aide",
    "adviser",
    "advisor",
    "insider",
    "staffer",
    "ally",
    "associate",
    "colleague",
    # people of a race or a campaign, as news describes them ("the Republican nominee", "a party
    # strategist"): a person, not the party or state in their description
    "nominee",
    "candidate",
    "front-runner",
    "frontrunner",
    "hopeful",
    "challenger",
    "incumbent",
    "contender",
    "rival",
    "opponent",
    "strategist",
    "operative",
    "pollster",
    "surrogate",
    "donor",
    "delegate",
    "organizer",
    "organiser",
    "consultant",
    "lobbyist",
    "commentator",
    "pundit",
    "prosecutor",
    "counsel",
    "sheriff",
    "veteran",
    "billionaire",
    "mogul",
    "businessman",
    "businesswoman",
}


@dataclass
class Resolved:
    key: str
    name: str
    # The earlier mention a pronoun or description was resolved through (None for a name).
    antecedent: str | None = None
    antecedent_start: int | None = None
    antecedent_end: int | None = None


def _through(state: CorefState, m: EntSpan) -> Resolved:
    return Resolved(m.key, state.names.get(m.key, m.canon), m.text, m.start, m.end)


@dataclass
class CorefState:
    """Per-document context the resolver consults and updates as quotes are attributed."""

    doc: Doc
    mentions: list[EntSpan]
    names: dict[str, str]  # key → canonical name in this doc
    aliases: AliasTable
    gender: dict[str, Gender] = field(default_factory=dict)
    roles: dict[str, list[str]] = field(default_factory=dict)
    last_speaker: str | None = None
    # Persons found only as speakers (missed by NER): key, name, char span of the mention.
    new_people: list[tuple[str, str, int, int]] = field(default_factory=list)
    last_speaker_pos: int = -1
    # People of this document who share a surname, so a name found late gets the same key.
    namesakes: Namesakes = field(default_factory=Namesakes)

    @classmethod
    def build(cls, doc: Doc, mentions: list[EntSpan], names: dict[str, str], aliases: AliasTable) -> CorefState:
        st = cls(doc, sorted(mentions, key=lambda m: m.start), names, aliases)
        for m in mentions:
            if m.role:
                st.roles.setdefault(m.key, []).append(m.role)
        st.gender = infer_genders(doc, st.mentions)
        st.namesakes = namesakes_of(st.mentions, aliases)
        return st


def infer_genders(doc: Doc, mentions: list[EntSpan]) -> dict[str, Gender]:
    """Vote a gender per person: titles, and pronouns in sentences about exactly one person.

    Only what the text writes counts; a given name is not taken as evidence of gender."""
    votes: dict[str, Counter[str]] = {}
    by_sent: dict[int, set[str]] = {}
    for m in mentions:
        if m.type != "PERSON":
            continue
        role = (m.role or "").lower().split()
        c = votes.setdefault(m.key, Counter())
        if any(w in _MALE_TITLES for w in role):
            c["m"] += 3
        if any(w in _FEMALE_TITLES for w in role):
            c["f"] += 3
        prev = doc[m.tok_start - 1].lower_ if m.tok_start > 0 else ""
        if prev in _MALE_TITLES:
            c["m"] += 3
        elif prev in _FEMALE_TITLES:
            c["f"] += 3
        by_sent.setdefault(sent_bounds(doc, m.tok_start)[0], set()).add(m.key)
    sents = list(doc.sents)
    for i, s in enumerate(sents):
        people = by_sent.get(s.start, set())
        if len(people) != 1:
            continue
        (key,) = tuple(people)
        # The person's own sentence and the next one: pronouns there mostly refer back to them.
        toks = list(s)
        nxt_people = by_sent.get(sents[i + 1].start, set()) if i + 1 < len(sents) else set()
        if i + 1 < len(sents) and not nxt_people - {key}:
            toks += list(sents[i + 1])
        # Only subject and possessive pronouns: an object pronoun in the person's own sentence
        # ("Rutte thanked her") refers to someone else.
        m_ = sum(1 for t in toks if t.lower_ in MALE_PRON and t.dep_ in _PRON_DEPS)
        f_ = sum(1 for t in toks if t.lower_ in FEMALE_PRON and t.dep_ in _PRON_DEPS)
        if m_ and not f_:
            votes[key]["m"] += 1
        elif f_ and not m_:
            votes[key]["f"] += 1
    out: dict[str, Gender] = {}
    for key, c in votes.items():
        if c["m"] > c["f"]:
            out[key] = "m"
        elif c["f"] > c["m"]:
            out[key] = "f"
    return out


def _mentions_in(state: CorefState, start: int, end: int) -> list[EntSpan]:
    return [m for m in state.mentions if m.start < end and m.end > start]


def _resolve_named(state: CorefState, span: Span) -> EntSpan | None:
    ms = _mentions_in(state, span.start_char, span.end_char)
    if not ms:
        return None
    head = span.root
    for m in ms:
        if m.tok_start <= head.i < m.tok_end:
            return m
    people = [m for m in ms if m.type == "PERSON"]
    if people:
        return people[-1]
    actors = [m for m in ms if m.type in {"ORG", "GPE"}] or ms
    return actors[-1]


def _candidates(state: CorefState, pos: int, types: set[str], quoted: tuple[int, int] | None = None) -> list[EntSpan]:
    qs, qe = quoted if quoted is not None else (0, 0)
    return [m for m in state.mentions if m.end <= pos and m.type in types and not (qs <= m.start < qe)]


def _rank(state: CorefState, cands: list[EntSpan], pos: int, gender: Gender | None) -> Resolved | None:
    if not cands:
        return None
    doc = state.doc
    best: tuple[float, int] | None = None
    best_m: EntSpan | None = None
    pos_tok = _tok_at(doc, pos)
    pos_sent = sent_bounds(doc, pos_tok)[0]
    # Once another person has acted as a subject since the last quote, the topic has moved on
    # and the last speaker is no longer the preferred antecedent.
    speaker_current = not any(
        m.acting and m.key != state.last_speaker and state.last_speaker_pos < m.start for m in cands
    )
    for m in cands:
        g = state.gender.get(m.key)
        if gender is not None and g is not None and g != gender:
            continue
        sent_start = sent_bounds(doc, m.tok_start)[0]
        # Sentence distance measured in tokens-of-sentence-starts is costly; tokens suffice.
        dist = (pos_tok - m.tok_start) / 25.0
        score = -dist
        if sent_start == pos_sent:
            score += 0.5
        if m.acting:
            score += 1.0
        if _possessor_mention(doc, m):
            # Subjects outrank possessors as antecedents ("X repeated Y's plan. He said …" is X).
            score -= 1.0
        if m.key == state.last_speaker and speaker_current:
            score += 1.5
        if gender is not None and g == gender:
            # A gender the text states (title, honorific, pronouns) outweighs recency and
            # salience: a candidate of unknown gender is only a fallback.
            score += 1.0
        cand = (score, m.start)
        if best is None or cand > best:
            best, best_m = cand, m
    if best_m is None:
        return None
    return _through(state, best_m)


def _possessor_mention(doc: Doc, m: EntSpan) -> bool:
    last = doc[m.tok_end - 1]
    return last.dep_ == "poss" or (m.tok_end < len(doc) and doc[m.tok_end].lower_ in {"'s", "’s"})


def _tok_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, min(char + 1, len(doc.text)), alignment_mode="expand")
    if span is not None and len(span):
        return span.start
    for t in doc:
        if t.idx >= char:
            return t.i
    return len(doc) - 1


def _state_of(state: CorefState, word: str) -> str:
    """The state a word names or stands for ("ukrainian", "kyiv" → "ukraine"); else the word."""
    w = word[:-2] if word.endswith(("'s", "’s")) else word
    met = state.aliases.metonym(w) or state.aliases.canonical(w)
    return normalise_name(met[0]) if met is not None else w


# Modifiers of a title that do not narrow the office ("the senior minister", "the new premier").
_NEUTRAL_QUALIFIERS = frozenset(
    {"the", "a", "an", "'s", "’s", "former", "top", "senior", "new", "current", "outgoing", "incoming", "then",
     "acting", "cabinet", "longtime", "veteran", "powerful", "embattled", "-", "—"}
)  # fmt: skip


@dataclass(frozen=True)
class _Title:
    """A description's title word and what narrows it: states ("the French president",
    "Iran's leader") and office words ("the home secretary", "the foreign minister")."""

    head: str
    states: frozenset[str]
    offices: frozenset[str]


def _title_of(state: CorefState, span: Span) -> _Title:
    toks = [t for t in span if not t.is_punct and not t.is_space]
    head = span.root.lower_ if span.root.lower_ in TITLE_WORDS else span.root.lemma_.lower()
    states: set[str] = set()
    offices: set[str] = set()
    for t in toks:
        if t.i >= span.root.i:
            break
        w = t.lower_
        if w in _NEUTRAL_QUALIFIERS or w in STATE_NOUNS or t.pos_ in {"DET", "PRON", "PART", "ADP", "CCONJ"}:
            continue
        if t.ent_type_ in {"GPE", "NORP", "LOC"} or _is_state_word(state, w):
            states.add(_state_of(state, w))
        elif t.pos_ in {"ADJ", "NOUN", "PROPN"}:
            offices.add(w)
    return _Title(head, frozenset(states), frozenset(offices))


def _is_state_word(state: CorefState, word: str) -> bool:
    w = word[:-2] if word.endswith(("'s", "’s")) else word
    return state.aliases.metonym(w) is not None or state.aliases.canonical(w) is not None


def _role_words(state: CorefState, key: str) -> tuple[set[str], set[str]]:
    """(words, states) of the roles an actor was introduced with."""
    words: set[str] = set()
    states: set[str] = set()
    for r in state.roles.get(key, []):
        for tok in normalise_name(r).split():
            words.add(tok)
            if _is_state_word(state, tok):
                states.add(_state_of(state, tok))
    return words, states


def _same_office(head: str, words: set[str]) -> bool:
    if head in words:
        return True
    # "the leader" / "the head" of a government is whichever head of state or government it has.
    return head in {"leader", "head"} and bool(words & LEADER_TITLES)


def _fits(title: _Title, words: set[str], states: set[str]) -> bool:
    """Whether an actor's roles leave the description possible: no other state named, and every
    office word of the description in the role ("the home secretary" is not the work and
    pensions secretary)."""
    if title.states and not title.states & states:
        # "the French president" is not a president the text never tied to France.
        return False
    return title.offices <= words


def _role_match(state: CorefState, title: _Title, pos: int) -> Resolved | None:
    """A description such as 'the Ukrainian leader' → an actor whose role has its title, and none
    of whose roles contradicts its state or office words."""
    best: tuple[int, int, int] | None = None
    best_m: EntSpan | None = None
    for m in state.mentions:
        if m.type != "PERSON":
            continue
        words, states = _role_words(state, m.key)
        if not words or not _same_office(title.head, words) or not _fits(title, words, states):
            continue
        hit = 2 + (1 if title.states & states else 0)
        # An antecedent beats a later introduction; among antecedents the nearest wins.
        cand = (hit, 1 if m.start < pos else 0, m.start if m.start < pos else -m.start)
        if best is None or cand > best:
            best, best_m = cand, m
    if best_m is None:
        return None
    return _through(state, best_m)


# Entity types a full name that speaks may wrongly carry: none, a person, or a thing that cannot
# speak (a name right after a closing quotation mark is often tagged a title, "“…,” Ana Ruiz
# said"). Organisations and places are actors of their own and are resolved as such.
_NAME_MISTYPED = frozenset({"", "PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})


def _unrecognised_name(state: CorefState, span: Span) -> Resolved | None:
    """A proper-noun subject the NER missed: a person if it shares a surname with one."""
    head = span.root
    if head.is_upper and len(head.text) > 2 and head.is_alpha:
        # A name in capitals ("SMITH:" opening a transcript turn): only a person already known.
        key = state.namesakes.bare(actor_key(head.text, "PERSON"), head.idx)
        return Resolved(key, state.names[key]) if key in state.names else None
    if not head.is_title or head.pos_ not in {"PROPN", "NOUN", "ADJ"}:
        return None
    if head.pos_ in {"NOUN", "ADJ"}:
        # The tagger sometimes calls an unfamiliar surname a noun or an adjective (a name before
        # a dash); trust it only for a known person.
        key = state.namesakes.bare(actor_key(head.text, "PERSON"), head.idx)
        return Resolved(key, state.names[key]) if key in state.names else None
    toks = [t for t in span if t.pos_ == "PROPN" and t.is_title and t.i <= head.i and t.i >= head.left_edge.i]
    toks = [t for t in toks if t.lower_.rstrip(".") not in TITLE_WORDS]
    if not toks:
        return None
    name = " ".join(t.text for t in toks)
    if state.aliases.canonical(name) or state.aliases.metonym(name):
        return None
    key = state.namesakes.key_for(name, span.start_char)
    if key in state.names:
        return Resolved(key, state.names[key])
    if len(toks) == 1:
        owner = name_word_of(state.mentions, toks[0].text, lambda m: m.key)
        if owner is not None and owner.key in state.names:
            return Resolved(owner.key, state.names[owner.key])
    if len(toks) < 2 or head.ent_type_ not in _NAME_MISTYPED:
        return None
    # A new full name: register it so the quote's speaker_key joins an actor of this document.
    state.names[key] = name
    state.new_people.append((key, name, span.start_char, span.end_char))
    _add_person(state, key, name)
    return Resolved(key, name)


class _Named(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str: ...


_M = TypeVar("_M", bound=_Named)


def name_word_of(mentions: Iterable[_M], word: str, key: Callable[[_M], str]) -> _M | None:
    """A mention of the one person (by `key`) whose full name has `word` before its last word, when
    no full name ends with it: a name written surname first ("Keo Sovann", later "Keo") or the
    first of two surnames ("Ana Ruiz Vega", later "Ruiz"), which the tagger often leaves untagged
    alone. The quote stage asks it of its entity spans, the stance stage of the exported mentions."""
    full = [m for m in mentions if m.type == "PERSON" and len(m.text.split()) >= 2]
    if any(m.text.split()[-1] == word for m in full):
        return None
    hits = {key(m): m for m in full if word in m.text.split()[:-1]}
    return next(iter(hits.values())) if len(hits) == 1 else None


def _add_person(state: CorefState, key: str, name: str) -> None:
    """Make every occurrence of a person's newly found full name a mention the resolver can
    return to ("she said" after "Theresa May has confirmed …" when the NER missed the name)."""
    doc = state.doc
    found = False
    for k in range(len(doc)):
        if doc[k].text != name.split()[0]:
            continue
        span = doc.char_span(doc[k].idx, doc[k].idx + len(name))
        if (
            span is None
            or span.text != name
            or any(m.start < span.end_char and m.end > span.start_char for m in state.mentions)
        ):
            continue
        acting = span.root.dep_ in {"nsubj", "nsubjpass"}
        state.mentions.append(
            EntSpan(span.start_char, span.end_char, span.start, span.end, name, "PERSON", key, name, acting=acting)
        )
        found = True
    if found:
        state.mentions.sort(key=lambda m: m.start)
        state.gender = infer_genders(doc, state.mentions)


# Heads through which their possessor speaks: "the senator's spokeswoman said", "his office said".
VOICE_NOUNS = frozenset(
    {"office", "spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative", "statement",
     "campaign", "press", "aide", "aides", "account", "website", "lawyer", "lawyers", "attorney"}
)  # fmt: skip


def _possessor(span: Span) -> Span | None:
    """The possessor phrase of a speaker noun phrase ("the senator's" in "the senator's party")."""
    root = span.root
    for c in root.children:
        if c.dep_ == "poss" and span.start <= c.i < span.end:
            return span.doc[c.left_edge.i : c.i + 1]
    return None


def resolve_speaker(state: CorefState, span: Span, quoted: tuple[int, int] | None = None) -> Resolved | None:
    """Resolve a speaker noun phrase to an actor of this document, or None if unsure.

    `quoted` is the char span of what the speaker said: a person named inside it is talked about,
    not talking ("“We oppose Lee's plan,” he said" is not Lee), so a pronoun or description does
    not resolve to them.

    The head of the phrase speaks, not its possessor: "the senator's party concedes" is the
    party's statement, not the senator's; only a head that is the possessor's own voice ("his
    office", "the minister's spokeswoman") speaks for the possessor.
    """
    named = _apposed_person(state, span)
    if named is not None:
        # "the ministry's spokeswoman, Clara Voss," / "its chief, Ann Lee,": the person the
        # phrase names speaks, not the organisation whose voice the head noun is.
        return Resolved(named.key, state.names.get(named.key, named.canon))
    poss = _possessor(span)
    if poss is not None and poss.end <= span.root.i:
        if span.root.lower_ in VOICE_NOUNS or span.root.lemma_.lower() in VOICE_NOUNS:
            return resolve_speaker(state, poss)
        rest = span.doc[poss.end : span.end]
        if not len(rest):
            return None
        if span.root.lower_ in TITLE_WORDS and not any(
            m.type == "PERSON" for m in _mentions_in(state, poss.start_char, poss.end_char)
        ):
            # "Iran's leader", "the government's head": the possessor says whose office it is.
            return _resolve_description(state, span, quoted)
        return _resolve_unpossessed(state, rest, quoted)
    return _resolve_unpossessed(state, span, quoted)


def _apposed_person(state: CorefState, span: Span) -> EntSpan | None:
    """A person named in apposition to the phrase's head, inside the phrase."""
    for c in span.root.children:
        if c.dep_ != "appos" or not (span.start <= c.i < span.end):
            continue
        for m in _mentions_in(state, span.doc[c.left_edge.i].idx, c.idx + len(c.text)):
            if m.type == "PERSON" and m.tok_start <= c.i < m.tok_end:
                return m
    # "The city's police chief, Dan Ortiz" read as two subjects: the person named after the
    # phrase's last comma, closing it.
    commas = [t.i for t in span if t.text == ","]
    if commas:
        after = span.doc[commas[-1] + 1 : span.end]
        for m in _mentions_in(state, after.start_char, after.end_char):
            if m.type == "PERSON" and m.tok_start == after.start and m.tok_end == span.end:
                return m
    return None


def _resolve_unpossessed(state: CorefState, span: Span, quoted: tuple[int, int] | None = None) -> Resolved | None:
    named = _resolve_named(state, span)
    head_tok = span.root
    head_in_named = named is not None and named.tok_start <= head_tok.i < named.tok_end
    if named is not None and (head_in_named or named.type == "PERSON"):
        return Resolved(named.key, state.names.get(named.key, named.canon))
    # A proper-noun head the NER missed ("professor Jane Q. Doe" with only "American"
    # tagged) is a name in its own right, not the nationality beside it.
    guess = _unrecognised_name(state, span)
    if guess is not None:
        return guess
    if named is not None and head_tok.lemma_.lower() not in PERSON_NOUNS:
        return Resolved(named.key, state.names.get(named.key, named.canon))
    described = _resolve_description(state, span, quoted)
    if described is None and named is not None and head_tok.tag_ in {"NNS", "NNPS"}:
        # "Canadian trade officials", "the union's negotiators": a group reported as one voice
        # speaks for its body.
        return Resolved(named.key, state.names.get(named.key, named.canon))
    # "a senior Canadian trade official", "the city mayor": one person the text does not name is
    # not the place or body in their description; unresolved, the description stays the speaker.
    return described


def _resolve_description(state: CorefState, span: Span, quoted: tuple[int, int] | None = None) -> Resolved | None:
    words = [t.lower_ for t in span if not t.is_punct]
    if not words:
        return None
    pos = span.start_char
    if len(words) == 1 and words[0] in MALE_PRON | FEMALE_PRON:
        gender: Gender = "m" if words[0] in MALE_PRON else "f"
        got = _rank(state, _candidates(state, pos, {"PERSON"}, quoted), pos, gender)
        if got is not None and got.key not in state.gender:
            # The text has now written this person's pronoun: "“…,” she said. “…,” he said"
            # are two people, not one.
            state.gender[got.key] = gender
        return got
    if len(words) == 1 and words[0] in NEUTER_PRON:
        return _rank(state, _candidates(state, pos, {"ORG", "GPE"}), pos, None)
    if len(words) == 1 and words[0] in PLURAL_PRON:
        return _rank(state, _candidates(state, pos, {"ORG", "GPE", "NORP"}), pos, None)
    if len(words) == 1 and words[0] in FIRST_PRON:
        return None
    head = span.root.lemma_.lower()
    if head in STATEMENT_NOUNS and words[0] in {"the", "that", "this"}:
        return _statement_issuer(state, span)
    if span.root.pos_ in {"NOUN", "PROPN"} or head in PERSON_NOUNS:
        title = _title_of(state, span)
        # Only a person's title names a role ("the union" is not its general secretary).
        role = _role_match(state, title, pos) if head in PERSON_NOUNS else None
        if role is not None:
            return role
        if head in ORG_NOUNS:
            # "the newspaper said" is not the party named before it: a body whose name says what
            # kind it is must be of the description's kind.
            cands = [m for m in _candidates(state, pos, {"ORG"}) if _may_be_kind(state, m, head)]
            return _rank(state, cands, pos, None)
        if head in STATE_NOUNS:
            return _rank(state, _candidates(state, pos, {"GPE"}), pos, None)
        if title.states:
            # "the French president" that no role in the text matches: who holds that office is
            # world knowledge the text does not give; the description stays the speaker.
            return None
        if head in SALIENT_TITLES and span.root.tag_ in {"NN", "NNP"} and words[0] in {"the", "his", "her"}:
            gender_hint: Gender | None = None
            if head in _MALE_TITLES:
                gender_hint = "m"
            elif head in _FEMALE_TITLES:
                gender_hint = "f"
            # "the president" with no role match: the most salient person nearby whose own title
            # is not another office ("the minister" is not the president named earlier).
            cands = [m for m in _candidates(state, pos, {"PERSON"}, quoted) if not _other_office(state, m.key, title)]
            return _rank(state, cands, pos, gender_hint)
    return None


# Body nouns that name one kind of body ("the paper" is "the newspaper").
_ORG_KIND = {"paper": "newspaper", "organisation": "organization", "firm": "company"}
# Body nouns that fit bodies of any kind ("the alliance" may be a treaty organization, "the bloc"
# a union, "the group" a party).
_ANY_BODY = frozenset({"alliance", "bloc", "organization", "group", "union"})


def _may_be_kind(state: CorefState, m: EntSpan, word: str) -> bool:
    """Whether organisation mention `m` may be what "the <word>" describes: its name says no kind
    of body ("Acme", "the Ledger"), or says this kind ("Green Party" for "the party")."""
    kind = _ORG_KIND.get(word, word)
    if kind in _ANY_BODY:
        return True
    name = state.names.get(m.key, m.canon)
    words = re.findall(r"[a-z]+", f"{name} {m.text}".lower())
    if kind == "newspaper":
        # "the newspaper said": a body the text names as a paper ("the Daily Ledger", "the Post"),
        # never the party or government its report is about.
        return any(w in _MASTHEAD_WORDS for w in words)
    kinds = {_ORG_KIND.get(w, w) for w in words if w in ORG_NOUNS}
    return not kinds or kind in kinds


# Words newspapers put in their names.
_MASTHEAD_WORDS = frozenset(
    {
        "times", "post", "journal", "herald", "news", "telegraph", "guardian", "gazette", "tribune",
        "ledger", "daily", "star", "mail", "observer", "chronicle", "independent", "express", "mirror",
        "sun", "courier", "examiner", "record", "register", "dispatch", "inquirer", "bulletin",
    }
)  # fmt: skip


def _statement_issuer(state: CorefState, span: Span) -> Resolved | None:
    """ "the statement said": whoever the text said issued it ("the ministry issued a statement"),
    else the speaker just reported, when that was within the last few sentences."""
    doc = state.doc
    issuer = last_statement_issuer(doc, span.start, span.root.lemma_.lower())
    if issuer is not None and issuer.i < span.start:
        got = resolve_speaker(state, np_of(doc, issuer))
        if got is not None:
            return got
    if state.last_speaker is None or state.last_speaker_pos < 0:
        return None
    if span.start - _tok_at(doc, state.last_speaker_pos) > _STATEMENT_REACH:
        return None
    key = state.last_speaker
    return Resolved(key, state.names.get(key, key))


# Tokens back to the last speaker that "the statement said" may still refer to.
_STATEMENT_REACH = 120


def _office_class(word: str) -> str:
    """Offices a description may loosely name: a head of state or government is "the leader",
    a secretary of state is also "the minister"."""
    if word in LEADER_TITLES:
        return "leader"
    if word in {"minister", "secretary"}:
        return "minister"
    return word


def _other_office(state: CorefState, key: str, title: _Title) -> bool:
    """Whether the person's known titles name an office other than the description's (and none
    that is it), or contradict its office words."""
    words, states = _role_words(state, key)
    offices = {_office_class(w) for w in words & SALIENT_TITLES}
    if offices and _office_class(title.head) not in offices:
        return True
    return bool(offices) and not _fits(title, words, states)


def note_speaker(state: CorefState, key: str | None, pos: int) -> None:
    if key is not None:
        state.last_speaker = key
        state.last_speaker_pos = pos
