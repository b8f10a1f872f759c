"""Who can be a speaker: actors, pronouns, person and source nouns."""

from __future__ import annotations

from spacy.tokens import Span, Token

from stanceline.nlp.actors.coref import (
    ORG_NOUNS,
    PERSON_NOUNS,
    STATE_NOUNS,
    CorefState,
)
from stanceline.nlp.quotes.lexicon import SAYING_LEMMAS, SOURCE_NOUNS

_PRONOUNS = frozenset({"it", "you", "i", "we", "they", "he", "she", "his", "her", "its", "their", "my", "our"})


def can_speak(subj: Span, state: CorefState, verb: Token | None = None) -> bool:
    """Whether a clause subject can be a speaker: an actor, a pronoun, a person or source noun, or
    any noun that a verb only sources do has as its subject ("the regulator said …")."""
    if _subject_is_actorish(subj, state):
        return True
    root = subj.root
    if (
        verb is not None
        and verb.lemma_.lower() in SAYING_LEMMAS
        and verb.tag_ != "VBG"
        and root.pos_ in {"NOUN", "PROPN"}
    ):
        # Not a gerund, whose subject is inherited from the phrase it hangs in ("laws barring
        # them from claiming asylum"): there the verb need not be speech at all.
        return True
    # Possessive pronouns are the source of a statement noun ("his claim that …").
    if root.pos_ == "PROPN" or root.is_title or root.lower_ in _PRONOUNS:
        return True
    if any(c.dep_ in {"appos", "compound"} and c.pos_ == "PROPN" for c in root.children):
        # A noun with a name beside it ("councillor Helen Park", "the carrier, Skyway"): the named
        # one speaks, whatever the noun.
        return True
    lemma = root.lemma_.lower()
    return lemma in PERSON_NOUNS or lemma in ORG_NOUNS or lemma in STATE_NOUNS or _source_noun(root)


def can_hold_findings(subj: Span, state: CorefState) -> bool:
    """Who can 'find', 'show' or 'believe' something worth attributing: an actor, a person, or a
    source of evidence ("the researchers found", "the results show")."""
    if _subject_is_actorish(subj, state):
        return True
    return subj.root.pos_ == "NOUN" and (_source_noun(subj.root) or subj.root.lemma_.lower() in PERSON_NOUNS)


def _source_noun(t: Token) -> bool:
    """A source noun as written or by its lemma: the list keeps plurals whose sense differs from
    the singular's ("the results show", "figures suggest", "findings indicate": a result or a
    figure says nothing)."""
    return t.lemma_.lower() in SOURCE_NOUNS or t.lower_ in SOURCE_NOUNS


def _subject_is_actorish(subj: Span, state: CorefState) -> bool:
    if any(m.start < subj.end_char and m.end > subj.start_char for m in state.mentions):
        return True
    return subj.root.lower_ in {"he", "she", "they", "i", "we"}
