"""The speaker side of a speech cue: a verb's (possibly inherited) subject and its noun phrase."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from stanceline.nlp.actors.coref import (
    PERSON_NOUNS,
)
from stanceline.nlp.quotes.lexicon import ADDRESSEE_LEMMAS, PERSON_PRONOUNS, SUBJ_DEPS


@dataclass
class Cue:
    verb: Token
    subj: Span | None
    content: tuple[int, int] | None  # char span of the reported clause
    according: bool = False
    # Content is a quotation inside the verb's object ("called it “…”"), not a reported clause.
    argument: bool = False
    # The relative pronoun that is the verb's own subject ("Ann Lee, who said …"): the surface
    # mention of the speaker, `subj` being what it stands for.
    relative: Token | None = None


def subject_of(v: Token) -> Token | None:
    """The (possibly inherited) subject of a speech verb: own, via conj/advcl/xcomp heads, relcl."""
    subj = _subject_of(v)
    return _before_dashes(_past_credit(subj)) if subj is not None else None


def _before_dashes(t: Token) -> Token:
    """ "Lopez -- author of a book on speeches -- said": a name and a description set off by a
    pair of dashes, which the parser reads as a modifier of the description; the name speaks."""
    dashes = [c for c in t.children if c.text in _DASHES]
    opening = next((c for c in dashes if c.i < t.i), None)
    if opening is None or not any(c.i > t.i for c in dashes):
        return t
    name = next((c for c in t.lefts if c.i < opening.i and not c.is_punct), None)
    if name is None or not (name.pos_ == "PROPN" or name.ent_type_ == "PERSON" or name.is_title):
        return t
    return name


def _past_credit(t: Token) -> Token:
    """A line that opens with the outlet's credit or a dateline ("Newswire.com – Former governor
    X said …") gives the parser the credit as the subject and the speaker as its apposition: the
    speaker is the phrase after the dash."""
    doc = t.doc
    if not (t.is_sent_start or t.i == 0 or "\n" in doc[t.i - 1].text or doc[t.left_edge.i].is_sent_start):
        return t
    dash = next((c for c in t.rights if c.text in _DASHES and c.i == t.i + 1), None)
    if dash is None:
        return t
    after = next((c for c in t.rights if c.i > dash.i and c.dep_ in {"appos", "conj", "dep", "npadvmod"}), None)
    return after if after is not None and after.pos_ in {"PROPN", "NOUN"} else t


_DASHES = {"–", "—", "-", "--"}


def _subject_of(v: Token) -> Token | None:
    agent = _agent(v)
    if agent is not None:
        # "was told by the chairman, “…”", "as announced by the ministry": the agent speaks.
        return agent
    inverted = _inverted_object(v)
    if inverted is not None:
        return inverted
    bare = not any(c.dep_ in SUBJ_DEPS or c.dep_ == "aux" for c in v.children)
    if bare and (v.tag_ == "VBN" or (v.tag_ == "VBD" and v.dep_ == "advcl" and v.i < v.head.i)):
        # A bare passive participle ("when asked whether …", "told of the plan, …", also when
        # the tagger reads a fronted one as a past tense, "Asked whether …, X said"): whoever it
        # inherits a subject from was the addressee, not the speaker.
        return None
    if not any(c.dep_ in SUBJ_DEPS for c in v.children) and (named := _named_before(v)) is not None:
        return named
    cur: Token | None = v
    for _ in range(4):
        if cur is None:
            return None
        vi = cur.i
        # The parser sometimes gives a verb two subjects, one of them the subject of the report
        # it failed to open ("Lee, in a speech, said the plan …", "Visitors, said Lee, are …"):
        # a person is the speaker before a thing is; otherwise the nearest wins.
        subjects = sorted(
            (c for c in cur.children if c.dep_ in SUBJ_DEPS),
            key=lambda c: (not personal(v.doc, c), abs(c.i - vi)),
        )
        if subjects:
            c = subjects[0]
            if cur is v and c.dep_ == "nsubjpass":
                return None  # "Miller was asked / told …": the subject is the addressee
            if c.dep_ == "nsubjpass" and v.lemma_.lower() in ADDRESSEE_LEMMAS and not _has_object(v):
                return None  # "I was called in and told that …": told, not telling
            if c.lower_ in {"who", "which", "that"} and cur.dep_ == "relcl":
                return cur.head
            return c
        if cur.dep_ == "acl" and cur.head.pos_ in {"NOUN", "PROPN"}:
            poss = next((c for c in cur.head.children if c.dep_ == "poss"), None)
            if poss is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
                # "the mayor's choice to announce that …", "his refusal to tell …": the one whose
                # choice it is speaks, not the choice.
                return poss
            return cur.head  # "a message stating …": the message speaks
        # The parser sometimes hangs a subject name right before its verb as a loose modifier.
        left = [c for c in cur.lefts if c.dep_ in {"npadvmod", "dep", "nmod"} and c.pos_ == "PROPN"]
        if left and left[-1].right_edge.i >= cur.i - 1:
            return left[-1]
        if cur.dep_ in {"conj", "advcl", "xcomp", "pcomp", "acl", "prep"} and cur.head is not cur:
            cur = cur.head
            continue
        return None
    return None


def _inverted_object(v: Token) -> Token | None:
    """ "“…,” added the senator, speaking to …" / "“…”, added the agency.": a cue right after a
    closing quotation mark, with no subject of its own, whose noun phrase right after it the parser
    read as its object (or the tagger its participle as a passive): in that inversion the noun
    phrase is the speaker."""
    if any(c.dep_ in SUBJ_DEPS for c in v.children):
        return None
    doc = v.doc
    k, quote = v.i - 1, False
    while k >= max(0, v.i - 3) and doc[k].is_punct:
        quote = quote or doc[k].is_quote
        k -= 1
    if not quote or v.i + 1 >= len(doc):
        return None
    obj = next((c for c in v.rights if c.dep_ in {"dobj", "attr", "oprd", "dative"}), None)
    if obj is None or obj.left_edge.i != v.i + 1 or obj.pos_ not in {"NOUN", "PROPN"}:
        return None
    return obj


def _agent(v: Token) -> Token | None:
    if v.tag_ != "VBN":
        return None
    by = next((c for c in v.children if c.dep_ == "agent"), None)
    if by is None:
        return None
    return next((c for c in by.children if c.dep_ == "pobj"), None)


def _has_object(v: Token) -> bool:
    return any(c.dep_ in {"dobj", "dative", "iobj", "obj"} for c in v.children)


def _named_before(v: Token) -> Token | None:
    """ "Tom Molomby, SC, said …" / "Lydia Buchtmann, from the food agency, says …": a person's
    name whose own modifiers are all that stand before the verb, which the parser left unattached
    as its subject."""
    doc = v.doc
    for i in range(v.i - 1, max(-1, v.i - 12), -1):
        t = doc[i]
        if t.ent_type_ != "PERSON" or t.is_punct:
            continue
        # The nearest name token from the right is the name's last token (its head in spaCy).
        inside = {x.i for x in t.subtree}
        return t if all(k in inside or doc[k].is_punct for k in range(i + 1, v.i)) else None
    return None


def np_span(doc: Doc, head: Token) -> Span:
    """The noun phrase of a subject, cut before appositions, relative clauses and commas."""
    left = head.left_edge.i
    right = head.i
    for c in head.rights:
        if c.is_punct and c.text == ",":
            continue
        if (
            c.dep_ in {"compound", "flat", "nummod", "cc", "conj"}
            or (c.dep_ == "prep" and c.i == right + 1 and c.lower_ in {"of", "to", "for", "at"})
            or (c.dep_ == "appos" and _named(c))
        ):
            # Coordinated subjects ("author and professor Jane Q. Doe") and a named
            # apposition ("the curator, John Smith", "the carrier, Skyway") stay whole.
            right = max(right, c.right_edge.i)
        else:
            break
    for t in doc[left : head.i]:
        if (t.is_punct and t.text in {",", "(", ")", "—", "–"}) or t.is_space:
            left = t.i + 1
        elif t.text in {"-", "--"} and t.i > 0 and t.whitespace_ and doc[t.i - 1].whitespace_:
            left = t.i + 1  # a spaced hyphen as a dash ("BERLIN (Wire) - Chancellor X"), not "Jean-Paul"
    while left < head.i and (doc[left].is_quote or doc[left].is_space):
        left += 1  # an opening mark of the quotation before the phrase is not part of it
    while right > head.i and (doc[right].is_space or doc[right].text in {",", "(", "—", "–"}):
        right -= 1
    return doc[left : right + 1]


def _named(t: Token) -> bool:
    """A name, whatever entity type the tagger gave it, but not a date or a number."""
    return t.ent_type_ == "PERSON" or (
        t.pos_ == "PROPN" and t.ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"}
    )


def clause_chars(doc: Doc, tok: Token) -> tuple[int, int]:
    s, e = tok.left_edge.i, tok.right_edge.i
    while s < e and (doc[s].is_punct or (doc[s].lower_ == "that" and doc[s].dep_ == "mark")):
        s += 1
    while e > s and doc[e].is_punct:
        e -= 1
    return doc[s].idx, doc[e].idx + len(doc[e].text)


def personal(doc: Doc, t: Token) -> bool:
    """Whether a subject is a person: a named person, a personal pronoun, or a person noun."""
    span = np_span(doc, t)
    if any(x.ent_type_ == "PERSON" for x in span):
        return True
    if t.lower_ in PERSON_PRONOUNS:
        return True
    return t.pos_ == "NOUN" and t.lemma_.lower() in PERSON_NOUNS


def relative_subject(v: Token, subj: Token | None) -> Token | None:
    """ "who" in "X, who said …" when the subject found for `v` is the noun it stands for."""
    if subj is None or v.dep_ != "relcl" or v.head.i != subj.i:
        return None
    return next((c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"who", "that"}), None)
