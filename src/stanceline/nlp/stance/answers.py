"""A yes or a no given to a question about the proposition ("Asked whether she would back it,
she said: 'No.'", "When asked if he backed it, the mayor said yes"): the question's content,
answered, is the speaker's. A longer reply is read where it stands, not here."""

from __future__ import annotations

from typing import Any

from stanceline.nlp.stance import lexicon as lex
from stanceline.nlp.stance import polarity as pol

# One-word answers; "absolutely", "certainly", "of course" followed by "not" say no.
_YES = frozenset({"yes", "yeah", "yep", "absolutely", "certainly", "definitely", "sure"})
_NO = frozenset({"no", "nope", "never"})
_ANSWER_VERBS = lex.SPEECH_VERBS | {"reply", "answer", "respond", "retort"}


def answered(node: Any) -> tuple[int, Any, Any] | None:
    """(+1 yes / -1 no, the answer word, the verb that gives it) when `node` heads a yes-no
    question ("whether"/"if") put to someone who answers it with a bare yes or no."""
    if not any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in node.children):
        return None
    ask = node.head
    if pol.lemma(ask) != "ask" or node.dep_ not in {"ccomp", "advcl"} or ask.dep_ != "advcl":
        return None
    verb = ask.head
    if pol.lemma(verb) not in _ANSWER_VERBS:
        return None
    sent = verb.sent
    after = [t for t in sent if t.i > verb.i and not t.is_punct]
    before = [t for t in sent if t.i < ask.left_edge.i and not t.is_punct]
    for words in (after, before):
        if words:
            got = _answer(words)
            if got is not None:
                return got[0], got[1], verb
    return None


def _answer(words: list[Any]) -> tuple[int, Any] | None:
    first = words[0]
    low = first.lower_
    nxt = first.nbor(1) if first.i + 1 < len(first.doc) else None
    if low == "of" and len(words) > 1 and words[1].lower_ == "course":
        first, nxt = words[1], words[1].nbor(1) if words[1].i + 1 < len(first.doc) else None
        low = "certainly"
    if low not in _YES | _NO:
        return None
    if nxt is not None and nxt.lower_ == "not" and low in _YES:
        return -1, nxt  # "absolutely not"
    if nxt is not None and not nxt.is_punct:
        return None  # "no decision has been taken": a sentence, not an answer
    return (1 if low in _YES else -1), first
