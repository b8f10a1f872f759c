"""Who a token stands for: the actors behind a subject, an owner or a speaker.

A name is its mention's actor; a capital or a seat of power acts for its state ("Kyiv wants ...");
a description stands for the body or state it names ("EU leaders", "Israeli officials",
"Britain's prime minister", "the French president"); a personal pronoun for the person or group
last named as a subject (within three sentences); "I" and "we" inside a quotation for its
speaker. Each person also gets the state their title names ("Danish Prime Minister Jane Roe"
speaks for Slovakia), so a speaker announcing their own state's act holds it too.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from stanceline.model import Actor, ActorType, Mention, Position, Quote
from stanceline.nlp.actors.coref import name_word_of
from stanceline.nlp.actors.keys import actor_key, builtin_aliases, normalise_name, state_keys
from stanceline.nlp.stance import lexicon as lex

_SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
# Titles of an office that speaks for a state's government.
_GOVERNMENT_TITLES = {"minister", "president", "chancellor", "premier", "secretary", "spokesman", "spokeswoman"}
# Offices whose holder speaks for the state's government (`ActorIndex._government_office`) ...
_GOVERNMENT_OFFICES = {
    "president", "vice-president", "minister", "premier", "chancellor", "spokesman", "spokeswoman", "spokesperson",
}
# ... unless the title says the holder is out of it, or the office is another body's.
_NOT_FOR_THE_GOVERNMENT = {
    "former", "ex", "ex-president", "ex-minister", "late", "opposition", "shadow", "party", "parliament",
    "parliamentary", "senate", "assembly", "congress", "court", "bank", "company", "club", "union", "federation",
    "association", "council", "commission", "committee", "league", "regional", "provincial", "student", "students",
}  # fmt: skip
_TITLE_WORDS = {
    "president",
    "minister",
    "ambassador",
    "secretary",
    "general",
    "chancellor",
    "leader",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "official",
    "officials",
    "envoy",
    "premier",
    "head",
    "chief",
    "prime",
    "foreign",
    "king",
    "queen",
    "mayor",
    "governor",
    "senator",
}


@dataclass(frozen=True, slots=True)
class Holder:
    name: str
    key: str
    start: int
    end: int
    via: str  # how it was found: quote | speech | subject | owner | according | pronoun | description


def _dateline(first: Any) -> tuple[Any, int] | None:
    """The place word and the index of the dash of the dateline that opens the sentence of
    `first` ("PORT MORESBY, May 3 (Wire) -"), if it is one: words in capitals opening the sentence,
    then a comma or bracket, and a dash a few words on."""
    doc = first.doc
    j = first.i
    while j < len(doc) and doc[j].is_upper and len(doc[j].text) > 1 and j - first.i < 4:
        j += 1
    if j == first.i or j >= len(doc) or doc[j].text not in {",", "("}:
        return None
    dash = next((k for k in range(j + 1, min(len(doc), j + 12)) if doc[k].text in {"-", "–", "—", "―"}), None)
    return (doc[j - 1], dash) if dash is not None else None


@lru_cache(maxsize=1)
def _state_names() -> dict[str, str]:
    """The states of the built-in alias table by their folded name ("costa rica" -> "Costa Rica")."""
    return {normalise_name(n): n for n in builtin_aliases().state_names()}


def state_named(text: str) -> str | None:
    """The state a word or phrase names: its own name, a capital or a demonym."""
    return _state_names().get(normalise_name(text)) or metonym_state(text)


def metonym_state(text: str) -> str | None:
    """The state a capital, seat of power or demonym stands for ("Kremlin" -> "Russia")."""
    hit = builtin_aliases().metonym(text)
    return hit[0] if hit else None


def holder_actors(positions: Sequence[Position], actors: Sequence[Actor]) -> list[Actor]:
    """Actor rows for holders that no mention of the document names. A state can hold a position
    through its capital or a demonym alone ("Oslo's leaders"), and a description can stand for a
    body; without a row, the holder's actor page has no type. The type comes from the alias table
    (a metonym's target is a state), a person's from the key; a holder whose type is unknown gets
    no row rather than a guessed one."""
    known = {a.key for a in actors}
    out: dict[str, Actor] = {}
    for p in positions:
        if p.actor_key in known or p.actor_key in out:
            continue
        typ: ActorType | None = "PERSON" if p.actor_key.startswith("person:") else builtin_aliases().type_of(p.actor)
        if typ is not None:
            out[p.actor_key] = Actor(key=p.actor_key, name=p.actor, type=typ)
    return list(out.values())


def mentions_from_doc(doc: Any, doc_id: str) -> list[Mention]:
    """Mentions from spaCy's entities, for callers that have no NLP-stage mentions."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in {"PERSON", "ORG", "GPE", "NORP"}:
            continue
        text = re.sub(r"['’]s$", "", ent.text)
        start = ent.start_char
        if text.lower().startswith("the "):
            text, start = text[4:], start + 4
        out.append(Mention(doc_id, actor_key(text, ent.label_), text, start, start + len(text), ent.label_))
    return out


def _label_like(m: Mention, text: str) -> bool:
    """Page furniture, not an actor: a section label ("Diplomacy Watch: ..."), a photo credit
    ("Name/Agency"), a string with digits."""
    if "/" in m.text or any(ch.isdigit() for ch in m.text):
        return True
    line_start = text.rfind("\n", 0, m.start) + 1
    return not text[line_start : m.start].strip() and text[m.end : m.end + 2].lstrip(" ").startswith(":")


def conjuncts(tok: Any) -> list[Any]:
    """Conjoined words, chains included ("Spain, Italy and Portugal")."""
    out: list[Any] = []
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(g for g in c.children if g.dep_ == "conj")
    return out


def one_key_per_name(mentions: Sequence[Mention]) -> list[Mention]:
    """Within one document, a name the entity tagger typed two ways ("Trump" once a person, once an
    organisation) is one actor: its mentions take the key most of them have (the person's on a
    tie), so a holder is not split between "person:x" and "x"."""
    keys: dict[str, Counter[str]] = {}
    states = state_keys()
    for m in mentions:
        if m.actor_key in states:
            # A state's name is the state's, though a person's key shares it (an association typed
            # as a person, "Seafarers Chile", keyed by its last word; a namesake "Jordan").
            continue
        keys.setdefault(m.actor_key.removeprefix("person:"), Counter())[m.actor_key] += 1
    remap: dict[str, Mention] = {}
    for ks in keys.values():
        if len(ks) > 1:
            best = max(ks, key=lambda k: (ks[k], k.startswith("person:")))
            model = next(m for m in mentions if m.actor_key == best)
            remap.update({k: model for k in ks if k != best})
    return [
        replace(m, actor_key=remap[m.actor_key].actor_key, type=remap[m.actor_key].type) if m.actor_key in remap else m
        for m in mentions
    ]


class ActorIndex:
    """Actors of one parsed document, looked up by token."""

    def __init__(
        self,
        doc: Any,
        mentions: Sequence[Mention],
        *,
        strict: bool = False,
        sents: Sequence[Any] | None = None,
        quotes: Sequence[Quote] = (),
    ) -> None:
        """`strict`: only actor mentions stand for actors (no bare proper nouns, no labels).
        `quotes`: the quotation stage's records; a pronoun it resolved as a speaker ("..., he
        said") stands for that speaker here too (its resolution weighs gender and who spoke last)."""
        self.doc = doc
        self.pronoun_speakers: dict[int, tuple[str, str]] = {
            q.speaker_start: (q.speaker, q.speaker_key)
            for q in quotes
            if q.speaker_start is not None
            and q.speaker
            and q.speaker_key
            and (q.speaker_mention or "").lower() in lex.PERSON_PRONOUNS
        }
        self.sents = list(sents) if sents is not None else list(doc.sents)
        self._starts = [x.start for x in self.sents]
        self.strict = strict
        self.by_token: dict[int, Mention] = {}
        text = doc.text
        mentions = [m for m in mentions if not _label_like(m, text)] if strict else list(mentions)
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.by_token.setdefault(t.i, m)
        forms: dict[str, Counter[str]] = {}
        types: dict[str, str] = {}
        named = {m.actor_key for m in mentions if m.type != "NORP"}
        for m in mentions:
            if m.type == "NORP" and m.actor_key in named:
                continue  # "Turkish" beside "Turkey": the state is displayed by its name, not its people's
            forms.setdefault(m.actor_key, Counter())[m.text] += 1
            types.setdefault(m.actor_key, m.type)
        self.names: dict[str, str] = {k: _display(c, types.get(k, "")) for k, c in forms.items()}
        self._gpe_names = {normalise_name(m.text): m.text for m in mentions if m.type == "GPE"}
        # where the text names a state, and which (for an organ that names none, "the army")
        self._states_named = [
            (m.start, st)
            for m in mentions
            if m.type in {"GPE", "NORP"}
            for st in [state_named(m.text)]
            if st is not None
        ]
        self.affiliation: dict[str, str] = {}
        # persons whose office speaks for the state their title names (see `_speaks_for`)
        self.speaks_for: dict[str, str] = {}
        for m in mentions:
            if m.type == "PERSON" and m.actor_key not in self.affiliation:
                state = self._state_of_role(m)
                if state is not None:
                    self.affiliation[m.actor_key] = state
                    if self._government_office(m):
                        self.speaks_for[m.actor_key] = state
        # persons with an office whose state the text does not name ("Foreign Minister Yoko Tanaka")
        self.untied_officials: set[str] = {
            m.actor_key
            for m in mentions
            if m.type == "PERSON"
            and m.actor_key not in self.affiliation
            and set(re.findall(r"[a-z]+", (m.role or "").lower())) & _GOVERNMENT_TITLES
        }
        self.types = types
        starts = {s.start for s in self.sents}
        self.name_forms = {
            t.lower_ for t in doc if t.is_title and (t.ent_type_ or t.pos_ == "PROPN") and t.i not in starts
        }

    def sent_of(self, i: int) -> Any:
        """The sentence holding token `i` (without spaCy recomputing the sentences)."""
        return self.sents[bisect.bisect_right(self._starts, i) - 1]

    # -- names ---------------------------------------------------------------------------------

    def _title_words(self, m: Mention) -> list[str]:
        """The words of a person's title: the role the entity stage read, and the tokens just
        before the name ("Brazilian President Ana Souza")."""
        words = re.findall(r"[\w.'’-]+", m.role or "")
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            # the title phrase runs back to the first word that cannot be part of it (a comma, a
            # quotation mark, a verb): 'the Iranian deal," Trump said' names no title
            lo = self.sent_of(span.start).start
            j = span.start
            while j > lo and span.start - j < 5 and self.doc[j - 1].pos_ in {"PROPN", "ADJ", "NOUN", "PART"}:
                j -= 1
            words += [t.text for t in self.doc[j : span.start]]
            if j - lo <= 5 and j > lo + 1 and self.doc[j - 1].text == "," and self.doc[lo].lower_ == "in":
                # "In Oslo, Fisheries Minister Ann Lee said ...": the place the sentence opens with
                words += [t.text for t in self.doc[lo + 1 : j - 1]]
        return [re.sub(r"['’]s?$", "", w) for w in words]

    def _state_of_role(self, m: Mention) -> str | None:
        """The state a person's title names: "Slovak Prime Minister", "Iran's foreign minister",
        "South African President" (a demonym or a state's name of two or three words)."""
        words = self._title_words(m)
        table = builtin_aliases()
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                w = " ".join(words[i : i + n])
                state = metonym_state(w)
                if state is None:
                    canon = table.canonical(w)
                    if canon is not None and canon[1] == "GPE":
                        state = canon[0]
                    elif normalise_name(w) in _state_names():
                        state = _state_names()[normalise_name(w)]  # its own name ("Estonia's foreign minister")
                    elif w[:1].isupper() and normalise_name(w) in self._gpe_names:
                        state = self._gpe_names[normalise_name(w)]  # a state the entity tagger found
                if state is not None:
                    return state
        return None

    def _government_office(self, m: Mention) -> bool:
        """A title of an office that speaks for its state's government: a head of state or of
        government, a minister, the government's or a ministry's spokesperson ("Slovak Prime
        Minister", "a spokesman for Ghana's foreign ministry"). Not a former holder, the opposition,
        or an office of a body other than the government (a party's, a parliament's, a court's)."""
        words = {w.lower() for w in self._title_words(m)}
        return bool(words & _GOVERNMENT_OFFICES) and not words & _NOT_FOR_THE_GOVERNMENT

    def state_holder(self, state: str, tok: Any, via: str) -> Holder:
        return Holder(state, actor_key(state, "GPE"), tok.idx, tok.idx + len(tok.text), via)

    def holder(self, m: Mention, via: str) -> Holder:
        state = (
            metonym_state(m.text)
            if m.type in {"GPE", "NORP", "ORG"} or m.text.isupper() or " " not in m.text.strip()
            else None
        )
        if state is not None and normalise_name(state) != normalise_name(m.text):
            # "Kyiv wants ...", "the Kremlin said ...": the state acts
            return Holder(state, actor_key(state, "GPE"), m.start, m.end, via)
        return Holder(self.names.get(m.actor_key, m.text), m.actor_key, m.start, m.end, via)

    # -- resolution ----------------------------------------------------------------------------

    def resolve(self, tok: Any, via: str, speaker: Holder | None = None) -> list[Holder]:
        """Actors a subject or owner token stands for, its conjuncts included."""
        out: list[Holder] = []
        for t in [tok, *conjuncts(tok)]:
            h = self._resolve_one(t, via, speaker)
            if h is not None and all(h.key != o.key for o in out):
                out.append(h)
        if not out and tok.i not in self.by_token:
            # "Budapest and Bratislava's leaders": every conjoined owner holds it
            for c in tok.children:
                if c.dep_ in {"poss", "nmod"}:
                    for t in [c, *conjuncts(c)]:
                        h = self._resolve_one(t, "owner", speaker)
                        if h is not None and all(h.key != o.key for o in out):
                            out.append(h)
        return out

    def _resolve_one(self, tok: Any, via: str, speaker: Holder | None, *, loose: bool = True) -> Holder | None:
        """`loose`: a proper noun no mention covers may still name someone (not so inside a
        description: "the Home Secretary" names no actor "Home")."""
        low = tok.lower_
        if low in lex.FIRST_PERSON:
            return speaker
        dl = _dateline(tok.doc[tok.sent.start])
        if dl is not None and tok.i < dl[1]:
            # the place or the agency of a dateline parsed as a subject or antecedent ("OSLO, May 3
            # (Wire) - Norway's minister said ..."): where the story was filed from, no actor; the
            # phrase in apposition to the place after the dash is the one meant
            place, dash = dl
            app = [c for c in place.children if c.dep_ == "appos" and c.i > dash and c.pos_ in {"NOUN", "PROPN"}]
            return self._resolve_one(app[-1], via, speaker, loose=loose) if app else None
        m = self.by_token.get(tok.i)
        # a surname in -s tagged as a plural ("Jan Peeters", "Ann Rees") is one person's name
        full_name = m is not None and m.type == "PERSON" and len(m.text.split()) >= 2
        if m is not None and _party_name(m):
            # "the Social Democrats": a party named by its members, not a people
            return Holder(m.text, actor_key(m.text, "ORG"), m.start, m.end, via)
        if (
            (tok.ent_type_ == "NORP" or (tok.tag_ == "NNPS" and tok.ent_type_ == "PERSON" and not full_name))
            and metonym_state(tok.text) is None
        ):
            return None  # a people ("Britons", "Republicans") is not an actor; a person's name is singular
        if m is not None and not loose and m.type == "ORG" and not _is_body(m):
            return None  # "the Home Secretary": "Home" is part of a title, not a body
        if m is not None and m.type == "NORP" and tok.dep_ in {"amod", "compound"}:
            state = metonym_state(m.text)
            return self.state_holder(state, tok, via) if state else None
        if m is not None and m.type == "NORP":
            state = metonym_state(m.text)
            # a people ("Britons") is no actor; a demonym that stands for its state is
            return self.state_holder(state, tok, via) if state else None
        if m is not None:
            return self.holder(m, via)
        state = metonym_state(tok.text) if tok.pos_ in {"PROPN", "ADJ", "NOUN"} else None
        if state is not None and (tok.pos_ == "PROPN" or tok.dep_ in {"amod", "compound", "nsubj"}):
            return self.state_holder(state, tok, via)
        if low in lex.PERSON_PRONOUNS and tok.idx in self.pronoun_speakers:
            name, key = self.pronoun_speakers[tok.idx]
            return Holder(name, key, tok.idx, tok.idx + len(tok.text), "pronoun")
        if low in lex.PERSON_PRONOUNS or (low in {"it", "they", "its", "their"} and tok.dep_ in _SUBJ_DEPS | {"poss"}):
            bound = self._binder(tok)
            if bound is not None:
                h = self._resolve_one(bound, via, speaker, loose=loose)
                if h is not None:
                    return h
            return self._antecedent(tok, via, persons=low in lex.PERSON_PRONOUNS)
        if low in {"who", "which", "that"} and tok.head.dep_ == "relcl":
            return self._resolve_one(tok.head.head, via, speaker) if tok.head.head.i != tok.i else None
        body = self._unnamed_body(tok, via)
        if body is not None:
            return body
        if not loose:
            return None
        named = next((c for c in tok.children if c.dep_ == "appos" and c.i in self.by_token), None)
        if named is not None and tok.pos_ == "NOUN":
            return self._resolve_one(named, via, speaker)  # "the environmental group Verde"
        return self._description(tok, via, speaker)

    def _binder(self, tok: Any) -> Any | None:
        """The subject a pronoun refers to within its sentence: the nearest subject above it that
        is not a pronoun ("X said that his country ...", "the cabinet seemed to hint that it might
        give up its aspiration", "Zelensky offered to abandon his hopes")."""
        t = tok
        own = tok.head if tok.dep_ in _SUBJ_DEPS else None
        for _ in range(14):
            h = t.head
            if h.i == t.i:
                return None
            if h.pos_ in {"VERB", "AUX"} and h is not own:
                subj = next((c for c in h.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subj is not None and any(x.i == tok.i for x in subj.subtree):
                    t = h  # "his country would ...": the pronoun is inside this subject
                    continue
                if subj is not None and subj.i != tok.i:
                    if subj.idx in self.pronoun_speakers and subj.i < tok.i:
                        return subj  # "he said his government ...": the speaker the quote stage found
                    if subj.lower_ in lex.PERSON_PRONOUNS | lex.GROUP_PRONOUNS | lex.FIRST_PERSON or subj.i > tok.i:
                        return None
                    if subj.lower_ in {"who", "which", "that"}:
                        return None
                    if tok.lower_ in lex.PERSON_PRONOUNS and not self._may_be_person(subj):
                        t = h
                        continue
                    return subj
            t = h
        return None

    def _may_be_person(self, t: Any) -> bool:
        m = self.by_token.get(t.i)
        if m is not None:
            return m.type == "PERSON"
        return t.lemma_.lower() in lex.GROUP_NOUNS or t.pos_ in {"PROPN", "NOUN"}

    def _description(self, tok: Any, via: str, speaker: Holder | None) -> Holder | None:
        """A noun phrase naming an actor indirectly: a person inside a title phrase ("U.S.
        Ambassador to NATO Julianne Smith"), a group of a body or state ("EU leaders", "Israeli
        officials", "the Nordic partners of Canada"), a title of a state ("the French president")."""
        for t in tok.subtree:
            pm = self.by_token.get(t.i)
            if (
                pm is not None
                and pm.type == "PERSON"
                and t.i != tok.i
                and t.dep_ in {"pobj", "appos", "compound", "flat"}
                and t.head.dep_ not in {"relcl", "acl"}
                and abs(t.i - tok.i) <= 8
            ):
                return self.holder(pm, via)
        lemma = tok.lemma_.lower()
        if lemma in {"all", "many", "most", "some", "both", "each", "none", "several", "majority", "rest", "half"} | (
            lex.QUANTITY_NOUNS
        ):
            # "all of the EU's national leaders"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return self._resolve_one(g, via, speaker)
            return None
        bare = not any(c.dep_ in {"compound", "flat"} for c in tok.lefts)
        if bare and tok.is_title and tok.pos_ in {"PROPN", "NOUN"}:
            owner = name_word_of(self.by_token.values(), tok.text, lambda m: m.actor_key)
            if owner is not None:
                # "Keo said" after "Keo Sovann": a word of one full name, not its last
                return self.holder(owner, via)
        name_like = tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.is_title and tok.lower_ in self.name_forms)
        if (
            name_like
            and not self.strict
            and tok.ent_type_ in {"", "PERSON", "ORG", "GPE"}
            and lemma not in _TITLE_WORDS
            and tok.is_title
        ):
            parts = [c for c in tok.lefts if c.dep_ in {"compound", "flat"} and c.pos_ == "PROPN" and c.i >= tok.i - 3]
            first = min([tok.i, *[c.i for c in parts]])
            span = self.doc[first : tok.i + 1]
            type_ = tok.ent_type_ or "PERSON"
            return Holder(span.text, actor_key(span.text, type_), span.start_char, span.end_char, via)
        if lemma not in lex.GROUP_NOUNS and tok.pos_ != "PROPN":
            return self._body(tok, via) or self._group(tok, via)
        if any(c.dep_ == "amod" and c.lower_ in lex.SUBNATIONAL_ADJS for c in tok.children):
            return self._region(tok, via)
        outside = lemma == "party" or any(
            c.dep_ in {"amod", "compound"} and c.lower_ in lex.OUTSIDE_WORDS for c in tok.children
        )
        if outside and not any(
            c.dep_ == "poss" and (c.lower_ in lex.PERSON_PRONOUNS | lex.FIRST_PERSON or self._may_be_person(c))
            for c in tok.children
        ):
            # "Denmark's main opposition party", "Danish opposition lawmakers": a state's party or its
            # opposition is not the state; the phrase names the group
            named = self._named_by_phrase(tok, via)
            if named is not None:
                return named
        # the body or state the group belongs to: owner, compound, adjective, "of"/"from" phrase
        cands = [c for c in tok.children if c.dep_ in {"poss", "compound", "amod", "nmod"}]
        for c in tok.children:
            if (
                c.dep_ == "prep"
                and c.lower_ in {"of", "from", "for", "to"}
                and not (
                    lemma in {"ally", "allies", "partner", "partners", "friend", "friends"} and c.lower_ in {"of", "to"}
                )
            ):
                cands.extend(g for g in c.children if g.dep_ == "pobj")  # (the allies of X are not X)
            elif c.dep_ == "prep" and c.lower_ == "in":
                # "the parties in the governing coalition": members of a body are the body
                cands.extend(g for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in lex.BODY_NOUNS)
        for c in cands:
            if c.lower_ in lex.FIRST_PERSON and speaker is not None:
                return speaker
            h = self._resolve_one(c, "description", speaker, loose=False)
            if h is not None:
                return h
            if c.lemma_.lower() in lex.BODY_NOUNS and c.dep_ == "pobj":
                h = self._body(c, "description")
                if h is not None:
                    return h
            if c.lemma_.lower() in lex.GROUP_NOUNS:
                h = self._description(c, "description", speaker)
                if h is not None:
                    return h
        if lemma in {"ally", "allies", "partner", "partners"}:
            # "the European allies": a group named by its region
            adj = next((c for c in tok.children if c.dep_ == "amod" and c.ent_type_ == "NORP"), None)
            if adj is not None:
                text = f"{adj.text} {tok.text}"
                return Holder(text, actor_key(text, "ORG"), adj.idx, tok.idx + len(tok.text), via)
        organ = self._organ_of_sole_state(tok, via)
        if organ is not None:
            return organ
        return self._body(tok, via) or self._group(tok, via)

    def _unnamed_body(self, tok: Any, via: str) -> Holder | None:
        """A body its phrase does not name ("the bloc", "the council", "all eight members", "the
        member states"): the organisation named in this sentence or the two before, when exactly
        one is (for a kind of body, "the council", one whose name ends in that word); with two
        or more, whose it is is not known and no one holds it."""
        lemma = tok.lemma_.lower()
        members = lemma == "member" or (
            lemma in {"state", "country"} and any(c.dep_ == "compound" and c.lower_ == "member" for c in tok.children)
        )
        if lemma not in lex.GENERIC_BODY_NOUNS and not (members and tok.tag_ == "NNS"):
            return None
        for c in tok.children:
            if c.dep_ in {"poss", "nmod", "appos"} or (c.dep_ == "prep" and c.lower_ == "of"):
                return None  # an owner or a name of its own says whose
            if c.dep_ in {"compound", "amod"} and not (c.lower_ in lex.PICKER_ADJS or c.lower_ == "member"):
                return None  # "the Nordic group", "the farmers' union": a body of its own
        if not members and not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        si = bisect.bisect_right(self._starts, tok.i) - 1
        lo = self.sents[max(0, si - 2)].start_char
        cands = {
            m.actor_key: m
            for m in self.by_token.values()
            if m.type == "ORG" and lo <= m.start < tok.idx and not _label_like(m, self.doc.text)
        }
        if lemma in lex.GENERIC_BODY_NOUNS - {"bloc", "alliance", "organisation", "organization", "body", "grouping"}:
            cands = {k: m for k, m in cands.items() if normalise_name(m.text).split()[-1:] == [lemma]}
        if len(cands) != 1:
            return None
        return self.holder(next(iter(cands.values())), via)

    def _named_by_phrase(self, tok: Any, via: str) -> Holder | None:
        """A group or body named by its whole phrase, its owner's name included ("Denmark's main
        opposition party" -> "Denmark's opposition party"), without articles and picking words."""
        words = [
            t
            for t in tok.subtree
            if t.i <= tok.i and t.dep_ != "det" and t.lower_ not in lex.PICKER_ADJS and not t.is_punct
        ]
        if len(words) < 2:
            return None
        text = " ".join(t.text for t in words).replace(" 's", "'s").replace(" ’s", "’s")
        return Holder(text, actor_key(text, "ORG"), words[0].idx, tok.idx + len(tok.text), via)

    def _organ_of_sole_state(self, tok: Any, via: str) -> Holder | None:
        """A state's organ that names no state ("the army", "the defence ministry", "the
        government"): the state, when the text so far names exactly one; with two or more, or none,
        whose organ it is is not known and no one holds it through it. A city's or a region's
        government is not the state's."""
        if tok.lemma_.lower() not in lex.STATE_ORGAN_NOUNS or any(
            c.dep_ in {"poss", "nmod"} or (c.dep_ in {"amod", "compound"} and c.lower_ in lex.LOCAL_WORDS)
            for c in tok.children
        ):
            return None
        if any(c.dep_ == "compound" and (c.pos_ == "PROPN" or c.i in self.by_token) for c in tok.children):
            return None  # a body with a name of its own
        states = {s for start, s in self._states_named if start < tok.idx}
        if len(states) != 1:
            return None
        return self.state_holder(next(iter(states)), tok, via)

    def _region(self, tok: Any, via: str) -> Holder | None:
        """A region's or a city's own body ("the regional governments of X and Y", "X's
        municipal council"): the place it names holds, itself, not the state a capital stands for."""
        places = [c for c in tok.children if c.dep_ in {"poss", "compound", "nmod"}]
        places += [
            g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
        ]
        for p in places:
            m = self.by_token.get(p.i)
            if m is not None and m.type == "GPE":
                return Holder(self.names.get(m.actor_key, m.text), m.actor_key, m.start, m.end, via)
        return None

    def _group(self, tok: Any, via: str) -> Holder | None:
        """Several bodies or people of one kind, said which ("Western governments", "the Baltic
        states", "farm unions", "Catholic bishops", "residents of X"), when no state or body owns
        them: the phrase names the group. A bare plural, or one with only a word that picks some
        ("other governments", "senior officials"), names nobody."""
        lemma = tok.lemma_.lower()
        if tok.tag_ != "NNS" or not (lemma in lex.PEOPLE_NOUNS or tok.lower_ in lex.GROUP_NOUNS):
            return None
        owners = [c for c in tok.lefts if c.dep_ in {"poss", "compound", "nmod"}]
        if lemma not in lex.PEOPLE_NOUNS and any(
            x.i in self.by_token or metonym_state(x.text) for c in owners for x in [c, *conjuncts(c)]
        ):
            return None  # "Budapest and Bratislava's leaders": the named owners hold it (see resolve)
        body_kind = lemma in lex.PEOPLE_NOUNS and lemma in lex.BODY_NOUNS | {"organisation", "organization", "charity"}
        quals = []
        for c in tok.lefts:
            if c.lower_ in lex.PICKER_ADJS or c.like_num:
                continue
            if c.dep_ in {"compound", "nmod", "poss"} and c.pos_ in {"NOUN", "PROPN"}:
                quals.append(c)
            elif c.dep_ == "amod" and (c.ent_type_ or c.pos_ == "PROPN" or c.is_title or body_kind):
                quals.append(c)  # "Nordic governments", "environmental groups"
        of = [
            c
            for c in tok.rights
            if c.dep_ == "prep"
            and c.lower_ in {"of", "from", "in"}
            and any(g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_ or g.is_title) for g in c.children)
        ]
        if not quals and not of:
            return None
        first = min(x.left_edge.i for x in quals) if quals else tok.i
        last = max(_name_end(x) for x in of) if of else tok.i
        span = self.doc[first : last + 1]
        if span[0].dep_ == "det":
            span = span[1:]
        return Holder(span.text, actor_key(span.text, "ORG"), span.start_char, span.end_char, via)

    def _body(self, tok: Any, via: str) -> Holder | None:
        """A body named by its kind and whom it gathers or serves, when no actor owns it: "the
        farmers' union", "the chamber of commerce", "the transport ministry". The phrase is its name."""
        if tok.lower_ not in lex.BODY_NOUNS or tok.pos_ not in {"NOUN", "PROPN"}:
            return None  # one body (the singular: "other parties" are several); a tagger may call it a name
        # whom it gathers or serves: an owner or a noun before it, or a name-like adjective
        # ("the Socialist group"), not a word that only picks among bodies ("the other party")
        quals = [
            c
            for c in tok.lefts
            if (c.dep_ in {"poss", "compound", "nmod"} and c.pos_ in {"NOUN", "PROPN"})
            or (c.dep_ == "amod" and c.is_title)
            or (c.dep_ in {"amod", "compound"} and c.tag_ == "VBG" and c.lower_ not in lex.PICKER_ADJS)  # "governing"
        ]
        of = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in {"of", "for"}]
        if not quals and not of:
            return None
        first = min(x.left_edge.i for x in quals) if quals else tok.i
        last = max(x.right_edge.i for x in of) if of else tok.i
        span = self.doc[first : last + 1]
        # the name without its article and possessive marks: "the farmers' union" -> "farmers union"
        words = [t for t in span if t.dep_ != "case" and not (t.dep_ == "det" and t.i == span.start)]
        text = " ".join(t.text for t in words)
        return Holder(text, actor_key(text, "ORG"), span.start_char, span.end_char, via)

    def _antecedent(self, tok: Any, via: str, *, persons: bool) -> Holder | None:
        """The nearest earlier subject of the right kind (a person for he/she, a body or state
        for it/they), within three sentences."""
        sents = self.sents
        si = bisect.bisect_right(self._starts, tok.i) - 1
        # a person may be named a few sentences back; "it" or "they" only in this sentence or the last
        lo = sents[max(0, si - (6 if persons else 1))].start
        fallback: Mention | None = None
        subordinate: Mention | None = None
        for i in range(tok.i - 1, lo - 1, -1):
            m = self.by_token.get(i)
            t = self.doc[i]
            if (
                m is None
                and persons
                and not self.strict
                and t.pos_ == "PROPN"
                and t.dep_ in _SUBJ_DEPS
                and t.is_title
                and t.lower_ in self.name_forms
                and metonym_state(t.text) is None
                and t.ent_type_ in {"", "PERSON"}
            ):
                # a surname the entity stage missed, as the subject of its clause
                return Holder(
                    self.names.get(actor_key(t.text, "PERSON"), t.text),
                    actor_key(t.text, "PERSON"),
                    t.idx,
                    t.idx + len(t.text),
                    "pronoun",
                )
            if m is None:
                continue
            if persons != (m.type == "PERSON"):
                continue
            head = t
            while head.dep_ in {"compound", "flat", "appos"} and head.head.i != head.i:
                head = head.head
            if head.dep_ in _SUBJ_DEPS:
                if head.head.dep_ in {"relcl", "advcl", "acl"}:
                    # "Hunt, who stepped in when Johnson resigned, said ...": a subject of a
                    # subordinate clause is a weaker antecedent than the main clause's
                    subordinate = subordinate or m
                    continue
                return self.holder(m, "pronoun")
            if fallback is None:
                fallback = m
        best = subordinate or fallback
        return self.holder(best, "pronoun") if best is not None and persons else None


