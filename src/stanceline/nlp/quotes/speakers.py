"""Who can be a speaker: actors, pronouns, person and source nouns."""

from __future__ import annotations

from spacy.tokens import Span

from stanceline.nlp.actors.coref import (
    ORG_NOUNS,
    PERSON_NOUNS,
    STATE_NOUNS,
    CorefState,
)
from stanceline.nlp.quotes.lexicon import SOURCE_NOUNS


def can_speak(subj: Span, state: CorefState) -> bool:
    """Whether a clause subject can be a speaker: an actor, a pronoun, a person or source noun."""
    if _subject_is_actorish(subj, state):
        return True
    root = subj.root
    if root.pos_ == "PROPN" or root.is_title or root.lower_ in {"it", "you", "i", "we", "they", "he", "she"}:
        return True
    lemma = root.lemma_.lower()
    return lemma in PERSON_NOUNS or lemma in ORG_NOUNS or lemma in STATE_NOUNS or lemma in SOURCE_NOUNS


def can_hold_findings(subj: Span, state: CorefState) -> bool:
    """Who can 'find', 'show' or 'believe' something worth attributing: an actor, a person, or a
    source of evidence ("the researchers found", "the results show")."""
    if _subject_is_actorish(subj, state):
        return True
    lemma = subj.root.lemma_.lower()
    return subj.root.pos_ == "NOUN" and (lemma in SOURCE_NOUNS or lemma in PERSON_NOUNS)


def _subject_is_actorish(subj: Span, state: CorefState) -> bool:
    if any(m.start < subj.end_char and m.end > subj.start_char for m in state.mentions):
        return True
    return subj.root.lower_ in {"he", "she", "they", "i", "we"}
