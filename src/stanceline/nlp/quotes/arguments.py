"""Quotations inside a verb's object: "called the idea “…”", "spoke of “…”", "repeated the claim
that “…”".
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from stanceline.nlp.actors.coref import ORG_NOUNS, STATE_NOUNS
from stanceline.nlp.quotes.lexicon import (
    ARGUMENT_LEMMAS,
    CHARACTERISING_LEMMAS,
    NAMING_LEMMAS,
    SUBJ_DEPS,
    TITLE_GLUE,
)
from stanceline.nlp.quotes.marks import find_quoted_spans
from stanceline.nlp.quotes.subjects import Cue, clause_chars, np_span, personal, subject_of


def add_argument_quotes(doc: Doc, cues: list[Cue]) -> None:
    """Give a person's naming/referring/repeating verb the quotation inside its object as content.

    The quotation must hang below the verb through nothing but the verb's own phrases (no clause
    with a subject of its own outside the marks), so "he said the plan they call “…”" stays with
    whoever calls it. A bare participle ("a plan called “…”", "so-called") has no subject and
    names a thing; title-cased words in marks are a name given, not words spoken.
    """
    text = doc.text
    spans = [q for q in find_quoted_spans(text) if q.closed]
    by_verb = {c.verb.i: c for c in cues if not c.according}
    for q in spans:
        inner = doc.char_span(q.start, q.end, alignment_mode="contract")
        if inner is None or not _not_a_name(inner):
            continue
        v = _governing_verb(inner)
        if v is None or v.idx >= q.start:
            continue
        naming = v.lemma_.lower() in NAMING_LEMMAS | CHARACTERISING_LEMMAS and _names_object(v, inner)
        if v.lemma_.lower() in NAMING_LEMMAS and not naming:
            continue
        n_words = sum(1 for t in inner if t.is_alpha)
        if n_words < 1 or (not naming and n_words < 3):
            # A word or two in marks is a term or scare quote, unless they are what a speaker
            # called something: the complement of a naming or characterising verb ("called the
            # ruling “unfair”", "described the vote as “historic”", "branded the plan “reckless”")
            # is put in marks because those are the speaker's own words, however few: a verdict.
            continue
        known = by_verb.get(v.i)
        if known is not None and known.content is not None:
            continue
        subj_tok = subject_of(v)
        if subj_tok is None or not _voiced(doc, subj_tok):
            continue
        content = (_argument_start(doc, v, inner), q.end)
        if known is not None:
            known.content, known.argument = content, True
        else:
            cue = Cue(v, np_span(doc, subj_tok), content, argument=True)
            cues.append(cue)
            by_verb[v.i] = cue


def _voiced(doc: Doc, t: Token) -> bool:
    """A subject that can have words of its own: a person, or a body that speaks as one ("the
    council called it “…”", "what it called “…”", "the union accused them of “…”")."""
    if personal(doc, t) or t.lower_ in {"it", "they"}:
        return True
    if t.ent_type_ in {"ORG", "GPE", "NORP"}:
        return True
    if t.pos_ == "PROPN" or any(c.dep_ in {"appos", "compound"} and c.pos_ == "PROPN" for c in t.children):
        # A name whatever type the tagger gave it ("Helen Park" read as a place), or a noun with a
        # name beside it ("councillor Helen Park"): a place or a building does not call things
        # anything, so the name is someone's.
        return True
    lemma = t.lemma_.lower()
    # A document ("the report called the delays “…”") stays the writer's wording; any other noun
    # that names or judges something ("the harbour master called it “…”") is a person or body.
    return t.pos_ == "NOUN" and (lemma in ORG_NOUNS or lemma in STATE_NOUNS or lemma not in _DOCUMENTS)


# Things written rather than people or bodies: their wording is the writer's.
_DOCUMENTS = frozenset(
    {"report", "study", "survey", "analysis", "paper", "article", "document", "review", "audit", "book", "film"}
    | {"headline", "poll", "data"}
)


def _argument_start(doc: Doc, v: Token, inner: Span) -> int:
    """Where the words credited to the speaker begin: at a 'that'-clause holding the quotation
    ("repeated the claim that “…”" credits the claim, not the noun), else right after the verb
    and its particles ("referred to …")."""
    cur = inner.root
    while cur.i != v.i and cur.head.i != cur.i:
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in cur.children):
            return clause_chars(doc, cur)[0]
        cur = cur.head
    first = v.i + 1
    while first < inner.start and doc[first].dep_ in {"prep", "prt", "advmod"} and doc[first].head.i == v.i:
        first += 1
    return doc[first].idx


def _names_object(v: Token, inner: Span) -> bool:
    root = inner.root
    if root.head.i == v.i:
        return root.dep_ in {"oprd", "xcomp", "attr", "dobj", "ccomp"}
    if root.dep_ in {"acl", "amod", "appos"} and root.head.dep_ in {"dobj", "oprd"} and root.head.head.i == v.i:
        # "called the plan “poorly designed”", parsed as a modifier of the object; "what she
        # called the firm's “careless” conduct", a modifier of the name given
        return True
    as_ = root.head
    # "described it as “…”"; the parser may hang "as" on the object ("dismissed the promise as “…”")
    return as_.lower_ == "as" and (as_.head.i == v.i or (as_.head.dep_ == "dobj" and as_.head.head.i == v.i))


def _not_a_name(inner: Span) -> bool:
    words = [t for t in inner if t.is_alpha]
    if not words:
        return False
    if inner.root.pos_ == "PROPN":
        return False  # headed by a name ("dubbed it “Operation Sunrise, phase two”"): a title
    return not all(t.is_title or t.is_upper or t.lower_ in TITLE_GLUE for t in words)


def _governing_verb(inner: Span) -> Token | None:
    """The argument verb the quotation hangs from, climbing only through tokens inside the marks
    and subjectless phrases outside them."""
    cur = inner.root
    for _ in range(8):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if inner.start <= cur.i < inner.end:
            continue
        if cur.lemma_.lower() in ARGUMENT_LEMMAS and cur.pos_ == "VERB":
            return cur
        if any(c.dep_ in SUBJ_DEPS for c in cur.children):
            return None
        if cur.pos_ in {"VERB", "AUX"} and not (cur.dep_ in {"pcomp", "xcomp"} and cur.tag_ in {"VBG", "VB"}):
            # A subjectless gerund or infinitive ("accused them of having “…”", "of wanting
            # to take “…”") is the argument verb's own phrase; any other verb has its own voice.
            return None
    return None