def _name_end(t: Any) -> int:
    """The last token of a name phrase, without what is said of it after a comma ("residents of
    X, the town next to the airport")."""
    kids = [c for c in t.rights if c.dep_ not in {"appos", "punct", "relcl", "acl", "cc", "conj"}]
    return _name_end(kids[-1]) if kids else t.i


def _party_name(m: Mention) -> bool:
    """A name of several capitalised words for a group that is no people of a state ("Christian
    Democrats", "Social Democrats"): a party, named by its members."""
    words = m.text.split()
    return (
        m.type in {"NORP", "PERSON"}
        and len(words) >= 2
        and all(w[:1].isupper() for w in words)
        and words[-1].endswith("s")
        and words[-1].lower() in _PARTY_MEMBERS
        and not any(metonym_state(w) or builtin_aliases().canonical(w) for w in words)
    )


# Plural names a party's members go by.
_PARTY_MEMBERS = {
    "democrats", "republicans", "socialists", "conservatives", "liberals", "greens", "nationalists",
    "communists", "unionists", "labourites", "progressives", "populists",
}


def _is_body(m: Mention) -> bool:
    """An organisation that can hold a position: a known one, an acronym, or a name of two words."""
    return builtin_aliases().canonical(m.text) is not None or m.text.isupper() or len(m.text.split()) >= 2


def _display(forms: Counter[str], type_: str) -> str:
    """A document's name for an actor: a person's fullest form (diacritics kept), else the usual one."""
    if type_ == "PERSON":
        return max(forms, key=lambda n: (len(n.split()), sum(not c.isascii() for c in n), len(n), forms[n]))
    for n in sorted(forms, key=lambda n: -forms[n]):
        canon = builtin_aliases().canonical(n)
        if canon is not None:
            return canon[0]  # "U.S." -> "United States"
    return max(forms, key=lambda n: (forms[n], len(n)))
